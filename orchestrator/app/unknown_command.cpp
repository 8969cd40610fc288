#include "orchestrator/app/unknown_command.h"

#include <string_view>

#include "orchestrator/spec/spec_reader.h"

namespace orchestrator::cli {

namespace {

// Whether arg is a top-level option that takes the next argument as its value (`--db PATH`).
bool takes_a_value(const CLI::App& app, const std::string& arg) {
  if (arg.find('=') != std::string::npos) return false;
  for (const CLI::Option* option : app.get_options())
    if (option->check_name(arg) && option->get_items_expected_max() > 0) return true;
  return false;
}

}  // namespace

std::optional<std::string> unknown_command_message(const CLI::App& app, const std::vector<std::string>& args) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--") return std::nullopt;
    if (arg.starts_with('-')) {
      if (takes_a_value(app, arg)) ++i;
      continue;
    }
    std::vector<std::string> names;
    for (const CLI::App* command : app.get_subcommands([](const CLI::App*) { return true; })) {
      if (command->check_name(arg)) return std::nullopt;
      names.push_back(command->get_name());
    }
    const std::vector<std::string_view> candidates(names.begin(), names.end());
    const std::string suggestion = spec::closest_word(arg, candidates);
    std::string known;
    for (const std::string& name : names) known += (known.empty() ? "" : ", ") + name;
    return "sweep: unknown command '" + arg + "'" + (suggestion.empty() ? "" : " (did you mean " + suggestion + "?)") +
           "; the commands are " + known + " (sweep --help describes them)";
  }
  return std::nullopt;
}

}  // namespace orchestrator::cli
