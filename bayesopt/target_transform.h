// TargetTransform: maps objective values (smaller is better) to the GP's standardised targets. Values
// far above the bulk are capped first, so one catastrophic but finite trial (a loss of 1e9) cannot
// flatten the rest of the landscape; the good side, where the optimum lies, is never touched.
#pragma once

#include <Eigen/Core>

namespace bayesopt {

class TargetTransform {
 public:
  explicit TargetTransform(const Eigen::VectorXd& values);

  double operator()(double value) const;
  // The transformed worst observed value: where failed trials are imputed.
  double worst() const { return (*this)(worst_); }

  // Values above q3 + kCapIqr * (q3 - q1) are capped there.
  static constexpr double kCapIqr = 3.0;

 private:
  double cap_;
  double worst_;
  double mean_;
  double scale_;
};

}  // namespace bayesopt
