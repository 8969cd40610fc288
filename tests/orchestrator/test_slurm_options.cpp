// Unit tests of the `slurm:` block (every field, every refusal) and the srun command line built
// from it; no Slurm needed.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include <nlohmann/json.hpp>

#include "orchestrator/launch/slurm_options.h"
#include "orchestrator/spec/sweep_spec.h"
#include "test_run_support.h"

using nlohmann::json;
using orchestrator::parse_slurm_options;
using orchestrator::SpecError;
using orchestrator::srun_arguments;

namespace {

// The SpecError message for a block, or "" if it was accepted.
std::string refusal(const json& block) {
  try {
    parse_slurm_options(block, "spec.yaml");
  } catch (const SpecError& error) {
    return error.what();
  }
  return {};
}

bool has(const std::vector<std::string>& argv, const std::string& argument) {
  return std::find(argv.begin(), argv.end(), argument) != argv.end();
}

}  // namespace

TEST_CASE("slurm options: every field is read") {
  const auto options = parse_slurm_options(json::parse(R"({
      "partition": "gpu,debug", "account": "lab-42", "qos": "normal", "time": "1-02:30:00",
      "cpus_per_task": 4, "mem": "16G", "gres": "gpu:a100:1", "gpus": "a100:2",
      "constraint": "avx512&ib", "extra_args": ["--exclusive", "--nice=10"]})"),
                                           "spec.yaml");
  CHECK(options.partition == "gpu,debug");
  CHECK(options.account == "lab-42");
  CHECK(options.qos == "normal");
  CHECK(options.time == "1-02:30:00");
  CHECK(options.cpus_per_task == 4);
  CHECK(options.mem == "16G");
  CHECK(options.gres == "gpu:a100:1");
  CHECK(options.gpus == "a100:2");
  CHECK(options.constraint == "avx512&ib");
  CHECK(options.extra_args == std::vector<std::string>{"--exclusive", "--nice=10"});
}

TEST_CASE("slurm options: absent block and bare numbers") {
  const auto none = parse_slurm_options(json(), "spec.yaml");
  CHECK(none.partition.empty());
  CHECK_FALSE(none.cpus_per_task);
  const auto numbers = parse_slurm_options(json::parse(R"({"time": 30, "mem": 4096, "gpus": 1})"), "spec.yaml");
  CHECK(numbers.time == "30");
  CHECK(numbers.mem == "4096");
  CHECK(numbers.gpus == "1");
  // Integers as YAML gives them (signed), not only as JSON text parses them (unsigned).
  CHECK(parse_slurm_options(json{{"time", 1}, {"mem", 512}}, "spec.yaml").time == "1");
}

TEST_CASE("slurm options: refusals name the field and what is allowed") {
  const std::string unknown = refusal(json::parse(R"({"partiton": "debug"})"));
  CHECK(unknown.find("spec.yaml: slurm.partiton: unknown key") == 0);
  CHECK(unknown.find("partition, account, qos") != std::string::npos);
  CHECK(refusal(json::parse(R"(["debug"])")).find("slurm: must be a mapping") != std::string::npos);
  CHECK(refusal(json::parse(R"({"time": "ten minutes"})")).find("slurm.time: 'ten minutes' is not a Slurm time") !=
        std::string::npos);
  CHECK(refusal(json::parse(R"({"time": -5})")).find("slurm.time: must be") != std::string::npos);
  CHECK(refusal(json::parse(R"({"cpus_per_task": 0})")).find("slurm.cpus_per_task: must be a whole number") !=
        std::string::npos);
  CHECK(refusal(json::parse(R"({"cpus_per_task": 2.5})")).find("slurm.cpus_per_task") != std::string::npos);
  CHECK(refusal(json::parse(R"({"mem": "lots"})")).find("slurm.mem: 'lots' is not a memory size") !=
        std::string::npos);
  CHECK(refusal(json::parse(R"({"partition": "a b"})")).find("slurm.partition") != std::string::npos);
  CHECK(refusal(json::parse(R"({"partition": ""})")).find("slurm.partition") != std::string::npos);
  CHECK(refusal(json::parse(R"({"extra_args": "--exclusive"})")).find("slurm.extra_args: must be a list") !=
        std::string::npos);
  CHECK(refusal(json::parse(R"({"extra_args": [3]})")).find("slurm.extra_args: every item") != std::string::npos);
  const std::string reserved = refusal(json::parse(R"({"extra_args": ["--job-name=mine"]})"));
  CHECK(reserved.find("slurm.extra_args: '--job-name=mine' is set by the launcher") != std::string::npos);
  CHECK(refusal(json::parse(R"({"extra_args": ["-o", "out.txt"]})")).find("'-o'") != std::string::npos);
  CHECK(refusal(json::parse(R"({"time": "2-00:00:00", "mem": "500M", "gpus": 1})")).empty());
}

TEST_CASE("srun argv: one named, unbuffered, verbose job per trial with the block's options") {
  const auto options = parse_slurm_options(
      json::parse(R"({"partition": "gpu", "time": "10", "mem": "2G", "extra_args": ["--exclusive"]})"), "s");
  const auto argv = srun_arguments("/usr/bin/srun", options, 3, "sweep-adam-7");
  REQUIRE(!argv.empty());
  CHECK(argv.front() == "/usr/bin/srun");
  CHECK(has(argv, "--job-name=sweep-adam-7"));
  CHECK(has(argv, "--ntasks=1"));
  CHECK(has(argv, "--cpus-per-task=3"));  // the spec's threads_per_trial when the block says nothing
  CHECK(has(argv, "--unbuffered"));
  CHECK(has(argv, "--kill-on-bad-exit=1"));
  CHECK(has(argv, "--verbose"));
  CHECK(has(argv, "--partition=gpu"));
  CHECK(has(argv, "--time=10"));
  CHECK(has(argv, "--mem=2G"));
  CHECK(argv.back() == "--exclusive");  // extra arguments last, so they can override
  CHECK_FALSE(has(argv, "--account="));
  CHECK(std::none_of(argv.begin(), argv.end(), [](const std::string& a) { return a.rfind("--qos", 0) == 0; }));

  const auto explicit_cpus = parse_slurm_options(json::parse(R"({"cpus_per_task": 8})"), "s");
  CHECK(has(srun_arguments("srun", explicit_cpus, 3, "j"), "--cpus-per-task=8"));
}

TEST_CASE("sweep validate refuses a bad slurm: block as sweep run does") {
  run_test::ScratchDir dir;
  run_test::write_file(dir / "v.yaml", "name: v\nprogram: /bin/true\nmethod: random\nlauncher: slurm\n"
                                       "slurm: {partiton: debug}\nparameters:\n  x: {values: [1, 2]}\n");
  run_test::SweepProcess validate(dir.path(), {"validate", "v.yaml"});
  CHECK(validate.wait() == 2);
  CHECK(validate.err().find("partiton") != std::string::npos);
}
