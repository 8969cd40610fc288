#include "dashboard/model_cache.h"

#include <utility>

#include <nlohmann/json.hpp>

#include "report/report_json.h"
#include "results/interrupted.h"
#include "results/queries.h"
#include "results/text_format.h"

namespace dashboard {

namespace {

struct Build {
  std::shared_ptr<const BuiltModel> model;
  double cursor = 0;  // the sweep's last activity before the model was gathered
};

std::shared_ptr<const BuiltModel> error_model(int status, const std::string& message) {
  return std::make_shared<const BuiltModel>(BuiltModel{status, results::json_text({{"error", message}})});
}

double now_seconds() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

Build build_model(const results::ResultStore& store, const results::SweepRecord& record,
                  const report::ReportOptions& options) {
  const report::ReportModel built = report::build_report_model(store, record, options);
  std::string body = results::json_text(report::report_model_json(built, results::format_utc(now_seconds())));
  if (body.size() > kMaxModelBytes)
    return {error_model(500, "the sweep's model is " + std::to_string(body.size()) + " bytes, over the limit"), built.cursor};
  return {std::make_shared<const BuiltModel>(BuiltModel{200, std::move(body)}), built.cursor};
}

}  // namespace

results::SweepRecord shown_sweep(const results::ResultStore& store, std::int64_t sweep_id) {
  for (auto& record : store.sweeps()) {
    if (record.id != sweep_id) continue;
    if (record.state == "running") results::show_interruption(store.path(), record, results::CoordinatorPresence::look());
    return record;
  }
  throw results::NotFoundError("no sweep with id " + std::to_string(sweep_id));
}

ModelCache::ModelCache(const std::string& db_path, report::ReportOptions options, ModelRefresh refresh)
    : options_(std::move(options)),
      timing_(refresh),
      store_(results::ResultStore::open_read_only(db_path)),
      worker_([this](const std::stop_token& stop) { work(stop); }) {}

// The jthread asks the worker to stop (which wakes its wait) and joins it before the rest is destroyed.
ModelCache::~ModelCache() = default;

std::shared_ptr<const BuiltModel> ModelCache::latest(std::int64_t sweep_id, Ready ready) {
  const std::scoped_lock lock(mutex_);
  Entry& entry = entries_[sweep_id];
  entry.asked = Clock::now();
  if (entry.model) return entry.model;
  entry.waiting.push_back(std::move(ready));
  wake_ = true;
  changed_.notify_one();
  return nullptr;
}

void ModelCache::work(const std::stop_token& stop) {
  while (!stop.stop_requested()) {
    for (const std::int64_t sweep_id : due(Clock::now())) {
      if (stop.stop_requested()) return;
      refresh(sweep_id);
    }
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, stop, timing_.check_every, [this] { return wake_; });
    wake_ = false;
  }
}

std::vector<std::int64_t> ModelCache::due(Clock::time_point now) const {
  const std::scoped_lock lock(mutex_);
  std::vector<std::int64_t> ids;
  for (const auto& [sweep_id, entry] : entries_) {
    const bool watched = now - entry.asked < timing_.idle && now - entry.built >= timing_.max_age;
    if (!entry.model || watched) ids.push_back(sweep_id);
  }
  return ids;
}

void ModelCache::refresh(std::int64_t sweep_id) {
  // The database is read and the model built outside the lock: meanwhile the serving thread keeps
  // answering from the model it has.
  Build build;
  std::string state;
  try {
    const results::SweepRecord record = shown_sweep(store_, sweep_id);
    state = record.state;
    const double activity = store_.last_activity(sweep_id);
    {
      const std::scoped_lock lock(mutex_);
      const Entry& entry = entries_[sweep_id];
      if (entry.model && entry.cursor == activity && entry.state == state) return;
    }
    build = build_model(store_, record, options_);
  } catch (const results::NotFoundError& error) {
    build.model = error_model(404, error.what());
  } catch (const std::exception& error) {
    build.model = error_model(500, error.what());
  }
  std::vector<Ready> waiting;
  {
    const std::scoped_lock lock(mutex_);
    Entry& entry = entries_[sweep_id];
    entry.model = build.model;
    entry.cursor = build.cursor;
    entry.state = state;
    entry.built = Clock::now();
    waiting.swap(entry.waiting);
  }
  for (const Ready& ready : waiting) ready(build.model);  // outside the lock: an answer may take its time
}

}  // namespace dashboard
