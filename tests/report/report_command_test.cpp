// `sweep report` end to end: a real sweep of the fake trainer run by the built `sweep`, then its report,
// and the command's exit codes for a missing database, sweep or metric and an unwritable output.
#include <doctest/doctest.h>

#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "report_fixture.h"
#include "results/result_store.h"
#include "results/text_format.h"

using namespace report_test;

namespace {

std::string quoted(const std::string& word) {
  std::string text = "'";
  for (const char c : word) text += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return text + "'";
}

struct Run {
  int code = -1;
  std::string out;
};

// Runs `sweep ARGS` in dir, stdout and stderr together.
Run sweep(const fs::path& dir, const std::string& args) {
  const fs::path log = dir / "sweep.log";
  const std::string command = "cd " + quoted(dir.string()) + " && " + quoted(SWEEP_BINARY) + " " + args + " > " +
                              quoted(log.string()) + " 2>&1";
  const int status = std::system(command.c_str());
  Run run;
  run.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ostringstream text;
  text << std::ifstream(log).rdbuf();
  run.out = text.str();
  return run;
}

std::string read_file(const fs::path& path) {
  std::ostringstream text;
  text << std::ifstream(path).rdbuf();
  return text.str();
}

int count(const std::string& text, const std::string& what) {
  int found = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++found;
  return found;
}

constexpr const char* kFakeSweep = R"(method: random
run_cap: 6
seed: 3
workers: 2
metric:
  name: val_acc
  goal: maximize
parameters:
  x: {min: 0.0, max: 1.0}
  variant: {values: [plain, fancy]}
  lr: {distribution: log_uniform_values, min: 0.001, max: 0.1}
  epochs: {value: 4}
)";

}  // namespace

TEST_CASE("sweep report: a real fake-trainer sweep, then its report") {
  ScratchDir dir;
  std::ofstream(dir / "fake.yaml") << "name: fake\nprogram: " << SWEEP_FAKE_TRAINER << "\n" << kFakeSweep;
  const Run ran = sweep(dir.path(), "run fake.yaml");
  REQUIRE_MESSAGE(ran.code == 0, ran.out);

  const Run unwritable = sweep(dir.path(), "report -o out/report.html");
  CHECK(unwritable.code == 1);  // out/ does not exist: the file cannot be written
  CHECK(unwritable.out.find("cannot open") != std::string::npos);
  fs::create_directories(dir / "out");
  const Run written = sweep(dir.path(), "report -o out/report.html");
  REQUIRE_MESSAGE(written.code == 0, written.out);
  CHECK(written.out.find("wrote out/report.html (") != std::string::npos);
  CHECK(written.out.find("KiB") != std::string::npos);
  CHECK(fs::exists(dir / "out" / "report.html"));
  for (const auto& entry : fs::directory_iterator(dir / "out")) CHECK(entry.path().filename() == "report.html");

  const std::string page = read_file(dir / "out" / "report.html");
  CHECK(page.find(">finished 6</span>") != std::string::npos);
  CHECK(count(page.substr(page.find("<tbody>")), "<tr") == 6);
  CHECK(page.find("<th>best val_acc</th><th>last val_acc</th>") != std::string::npos);
  CHECK(page.find("<th>variant</th>") != std::string::npos);

  const auto store = results::ResultStore::open_existing((dir / "results.db").string());
  const auto best = store.best_trials(store.find_sweep("fake")->id, "val_acc", true, 1);
  REQUIRE(best.size() == 1);
  CHECK(page.find("Best trial: #" + std::to_string(best.front().trial.number) + " ") != std::string::npos);
  CHECK(page.find(results::format_number(best.front().value)) != std::string::npos);
  CHECK(page.find(std::string("id=\"best-command\">") + SWEEP_FAKE_TRAINER + " --epochs=4 --lr=") != std::string::npos);
  CHECK(count(page, "<svg") >= 4);

  // --metric and --goal choose what is plotted and ranked.
  const Run by_loss = sweep(dir.path(), "report --metric loss --goal minimize -o loss.html");
  REQUIRE_MESSAGE(by_loss.code == 0, by_loss.out);
  CHECK(read_file(dir / "loss.html").find("<th>best loss</th>") != std::string::npos);
}

TEST_CASE("sweep report: exit codes for a missing database, sweep or metric, and a bad --goal") {
  ScratchDir dir;
  const Run no_database = sweep(dir.path(), "report");
  CHECK(no_database.code == 4);
  CHECK(no_database.out.find("sweep report: ") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "results.db"));
  CHECK_FALSE(fs::exists(dir / "report.html"));

  {
    auto store = results::ResultStore::open((dir / "results.db").string());
    add_sweep(store, "synth", kSyntheticSpec);
  }
  const Run no_sweep = sweep(dir.path(), "report --sweep other");
  CHECK(no_sweep.code == 3);
  CHECK(no_sweep.out.find("sweeps: synth") != std::string::npos);
  const Run no_metric = sweep(dir.path(), "report --metric nope");
  CHECK(no_metric.code == 3);
  CHECK(no_metric.out.find("nope") != std::string::npos);
  CHECK(sweep(dir.path(), "report --goal sideways").code == 2);
  CHECK_FALSE(fs::exists(dir / "report.html"));

  const Run empty = sweep(dir.path(), "report");  // the latest sweep, with no trials yet
  CHECK(empty.code == 0);
  CHECK(read_file(dir / "report.html").find("no data yet") != std::string::npos);
}
