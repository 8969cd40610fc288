// TrialAxes: a sweep's parallel-coordinate axes and where a trial's configuration lies on them, so the
// report's model and the dashboard's live updates place a trial on the same axes the same way.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "orchestrator/spec/sweep_spec.h"
#include "report/charts.h"

namespace report {

class TrialAxes {
 public:
  // Every parameter that varies in the spec: categoricals labelled by their choices, log-distributed
  // ones on a log axis.
  static TrialAxes from_spec(const orchestrator::SweepSpec& spec);
  // Without a readable spec: a parameter whose values are all numbers is a numeric axis, any other a
  // categorical one with its values in text order; parameters with one value are left out.
  static TrialAxes from_configs(const std::vector<nlohmann::json>& configs);

  // Places each configuration (one line per config, in order, appended to lines[i].values). A log axis
  // that meets a value <= 0 becomes linear, as a log axis needs positive values.
  void place(const std::vector<nlohmann::json>& configs, std::vector<ParallelLine>& lines);
  // One configuration's values, one per axis (none: missing, or a label the axis does not have).
  std::vector<std::optional<double>> values(const nlohmann::json& config) const;

  const std::vector<ParallelAxis>& axes() const { return axes_; }

 private:
  std::vector<ParallelAxis> axes_;
  std::vector<std::vector<std::string>> paths_;  // per axis: where its value sits in a configuration
  std::vector<std::vector<nlohmann::json>> choices_;  // per categorical spec axis: its values, in order
  bool flat_names_ = false;  // from_configs: paths_ are flattened names ("opt.lr"), not spec paths
};

}  // namespace report
