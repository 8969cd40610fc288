// AcquisitionLandscape: the function the proposal search maximises over the unit cube: the acquisition of
// the GP's prediction (averaged over the imagined outcomes of pending evaluations, when given) plus the
// failure penalty. Points are configurations; a multi-fidelity GP is asked about them at the full budget.
#pragma once

#include <Eigen/Core>

#include "bayesopt/acquisition.h"
#include "bayesopt/failure_penalty.h"
#include "bayesopt/fidelity_inputs.h"
#include "bayesopt/gaussian_process.h"
#include "bayesopt/pending_outcomes.h"

namespace bayesopt {

class AcquisitionLandscape {
 public:
  // Holds references: every argument must outlive the landscape. pending: draws over gp's fantasies, or
  // null to score the GP's prediction as it stands (one incumbent, no averaging). inputs: how a
  // configuration becomes the GP's input (with the full budget appended, for a multi-fidelity GP).
  AcquisitionLandscape(const GaussianProcess& gp, const Acquisition& acquisition, double incumbent,
                       const FailurePenalty& penalty, const PendingOutcomes* pending = nullptr,
                       FidelityInputs inputs = FidelityInputs());

  Eigen::VectorXd scores(const Eigen::MatrixXd& points) const;  // one per column
  double score(const Eigen::VectorXd& x, Eigen::VectorXd& gradient) const;

 private:
  struct Combined {
    double value;
    double d_mean;
    double d_sd;
    Eigen::VectorXd d_loadings;  // per fantasy; empty without pending draws
  };
  Combined acquire(double mean, double variance, const Eigen::VectorXd& loadings) const;

  const GaussianProcess& gp_;
  const Acquisition& acquisition_;
  double incumbent_;
  const FailurePenalty& penalty_;
  const PendingOutcomes* pending_;
  FidelityInputs inputs_;
};

}  // namespace bayesopt
