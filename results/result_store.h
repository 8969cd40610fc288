// ResultStore: the SQLite database of sweeps, trials and their metrics (results.db).
// The coordinator is its only writer; queries may run from other processes while it writes.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace results {

// Thrown for every database failure, with SQLite's message and what was being done.
class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Interrupted is never stored: it is how readers see a trial left `running` by a coordinator that is gone
// (see results/interrupted.h); the resume records such a trial as killed.
enum class TrialState { Running, Finished, Failed, Diverged, EarlyTerminated, Killed, Interrupted };
std::string to_string(TrialState state);  // "running", "finished", ..., "early_terminated", "killed", "interrupted"
std::optional<TrialState> parse_trial_state(const std::string& text);

struct SweepRecord {
  std::int64_t id = 0;
  std::string name;
  std::string spec_text;
  std::string spec_hash;
  std::string method;       // grid | random | bayes
  std::string metric;       // the metric the sweep optimises ("" if none)
  std::string goal;         // maximize | minimize
  std::string state;        // running | finished | stopped; readers also see interrupted (results/interrupted.h)
  double created_at = 0;    // unix seconds
  double updated_at = 0;
};

struct TrialRecord {
  std::int64_t id = 0;
  std::int64_t sweep_id = 0;
  int number = 0;                // 1-based within its sweep; a retry keeps the number, attempt grows
  int attempt = 1;
  std::string params_json;       // the configuration, a JSON object
  TrialState state = TrialState::Running;
  std::optional<int> exit_code;
  double started_at = 0;
  std::optional<double> ended_at;
  std::string host;
  std::string log_tail;          // last lines of stderr and non-JSON stdout
  std::string info_json = "{}";  // launcher facts (e.g. slurm job id), termination cause
  std::optional<double> heard_at;  // the coordinator last heard from it running (metrics, heartbeat)
};

struct MetricPoint {
  std::int64_t step = 0;
  std::string name;
  double value = 0;
};

// One trial with the value of the metric it is ranked by.
struct RankedTrial {
  TrialRecord trial;
  double value = 0;       // best value of the metric over the trial's steps (by the goal)
  std::int64_t step = 0;  // a step at which it was reached (the epoch, for the trainer)
};

// One metric of one trial, summarised over its steps (NaN points count but have no value).
struct MetricSummary {
  std::string name;
  std::int64_t points = 0;
  std::int64_t last_step = 0;
  double last = 0;  // value at the last step (NaN if that point was NaN)
  double min = 0;   // over the non-NaN points; NaN if there are none
  double max = 0;
  double best(bool maximize) const { return maximize ? max : min; }
};

struct TrialSummary {
  TrialRecord trial;
  std::vector<MetricSummary> metrics;  // by name
  const MetricSummary* metric(const std::string& name) const;
};

// A sweep with its trials counted by state (latest attempt of each number) and its best trial.
struct SweepSummary {
  SweepRecord sweep;
  int trials = 0;
  int running = 0, finished = 0, failed = 0, diverged = 0, early_terminated = 0, killed = 0, interrupted = 0;
  std::optional<double> best_value;  // of the sweep's metric, by its goal
  std::optional<int> best_trial;     // number of the trial that reached it
};

class ResultStore {
 public:
  // Opens (creating if needed, migrating the schema to the current version) the database at path.
  static ResultStore open(const std::string& path);
  // Opens an existing database without creating it; throws StoreError if it does not exist.
  static ResultStore open_existing(const std::string& path);
  // Opens an existing database read-only (SQLITE_OPEN_READONLY): it never writes, never migrates and
  // never takes the writer's lock. Throws StoreError unless the file is at the current schema version.
  static ResultStore open_read_only(const std::string& path);
  ~ResultStore();
  ResultStore(ResultStore&&) noexcept;
  ResultStore& operator=(ResultStore&&) noexcept;

  static int schema_version();

  // --- sweeps ---
  std::optional<SweepRecord> find_sweep(const std::string& name) const;
  std::int64_t create_sweep(const SweepRecord& sweep);  // id is ignored; returns the new id
  void delete_sweep(std::int64_t sweep_id);            // with its trials and metrics ("start anew")
  void set_sweep_state(std::int64_t sweep_id, const std::string& state);
  std::vector<SweepRecord> sweeps() const;

  // --- trials (written by the coordinator) ---
  std::int64_t start_trial(std::int64_t sweep_id, int number, int attempt, const std::string& params_json,
                           const std::string& host);
  // Records a batch of metric points of one trial in one transaction (a NaN value is stored as NULL).
  void record_metrics(std::int64_t trial_id, const std::vector<MetricPoint>& points);
  // The coordinator's heartbeat: these running trials were alive just now (their heard_at).
  void heard_from(const std::vector<std::int64_t>& trial_ids);
  void finish_trial(std::int64_t trial_id, TrialState state, std::optional<int> exit_code,
                    const std::string& log_tail, const std::string& info_json);
  void set_trial_info(std::int64_t trial_id, const std::string& info_json);
  // Sets summary values of a trial (key -> JSON text), replacing earlier values of the same keys, in one
  // transaction. Throws StoreError if a value is not valid JSON or the trial does not exist.
  void set_summary(std::int64_t trial_id, const std::vector<std::pair<std::string, std::string>>& values);
  // Trials left `running` by a coordinator that died: marked killed, ended when last heard from;
  // returns how many.
  int mark_orphaned_trials(std::int64_t sweep_id);

  // --- queries ---
  std::vector<TrialRecord> trials(std::int64_t sweep_id) const;
  std::optional<TrialRecord> trial(std::int64_t sweep_id, int number) const;  // latest attempt
  std::vector<MetricPoint> metrics(std::int64_t trial_id) const;
  // One metric's points for every trial (attempt) of a sweep, by trial id, in step order: one query for
  // what would otherwise be a metrics() call per trial.
  std::map<std::int64_t, std::vector<MetricPoint>> metric_series(std::int64_t sweep_id, const std::string& name) const;
  // The trial's summary (key -> JSON text), by key; empty if it has none.
  std::vector<std::pair<std::string, std::string>> summary(std::int64_t trial_id) const;
  // The top k trials of a sweep by a metric (best value per trial), best first.
  std::vector<RankedTrial> best_trials(std::int64_t sweep_id, const std::string& metric, bool maximize,
                                       int k) const;

  // --- what changed, for live readers (results/live_queries.cpp) ---
  // The latest time anything happened to the sweep's trials: a start, an end, a metric line or a
  // heartbeat (the coordinator's clock; 0 when there are no trials).
  double last_activity(std::int64_t sweep_id) const;
  // The sweep's trials (attempts) to which something happened strictly after `since`, by number, attempt.
  std::vector<TrialRecord> trials_active_since(std::int64_t sweep_id, double since) const;
  // One metric of one trial at steps after after_step, in step order (NaN points included as NaN).
  std::vector<MetricPoint> metric_points_after(std::int64_t trial_id, const std::string& name,
                                               std::int64_t after_step) const;

  // --- summaries for the CLI and exports (results/summary_queries.cpp) ---
  std::vector<SweepSummary> sweep_summaries() const;  // oldest first
  // Every trial of a sweep (all attempts, by number then attempt) with its metric summaries.
  std::vector<TrialSummary> trial_summaries(std::int64_t sweep_id) const;
  std::vector<MetricSummary> metric_summaries(std::int64_t trial_id) const;  // by name
  std::vector<std::string> metric_names(std::int64_t sweep_id) const;  // recorded by any trial, sorted
  // The sweep written to most recently (its state changed or a trial started); nullopt when there are none.
  std::optional<SweepRecord> latest_sweep() const;
  const std::string& path() const;

 private:
  struct Impl;
  explicit ResultStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace results
