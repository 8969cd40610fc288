// UnknownCommand: the subcommand a `sweep` command line names, checked before CLI11 parses it, which
// would answer `sweep UNKNOWN --help` with the top-level help and exit 0 instead of saying it is unknown.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace orchestrator::cli {

// args: the command line without the program name. The message for an unknown command, with the
// nearest known one when one is plausibly meant and the list of commands; nullopt when the command
// is known (or none is named: CLI11 says what is missing).
std::optional<std::string> unknown_command_message(const CLI::App& app, const std::vector<std::string>& args);

}  // namespace orchestrator::cli
