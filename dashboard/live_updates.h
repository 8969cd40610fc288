// LiveView: what changed in one sweep since a page's cursor, as the JSON the page merges: the changed
// trials' rows and only the metric points it does not have yet (their steps after the ones it names).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "report/report_model.h"
#include "report/trial_axes.h"
#include "results/result_store.h"

namespace dashboard {

// Limits that keep one updates response small whatever the page asks.
inline constexpr std::size_t kMaxUpdatePoints = 100'000;  // more than this: the page reloads the model
inline constexpr std::size_t kMaxKnownTrials = 10'000;

struct UpdatesRequest {
  double since = 0;                               // the cursor of the page's last model or updates
  std::map<std::int64_t, std::int64_t> known;     // trial (attempt) id -> last step of the metric it has
};

// Parses "since=<t>&known=<id>:<step>,<id>:<step>"; nullopt when malformed or over the limits.
std::optional<UpdatesRequest> parse_updates_query(const std::string& query);

class LiveView {
 public:
  // The sweep's axes come from its spec (or, when that does not parse, from its trials so far); the
  // metric and goal from options, as the sweep's model has them (report::build_report_model).
  LiveView(const results::ResultStore& store, const results::SweepRecord& sweep,
           const report::ReportOptions& options = {});

  // {"cursor", "sweep_state", "trials": [row...], "points": [{"id","trial","points":[s,v,...]}], "reload"}.
  // cursor is read before anything else, so a change made during the call is sent again next time
  // rather than lost; the page keeps a trial's points by step, so a repeat adds nothing.
  nlohmann::json updates(const results::ResultStore& store, const UpdatesRequest& request) const;

 private:
  results::SweepRecord sweep_;
  std::string metric_;
  bool maximize_ = true;
  bool axes_from_spec_ = false;  // false: a new trial may change the axes, so the page reloads the model
  report::TrialAxes axes_;
};

}  // namespace dashboard
