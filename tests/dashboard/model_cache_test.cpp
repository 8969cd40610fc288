// ModelCache: models are built on its worker thread, served from the latest one built, rebuilt while a
// sweep changes and someone asks, and the Api's model route answers through it (--metric included).
#include <doctest/doctest.h>

#include <chrono>
#include <future>
#include <thread>

#include <nlohmann/json.hpp>

#include "dashboard/api.h"
#include "dashboard/model_cache.h"
#include "tests/dashboard/dashboard_fixture.h"

namespace {

using nlohmann::json;
using dashboard_test::LiveSweep;
using namespace std::chrono_literals;

using Model = std::shared_ptr<const dashboard::BuiltModel>;

// Quick refreshes, so a test sees a rebuild within milliseconds.
constexpr dashboard::ModelRefresh kQuick{.max_age = 20ms, .check_every = 5ms, .idle = 60'000ms};

// The first model of a sweep, as a page's first request gets it: through the ready callback.
Model first_model(dashboard::ModelCache& cache, std::int64_t sweep_id, std::thread::id* built_on = nullptr) {
  std::promise<Model> promise;
  auto future = promise.get_future();
  const Model now = cache.latest(sweep_id, [&](const Model& model) {
    if (built_on) *built_on = std::this_thread::get_id();
    promise.set_value(model);
  });
  REQUIRE(now == nullptr);
  REQUIRE(future.wait_for(30s) == std::future_status::ready);
  return future.get();
}

// Asks until the latest model differs from `old` (a rebuild), for at most 30 s (a loaded machine).
Model next_model(dashboard::ModelCache& cache, std::int64_t sweep_id, const Model& old) {
  const auto deadline = std::chrono::steady_clock::now() + 30s;
  Model latest = old;
  while (latest == old && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(5ms);
    latest = cache.latest(sweep_id, [](const Model&) {});
  }
  return latest;
}

std::size_t points_of_first_curve(const Model& model) {
  return json::parse(model->body)["curves"][0]["points"].size();
}

}  // namespace

TEST_CASE("the first model is built on the worker thread; later requests get the latest one at once") {
  LiveSweep sweep;
  sweep.epochs(sweep.start(1), 1, 1, 2);
  dashboard::ModelCache cache(sweep.db, {});
  std::thread::id built_on;
  const Model first = first_model(cache, sweep.sweep.id, &built_on);
  CHECK(built_on != std::this_thread::get_id());
  CHECK(first->status == 200);
  CHECK(points_of_first_curve(first) == 4);
  // Built: answered now, and the callback is not used.
  bool called = false;
  CHECK(cache.latest(sweep.sweep.id, [&](const Model&) { called = true; }) == first);
  CHECK_FALSE(called);
}

TEST_CASE("a sweep that changes is rebuilt by the worker; one that does not is not") {
  LiveSweep sweep;
  const auto id = sweep.start(1);
  sweep.epochs(id, 1, 1, 1);
  dashboard::ModelCache cache(sweep.db, {}, kQuick);
  const Model first = first_model(cache, sweep.sweep.id);
  std::this_thread::sleep_for(100ms);  // several max ages: nothing changed, so the same model
  CHECK(cache.latest(sweep.sweep.id, [](const Model&) {}) == first);
  sweep.epochs(id, 1, 2, 3);
  const Model rebuilt = next_model(cache, sweep.sweep.id, first);
  REQUIRE(rebuilt != first);
  CHECK(points_of_first_curve(rebuilt) == 6);
}

TEST_CASE("a model nobody asks for is not rebuilt until it is asked for again") {
  LiveSweep sweep;
  const auto id = sweep.start(1);
  sweep.epochs(id, 1, 1, 1);
  dashboard::ModelCache cache(sweep.db, {}, {.max_age = 5ms, .check_every = 5ms, .idle = 50ms});
  const Model first = first_model(cache, sweep.sweep.id);
  std::this_thread::sleep_for(150ms);  // idle
  sweep.epochs(id, 1, 2, 2);
  std::this_thread::sleep_for(150ms);  // a worker watching would have rebuilt it by now
  CHECK(cache.latest(sweep.sweep.id, [](const Model&) {}) == first);  // ...which also asks again
  CHECK(points_of_first_curve(next_model(cache, sweep.sweep.id, first)) == 4);
}

TEST_CASE("the model route answers asynchronously the first time, on the worker thread") {
  LiveSweep sweep;
  sweep.epochs(sweep.start(1), 1, 1, 1);
  dashboard::Api api(sweep.db);
  const std::string path = "/api/sweeps/" + std::to_string(sweep.sweep.id) + "/model";
  std::promise<dashboard::Response> promise;
  auto future = promise.get_future();
  std::thread::id answered_on;
  api.handle("GET", path, [&](dashboard::Response response) {
    answered_on = std::this_thread::get_id();
    promise.set_value(std::move(response));
  });
  REQUIRE(future.wait_for(30s) == std::future_status::ready);
  CHECK(future.get().status == 200);
  CHECK(answered_on != std::this_thread::get_id());
  // Other routes, and the built model, are answered before handle() returns, on this thread.
  bool answered = false;
  api.handle("GET", path, [&](const dashboard::Response& response) { answered = response.status == 200; });
  CHECK(answered);
}

TEST_CASE("--metric: models and updates plot and rank by another metric, with its goal") {
  LiveSweep sweep;
  for (int trial = 1; trial <= 3; ++trial) {
    const auto id = sweep.start(trial);
    sweep.epochs(id, trial, 1, 2);
    sweep.store.record_metrics(id, {{1, "loss", 1.0 / trial}, {2, "loss", 0.5 / trial}});
    sweep.store.finish_trial(id, results::TrialState::Finished, 0, "", "{}");
  }
  const std::string base = "/api/sweeps/" + std::to_string(sweep.sweep.id);
  SUBCASE("minimize loss") {
    dashboard::Api api(sweep.db, {.metric = "loss", .goal = "minimize", .refresh = {}});
    const json model = json::parse(api.handle("GET", base + "/model").body);
    CHECK(model["metric"] == "loss");
    CHECK(model["maximize"] == false);
    CHECK(model["best"]["number"] == 3);
    CHECK(model["trials"][0]["best"].get<double>() == doctest::Approx(0.5));
    CHECK(model["curves"][0]["points"] == json::array({1, 1.0, 2, 0.5}));
    const json update = json::parse(api.handle("GET", base + "/updates?since=0").body);
    REQUIRE(update["trials"].size() == 3);
    CHECK(update["trials"][1]["best"].get<double>() == doctest::Approx(0.25));
    REQUIRE(update["points"].size() == 3);
    CHECK(update["points"][0]["points"] == json::array({1, 1.0, 2, 0.5}));
  }
  SUBCASE("maximize loss: the worst trial ranks first") {
    dashboard::Api api(sweep.db, {.metric = "loss", .goal = "maximize", .refresh = {}});
    const json model = json::parse(api.handle("GET", base + "/model").body);
    CHECK(model["best"]["number"] == 1);
  }
  SUBCASE("a metric no trial recorded is a 404 that names the recorded ones") {
    dashboard::Api api(sweep.db, {.metric = "val_loss", .goal = std::nullopt, .refresh = {}});
    const auto response = api.handle("GET", base + "/model");
    CHECK(response.status == 404);
    CHECK(response.body.find("recorded metrics: loss, val_acc") != std::string::npos);
  }
  dashboard::Api api(sweep.db);
  CHECK(api.handle("GET", "/api/sweeps/99/model").status == 404);
}
