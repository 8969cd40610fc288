#include "dashboard/api.h"

#include <charconv>
#include <cmath>
#include <future>

#include <nlohmann/json.hpp>

#include "dashboard/web_assets.h"
#include "report/report_json.h"
#include "report/report_model.h"
#include "results/interrupted.h"
#include "results/params.h"
#include "results/queries.h"
#include "results/text_format.h"
#include "results/utf8.h"

namespace dashboard {

namespace {

using nlohmann::json;

Response json_response(const json& value, int status = 200) {
  return {status, "application/json", results::json_text(value)};
}

Response error_response(int status, const std::string& message) { return json_response({{"error", message}}, status); }

// "/api/sweeps/12/model" -> {"api", "sweeps", "12", "model"}; empty segments are kept so "//" never matches.
std::vector<std::string> segments(const std::string& path) {
  std::vector<std::string> parts;
  std::size_t start = 1;
  while (start <= path.size()) {
    const auto slash = path.find('/', start);
    parts.push_back(path.substr(start, slash == std::string::npos ? std::string::npos : slash - start));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return parts;
}

template <typename Number>
std::optional<Number> id_of(const std::string& text) {
  Number value{};
  if (text.empty() || text.size() > 18) return std::nullopt;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value <= 0) return std::nullopt;
  return value;
}

json parsed_or_text(const std::string& text) {
  json value = json::parse(text, nullptr, /*allow_exceptions=*/false);
  return value.is_discarded() ? json(text) : value;
}

Response model_response(const BuiltModel& model) { return {model.status, "application/json", model.body}; }

report::ReportOptions report_options(const ApiOptions& options) {
  report::ReportOptions chosen;
  chosen.metric = options.metric;
  chosen.goal = options.goal;
  return chosen;
}

}  // namespace

Api::Api(const std::string& db_path, const ApiOptions& options)
    : report_options_(report_options(options)),
      store_(results::ResultStore::open_read_only(db_path)),
      models_(db_path, report_options_, options.refresh) {}
Api::~Api() = default;

void Api::handle(const std::string& method, const std::string& target, const Reply& reply) {
  if (method != "GET" && method != "HEAD") return reply(error_response(405, "only GET and HEAD are served"));
  const auto question = target.find('?');
  const std::string path = target.substr(0, question);
  const std::string query = question == std::string::npos ? "" : target.substr(question + 1);
  // Every route replies last, so an exception means it has not replied yet.
  try {
    route(path, query, reply);
  } catch (const results::NotFoundError& error) {
    reply(error_response(404, error.what()));
  } catch (const std::exception& error) {
    reply(error_response(500, error.what()));
  }
}

Response Api::handle(const std::string& method, const std::string& target) {
  const auto answer = std::make_shared<std::promise<Response>>();
  std::future<Response> future = answer->get_future();
  handle(method, target, [answer](Response response) { answer->set_value(std::move(response)); });
  return future.get();
}

void Api::route(const std::string& path, const std::string& query, const Reply& reply) {
  if (path.empty() || path.front() != '/') return reply(error_response(400, "the request target must be a path"));
  if (const WebAsset* asset = find_web_asset(path))
    return reply({200, std::string(asset->content_type), std::string(asset->body)});
  const auto parts = segments(path);
  // The page of one sweep is the same page; it reads the sweep's id from its own URL.
  if (parts.size() == 2 && parts[0] == "sweeps" && id_of<std::int64_t>(parts[1])) {
    const WebAsset* page = find_web_asset("/");
    return reply({200, std::string(page->content_type), std::string(page->body)});
  }
  if (parts.size() >= 2 && parts[0] == "api" && parts[1] == "sweeps") {
    if (parts.size() == 2) return reply(sweeps());
    const auto id = id_of<std::int64_t>(parts[2]);
    if (id && parts.size() == 4 && parts[3] == "model") return model(*id, reply);
    if (id && parts.size() == 4 && parts[3] == "updates") return reply(updates(*id, query));
    if (id && parts.size() == 5 && parts[3] == "trials") {
      if (const auto number = id_of<int>(parts[4])) return reply(trial(*id, *number));
    }
  }
  reply(error_response(404, "no such route"));
}

Response Api::sweeps() {
  json list = json::array();
  for (const auto& summary : store_.sweep_summaries()) {
    const auto& sweep = summary.sweep;
    list.push_back({{"id", sweep.id},
                    {"name", sweep.name},
                    {"method", sweep.method},
                    {"metric", sweep.metric},
                    {"goal", sweep.goal},
                    {"state", sweep.state},
                    {"created_at", sweep.created_at},
                    {"updated_at", sweep.updated_at},
                    {"trials", summary.trials},
                    {"counts", {{"running", summary.running}, {"finished", summary.finished},
                                {"failed", summary.failed}, {"diverged", summary.diverged},
                                {"early_terminated", summary.early_terminated}, {"killed", summary.killed},
                                {"interrupted", summary.interrupted}}},
                    {"best_value", summary.best_value ? json(*summary.best_value) : json(nullptr)},
                    {"best_trial", summary.best_trial ? json(*summary.best_trial) : json(nullptr)}});
  }
  return json_response({{"db", store_.path()}, {"sweeps", list}});
}

void Api::model(std::int64_t sweep_id, const Reply& reply) {
  shown_sweep(store_, sweep_id);  // an unknown sweep is a 404 now, not a model to build
  const auto latest = models_.latest(sweep_id, [reply](const std::shared_ptr<const BuiltModel>& first) {
    reply(model_response(*first));
  });
  if (latest) reply(model_response(*latest));
}

const LiveView& Api::live_view(const results::SweepRecord& record) {
  auto& view = views_[record.id];
  if (!view) view = std::make_unique<LiveView>(store_, record, report_options_);
  return *view;
}

Response Api::updates(std::int64_t sweep_id, const std::string& query) {
  const auto request = parse_updates_query(query);
  if (!request) return error_response(400, "expected ?since=<cursor>[&known=<trial id>:<step>,...]");
  return json_response(live_view(shown_sweep(store_, sweep_id)).updates(store_, *request));
}

Response Api::trial(std::int64_t sweep_id, int number) {
  const results::SweepRecord record = shown_sweep(store_, sweep_id);
  const results::TrialRecord found = results::resolve_trial(store_, record, number);
  json params = json::array();
  for (const auto& [name, value] : results::flatten_params(results::parse_params(found.params_json)))
    params.push_back({name, results::param_text(value)});
  const json info = parsed_or_text(found.info_json);
  std::string log = found.log_tail;
  if (log.size() > kMaxLogTailBytes) {
    std::size_t start = log.size() - kMaxLogTailBytes;
    while (start < log.size() && (static_cast<unsigned char>(log[start]) & 0xC0) == 0x80) ++start;  // whole characters
    log = log.substr(start);
  }
  json series = json::object();
  std::size_t points = 0;
  bool truncated = false;
  for (const auto& point : store_.metrics(found.id)) {
    if (++points > kMaxTrialPoints) {
      truncated = true;
      break;
    }
    auto& values = series[point.name];
    values.push_back(point.step);
    values.push_back(std::isfinite(point.value) ? json(point.value) : json(nullptr));
  }
  json summary = json::object();
  for (const auto& [key, text] : store_.summary(found.id)) summary[key] = parsed_or_text(text);
  json out = {{"id", found.id},
              {"number", found.number},
              {"attempt", found.attempt},
              {"state", results::to_string(found.state)},
              {"exit_code", found.exit_code ? json(*found.exit_code) : json(nullptr)},
              {"started_at", found.started_at},
              {"ended_at", found.ended_at ? json(*found.ended_at) : json(nullptr)},
              {"host", found.host},
              {"params", params},
              {"info", info},
              {"cause", info.is_object() && info.contains("cause") ? info["cause"] : json(nullptr)},
              {"log_tail", log},
              {"series", series},
              {"series_truncated", truncated},
              {"summary", summary}};
  return json_response(out);
}

}  // namespace dashboard
