// SearchSpace: the parameters a sweep varies, and their mapping to and from the unit hypercube
// that the Gaussian process works in. Pure computation: no I/O.
#pragma once

#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <variant>
#include <vector>

#include <Eigen/Core>

namespace bayesopt {

// One parameter's value in a configuration.
using Value = std::variant<std::int64_t, double, std::string>;
// A configuration: parameter name -> value.
using Assignment = std::map<std::string, Value>;

struct Parameter {
  enum class Kind { Constant, Continuous, Integer, Categorical };

  std::string name;
  Kind kind = Kind::Continuous;
  double low = 0.0;   // Continuous, Integer: inclusive bounds in the parameter's own units
  double high = 1.0;
  bool log = false;   // Continuous, Integer: uniform in log(value); requires low > 0
  double q = 0.0;     // Continuous: quantisation step (0 = none); decoded values are multiples of q
  std::vector<std::string> choices;  // Categorical: the labels, decoded as std::string
  Value constant;                    // Constant: the value, never encoded

  static Parameter continuous(std::string name, double low, double high, bool log = false, double q = 0.0);
  static Parameter integer(std::string name, std::int64_t low, std::int64_t high, bool log = false);
  static Parameter categorical(std::string name, std::vector<std::string> choices);
  static Parameter fixed(std::string name, Value value);
};

class SearchSpace {
 public:
  explicit SearchSpace(std::vector<Parameter> parameters);  // throws std::invalid_argument if invalid

  const std::vector<Parameter>& parameters() const { return parameters_; }
  // Dimension of the encoded unit hypercube (continuous/integer: 1, categorical: one-hot width).
  int dimensions() const;

  // Maps a configuration into [0,1]^dimensions(); throws std::invalid_argument on a missing
  // parameter or a value outside the space.
  Eigen::VectorXd encode(const Assignment& assignment) const;
  // Maps any point of [0,1]^dimensions() (clamped) to a valid configuration: integers and
  // quantised values rounded, categoricals by argmax, constants added.
  Assignment decode(const Eigen::VectorXd& point) const;
  // encode(decode(point)): the point snapped to the nearest valid configuration.
  Eigen::VectorXd snap(const Eigen::VectorXd& point) const;
  // A configuration drawn uniformly (in each parameter's own scale).
  Assignment sample(std::mt19937_64& rng) const;

 private:
  std::vector<Parameter> parameters_;
};

}  // namespace bayesopt
