// Fault tests of the command line as a demanding user meets it: an example command with shell
// metacharacters, a sweep whose every trial fails with retries, unknown commands with and without --help.
#include <doctest/doctest.h>

#include <set>

#include <nlohmann/json.hpp>

#include "results/params.h"
#include "test_run_support.h"

using namespace run_test;
using results::TrialState;

TEST_CASE("fault: validate's example command is shell-quoted as show and best quote it") {
  ScratchDir dir;
  write_file(dir / "quote.yaml", fake_spec("quote", "method: grid\nparameters:\n  p: {value: \"a; touch x\"}\n"));
  SweepProcess json(dir.path(), {"validate", "quote.yaml", "--json"});
  REQUIRE(json.wait() == 0);
  const auto argv = nlohmann::json::parse(json.out())["example_argv"].get<std::vector<std::string>>();
  REQUIRE(argv.size() >= 2);
  CHECK(argv.back() == "--p=a; touch x");
  SweepProcess text(dir.path(), {"validate", "quote.yaml"});
  REQUIRE(text.wait() == 0);
  CAPTURE(text.out());
  CHECK(text.out().find("example     " + results::shell_join(argv) + "\n") != std::string::npos);
  CHECK(text.out().find("'--p=a; touch x'") != std::string::npos);
}

TEST_CASE("fault: 'the first 5 trials all failed' counts trials, and names their retries") {
  ScratchDir dir;
  write_file(dir / "doomed.yaml", fake_spec("doomed", R"(method: random
workers: 1
retries: 2
run_cap: 20
parameters:
  x: {min: 0.0, max: 1.0}
  crash_at: {value: 1}
)"));
  SweepProcess sweep(dir.path(), {"run", "doomed.yaml"});
  REQUIRE(sweep.wait() == 1);
  CHECK(sweep.out().find("the first 5 trials all failed (15 attempts, with retries: 2)") != std::string::npos);
  const auto store = results::ResultStore::open_existing((dir / "results.db").string());
  const auto trials = store.trials(store.find_sweep("doomed")->id);
  std::set<int> numbers;
  for (const auto& trial : trials) numbers.insert(trial.number);
  CHECK(numbers.size() == 5);  // five trials, not two and a half
  CHECK(trials.size() == 15);  // each tried three times
  CHECK(count_state(trials, TrialState::Failed) == 15);
}

TEST_CASE("fault: an unknown command is exit 2 with a suggestion, with or without --help") {
  ScratchDir dir;
  for (const std::vector<std::string>& args : {std::vector<std::string>{"shwo", "--help"}, {"shwo"}, {"shwo", "-h"},
                                               {"--db", "x.db", "shwo", "1"}}) {
    CAPTURE(args.size());
    SweepProcess sweep(dir.path(), args);
    CHECK(sweep.wait() == 2);
    CHECK(sweep.err().find("unknown command 'shwo' (did you mean show?)") != std::string::npos);
    CHECK(sweep.out().empty());  // not the top-level help
  }
  SweepProcess help(dir.path(), {"show", "--help"});
  CHECK(help.wait() == 0);
  CHECK(help.out().find("TRIAL") != std::string::npos);
  SweepProcess top(dir.path(), {"--help"});
  CHECK(top.wait() == 0);
  SweepProcess db_named_like_a_command(dir.path(), {"--db", "show", "ls"});  // --db's value is not the command
  CHECK(db_named_like_a_command.wait() == 4);
}
