#include "bayesopt/search_space.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>
#include <stdexcept>

namespace bayesopt {
namespace {

using Kind = Parameter::Kind;

[[noreturn]] void reject(const Parameter& p, const std::string& what) {
  throw std::invalid_argument("parameter '" + p.name + "': " + what);
}

std::string show(double v) {
  std::ostringstream out;
  out << v;
  return out.str();
}

int width(const Parameter& p) {
  switch (p.kind) {
    case Kind::Constant: return 0;
    case Kind::Categorical: return static_cast<int>(p.choices.size());
    default: return 1;
  }
}

// The interval the unit coordinate spans, in the parameter's own (possibly log) scale.
// Integers are widened by half a step on each side so that every integer owns an equal share.
struct Span {
  double lo;
  double hi;
};

Span span(const Parameter& p) {
  double lo = p.low;
  double hi = p.high;
  if (p.kind == Kind::Integer) {
    lo -= 0.5;
    hi += 0.5;
  }
  if (p.log) return {std::log(lo), std::log(hi)};
  return {lo, hi};
}

// The smallest and largest multiples of q inside [low, high].
std::pair<double, double> quantised_range(const Parameter& p) {
  return {std::ceil(p.low / p.q - 1e-9) * p.q, std::floor(p.high / p.q + 1e-9) * p.q};
}

// Rounds a value of a numeric parameter to the nearest valid one (integer, multiple of q, in bounds).
double round_to_valid(const Parameter& p, double v) {
  if (p.kind == Kind::Integer) return std::clamp(std::round(v), p.low, p.high);
  if (p.q > 0.0) {
    const auto [lo, hi] = quantised_range(p);
    return std::clamp(std::round(v / p.q) * p.q, lo, hi);
  }
  return std::clamp(v, p.low, p.high);
}

double unit_to_number(const Parameter& p, double u) {
  const Span s = span(p);
  const double t = s.lo + std::clamp(u, 0.0, 1.0) * (s.hi - s.lo);
  return round_to_valid(p, p.log ? std::exp(t) : t);
}

double number_to_unit(const Parameter& p, double v) {
  const Span s = span(p);
  const double t = p.log ? std::log(v) : v;
  return std::clamp((t - s.lo) / (s.hi - s.lo), 0.0, 1.0);
}

// Index of the largest coordinate; ties go to the first, so decoding is deterministic.
int argmax_choice(const Eigen::VectorXd& point, int offset, int n) {
  int best = 0;
  for (int i = 1; i < n; ++i) {
    if (point[offset + i] > point[offset + best]) best = i;
  }
  return best;
}

double numeric_value(const Parameter& p, const Value& value) {
  double v = 0.0;
  if (const auto* i = std::get_if<std::int64_t>(&value)) {
    v = static_cast<double>(*i);
  } else if (const auto* d = std::get_if<double>(&value)) {
    v = *d;
  } else {
    reject(p, "expected a number, got the string '" + std::get<std::string>(value) + "'");
  }
  if (!std::isfinite(v)) reject(p, "value is not finite");
  const double tolerance = 1e-9 * std::max(1.0, std::abs(p.high - p.low));
  if (v < p.low - tolerance || v > p.high + tolerance) {
    reject(p, "value " + show(v) + " is outside [" + show(p.low) + ", " + show(p.high) + "]");
  }
  if (p.kind == Kind::Integer && std::abs(v - std::round(v)) > 1e-9) {
    reject(p, "value " + show(v) + " is not an integer");
  }
  return std::clamp(v, p.low, p.high);
}

int choice_index(const Parameter& p, const Value& value) {
  const auto* label = std::get_if<std::string>(&value);
  if (label == nullptr) reject(p, "expected one of the categorical labels, got a number");
  const auto it = std::find(p.choices.begin(), p.choices.end(), *label);
  if (it == p.choices.end()) reject(p, "'" + *label + "' is not one of its choices");
  return static_cast<int>(it - p.choices.begin());
}

void validate(const Parameter& p) {
  if (p.name.empty()) throw std::invalid_argument("a parameter has an empty name");
  switch (p.kind) {
    case Kind::Constant: return;
    case Kind::Categorical: {
      if (p.choices.empty()) reject(p, "a categorical needs at least one choice");
      const std::set<std::string> unique(p.choices.begin(), p.choices.end());
      if (unique.size() != p.choices.size()) reject(p, "categorical choices must be distinct");
      return;
    }
    case Kind::Continuous:
    case Kind::Integer: break;
  }
  if (!std::isfinite(p.low) || !std::isfinite(p.high)) reject(p, "bounds must be finite");
  if (p.kind == Kind::Continuous ? !(p.low < p.high) : !(p.low <= p.high)) {
    reject(p, "needs low < high (got low=" + show(p.low) + ", high=" + show(p.high) + ")");
  }
  if (p.log && !(p.low > 0.0)) reject(p, "log scale requires low > 0 (got low=" + show(p.low) + ")");
  if (p.kind == Kind::Integer && p.q != 0.0) reject(p, "q applies to continuous parameters only");
  if (!(p.q >= 0.0) || !std::isfinite(p.q)) reject(p, "q must be a finite step >= 0 (got " + show(p.q) + ")");
  if (p.q > 0.0) {
    const auto [lo, hi] = quantised_range(p);
    if (lo > hi) reject(p, "no multiple of q=" + show(p.q) + " lies in [" + show(p.low) + ", " + show(p.high) + "]");
  }
}

}  // namespace

Parameter Parameter::continuous(std::string name, double low, double high, bool log, double q) {
  Parameter p;
  p.name = std::move(name);
  p.kind = Kind::Continuous;
  p.low = low;
  p.high = high;
  p.log = log;
  p.q = q;
  return p;
}

Parameter Parameter::integer(std::string name, std::int64_t low, std::int64_t high, bool log) {
  Parameter p;
  p.name = std::move(name);
  p.kind = Kind::Integer;
  p.low = static_cast<double>(low);
  p.high = static_cast<double>(high);
  p.log = log;
  return p;
}

Parameter Parameter::categorical(std::string name, std::vector<std::string> choices) {
  Parameter p;
  p.name = std::move(name);
  p.kind = Kind::Categorical;
  p.choices = std::move(choices);
  return p;
}

Parameter Parameter::fixed(std::string name, Value value) {
  Parameter p;
  p.name = std::move(name);
  p.kind = Kind::Constant;
  p.constant = std::move(value);
  return p;
}

SearchSpace::SearchSpace(std::vector<Parameter> parameters) : parameters_(std::move(parameters)) {
  std::set<std::string> names;
  for (const Parameter& p : parameters_) {
    validate(p);
    if (!names.insert(p.name).second) reject(p, "the name is used twice");
  }
}

int SearchSpace::dimensions() const {
  int total = 0;
  for (const Parameter& p : parameters_) total += width(p);
  return total;
}

Eigen::VectorXd SearchSpace::encode(const Assignment& assignment) const {
  Eigen::VectorXd point = Eigen::VectorXd::Zero(dimensions());
  int offset = 0;
  for (const Parameter& p : parameters_) {
    if (p.kind == Kind::Constant) continue;
    const auto it = assignment.find(p.name);
    if (it == assignment.end()) reject(p, "missing from the configuration");
    if (p.kind == Kind::Categorical) {
      point[offset + choice_index(p, it->second)] = 1.0;
    } else {
      point[offset] = number_to_unit(p, round_to_valid(p, numeric_value(p, it->second)));
    }
    offset += width(p);
  }
  return point;
}

Assignment SearchSpace::decode(const Eigen::VectorXd& point) const {
  if (point.size() != dimensions()) {
    throw std::invalid_argument("decode: point has " + std::to_string(point.size()) + " coordinates, the space " +
                                std::to_string(dimensions()));
  }
  Assignment assignment;
  int offset = 0;
  for (const Parameter& p : parameters_) {
    switch (p.kind) {
      case Kind::Constant: assignment[p.name] = p.constant; break;
      case Kind::Categorical:
        assignment[p.name] = p.choices[argmax_choice(point, offset, width(p))];
        break;
      case Kind::Integer:
        assignment[p.name] = static_cast<std::int64_t>(unit_to_number(p, point[offset]));
        break;
      case Kind::Continuous: assignment[p.name] = unit_to_number(p, point[offset]); break;
    }
    offset += width(p);
  }
  return assignment;
}

Eigen::VectorXd SearchSpace::snap(const Eigen::VectorXd& point) const {
  if (point.size() != dimensions()) {
    throw std::invalid_argument("snap: point has " + std::to_string(point.size()) + " coordinates, the space " +
                                std::to_string(dimensions()));
  }
  // Same result as encode(decode(point)), without building the configuration.
  Eigen::VectorXd snapped = Eigen::VectorXd::Zero(point.size());
  int offset = 0;
  for (const Parameter& p : parameters_) {
    if (p.kind == Kind::Categorical) {
      snapped[offset + argmax_choice(point, offset, width(p))] = 1.0;
    } else if (p.kind != Kind::Constant) {
      snapped[offset] = number_to_unit(p, unit_to_number(p, point[offset]));
    }
    offset += width(p);
  }
  return snapped;
}

Assignment SearchSpace::sample(std::mt19937_64& rng) const {
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  Eigen::VectorXd point(dimensions());
  for (Eigen::Index i = 0; i < point.size(); ++i) point[i] = uniform(rng);
  return decode(point);
}

}  // namespace bayesopt
