// LiveView and parse_updates_query: a page gets what changed since its cursor, and only the points it
// does not have.
#include <doctest/doctest.h>

#include <chrono>
#include <thread>

#include <nlohmann/json.hpp>

#include "dashboard/api.h"
#include "dashboard/live_updates.h"
#include "tests/dashboard/dashboard_fixture.h"

namespace {

using nlohmann::json;
using dashboard_test::LiveSweep;

// The coordinator's clock must move between writes for "after the cursor" to mean something.
void tick() { std::this_thread::sleep_for(std::chrono::milliseconds(2)); }

dashboard::UpdatesRequest request(double since, std::map<std::int64_t, std::int64_t> known = {}) {
  return {since, std::move(known)};
}

}  // namespace

TEST_CASE("updates queries are parsed strictly") {
  const auto parsed = dashboard::parse_updates_query("since=1700000000.25&known=4:7,9:-1");
  REQUIRE(parsed);
  CHECK(parsed->since == 1700000000.25);
  CHECK(parsed->known == std::map<std::int64_t, std::int64_t>{{4, 7}, {9, -1}});
  CHECK(dashboard::parse_updates_query("since=0&known="));
  for (const char* bad : {"", "known=1:2", "since=abc", "since=1&known=1", "since=1&known=1:x", "since=nan",
                          "since=1&known=1:2,,3:4"}) {
    CAPTURE(bad);
    CHECK_FALSE(dashboard::parse_updates_query(bad));
  }
  std::string many = "since=1&known=";
  for (std::size_t i = 0; i <= dashboard::kMaxKnownTrials; ++i) many += std::to_string(i + 1) + ":1,";
  many.pop_back();
  CHECK_FALSE(dashboard::parse_updates_query(many));
}

TEST_CASE("a new epoch of a known running trial arrives alone; nothing changed means nothing sent") {
  LiveSweep sweep;
  const auto id = sweep.start(1);
  sweep.epochs(id, 1, 1, 2);
  const double cursor = sweep.store.last_activity(sweep.sweep.id);
  const dashboard::LiveView view(sweep.store, sweep.sweep);

  json none = view.updates(sweep.store, request(cursor, {{id, 2}}));
  CHECK(none["trials"].empty());
  CHECK(none["points"].empty());
  CHECK(none["cursor"] == cursor);

  tick();
  sweep.epochs(id, 1, 3, 3);
  const json update = view.updates(sweep.store, request(cursor, {{id, 2}}));
  REQUIRE(update["points"].size() == 1);
  CHECK(update["points"][0]["trial"] == 1);
  CHECK(update["points"][0]["points"] == json::array({3, dashboard_test::accuracy(1, 3)}));
  CHECK(update["cursor"].get<double>() > cursor);
  REQUIRE(update["trials"].size() == 1);
  CHECK(update["trials"][0]["state"] == "running");

  // A heartbeat moves the trial's activity but changes nothing the page shows.
  tick();
  sweep.store.heard_from({id});
  const json beat = view.updates(sweep.store, request(update["cursor"].get<double>(), {{id, 3}}));
  CHECK(beat["trials"].empty());
  CHECK(beat["points"].empty());
}

TEST_CASE("a trial the page does not know comes whole, with its row and place on the axes") {
  LiveSweep sweep;
  const auto first = sweep.start(1);
  sweep.epochs(first, 1, 1, 1);
  const double cursor = sweep.store.last_activity(sweep.sweep.id);
  tick();
  const auto second = sweep.start(2);
  sweep.epochs(second, 2, 1, 3);
  const dashboard::LiveView view(sweep.store, sweep.sweep);
  const json update = view.updates(sweep.store, request(cursor, {{first, 1}}));
  REQUIRE(update["trials"].size() == 1);
  const json& row = update["trials"][0];
  CHECK(row["number"] == 2);
  CHECK(row["id"] == second);
  CHECK(row["params"]["optimizer"] == dashboard_test::kMarkupChoice);
  CHECK(row["axes"].size() == 3);
  CHECK(row["axes"][2] == 2.0);
  CHECK(row["best"].get<double>() == doctest::Approx(dashboard_test::accuracy(2, 3)));
  REQUIRE(update["points"].size() == 1);
  CHECK(update["points"][0]["points"].size() == 6);
  CHECK_FALSE(update["reload"].get<bool>());
}

TEST_CASE("a finished trial is sent with its new state and only its new points") {
  LiveSweep sweep;
  const auto id = sweep.start(3);
  sweep.epochs(id, 3, 1, 4);
  const double cursor = sweep.store.last_activity(sweep.sweep.id);
  tick();
  sweep.epochs(id, 3, 5, 5);
  sweep.store.finish_trial(id, results::TrialState::Finished, 0, "done", "{}");
  const dashboard::LiveView view(sweep.store, sweep.sweep);
  const json update = view.updates(sweep.store, request(cursor, {{id, 4}}));
  REQUIRE(update["trials"].size() == 1);
  CHECK(update["trials"][0]["state"] == "finished");
  CHECK(update["trials"][0]["duration"].is_number());
  REQUIRE(update["points"].size() == 1);
  CHECK(update["points"][0]["points"] == json::array({5, dashboard_test::accuracy(3, 5)}));
}

TEST_CASE("a retry replaces its trial number's row: the new attempt's id and points") {
  LiveSweep sweep;
  const auto failed = sweep.start(4);
  sweep.epochs(failed, 4, 1, 2);
  sweep.store.finish_trial(failed, results::TrialState::Failed, 3, "crash", "{}");
  const double cursor = sweep.store.last_activity(sweep.sweep.id);
  tick();
  const auto retry = sweep.start(4, 2);
  sweep.epochs(retry, 4, 1, 1);
  const dashboard::LiveView view(sweep.store, sweep.sweep);
  const json update = view.updates(sweep.store, request(cursor, {{failed, 2}}));
  REQUIRE(update["trials"].size() == 1);
  CHECK(update["trials"][0]["id"] == retry);
  CHECK(update["trials"][0]["attempts"] == 2);
  REQUIRE(update["points"].size() == 1);
  CHECK(update["points"][0]["id"] == retry);
  CHECK(update["points"][0]["points"].size() == 2);
}

TEST_CASE("the model's cursor and the updates after it miss nothing written while the model was built") {
  LiveSweep sweep;
  const auto id = sweep.start(1);
  sweep.epochs(id, 1, 1, 2);
  dashboard::Api api(sweep.db);
  const std::string base = "/api/sweeps/" + std::to_string(sweep.sweep.id);
  const json model = json::parse(api.handle("GET", base + "/model").body);
  tick();
  sweep.epochs(id, 1, 3, 4);
  const json update = json::parse(
      api.handle("GET", base + "/updates?since=" + model["cursor"].dump() + "&known=" + std::to_string(id) + ":2").body);
  REQUIRE(update["points"].size() == 1);
  CHECK(update["points"][0]["points"] == json::array({3, dashboard_test::accuracy(1, 3), 4, dashboard_test::accuracy(1, 4)}));
  CHECK(api.handle("GET", base + "/updates").status == 400);
  CHECK(api.handle("GET", base + "/updates?since=x").status == 400);
}

TEST_CASE("without a readable spec, a new trial asks the page to reload the model (its axes may change)") {
  LiveSweep sweep("not: [valid");
  const double cursor = sweep.store.last_activity(sweep.sweep.id);
  tick();
  sweep.epochs(sweep.start(1), 1, 1, 1);
  const dashboard::LiveView view(sweep.store, sweep.sweep);
  CHECK(view.updates(sweep.store, request(cursor))["reload"].get<bool>());
}
