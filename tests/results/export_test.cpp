#include <doctest/doctest.h>

#include <sstream>

#include "orchestrator/run/coordinator_lock.h"
#include "results/export.h"
#include "results/params.h"
#include "results/text_format.h"
#include "store_fixture.h"

using results::ResultStore;
using results::TrialState;
using results_test::make_sweep;
using results_test::TempDirectory;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

struct ExportFixture {
  TempDirectory dir;
  ResultStore store = ResultStore::open(dir.file("results.db"));
  // A coordinator runs the sweep: its second trial reads as running (without one, as interrupted).
  std::optional<orchestrator::CoordinatorLock> lock = orchestrator::CoordinatorLock::acquire(dir.file("results.db"), "s");
  results::SweepRecord sweep;
  std::vector<results::TrialSummary> trials;

  ExportFixture() {
    const auto id = store.create_sweep(make_sweep("s", "val_loss", "minimize"));
    const auto first = store.start_trial(id, 1, 1, R"({"lr":0.001,"note":"a, \"quoted\" one","opt":{"beta":0.9}})", "h");
    store.record_metrics(first, {{1, "val_loss", 0.8}, {2, "val_loss", 0.3}, {3, "val_loss", 0.5}, {3, "acc", 0.9}});
    store.finish_trial(first, TrialState::Finished, 0, "", "{}");
    store.start_trial(id, 2, 1, R"({"lr":0.1})", "h");
    sweep = *store.find_sweep("s");
    trials = store.trial_summaries(id);
  }
};

}  // namespace

TEST_CASE("csv_field quotes only what needs it and doubles quotes") {
  CHECK(results::csv_field("plain") == "plain");
  CHECK(results::csv_field("") == "");
  CHECK(results::csv_field("a,b") == "\"a,b\"");
  CHECK(results::csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(results::csv_field("two\nlines") == "\"two\nlines\"");
}

TEST_CASE("CSV export: a header with the union of params and metrics, one row per trial") {
  ExportFixture fixture;
  std::ostringstream out;
  results::write_csv_export(out, fixture.sweep, fixture.trials);
  const auto lines = lines_of(out.str());
  REQUIRE(lines.size() == 3);
  CHECK(lines[0] ==
        "sweep,number,attempt,state,exit_code,started_at,ended_at,duration_s,host,best.val_loss,"
        "param.lr,param.note,param.opt.beta,last.acc,min.acc,max.acc,last.val_loss,min.val_loss,max.val_loss,summary");
  CHECK(lines[1].rfind("s,1,1,finished,0,", 0) == 0);
  CHECK(lines[1].find(",0.3,0.001,\"a, \"\"quoted\"\" one\",0.9,0.9,0.9,0.9,0.5,0.3,0.8") != std::string::npos);
  // The running trial has no exit code, end, best, note, beta or metrics: empty fields.
  CHECK(lines[2].rfind("s,2,1,running,,", 0) == 0);
  CHECK(lines[2].find(",,0.1,,,,,,,,") != std::string::npos);
}

TEST_CASE("JSON export keeps params nested and gives each metric's summary and the goal's best") {
  ExportFixture fixture;
  std::ostringstream out;
  results::write_json_export(out, fixture.sweep, fixture.trials);
  const auto document = nlohmann::json::parse(out.str());
  CHECK(document["sweep"]["name"] == "s");
  CHECK(document["sweep"]["goal"] == "minimize");
  CHECK_FALSE(document["sweep"].contains("spec_text"));
  const auto& trials = document["trials"];
  REQUIRE(trials.size() == 2);
  CHECK(trials[0]["params"]["opt"]["beta"] == 0.9);
  CHECK(trials[0]["metrics"]["val_loss"]["last"] == 0.5);
  CHECK(trials[0]["metrics"]["val_loss"]["last_step"] == 3);
  CHECK(trials[0]["metrics"]["val_loss"]["points"] == 3);
  CHECK(trials[0]["best"] == 0.3);  // minimize
  CHECK(trials[0]["exit_code"] == 0);
  CHECK(trials[1]["state"] == "running");
  CHECK(trials[1]["best"].is_null());
  CHECK(trials[1]["ended_at"].is_null());
  CHECK(trials[1]["exit_code"].is_null());
}

TEST_CASE("exports carry each trial's summary: parsed values in JSON, JSON text in CSV's last column") {
  ExportFixture fixture;
  const auto first = fixture.trials[0].trial.id;
  fixture.store.set_summary(first,
                            {{"test_acc", "0.91"}, {"test_confusion", "[[9,1],[2,8]]"}, {"note", "\"a,b\""}});
  const auto summaries = results::read_summaries(fixture.store, fixture.trials);
  CHECK(summaries.size() == 1);  // the second trial has none

  std::ostringstream json_out;
  results::write_json_export(json_out, fixture.sweep, fixture.trials, summaries);
  const auto trials = nlohmann::json::parse(json_out.str())["trials"];
  CHECK(trials[0]["summary"]["test_acc"] == 0.91);
  CHECK(trials[0]["summary"]["test_confusion"][1] == nlohmann::json::parse("[2,8]"));
  CHECK(trials[0]["summary"]["note"] == "a,b");
  CHECK(trials[1]["summary"] == nlohmann::json::object());

  std::ostringstream csv_out;
  results::write_csv_export(csv_out, fixture.sweep, fixture.trials, summaries);
  const auto lines = lines_of(csv_out.str());
  REQUIRE(lines.size() == 3);
  CHECK(lines[1].ends_with(R"(,"{""note"":""a,b"",""test_acc"":0.91,""test_confusion"":[[9,1],[2,8]]}")"));
  CHECK(lines[2].ends_with(",,"));  // no max.val_loss, no summary
  CHECK(results::summary_json({}) == nlohmann::json::object());
}

TEST_CASE("params flatten to dotted names; flags paste into a shell as they are") {
  const auto params = nlohmann::json::parse(R"({"lr":0.001,"optimizer":"adam","opt":{"beta":0.9},"bn":true})");
  const auto flat = results::flatten_params(params);
  REQUIRE(flat.size() == 4);
  CHECK(flat[0].first == "bn");
  CHECK(flat[2].first == "opt.beta");
  CHECK(results::shell_join({"--bn=True", "--lr=0.001"}) == "--bn=True --lr=0.001");
  CHECK(results::shell_join({"--name=two words", "--q=it's"}) == R"('--name=two words' '--q=it'\''s')");
  CHECK(results::shell_join({}).empty());
  CHECK_THROWS_AS(results::parse_params("[1,2]"), results::StoreError);
}

TEST_CASE("numbers, durations and times format for people and for files") {
  CHECK(results::format_number(0.881234567) == "0.881235");
  CHECK(results::format_number(1.5e-05) == "1.5e-05");
  CHECK(results::format_number(std::nan("")) == "nan");
  CHECK(results::format_exact(0.1) == "0.1");
  CHECK(std::stod(results::format_exact(0.881234567891234)) == 0.881234567891234);
  CHECK(results::format_exact(std::nan("")).empty());
  CHECK(results::format_duration(0.25) == "250ms");
  CHECK(results::format_duration(12.34) == "12.3s");
  CHECK(results::format_duration(245) == "4m05s");
  CHECK(results::format_duration(7380) == "2h03m");
  CHECK(results::format_utc(0) == "1970-01-01T00:00:00Z");
  CHECK(results::format_utc(1764091000.7) == "2025-11-25T17:16:40Z");
}
