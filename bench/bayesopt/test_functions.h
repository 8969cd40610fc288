// TestFunction: a benchmark objective over a SearchSpace with a known global minimum, so the simple
// regret of an optimiser can be measured.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "bayesopt/search_space.h"

namespace bench {

struct TestFunction {
  std::string name;
  bayesopt::SearchSpace space;
  std::function<double(const bayesopt::Assignment&)> evaluate;
  double minimum;
};

TestFunction branin();
TestFunction hartmann6();
TestFunction ackley5();
// Log-continuous + integer + categorical, shaped like a training-loss surface.
TestFunction mixed();

std::vector<TestFunction> all_test_functions();

}  // namespace bench
