#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "orchestrator/app/commands.h"

namespace fs = std::filesystem;

namespace {

struct Outcome {
  int exit_code;
  std::string out, err;
};

// Runs `sweep validate ARGS...` in-process with stdout and stderr captured.
Outcome run_validate(std::vector<std::string> args, const std::string& db_path) {
  CLI::App app{"test"};
  orchestrator::cli::CommandContext context;
  context.db_path = db_path;
  orchestrator::cli::add_validate_command(app, context);
  args.insert(args.begin(), {"sweep", "validate"});
  std::vector<const char*> argv;
  for (const std::string& a : args) argv.push_back(a.c_str());
  std::ostringstream out, err;
  auto* old_out = std::cout.rdbuf(out.rdbuf());
  auto* old_err = std::cerr.rdbuf(err.rdbuf());
  app.parse(static_cast<int>(argv.size()), argv.data());
  std::cout.rdbuf(old_out);
  std::cerr.rdbuf(old_err);
  return {context.exit_code, out.str(), err.str()};
}

struct SpecFiles {
  fs::path dir = fs::temp_directory_path() / ("sweep_validate_test_" + std::to_string(::getpid()));
  SpecFiles() { fs::create_directories(dir); }
  ~SpecFiles() { fs::remove_all(dir); }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(dir / name) << text;
    return (dir / name).string();
  }
  std::string db() const { return (dir / "results.db").string(); }
};

}  // namespace

TEST_CASE("validate prints the space, grid size and an example argv") {
  const SpecFiles files;
  const std::string spec = files.write("grid.yaml", R"(program: sh
method: grid
command:
  - ${program}
  - -c
  - "true"
  - ${args}
parameters:
  lr: {values: [0.1, 0.01]}
  layers: {min: 1, max: 3}
  act: {value: relu}
)");
  const Outcome text = run_validate({spec}, files.db());
  CHECK(text.exit_code == orchestrator::cli::kOk);
  CHECK(text.err.empty());
  CHECK(text.out.find("grid points 6") != std::string::npos);
  CHECK(text.out.find("layers") != std::string::npos);
  CHECK(text.out.find("int_uniform") != std::string::npos);
  CHECK(text.out.find("-c true --act=relu --layers=1 --lr=0.1") != std::string::npos);

  const Outcome as_json = run_validate({spec, "--json"}, files.db());
  CHECK(as_json.exit_code == orchestrator::cli::kOk);
  const auto parsed = nlohmann::json::parse(as_json.out);
  CHECK(parsed["grid_points"] == 6);
  CHECK(parsed["method"] == "grid");
  CHECK(parsed["parameters"].size() == 3);
  CHECK(parsed["example_argv"].back() == "--lr=0.1");
  CHECK(parsed["program_path"].get<std::string>().ends_with("/sh"));
  CHECK_FALSE(fs::exists(files.db()));
}

TEST_CASE("validate --json is valid JSON whatever bytes the spec's strings hold") {
  const SpecFiles files;
  // A description saved in Latin-1 (\xe9 alone is not UTF-8): shown as U+FFFD, not a crash of the printer.
  const std::string spec = files.write("latin1.yaml", "program: sh\nmethod: random\ndescription: caf\xe9 run\n"
                                                      "parameters: {lr: {min: 0.1, max: 1.0}}\n");
  const Outcome outcome = run_validate({spec, "--json"}, files.db());
  REQUIRE(outcome.exit_code == orchestrator::cli::kOk);
  const auto parsed = nlohmann::json::parse(outcome.out);
  CHECK(parsed["description"] == "caf\xef\xbf\xbd run");
}

TEST_CASE("validate says when a space is not grid-able") {
  const SpecFiles files;
  const std::string spec = files.write("r.yaml", "program: sh\nmethod: random\nparameters: {lr: {min: 0.1, max: 1.0}}\n");
  const Outcome outcome = run_validate({spec, "--json"}, files.db());
  CHECK(outcome.exit_code == orchestrator::cli::kOk);
  CHECK(nlohmann::json::parse(outcome.out)["grid_points"].is_null());
  CHECK(run_validate({spec}, files.db()).out.find("not grid-able") != std::string::npos);
}

TEST_CASE("validate refuses with one message on stderr, exit 2, and no database") {
  const SpecFiles files;
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"program: sh\nmethod: grid\nparameters: {lr: {min: 0.1, max: 1.0}}\n", "parameters.lr"},
      {"program: sh\nmethod: random\nparameters: {lr: {min: 2, max: 1}}\n", "parameters.lr.min"},
      {"program: no-such-program-xyz\nmethod: random\nparameters: {a: {value: 1}}\n", "program"},
      {"a: b\n  c: d\n", "line 2"},
  };
  for (const auto& [text, field] : bad) {
    CAPTURE(text);
    const Outcome outcome = run_validate({files.write("bad.yaml", text)}, files.db());
    CHECK(outcome.exit_code == orchestrator::cli::kUsage);
    CHECK(outcome.out.empty());
    CHECK(outcome.err.find(field) != std::string::npos);
    CHECK(std::count(outcome.err.begin(), outcome.err.end(), '\n') == 1);
  }
  CHECK(run_validate({(files.dir / "missing.yaml").string()}, files.db()).exit_code == orchestrator::cli::kUsage);
  CHECK_FALSE(fs::exists(files.db()));
}
