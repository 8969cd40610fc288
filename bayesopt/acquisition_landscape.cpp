#include "bayesopt/acquisition_landscape.h"

#include <cmath>

namespace bayesopt {

AcquisitionLandscape::AcquisitionLandscape(const GaussianProcess& gp, const Acquisition& acquisition, double incumbent,
                                           const FailurePenalty& penalty, const PendingOutcomes* pending,
                                           FidelityInputs inputs)
    : gp_(gp), acquisition_(acquisition), incumbent_(incumbent), penalty_(penalty), pending_(pending), inputs_(inputs) {}

// With pending draws, this is the greedy step of a batch acquisition such as q-EI: the expected utility
// of adding x to the pending points, integrated over their outcomes by the draws and over x's own
// outcome analytically (the acquisition's closed form), so only the pending dimensions are sampled.
AcquisitionLandscape::Combined AcquisitionLandscape::acquire(double mean, double variance,
                                                             const Eigen::VectorXd& loadings) const {
  const double sd = std::sqrt(variance);
  if (!pending_) {
    const AcquisitionScore a = acquisition_.score(mean, sd, incumbent_);
    return {a.value, a.d_mean, a.d_sd, {}};
  }
  const Eigen::MatrixXd& z = pending_->scores();
  const Eigen::VectorXd shifts = z.transpose() * loadings;
  const Eigen::Index draws = shifts.size();
  Eigen::VectorXd values(draws);
  Eigen::VectorXd d_means(draws);
  Eigen::VectorXd d_sds(draws);
  for (Eigen::Index s = 0; s < draws; ++s) {
    const AcquisitionScore a = acquisition_.score(mean + shifts[s], sd, pending_->incumbents()[s]);
    values[s] = a.value;
    d_means[s] = a.d_mean;
    d_sds[s] = a.d_sd;
  }
  // The weight of each draw in the combined score's derivatives: softmax for log-mean-exp, else uniform.
  Eigen::VectorXd weights;
  double value;
  if (acquisition_.is_log_of_expectation()) {
    const double top = values.maxCoeff();
    weights = (values.array() - top).exp();
    const double total = weights.sum();
    weights /= total;
    value = top + std::log(total / double(draws));
  } else {
    weights = Eigen::VectorXd::Constant(draws, 1.0 / double(draws));
    value = values.mean();
  }
  const Eigen::VectorXd weighted_d_mean = weights.cwiseProduct(d_means);
  return {value, weighted_d_mean.sum(), weights.dot(d_sds), z * weighted_d_mean};
}

Eigen::VectorXd AcquisitionLandscape::scores(const Eigen::MatrixXd& points) const {
  Eigen::VectorXd mean;
  Eigen::VectorXd variance;
  Eigen::MatrixXd loadings;
  gp_.predict(inputs_.at_full_budget(points), mean, variance, pending_ ? &loadings : nullptr);
  Eigen::VectorXd out = penalty_(points);
  const Eigen::VectorXd none;
  for (Eigen::Index i = 0; i < out.size(); ++i) {
    out[i] += acquire(mean[i], variance[i], pending_ ? Eigen::VectorXd(loadings.col(i)) : none).value;
  }
  return out;
}

double AcquisitionLandscape::score(const Eigen::VectorXd& x, Eigen::VectorXd& gradient) const {
  const GaussianProcess::PredictionWithGradient p = gp_.predict_with_gradient(inputs_.at_full_budget(x), pending_ != nullptr);
  const double sd = std::sqrt(p.variance);
  const Combined a = acquire(p.mean, p.variance, p.fantasy_loadings);
  // d sd / dx = d variance / dx / (2 sd); the budget coordinate is fixed, so only x's own rows count.
  const Eigen::Index d = x.size();
  gradient = a.d_mean * p.mean_gradient.head(d) + (a.d_sd / (2.0 * sd)) * p.variance_gradient.head(d);
  if (pending_) gradient += p.fantasy_loadings_gradient.topRows(d) * a.d_loadings;
  return a.value + penalty_.with_gradient(x, gradient);
}

}  // namespace bayesopt
