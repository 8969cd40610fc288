#include "orchestrator/spec/command_line.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

namespace orchestrator {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::vector<std::string> kMacros = {"${env}",          "${interpreter}",       "${program}",
                                          "${args}",         "${args_no_hyphens}",   "${args_json}",
                                          "${args_no_boolean_flags}", "${args_no_equals}", "${args_json_file}"};

bool ends_with_py(const std::string& path) { return path.size() > 3 && path.ends_with(".py"); }

bool is_runnable(const fs::path& candidate, bool needs_exec) {
  std::error_code error;
  if (!fs::is_regular_file(candidate, error)) return false;
  return !needs_exec || ::access(candidate.c_str(), X_OK) == 0;
}

std::string program_not_found(const SweepSpec& spec, const fs::path& spec_dir) {
  std::string looked = "next to the spec (" + (spec_dir.empty() ? std::string(".") : spec_dir.string()) +
                       "), in the current directory";
  if (spec.program.find('/') == std::string::npos) looked += " and on PATH";
  return spec.source + ": program: \"" + spec.program + "\" was not found " + looked +
         "; give a path to an executable (or a .py script), or put it on PATH";
}

}  // namespace

bool is_command_macro(const std::string& element) {
  return std::find(kMacros.begin(), kMacros.end(), element) != kMacros.end();
}

const std::vector<std::string>& command_macros() { return kMacros; }

bool command_uses_program(const std::vector<std::string>& command) {
  return std::find(command.begin(), command.end(), "${program}") != command.end();
}

bool command_uses_args_json_file(const std::vector<std::string>& command) {
  return std::find(command.begin(), command.end(), "${args_json_file}") != command.end();
}

std::string program_missing_reason(const SweepSpec& spec) {
  if (!spec.program.empty() || !command_uses_program(spec.command)) return "";
  return "program: is missing, and the command runs ${program}; add program: train.py (the script or executable "
         "each trial runs), or a command that names it (command: [python3, train.py, \"${args}\"]). A W&B spec "
         "without program is for wandb.agent inside a script: run that script with sweep's stand-in first on "
         "PYTHONPATH (PYTHONPATH=$(sweep wandb-path) python3 train.py) and its wandb.sweep/wandb.agent calls run "
         "the sweep";
}

std::string find_on_path(const std::string& name) {
  const char* path = std::getenv("PATH");
  if (path == nullptr || name.empty() || name.find('/') != std::string::npos) return "";
  std::string_view rest(path);
  while (true) {
    const std::size_t colon = rest.find(':');
    const std::string dir(rest.substr(0, colon));
    const fs::path candidate = fs::path(dir.empty() ? "." : dir) / name;
    if (is_runnable(candidate, true)) return fs::absolute(candidate).string();
    if (colon == std::string_view::npos) return "";
    rest.remove_prefix(colon + 1);
  }
}

std::string resolve_program(const SweepSpec& spec) {
  if (spec.program.empty()) throw SpecError(spec.source + ": " + program_missing_reason(spec));
  const bool needs_exec = !ends_with_py(spec.program);  // a .py script is run by python3
  const fs::path program(spec.program);
  const fs::path spec_dir = fs::path(spec.source).parent_path();
  std::vector<fs::path> candidates;
  if (program.is_absolute()) {
    candidates.push_back(program);
  } else {
    if (!spec.source.empty()) candidates.push_back(spec_dir / program);
    candidates.push_back(fs::current_path() / program);
  }
  for (const fs::path& candidate : candidates) {
    if (is_runnable(candidate, needs_exec)) return fs::absolute(candidate).lexically_normal().string();
    std::error_code error;
    if (fs::is_regular_file(candidate, error)) {
      throw SpecError(spec.source + ": program: " + candidate.string() +
                      " exists but is not executable; chmod +x it, or give a .py script");
    }
  }
  if (spec.program.find('/') == std::string::npos) {
    if (std::string found = find_on_path(spec.program); !found.empty()) return found;
  }
  throw SpecError(program_not_found(spec, spec_dir));
}

std::vector<std::string> build_command(const std::vector<std::string>& command_template, const std::string& program,
                                       const json& config, const std::string& args_json_file) {
  std::vector<std::string> argv;
  auto append = [&argv](const std::vector<std::string>& more) { argv.insert(argv.end(), more.begin(), more.end()); };
  for (const std::string& element : command_template) {
    if (element == "${env}") {
      argv.push_back("/usr/bin/env");
    } else if (element == "${interpreter}") {
      if (ends_with_py(program)) argv.push_back("python3");
    } else if (element == "${program}") {
      argv.push_back(program);
    } else if (element == "${args}") {
      append(arg_flags(config, "--", false));
    } else if (element == "${args_no_hyphens}") {
      append(arg_flags(config, "", false));
    } else if (element == "${args_no_boolean_flags}") {
      append(arg_flags(config, "--", true));
    } else if (element == "${args_no_equals}") {
      for (const auto& [name, value] : config.items()) {
        argv.push_back("--" + name);
        argv.push_back(format_arg_value(value));
      }
    } else if (element == "${args_json}") {
      argv.push_back(config.dump());
    } else if (element == "${args_json_file}") {
      argv.push_back(args_json_file.empty() ? element : args_json_file);
    } else {
      argv.push_back(element);
    }
  }
  return argv;
}

std::vector<std::string> build_command(const SweepSpec& spec, const std::string& program, const json& config,
                                       const std::string& args_json_file) {
  return build_command(spec.command, program, config, args_json_file);
}

}  // namespace orchestrator
