#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "orchestrator/spec/command_line.h"
#include "test_spec_helpers.h"

using nlohmann::json;
using orchestrator::build_command;
using orchestrator::format_arg_value;
using Argv = std::vector<std::string>;

namespace fs = std::filesystem;

namespace {

// A scratch directory with an executable and a script, removed at the end of the test.
struct ScratchDir {
  fs::path path = fs::temp_directory_path() / ("sweep_cmd_test_" + std::to_string(::getpid()));
  ScratchDir() {
    fs::create_directories(path / "specs");
    write(path / "specs" / "tool", "#!/bin/sh\n", true);
    write(path / "specs" / "train.py", "print('hi')\n", false);
    write(path / "specs" / "plain", "not executable\n", false);
  }
  ~ScratchDir() { fs::remove_all(path); }
  static void write(const fs::path& file, const std::string& text, bool executable) {
    std::ofstream(file) << text;
    if (executable) fs::permissions(file, fs::perms::owner_all, fs::perm_options::add);
  }
  orchestrator::SweepSpec spec(const std::string& program) const {
    auto spec = spec_test::parse("program: " + program + "\nmethod: grid\nparameters: {a: {value: 1}}\n");
    spec.source = (path / "specs" / "s.yaml").string();
    return spec;
  }
};

std::string resolve_error(const orchestrator::SweepSpec& spec) {
  try {
    orchestrator::resolve_program(spec);
  } catch (const orchestrator::SpecError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("values are formatted as W&B's agent formats them") {
  CHECK(format_arg_value(3) == "3");
  CHECK(format_arg_value(-12) == "-12");
  CHECK(format_arg_value("adam") == "adam");
  CHECK(format_arg_value("with space") == "with space");
  CHECK(format_arg_value(true) == "True");
  CHECK(format_arg_value(false) == "False");
  CHECK(format_arg_value(nullptr) == "None");
  CHECK(format_arg_value(json::array({1, "a"})) == "[1,\"a\"]");
  CHECK(format_arg_value(json{{"k", 1}}) == "{\"k\":1}");
}

TEST_CASE("floats follow Python's repr") {
  const std::vector<std::pair<double, std::string>> cases = {
      {0.001, "0.001"},    {0.0001, "0.0001"},  {1e-05, "1e-05"},     {1.5e-07, "1.5e-07"},
      {3.0, "3.0"},        {0.1, "0.1"},        {0.30000000000000004, "0.30000000000000004"},
      {123.456, "123.456"}, {1e15, "1000000000000000.0"}, {1e16, "1e+16"}, {2.5e20, "2.5e+20"},
      {-0.5, "-0.5"},      {-2e-05, "-2e-05"},  {0.0, "0.0"},         {1e100, "1e+100"}};
  for (const auto& [value, text] : cases) {
    CAPTURE(text);
    CHECK(format_arg_value(value) == text);
  }
}

TEST_CASE("every macro expands to whole arguments") {
  const json config = {{"lr", 0.001}, {"epochs", 5}, {"opt", "adam"}, {"shuffle", true}, {"augment", false}};
  const Argv base = {"/bin/prog"};
  CHECK(build_command(Argv{"${env}", "${interpreter}", "${program}", "${args}"}, "/bin/prog", config) ==
        Argv{"/usr/bin/env", "/bin/prog", "--augment=False", "--epochs=5", "--lr=0.001", "--opt=adam", "--shuffle=True"});
  CHECK(build_command(Argv{"${env}", "${interpreter}", "${program}"}, "/x/train.py", config) ==
        Argv{"/usr/bin/env", "python3", "/x/train.py"});
  CHECK(build_command(Argv{"${program}", "${args_no_hyphens}"}, "/bin/prog", config) ==
        Argv{"/bin/prog", "augment=False", "epochs=5", "lr=0.001", "opt=adam", "shuffle=True"});
  CHECK(build_command(Argv{"${program}", "${args_no_boolean_flags}"}, "/bin/prog", config) ==
        Argv{"/bin/prog", "--epochs=5", "--lr=0.001", "--opt=adam", "--shuffle"});
  const Argv with_json = build_command(Argv{"${program}", "--config", "${args_json}"}, "/bin/prog", config);
  REQUIRE(with_json.size() == 3);
  CHECK(json::parse(with_json[2]) == config);
  CHECK(build_command(Argv{"${program}", "--fixed", "1"}, "/bin/prog", config) == Argv{"/bin/prog", "--fixed", "1"});
}

TEST_CASE("${args_no_equals} gives two arguments per key; ${args_json_file} the file's path, or itself for display") {
  const json config = {{"lr", 0.001}, {"opt", "adam"}, {"shuffle", true}};
  CHECK(build_command(Argv{"${program}", "${args_no_equals}"}, "/bin/prog", config) ==
        Argv{"/bin/prog", "--lr", "0.001", "--opt", "adam", "--shuffle", "True"});
  CHECK(build_command(Argv{"${program}", "--json-file", "${args_json_file}"}, "/bin/prog", config, "/tmp/t-1-1.json") ==
        Argv{"/bin/prog", "--json-file", "/tmp/t-1-1.json"});
  CHECK(build_command(Argv{"${program}", "${args_json_file}"}, "/bin/prog", config) ==
        Argv{"/bin/prog", "${args_json_file}"});
  CHECK(orchestrator::command_uses_args_json_file({"${program}", "${args_json_file}"}));
  CHECK_FALSE(orchestrator::command_uses_args_json_file({"${program}", "${args_json}"}));
}

TEST_CASE("dotted names (Lightning CLI, Hydra) pass through every macro unchanged") {
  const json config = {{"model.hidden_dim", 64}, {"optimizer.init_args.lr", 0.01}, {"data.shuffle", false}};
  CHECK(build_command(Argv{"${args}"}, "p", config) ==
        Argv{"--data.shuffle=False", "--model.hidden_dim=64", "--optimizer.init_args.lr=0.01"});
  CHECK(build_command(Argv{"${args_no_hyphens}"}, "p", config) ==
        Argv{"data.shuffle=False", "model.hidden_dim=64", "optimizer.init_args.lr=0.01"});
  CHECK(build_command(Argv{"${args_no_boolean_flags}"}, "p", config) ==
        Argv{"--model.hidden_dim=64", "--optimizer.init_args.lr=0.01"});
  CHECK(build_command(Argv{"${args_no_equals}"}, "p", config) ==
        Argv{"--data.shuffle", "False", "--model.hidden_dim", "64", "--optimizer.init_args.lr", "0.01"});
  const Argv as_json = build_command(Argv{"${args_json}"}, "p", config);
  REQUIRE(as_json.size() == 1);
  CHECK(json::parse(as_json[0]).contains("model.hidden_dim"));
  CHECK(json::parse(as_json[0]) == config);
}

TEST_CASE("nested configurations pass each top-level block as JSON") {
  const json config = {{"opt", {{"name", "adam"}, {"lr", 0.01}}}};
  CHECK(build_command(Argv{"${args}"}, "p", config) == Argv{"--opt={\"lr\":0.01,\"name\":\"adam\"}"});
}

TEST_CASE("the spec's command template is used, macros recognised") {
  CHECK(orchestrator::is_command_macro("${args_json}"));
  CHECK(orchestrator::is_command_macro("${args_json_file}"));
  CHECK(orchestrator::is_command_macro("${args_no_equals}"));
  CHECK_FALSE(orchestrator::is_command_macro("${args_no_equal}"));
  CHECK(orchestrator::command_macros().size() == 9);
  const auto spec = spec_test::parse("program: t\nmethod: grid\ncommand:\n  - ${program}\n  - -x\n  - ${args}\n\nparameters: {a: {value: 1}}\n");
  CHECK(build_command(spec, "/abs/t", json{{"a", 1}}) == Argv{"/abs/t", "-x", "--a=1"});
  CHECK(orchestrator::command_uses_program(spec.command));
  CHECK_FALSE(orchestrator::command_uses_program({"/bin/echo", "${args}"}));
}

TEST_CASE("programs are found next to the spec, then in the current directory, then on PATH") {
  const ScratchDir scratch;
  CHECK(orchestrator::resolve_program(scratch.spec("tool")) == (scratch.path / "specs" / "tool").string());
  CHECK(orchestrator::resolve_program(scratch.spec("train.py")) == (scratch.path / "specs" / "train.py").string());
  CHECK(orchestrator::resolve_program(scratch.spec("sh")) == orchestrator::find_on_path("sh"));
  CHECK_FALSE(orchestrator::find_on_path("sh").empty());
  CHECK(orchestrator::resolve_program(scratch.spec((scratch.path / "specs" / "tool").string())) ==
        (scratch.path / "specs" / "tool").string());

  const fs::path before = fs::current_path();
  fs::current_path(scratch.path);
  fs::create_directories("bin");
  ScratchDir::write(scratch.path / "bin" / "cwdtool", "#!/bin/sh\n", true);
  CHECK(orchestrator::resolve_program(scratch.spec("bin/cwdtool")) == (scratch.path / "bin" / "cwdtool").string());
  fs::current_path(before);
}

TEST_CASE("a spec without program: resolve_program says what to add") {
  const auto spec = spec_test::parse("method: random\nparameters: {a: {value: 1}}\n");
  CHECK(spec.program.empty());
  const std::string reason = orchestrator::program_missing_reason(spec);
  CHECK(reason.find("program: is missing") == 0);
  CHECK(reason.find("add program: train.py") != std::string::npos);
  CHECK(reason.find("sweep wandb-path") != std::string::npos);
  const std::string error = resolve_error(spec);
  CHECK(error.find("test.yaml: program: is missing") == 0);
  const auto command_only = spec_test::parse("method: random\ncommand: [/bin/echo, \"${args}\"]\nparameters: {a: {value: 1}}\n");
  CHECK(orchestrator::program_missing_reason(command_only).empty());
}

TEST_CASE("a missing or non-executable program is a refusal naming the program") {
  const ScratchDir scratch;
  const std::string missing = resolve_error(scratch.spec("no-such-trainer"));
  CHECK(missing.find("program: \"no-such-trainer\" was not found") != std::string::npos);
  CHECK(missing.find("on PATH") != std::string::npos);
  const std::string plain = resolve_error(scratch.spec("plain"));
  CHECK(plain.find("is not executable") != std::string::npos);
  CHECK(resolve_error(scratch.spec("sub/dir/tool")).find("was not found") != std::string::npos);
}
