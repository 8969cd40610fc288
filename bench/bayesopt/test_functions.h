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
// Ackley-5 on the box [-25, 40.5]^5: the optimum (the origin) is off the centre of the box, where a
// space-filling design's centre point would otherwise land next to it.
TestFunction ackley5_offcentre();
// Log-continuous + integer + categorical, shaped like a training-loss surface.
TestFunction mixed();

std::vector<TestFunction> all_test_functions();

}  // namespace bench
