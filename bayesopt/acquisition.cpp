#include "bayesopt/acquisition.h"

#include <cmath>
#include <sstream>
#include <stdexcept>

#include "bayesopt/expected_improvement.h"

namespace bayesopt {
namespace {

std::string quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }

}  // namespace

AcquisitionScore LogExpectedImprovement::score(double mean, double sd, double incumbent) const {
  const double z = (incumbent - mean) / sd;
  const double slope = log_expected_improvement_slope(z);
  return {std::log(sd) + log_expected_improvement(z), -slope / sd, (1.0 - z * slope) / sd};
}

UpperConfidenceBound::UpperConfidenceBound(double beta) : beta_(beta) {
  if (!std::isfinite(beta) || beta < 0.0) {
    std::ostringstream message;
    message << "acquisition ucb: beta is " << beta << "; it must be a finite number >= 0 (standard deviations of optimism)";
    throw std::invalid_argument(message.str());
  }
}

AcquisitionScore UpperConfidenceBound::score(double mean, double sd, double) const {
  return {-(mean - beta_ * sd), -1.0, beta_};
}

std::string acquisition_names() { return "ei, log_ei, ucb"; }

std::shared_ptr<const Acquisition> make_acquisition(std::string_view name, std::optional<double> beta) {
  if (name == "ei" || name == "log_ei") {
    if (beta) throw std::invalid_argument("acquisition " + std::string(name) + ": takes no beta (only ucb does)");
    return std::make_shared<const LogExpectedImprovement>();
  }
  if (name == "ucb") return std::make_shared<const UpperConfidenceBound>(beta.value_or(UpperConfidenceBound::kDefaultBeta));
  throw std::invalid_argument("unknown acquisition " + quoted(name) + " (allowed: " + acquisition_names() + ")");
}

}  // namespace bayesopt
