// Api: the routes, what each returns, and what it refuses, called directly (no sockets).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "dashboard/api.h"
#include "tests/dashboard/dashboard_fixture.h"

namespace {

using nlohmann::json;
using dashboard_test::LiveSweep;

json body(const dashboard::Response& response) { return json::parse(response.body); }

}  // namespace

TEST_CASE("the page and its assets are served from the binary; any other path is a 404") {
  LiveSweep sweep;
  dashboard::Api api(sweep.db);
  const auto page = api.handle("GET", "/");
  CHECK(page.status == 200);
  CHECK(page.content_type.starts_with("text/html"));
  CHECK(page.body.find("<script src=\"/app.js\"></script>") != std::string::npos);
  CHECK(api.handle("GET", "/app.js").content_type.starts_with("text/javascript"));
  CHECK(api.handle("GET", "/style.css").content_type.starts_with("text/css"));
  CHECK(api.handle("GET", "/sweeps/1").body == page.body);
  for (const char* path : {"/../results.db", "/results.db", "/etc/passwd", "/api/sweeps/1/../../x", "/sweeps/x",
                           "/api/sweeps/abc/model", "/api/sweeps/1/trials/0", "//app.js", "/app.js/", "/api"}) {
    CAPTURE(path);
    CHECK(api.handle("GET", path).status == 404);
  }
  CHECK(api.handle("POST", "/api/sweeps").status == 405);
  CHECK(api.handle("GET", "no-slash").status == 400);
}

TEST_CASE("the sweeps route lists every sweep with its counts and best") {
  LiveSweep sweep;
  const auto id = sweep.start(1);
  sweep.epochs(id, 1, 1, 3);
  sweep.store.finish_trial(id, results::TrialState::Finished, 0, "", "{}");
  dashboard::Api api(sweep.db);
  const json list = body(api.handle("GET", "/api/sweeps"));
  REQUIRE(list["sweeps"].size() == 1);
  CHECK(list["sweeps"][0]["name"] == "live");
  CHECK(list["sweeps"][0]["trials"] == 1);
  CHECK(list["sweeps"][0]["counts"]["finished"] == 1);
  CHECK(list["sweeps"][0]["best_value"].get<double>() == doctest::Approx(dashboard_test::accuracy(1, 3)));
}

TEST_CASE("the model holds the trials, their curves and axes; names that look like markup stay text") {
  LiveSweep sweep;
  for (int trial = 1; trial <= 3; ++trial) {
    const auto id = sweep.start(trial);
    sweep.epochs(id, trial, 1, 4);
    sweep.store.finish_trial(id, results::TrialState::Finished, 0, "", "{}");
  }
  dashboard::Api api(sweep.db);
  const auto response = api.handle("GET", "/api/sweeps/" + std::to_string(sweep.sweep.id) + "/model");
  REQUIRE(response.status == 200);
  CHECK(response.content_type == "application/json");
  const json model = json::parse(response.body);
  CHECK(model["metric"] == "val_acc");
  REQUIRE(model["trials"].size() == 3);
  CHECK(model["trials"][1]["params"]["optimizer"] == dashboard_test::kMarkupChoice);
  CHECK(model["trials"][2]["best"].get<double>() == doctest::Approx(dashboard_test::accuracy(3, 4)));
  REQUIRE(model["curves"].size() == 3);
  CHECK(model["curves"][0]["points"].size() == 8);  // 4 steps, [step, value] flattened
  REQUIRE(model["axes"].size() == 3);
  CHECK(model["axes"][1]["name"] == "num_layers");
  CHECK(model["axes"][2]["labels"][2] == dashboard_test::kMarkupChoice);
  CHECK(model["trials"][2]["axes"][2] == 0.0);  // trial 3: optimizers[0]
  CHECK(model["best"]["number"] == 3);
  CHECK(model["cursor"].get<double>() > 0);
}

TEST_CASE("a trial's details: parameters, state and cause, every metric, the log tail, the summary") {
  LiveSweep sweep;
  const auto id = sweep.start(2);
  sweep.epochs(id, 2, 1, 2);
  sweep.store.record_metrics(id, {{1, "loss", 0.5}, {2, "loss", 0.25}});
  sweep.store.set_summary(id, {{"test_confusion", "[[5,1],[0,6]]"}});
  sweep.store.finish_trial(id, results::TrialState::EarlyTerminated, std::nullopt, "epoch 1\nepoch 2 <b>\n",
                           R"({"cause":"hyperband"})");
  dashboard::Api api(sweep.db);
  const json trial = body(api.handle("GET", "/api/sweeps/" + std::to_string(sweep.sweep.id) + "/trials/2"));
  CHECK(trial["state"] == "early_terminated");
  CHECK(trial["cause"] == "hyperband");
  CHECK(trial["log_tail"] == "epoch 1\nepoch 2 <b>\n");
  CHECK(trial["series"]["loss"] == json::array({1, 0.5, 2, 0.25}));
  CHECK(trial["series"]["val_acc"].size() == 4);
  CHECK(trial["summary"]["test_confusion"] == json::parse("[[5,1],[0,6]]"));
  CHECK(api.handle("GET", "/api/sweeps/" + std::to_string(sweep.sweep.id) + "/trials/9").status == 404);
  CHECK(api.handle("GET", "/api/sweeps/77/model").status == 404);
}

TEST_CASE("a long log tail is cut to its last 64 KiB, on a character boundary") {
  LiveSweep sweep;
  const auto id = sweep.start(1);
  std::string log;
  while (log.size() < dashboard::kMaxLogTailBytes + 1000) log += "é-line\n";
  sweep.store.finish_trial(id, results::TrialState::Failed, 1, log, "{}");
  dashboard::Api api(sweep.db);
  const auto response = api.handle("GET", "/api/sweeps/" + std::to_string(sweep.sweep.id) + "/trials/1");
  const json trial = json::parse(response.body);  // valid UTF-8, or parse would throw
  const auto tail = trial["log_tail"].get<std::string>();
  CHECK(tail.size() <= dashboard::kMaxLogTailBytes);
  CHECK(tail.size() > dashboard::kMaxLogTailBytes - 8);
  CHECK(log.ends_with(tail));
}

TEST_CASE("within its maximum age the model comes from the cache, even after a change") {
  LiveSweep sweep;
  const auto id = sweep.start(1);
  sweep.epochs(id, 1, 1, 1);
  dashboard::Api api(sweep.db);
  const std::string path = "/api/sweeps/" + std::to_string(sweep.sweep.id) + "/model";
  const json first = body(api.handle("GET", path));
  CHECK(body(api.handle("GET", path))["generated_at"] == first["generated_at"]);
  sweep.epochs(id, 1, 2, 2);
  // Within the maximum age the cached model is served; the page's updates bring what is newer.
  CHECK(body(api.handle("GET", path))["curves"][0]["points"].size() == 2);
}
