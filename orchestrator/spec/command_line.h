// CommandLine: the argv of one trial, built from the spec's `command` template and a configuration.
// No shell anywhere: each macro expands to zero or more whole arguments.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "orchestrator/spec/sweep_spec.h"
#include "orchestrator/spec/trial_args.h"

namespace orchestrator {

// The macros a `command` element may be (a whole element, W&B style):
//   ${env}                   -> /usr/bin/env
//   ${interpreter}           -> python3 for a .py program, nothing otherwise
//   ${program}               -> the resolved program path
//   ${args}                  -> --name=value per top-level config key
//   ${args_no_hyphens}       -> name=value
//   ${args_json}             -> one argument: the config as JSON
//   ${args_no_boolean_flags} -> --name=value, but true bools as --name and false bools omitted
//   ${args_no_equals}        -> --name value, two arguments per key
//   ${args_json_file}        -> one argument: the path of a file holding the config as JSON
// Names pass through unchanged: a dotted name gives --model.hidden_dim=64.
// Returns true if `element` is one of them.
bool is_command_macro(const std::string& element);
// The list above, for messages ("${env}, ${interpreter}, ...").
const std::vector<std::string>& command_macros();

// Whether the command template uses ${program} (only then must `program` resolve).
bool command_uses_program(const std::vector<std::string>& command);
// Whether it uses ${args_json_file} (then each trial needs its config written to a file).
bool command_uses_args_json_file(const std::vector<std::string>& command);
// Why a spec cannot run and what to add: its command uses ${program} and it has no program (W&B
// accepts that for in-script sweeps). Empty when the spec is runnable as far as the program goes.
std::string program_missing_reason(const SweepSpec& spec);

// Finds spec.program: next to the spec file, then in the current directory, then on PATH (a name
// with a '/' is only looked up relative to the spec's directory and the current directory).
// Returns an absolute path. Throws SpecError ("<source>: program: ...") if it is not found, or
// if a non-.py program is not executable, or if there is no program (program_missing_reason).
std::string resolve_program(const SweepSpec& spec);
// Looks a bare name up on $PATH (execvp semantics); empty if absent. For argv[0] like "python3".
std::string find_on_path(const std::string& name);


// The trial argv. `program` is the resolved program path (from resolve_program); `config` is a
// JSON object whose top-level keys become the flags (nested blocks are passed as JSON objects);
// `args_json_file` is the path ${args_json_file} becomes (empty: the macro is left as written, for
// display). Writes nothing.
std::vector<std::string> build_command(const std::vector<std::string>& command_template,
                                       const std::string& program, const nlohmann::json& config,
                                       const std::string& args_json_file = {});
std::vector<std::string> build_command(const SweepSpec& spec, const std::string& program,
                                       const nlohmann::json& config, const std::string& args_json_file = {});

}  // namespace orchestrator
