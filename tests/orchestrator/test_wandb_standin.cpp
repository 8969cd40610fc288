// The wandb stand-in's coordinator side: the spec key that turns it off, which trials count as
// Python, where the stand-in is found, and the environment a Python trial gets.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>

#include "orchestrator/spec/sweep_spec.h"
#include "orchestrator/launch/wandb_standin.h"
#include "test_spec_helpers.h"

namespace {

namespace fs = std::filesystem;

// Sets an environment variable for one scope, then puts back what was there.
class ScopedEnv {
 public:
  ScopedEnv(std::string name, const std::optional<std::string>& value) : name_(std::move(name)) {
    if (const char* old = std::getenv(name_.c_str())) old_ = old;
    if (value) ::setenv(name_.c_str(), value->c_str(), 1);
    else ::unsetenv(name_.c_str());
  }
  ~ScopedEnv() {
    if (old_) ::setenv(name_.c_str(), old_->c_str(), 1);
    else ::unsetenv(name_.c_str());
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  std::string name_;
  std::optional<std::string> old_;
};

}  // namespace

TEST_CASE("wandb stand-in: the spec key wandb_standin defaults to true, takes false, refuses a non-bool") {
  using spec_test::parse;
  using spec_test::refusal;
  using spec_test::with_parameters;
  CHECK(parse(with_parameters("  a: {value: 1}\n")).wandb_standin);
  CHECK_FALSE(parse(with_parameters("  a: {value: 1}\n", "method: grid\nwandb_standin: false\n")).wandb_standin);
  CHECK(parse(with_parameters("  a: {value: 1}\n", "method: grid\nwandb_standin: true\n")).wandb_standin);
  for (const char* value : {"\"no\"", "0", "[true]", "off-please"}) {
    CAPTURE(value);
    const std::string message = refusal(with_parameters("  a: {value: 1}\n", std::string("method: grid\nwandb_standin: ") +
                                                                                 value + "\n"));
    CHECK(message.find("wandb_standin") != std::string::npos);
    CHECK(message.find("true or false is required") != std::string::npos);
  }
  CHECK(refusal(with_parameters("  a: {value: 1}\n", "method: grid\nwandb_standn: false\n"))
            .find("did you mean wandb_standin?") != std::string::npos);
}

TEST_CASE("wandb stand-in: a trial is Python when its argv has a .py script or a python interpreter") {
  using orchestrator::is_python_command;
  CHECK(is_python_command({"/usr/bin/env", "python3", "/work/train.py", "--lr=0.1"}));
  CHECK(is_python_command({"/usr/bin/env", "/opt/venv/bin/python", "-m", "trainer"}));
  CHECK(is_python_command({"python3.11", "-c", "print(1)"}));
  CHECK(is_python_command({"/usr/bin/pypy3", "x"}));
  CHECK(is_python_command({"torchrun", "--nproc_per_node=2", "train.py"}));
  CHECK_FALSE(is_python_command({"/usr/bin/env", "/build/bin/trainer", "--lr=0.1"}));
  CHECK_FALSE(is_python_command({"/usr/bin/python-config"}));
  CHECK_FALSE(is_python_command({"/usr/bin/env", ".py"}));  // ".py" alone is not a script name
  CHECK_FALSE(is_python_command({}));
}

TEST_CASE("wandb stand-in: first on PYTHONPATH, before the coordinator's own, with the config as JSON") {
  std::map<std::string, std::string> environment{{"SWEEP_TRIAL", "3"}};
  const nlohmann::json config = {{"lr", 0.01}, {"optimizer", {{"name", "adam"}}}};
  {
    const ScopedEnv python_path("PYTHONPATH", "/site/a:/site/b");
    orchestrator::add_wandb_standin_environment(environment, "/opt/sweep/python", config);
  }
  CHECK(environment["PYTHONPATH"] == "/opt/sweep/python:/site/a:/site/b");
  CHECK(nlohmann::json::parse(environment["SWEEP_TRIAL_CONFIG"]) == config);
  CHECK(environment["WANDB_MODE"] == "offline");
  CHECK(environment["SWEEP_TRIAL"] == "3");

  const ScopedEnv no_python_path("PYTHONPATH", std::nullopt);
  orchestrator::add_wandb_standin_environment(environment, "/opt/sweep/python", config);
  CHECK(environment["PYTHONPATH"] == "/opt/sweep/python");
}

TEST_CASE("wandb stand-in: found next to the executable's bin/, or where SWEEP_WANDB_PATH says") {
  {
    const ScopedEnv unset("SWEEP_WANDB_PATH", std::nullopt);
    // orchestrator_tests lives in <build>/bin, like sweep; the build copies the stand-in to <build>/python.
    const auto found = orchestrator::find_wandb_standin();
    REQUIRE(found);
    CHECK(fs::is_regular_file(fs::path(*found) / "wandb" / "__init__.py"));
    CHECK(fs::equivalent(fs::path(*found), fs::path(SWEEP_BINARY).parent_path().parent_path() / "python"));
  }
  const fs::path source_copy = fs::path(__FILE__).parent_path().parent_path().parent_path() / "orchestrator" / "python";
  {
    const ScopedEnv overridden("SWEEP_WANDB_PATH", source_copy.string());
    const auto found = orchestrator::find_wandb_standin();
    REQUIRE(found);
    CHECK(fs::equivalent(fs::path(*found), source_copy));
  }
  const ScopedEnv wrong("SWEEP_WANDB_PATH", "/nonexistent/sweep-wandb");
  CHECK_FALSE(orchestrator::find_wandb_standin());
  CHECK(orchestrator::wandb_standin_location().find("/nonexistent/sweep-wandb (from SWEEP_WANDB_PATH)") !=
        std::string::npos);
}
