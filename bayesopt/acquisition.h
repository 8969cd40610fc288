// Acquisition: scores a GP prediction (mean, standard deviation, standardised units, minimising) by how
// much evaluating it is worth: log expected improvement over the incumbent, or an upper confidence bound.
#pragma once

namespace bayesopt {

struct AcquisitionScore {
  double value;    // larger is better
  double d_mean;   // d value / d mean
  double d_sd;     // d value / d standard deviation
};

// log EI: the log of E[max(best - f, 0)], finite however unlikely an improvement is.
struct LogExpectedImprovement {
  double best;  // incumbent (smallest observed standardised target)
  AcquisitionScore operator()(double mean, double sd) const;
};

// Lower confidence bound for minimisation, negated: -(mean - beta sd).
struct UpperConfidenceBound {
  double beta;
  AcquisitionScore operator()(double mean, double sd) const;
};

}  // namespace bayesopt
