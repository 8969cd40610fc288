// Hyperband: early termination as W&B's sweeps define it. Brackets ("bands") are the numbers of
// metric reports at which a running trial is compared with every trial that reached that band.
#pragma once

#include <cstdint>
#include <map>
#include <vector>

#include "orchestrator/spec/sweep_spec.h"

namespace orchestrator {

// A trial's metric values in the order reported (non-finite values already left out).
using MetricHistory = std::vector<double>;

class Hyperband {
 public:
  // Bands from max_iter and s (max_iter/eta, max_iter/eta^2, ... s of them, those >= 1), or from
  // min_iter (min_iter, min_iter*eta, ...). Throws std::invalid_argument naming the field when the
  // settings yield no band or eta <= 1.
  Hyperband(const EarlyTerminate& settings, bool maximize);

  const std::vector<std::int64_t>& bands() const { return bands_; }

  // Per band: the value a trial must not be worse than, taken over every trial (running or not)
  // whose history reached the band so that a fraction 1/eta passes. Empty bands have no cutoff.
  std::vector<double> cutoffs(const std::map<std::int64_t, MetricHistory>& histories) const;

  // The running trials to stop. A running trial is judged at the highest band it reached: by its
  // best value so far, or (strict) by its value at that band. Keys are the caller's trial ids.
  std::vector<std::int64_t> trials_to_stop(const std::map<std::int64_t, MetricHistory>& histories,
                                           const std::vector<std::int64_t>& running) const;

 private:
  // Values in "lower is better" form, so maximize and minimize share one comparison.
  double loss(double value) const { return maximize_ ? -value : value; }

  std::vector<std::int64_t> bands_;
  double eta_;
  bool strict_;
  bool maximize_;
};

}  // namespace orchestrator
