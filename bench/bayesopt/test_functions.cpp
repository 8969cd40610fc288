#include "test_functions.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace bench {
namespace {

using bayesopt::Assignment;
using bayesopt::Parameter;

double number(const Assignment& a, const std::string& name) {
  const auto& v = a.at(name);
  if (const auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
  return std::get<double>(v);
}

// Built by appending: GCC 12 warns falsely (-Wrestrict) on "x" + std::to_string(i).
std::string coordinate_name(int i) {
  std::string name = "x";
  name += std::to_string(i);
  return name;
}

std::vector<Parameter> box(int dimensions, double low, double high) {
  std::vector<Parameter> parameters;
  for (int i = 0; i < dimensions; ++i) parameters.push_back(Parameter::continuous(coordinate_name(i), low, high));
  return parameters;
}

std::vector<double> coordinates(const Assignment& a, int dimensions) {
  std::vector<double> x(dimensions);
  for (int i = 0; i < dimensions; ++i) x[i] = number(a, coordinate_name(i));
  return x;
}

}  // namespace

TestFunction branin() {
  auto f = [](const Assignment& a) {
    const double x = number(a, "x0");
    const double y = number(a, "x1");
    const double b = 5.1 / (4.0 * std::numbers::pi * std::numbers::pi);
    const double c = 5.0 / std::numbers::pi;
    const double t = 1.0 / (8.0 * std::numbers::pi);
    return std::pow(y - b * x * x + c * x - 6.0, 2) + 10.0 * (1.0 - t) * std::cos(x) + 10.0;
  };
  std::vector<Parameter> p{Parameter::continuous("x0", -5.0, 10.0), Parameter::continuous("x1", 0.0, 15.0)};
  return {"branin", bayesopt::SearchSpace(p), f, 0.39788735772973816};
}

TestFunction hartmann6() {
  auto f = [](const Assignment& a) {
    static constexpr double alpha[4] = {1.0, 1.2, 3.0, 3.2};
    static constexpr double A[4][6] = {{10, 3, 17, 3.5, 1.7, 8},
                                       {0.05, 10, 17, 0.1, 8, 14},
                                       {3, 3.5, 1.7, 10, 17, 8},
                                       {17, 8, 0.05, 10, 0.1, 14}};
    static constexpr double P[4][6] = {{0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886},
                                       {0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991},
                                       {0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650},
                                       {0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381}};
    const std::vector<double> x = coordinates(a, 6);
    double total = 0.0;
    for (int i = 0; i < 4; ++i) {
      double inner = 0.0;
      for (int j = 0; j < 6; ++j) inner += A[i][j] * (x[j] - P[i][j]) * (x[j] - P[i][j]);
      total -= alpha[i] * std::exp(-inner);
    }
    return total;
  };
  return {"hartmann6", bayesopt::SearchSpace(box(6, 0.0, 1.0)), f, -3.3223680114155147};
}

namespace {

double ackley(const std::vector<double>& x) {
  double squares = 0.0;
  double cosines = 0.0;
  for (double v : x) {
    squares += v * v;
    cosines += std::cos(2.0 * std::numbers::pi * v);
  }
  const double n = static_cast<double>(x.size());
  return -20.0 * std::exp(-0.2 * std::sqrt(squares / n)) - std::exp(cosines / n) + 20.0 + std::numbers::e;
}

}  // namespace

TestFunction ackley5() {
  auto f = [](const Assignment& a) { return ackley(coordinates(a, 5)); };
  return {"ackley5", bayesopt::SearchSpace(box(5, -32.768, 32.768)), f, 0.0};
}

TestFunction ackley5_offcentre() {
  auto f = [](const Assignment& a) { return ackley(coordinates(a, 5)); };
  return {"ackley5_offcentre", bayesopt::SearchSpace(box(5, -25.0, 40.5)), f, 0.0};
}

namespace {

// Best learning rate (log10) and penalty of each optimizer in the mixed problem.
struct OptimizerShape {
  const char* name;
  double best_log_lr;
  double offset;
};
constexpr OptimizerShape kOptimizers[] = {{"sgd", -1.0, 0.8}, {"momentum", -2.0, 0.3}, {"adam", -3.2, 0.0}};

double width_term(double width) { return 0.3 * std::pow(std::log2(width) - 7.5, 2); }

}  // namespace

TestFunction mixed() {
  auto f = [](const Assignment& a) {
    const std::string& name = std::get<std::string>(a.at("optimizer"));
    const auto* shape = std::find_if(std::begin(kOptimizers), std::end(kOptimizers),
                                     [&](const OptimizerShape& s) { return name == s.name; });
    const double u = std::log10(number(a, "lr")) - shape->best_log_lr;
    const double v = number(a, "dropout") - 0.25;
    const double layers = number(a, "layers") - 3.0;
    // A coupled (positive definite) quadratic in lr and dropout, plus separable terms.
    return 0.5 * u * u + 2.0 * v * v + 0.5 * u * v + 0.2 * layers * layers + width_term(number(a, "width")) +
           shape->offset;
  };
  std::vector<Parameter> p{Parameter::continuous("lr", 1e-5, 1.0, true), Parameter::integer("width", 16, 512, true),
                           Parameter::integer("layers", 1, 6),
                           Parameter::categorical("optimizer", {"sgd", "momentum", "adam"}),
                           Parameter::continuous("dropout", 0.0, 0.7)};
  double best_width = std::numeric_limits<double>::infinity();
  for (int w = 16; w <= 512; ++w) best_width = std::min(best_width, width_term(w));
  return {"mixed", bayesopt::SearchSpace(p), f, best_width};
}

std::vector<TestFunction> all_test_functions() {
  return {branin(), hartmann6(), ackley5(), ackley5_offcentre(), mixed()};
}

}  // namespace bench
