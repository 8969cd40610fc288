// The expected-improvement function h(z) = z Phi(z) + phi(z) on the log scale, computed stably for
// every z: EI = sigma * h(z), and its logarithm stays finite and informative deep into the lower tail.
#pragma once

namespace bayesopt {

// log(z Phi(z) + phi(z)).
double log_expected_improvement(double z);
// d/dz log h(z) = Phi(z) / h(z).
double log_expected_improvement_slope(double z);

}  // namespace bayesopt
