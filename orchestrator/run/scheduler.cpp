#include "orchestrator/run/scheduler.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <map>
#include <thread>

#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <nlohmann/json.hpp>

#include "orchestrator/spec/command_line.h"
#include "orchestrator/run/hyperband.h"
#include "orchestrator/run/log_tail.h"
#include "orchestrator/run/metric_line.h"
#include "orchestrator/space/parameter_space.h"
#include "orchestrator/run/trial_outcome.h"
#include "orchestrator/space/trial_proposer.h"
#include "orchestrator/launch/trial_command.h"
#include "orchestrator/launch/wandb_standin.h"

namespace orchestrator {

using results::TrialState;
using Clock = std::chrono::steady_clock;

namespace {

bool better(double candidate, double incumbent, bool maximize) {
  return maximize ? candidate > incumbent : candidate < incumbent;
}

int default_workers() { return static_cast<int>(std::max(1u, std::thread::hardware_concurrency())); }

}  // namespace

class Scheduler::Loop {
 public:
  Loop(SweepSpec spec, std::string program, SchedulerOptions options, const LauncherFactory& make_launcher,
       std::unique_ptr<TrialProposer> proposer)
      : spec_(std::move(spec)),
        program_(std::move(program)),
        options_(std::move(options)),
        metric_(spec_.metric ? spec_.metric->name : ""),
        maximize_(!spec_.metric || spec_.metric->maximize),
        proposer_(proposer ? std::move(proposer) : make_trial_proposer(spec_)),
        python_trials_(wants_wandb_standin(spec_, program_)),
        wandb_standin_(python_trials_ ? find_wandb_standin() : std::nullopt),
        launcher_(make_launcher(io_)),
        stop_signals_(io_),
        progress_timer_(io_),
        heartbeat_timer_(io_) {
    if (options_.workers <= 0) options_.workers = default_workers();
    if (spec_.early_terminate) {
      if (!spec_.metric) throw SpecError(spec_.source + ": early_terminate: needs a `metric` to compare trials by");
      try {
        hyperband_.emplace(*spec_.early_terminate, maximize_);
      } catch (const std::invalid_argument& error) {
        throw SpecError(spec_.source + ": " + error.what());
      }
    }
    if (options_.progress) reporter_.emplace(*options_.progress, options_.live_progress, spec_.name, metric_);
    if (options_.handle_signals) {
      stop_signals_.add(SIGINT);
      stop_signals_.add(SIGTERM);
    }
  }

  SweepResult run(results::ResultStore& store, std::int64_t sweep_id) {
    store_ = &store;
    sweep_id_ = sweep_id;
    load_history();
    if (python_trials_ && !wandb_standin_ && reporter_)
      reporter_->note("sweep's wandb stand-in was not found at " + wandb_standin_location() +
                          "; Python trials run with whatever `wandb` they import",
                      progress_);
    wait_for_stop_signal();
    if (options_.live_progress) tick_progress();
    beat();
    fill();
    io_.run();
    const SweepOutcome outcome = stop_requests_ > 0 ? SweepOutcome::Interrupted
                                 : failing_         ? SweepOutcome::Failing
                                                    : SweepOutcome::Completed;
    return {outcome, progress_};
  }

  void request_stop() {
    boost::asio::post(io_, [this] { on_stop_request(); });
  }

 private:
  struct QueuedTrial {
    int number = 0;
    int attempt = 1;
    Config config;
  };

  struct ActiveTrial {
    explicit ActiveTrial(boost::asio::io_context& io) : timeout(io) {}
    std::int64_t id = 0;
    QueuedTrial trial;
    std::unique_ptr<RunningTrial> process;
    Clock::time_point started = Clock::now();
    LogTail log;
    std::int64_t records = 0;
    std::vector<results::MetricPoint> unflushed;
    std::map<std::string, std::string> unflushed_summary;  // key -> JSON text; the latest value wins
    std::optional<double> best;  // of the sweep's metric
    bool diverged = false;
    std::optional<TrialState> verdict;  // set when the coordinator stopped it
    std::string cause;
    int lines_cut = 0;  // output lines over kMaxOutputLine
    boost::asio::steady_timer timeout;
  };

  // --- what the database already holds ---

  void load_history() {
    const std::vector<results::TrialRecord> trials = store_->trials(sweep_id_);
    std::map<int, const results::TrialRecord*> latest;
    for (const results::TrialRecord& trial : trials) {
      auto& slot = latest[trial.number];
      if (slot == nullptr || trial.attempt > slot->attempt) slot = &trial;
      if (!metric_.empty())
        for (const results::MetricPoint& point : store_->metrics(trial.id))
          if (point.name == metric_ && std::isfinite(point.value)) histories_[trial.id].push_back(point.value);
    }
    int again = 0;
    for (const auto& [number, trial] : latest) {
      next_number_ = std::max(next_number_, number + 1);
      Config config = nlohmann::json::parse(trial->params_json);
      if (trial->state == TrialState::Killed || trial->state == TrialState::Running) {
        queue_.push_back({number, trial->attempt + 1, std::move(config)});
        ++again;
      } else {
        note_outcome(number, trial->state, config, histories_[trial->id], false);
      }
    }
    progress_.total = planned_total();
    if (!latest.empty() && reporter_)
      reporter_->note("resuming sweep '" + spec_.name + "': " + std::to_string(latest.size() - again) +
                          " trials kept, " + std::to_string(again) + " to run again",
                      progress_);
  }

  std::optional<std::uint64_t> planned_total() const {
    std::optional<std::uint64_t> total = proposer_->limit();
    if (options_.run_cap) {
      const auto cap = static_cast<std::uint64_t>(std::max(0, *options_.run_cap));
      total = total ? std::min(*total, cap) : cap;
    }
    return total;
  }

  // Counts a trial's final state and teaches the proposer. here: it ended in this run.
  void note_outcome(int number, TrialState state, const Config& config, const MetricHistory& history, bool here) {
    switch (state) {
      case TrialState::Finished:
      case TrialState::EarlyTerminated: ++progress_.done; break;
      case TrialState::Failed:
      case TrialState::Diverged: ++progress_.failed; break;
      case TrialState::Killed: ++progress_.killed; break;
      case TrialState::Running:
      case TrialState::Interrupted: break;  // never in the rows the scheduler reads
    }
    if (here) ++progress_.done_here;
    const auto observation = observation_for(state, history, maximize_, trial_length(config));
    if (!observation) return;
    proposer_->observe(config, observation->failure ? std::nullopt : std::optional(observation->curve));
    if (observation->value && (!progress_.best || better(*observation->value, *progress_.best, maximize_))) {
      progress_.best = observation->value;
      progress_.best_trial = number;
    }
    if (observation->value) check_target(*observation->value);
  }

  // Where a trial's history lies on its full length, for a multi-fidelity optimizer (trial_outcome.h).
  TrialLength trial_length(const Config& config) const {
    std::int64_t longest = 0;
    for (const auto& [id, history] : histories_) longest = std::max(longest, static_cast<std::int64_t>(history.size()));
    return {full_length(config, spec_.early_terminate, longest), hyperband_ ? hyperband_->bands() : std::vector<std::int64_t>{}};
  }

  void check_target(double value) {
    if (target_reached_ || !spec_.metric || !spec_.metric->target) return;
    const double target = *spec_.metric->target;
    if (maximize_ ? value < target : value > target) return;
    target_reached_ = true;
    progress_.total.reset();  // the planned total no longer says when the sweep ends
    if (reporter_) reporter_->note(metric_ + " reached its target; no new trials will start", progress_);
  }

  // --- launching ---

  bool may_propose() const {
    return !exhausted_ && !target_reached_ && (!options_.run_cap || next_number_ <= *options_.run_cap);
  }

  void fill() {
    while (!finished_ && stop_requests_ == 0 && !failing_ && static_cast<int>(running_.size()) < options_.workers) {
      if (!queue_.empty()) {
        QueuedTrial next = std::move(queue_.front());
        queue_.pop_front();
        launch(std::move(next));
        continue;
      }
      if (!may_propose()) break;
      std::optional<Config> config = proposer_->propose(next_number_, pending_trials());
      if (!config) {
        exhausted_ = true;
        break;
      }
      launch({next_number_++, 1, std::move(*config)});
    }
    progress_.running = static_cast<int>(running_.size());
    maybe_finish();
  }

  // The running trials, with the rungs they passed when the proposer learns from those: a bayes
  // optimizer with fidelity multi under hyperband. Its proposal then counts on what a long trial showed
  // so far, not only on its being out there.
  std::vector<PendingTrial> pending_trials() const {
    const bool with_curves = hyperband_ && spec_.method == "bayes" && spec_.bayes.fidelity == "multi";
    std::vector<PendingTrial> pending;
    pending.reserve(running_.size());
    for (const auto& [key, trial] : running_) {
      PendingTrial& p = pending.emplace_back(PendingTrial{trial->trial.config, {}});
      const auto history = histories_.find(trial->id);
      if (with_curves && history != histories_.end())
        p.curve_so_far = curve_so_far(history->second, maximize_, trial_length(p.config));
    }
    return pending;
  }

  TrialCommand command_for(const QueuedTrial& trial) const {
    return make_trial_command(spec_, program_, trial.config, {trial.number, trial.attempt}, wandb_standin_);
  }

  void launch(QueuedTrial queued) {
    const std::uint64_t key = next_key_++;
    auto trial = std::make_unique<ActiveTrial>(io_);
    trial->trial = std::move(queued);
    const std::string params = trial->trial.config.dump();
    trial->process = launcher_->start(
        command_for(trial->trial),
        TrialCallbacks{[this, key](std::string_view line) { on_stdout_line(key, line); },
                       [this, key](std::string_view line) { on_stderr_line(key, line); },
                       [this, key](const TrialExit& exit) { on_exit(key, exit); },
                       [this, key](OutputStream stream, std::size_t length) { on_line_cut(key, stream, length); }});
    trial->id = store_->start_trial(sweep_id_, trial->trial.number, trial->trial.attempt, params,
                                   trial->process->host());
    if (spec_.timeout_seconds) start_timeout(key, *trial, *spec_.timeout_seconds);
    ActiveTrial& started = *running_.emplace(key, std::move(trial)).first->second;
    progress_.running = static_cast<int>(running_.size());
    if (reporter_) reporter_->trial_started(started.trial.number, started.trial.attempt, params, progress_);
  }

  void start_timeout(std::uint64_t key, ActiveTrial& trial, double seconds) {
    trial.timeout.expires_after(std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds)));
    trial.timeout.async_wait([this, key, seconds](const boost::system::error_code& error) {
      if (error) return;
      if (ActiveTrial* active = find(key))
        stop_trial(*active, TrialState::Failed, "timed out after " + format_duration(seconds));
    });
  }

  // --- a trial's output and end ---

  ActiveTrial* find(std::uint64_t key) {
    const auto found = running_.find(key);
    return found == running_.end() ? nullptr : found->second.get();
  }

  void on_stdout_line(std::uint64_t key, std::string_view line) {
    ActiveTrial* trial = find(key);
    if (trial == nullptr) return;
    std::optional<MetricRecord> record = parse_metric_line(line, trial->records + 1);
    if (!record) return trial->log.add(line);
    ++trial->records;
    if (!record->skipped.empty()) note_skipped_fields(*trial, *record);
    for (results::MetricPoint& point : record->points) {
      if (point.name == metric_ && std::isfinite(point.value)) {  // a NaN point is stored, never ranked
        histories_[trial->id].push_back(point.value);
        if (!trial->best || better(point.value, *trial->best, maximize_)) trial->best = point.value;
      }
      trial->unflushed.push_back(std::move(point));
    }
    for (auto& [key, value] : record->summary) trial->unflushed_summary.insert_or_assign(key, std::move(value));
    if (record->diverged && !trial->diverged) {
      trial->diverged = true;
      stop_trial(*trial, TrialState::Diverged, "diverged at step " + std::to_string(record->step));
    }
    schedule_flush();
  }

  void on_stderr_line(std::uint64_t key, std::string_view line) {
    if (ActiveTrial* trial = find(key)) trial->log.add(line);
  }

  // A metrics line is never lost without a word: what was left out of it is said in the trial's log.
  static void note_skipped_fields(ActiveTrial& trial, const MetricRecord& record) {
    std::string names;
    for (const std::string& name : record.skipped) names += (names.empty() ? "" : ", ") + name;
    trial.log.add("sweep: metrics line at step " + std::to_string(record.step) + ": skipped " + names +
                  " (not valid UTF-8); its other " + std::to_string(record.points.size() + record.summary.size()) +
                  " fields were kept");
  }

  void on_line_cut(std::uint64_t key, OutputStream stream, std::size_t length) {
    ActiveTrial* trial = find(key);
    if (trial == nullptr) return;
    ++trial->lines_cut;
    const bool out = stream == OutputStream::Stdout;
    trial->log.add(std::string("sweep: the ") + (out ? "stdout" : "stderr") + " line above was " +
                   std::to_string(length) + " bytes, over the " + std::to_string(kMaxOutputLine >> 20) +
                   " MiB line limit: cut" + (out ? ", so not read as metrics" : ""));
  }

  void stop_trial(ActiveTrial& trial, TrialState verdict, std::string cause) {
    if (trial.verdict) return;
    trial.verdict = verdict;
    trial.cause = std::move(cause);
    trial.process->terminate(options_.termination_grace);
  }

  // Metric points (and summary values) are written once per event-loop turn, as one transaction per
  // trial (and one more for its summary), however many lines arrived in that turn.
  void schedule_flush() {
    if (flush_posted_) return;
    flush_posted_ = true;
    boost::asio::post(io_, [this] { flush(); });
  }

  void flush() {
    flush_posted_ = false;
    for (auto& [key, trial] : running_) {
      const bool had_points = !trial->unflushed.empty();
      write_reported(*trial);
      if (had_points && trial->best) check_target(*trial->best);
    }
    apply_hyperband();
  }

  // Writes what the trial reported since the last flush.
  void write_reported(ActiveTrial& trial) {
    if (!trial.unflushed.empty()) {
      store_->record_metrics(trial.id, trial.unflushed);
      trial.unflushed.clear();
    }
    if (!trial.unflushed_summary.empty()) {
      store_->set_summary(trial.id, {trial.unflushed_summary.begin(), trial.unflushed_summary.end()});
      trial.unflushed_summary.clear();
    }
  }

  void apply_hyperband() {
    if (!hyperband_ || stop_requests_ > 0) return;
    std::map<std::int64_t, ActiveTrial*> candidates;
    for (auto& [key, trial] : running_)
      if (!trial->verdict) candidates.emplace(trial->id, trial.get());
    std::vector<std::int64_t> ids;
    for (const auto& [id, trial] : candidates) ids.push_back(id);
    for (const std::int64_t id : hyperband_->trials_to_stop(histories_, ids)) {
      const auto reported = static_cast<std::int64_t>(histories_[id].size());
      std::int64_t band = 0;
      for (const std::int64_t b : hyperband_->bands())
        if (b <= reported) band = b;
      stop_trial(*candidates[id], TrialState::EarlyTerminated,
                 "hyperband: below the cutoff at band " + std::to_string(band));
    }
  }

  void on_exit(std::uint64_t key, const TrialExit& exit) {
    auto node = running_.extract(key);
    if (node.empty()) return;
    ActiveTrial& trial = *node.mapped();
    trial.timeout.cancel();
    write_reported(trial);

    const TrialOutcome outcome = decide_outcome(
        {trial.verdict, trial.diverged, exit, trial.trial.attempt, spec_.retries, stop_requests_ > 0});
    nlohmann::json info = nlohmann::json::parse(trial.process->info_json(), nullptr, false);
    if (!info.is_object()) info = nlohmann::json::object();
    info["exit"] = exit.describe();
    if (!trial.cause.empty()) info["cause"] = trial.cause;
    if (outcome.retry) info["retried"] = true;
    if (trial.lines_cut > 0) info["lines_cut"] = trial.lines_cut;
    store_->finish_trial(trial.id, outcome.state, recorded_exit_code(exit), trial.log.text(), info.dump());

    if (!outcome.retry) count_failure_streak(outcome.state, trial.trial.attempt);
    if (outcome.retry) queue_.push_front({trial.trial.number, trial.trial.attempt + 1, trial.trial.config});
    else note_outcome(trial.trial.number, outcome.state, trial.trial.config, histories_[trial.id], true);
    progress_.running = static_cast<int>(running_.size());
    if (reporter_) {
      const double seconds = std::chrono::duration<double>(Clock::now() - trial.started).count();
      std::string detail = trial.cause.empty() && !exit.succeeded() ? exit.describe() : trial.cause;
      if (outcome.retry) detail += "; retrying";
      reporter_->trial_ended(trial.trial.number, trial.trial.attempt, results::to_string(outcome.state), seconds,
                             trial.best, detail, progress_);
    }
    fill();
  }

  // Counts trials, not attempts: a trial's retries are part of its one failure. attempts: of this trial.
  void count_failure_streak(TrialState state, int attempts) {
    if (state == TrialState::Finished || state == TrialState::EarlyTerminated) {
      succeeded_here_ = true;
      failures_in_a_row_ = 0;
      failed_attempts_in_a_row_ = 0;
      return;
    }
    if (state != TrialState::Failed && state != TrialState::Diverged) return;
    ++failures_in_a_row_;
    failed_attempts_in_a_row_ += attempts;
    if (succeeded_here_ || failures_in_a_row_ < options_.failure_limit || failing_) return;
    failing_ = true;
    if (!reporter_) return;
    const std::string retried = failed_attempts_in_a_row_ > failures_in_a_row_
                                    ? " (" + std::to_string(failed_attempts_in_a_row_) + " attempts, with retries: " +
                                          std::to_string(spec_.retries) + ")"
                                    : "";
    reporter_->note("stopping: the first " + std::to_string(failures_in_a_row_) + " trials all failed" + retried +
                        "; see their logs with `sweep show`",
                    progress_);
  }

  // --- stopping ---

  void wait_for_stop_signal() {
    if (!options_.handle_signals) return;
    stop_signals_.async_wait([this](const boost::system::error_code& error, int) {
      if (error || finished_) return;
      on_stop_request();
      wait_for_stop_signal();
    });
  }

  void on_stop_request() {
    if (finished_) return;
    ++stop_requests_;
    const std::string count = std::to_string(running_.size());
    if (stop_requests_ == 1) {
      if (reporter_)
        reporter_->note("interrupted: stopping " + count + " running trials (interrupt again to kill them now)",
                        progress_);
      for (auto& [key, trial] : running_) stop_trial(*trial, TrialState::Killed, "interrupted");
    } else {
      if (reporter_) reporter_->note("killing " + count + " running trials", progress_);
      for (auto& [key, trial] : running_) {
        if (!trial->verdict) trial->verdict = TrialState::Killed;
        trial->process->kill();
      }
    }
    maybe_finish();
  }

  void tick_progress() {
    progress_timer_.expires_after(std::chrono::seconds(1));
    progress_timer_.async_wait([this](const boost::system::error_code& error) {
      if (error || finished_) return;
      if (reporter_) reporter_->refresh(progress_);
      tick_progress();
    });
  }

  // Every running trial is alive as far as the coordinator knows; written so a resume after this
  // coordinator's death knows when its trials ended (ResultStore::mark_orphaned_trials).
  void beat() {
    heartbeat_timer_.expires_after(options_.heartbeat);
    heartbeat_timer_.async_wait([this](const boost::system::error_code& error) {
      if (error || finished_) return;
      std::vector<std::int64_t> ids;
      for (const auto& [key, trial] : running_) ids.push_back(trial->id);
      store_->heard_from(ids);
      beat();
    });
  }

  void maybe_finish() {
    if (finished_ || !running_.empty()) return;
    const bool more = stop_requests_ == 0 && !failing_ && (!queue_.empty() || may_propose());
    if (more) return;
    finished_ = true;
    boost::system::error_code ignored;
    stop_signals_.cancel(ignored);
    progress_timer_.cancel();
    heartbeat_timer_.cancel();
    store_->set_sweep_state(sweep_id_, stop_requests_ > 0 || failing_ ? "stopped" : "finished");
    if (reporter_) reporter_->finish(progress_);
  }

  SweepSpec spec_;
  std::string program_;
  results::ResultStore* store_ = nullptr;  // set by run()
  std::int64_t sweep_id_ = 0;
  SchedulerOptions options_;
  std::string metric_;
  bool maximize_;
  std::unique_ptr<TrialProposer> proposer_;
  bool python_trials_;                         // the command runs Python and the stand-in is wanted
  std::optional<std::string> wandb_standin_;   // the directory to put first on their PYTHONPATH
  std::optional<Hyperband> hyperband_;
  std::optional<ProgressReporter> reporter_;

  // Declared after the loop's users above and before what uses the loop, so they go first.
  boost::asio::io_context io_;
  std::unique_ptr<TrialLauncher> launcher_;
  boost::asio::signal_set stop_signals_;
  boost::asio::steady_timer progress_timer_;
  boost::asio::steady_timer heartbeat_timer_;
  std::map<std::uint64_t, std::unique_ptr<ActiveTrial>> running_;  // by launch key

  std::deque<QueuedTrial> queue_;                   // retries and resumed trials go first
  std::map<std::int64_t, MetricHistory> histories_; // trial id -> the sweep metric's values
  SweepProgress progress_;
  int next_number_ = 1;
  std::uint64_t next_key_ = 1;
  bool exhausted_ = false;
  bool target_reached_ = false;
  bool flush_posted_ = false;
  bool finished_ = false;
  bool failing_ = false;
  bool succeeded_here_ = false;
  int failures_in_a_row_ = 0;         // trials
  int failed_attempts_in_a_row_ = 0;  // their attempts
  int stop_requests_ = 0;
};

Scheduler::Scheduler(SweepSpec spec, std::string program, SchedulerOptions options,
                     const LauncherFactory& make_launcher, std::unique_ptr<TrialProposer> proposer)
    : loop_(std::make_unique<Loop>(std::move(spec), std::move(program), std::move(options), make_launcher,
                                   std::move(proposer))) {}

Scheduler::~Scheduler() = default;

SweepResult Scheduler::run(results::ResultStore& store, std::int64_t sweep_id) { return loop_->run(store, sweep_id); }

void Scheduler::request_stop() { loop_->request_stop(); }

}  // namespace orchestrator
