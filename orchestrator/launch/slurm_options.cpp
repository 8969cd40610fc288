#include "orchestrator/launch/slurm_options.h"

#include <algorithm>
#include <regex>

#include "orchestrator/spec/sweep_spec.h"

namespace orchestrator {

namespace {

using nlohmann::json;

const std::vector<std::string>& known_keys() {
  static const std::vector<std::string> keys = {"partition", "account", "qos",        "time",      "cpus_per_task",
                                                "mem",       "gres",    "gpus",       "constraint", "extra_args"};
  return keys;
}

// srun options the launcher sets itself, or that would hide the trial's output from it.
const std::vector<std::string>& reserved_arguments() {
  static const std::vector<std::string> reserved = {"-J", "--job-name", "-o", "--output", "-e", "--error", "-i",
                                                    "--input", "--pty", "-Q", "--quiet", "--unbuffered", "-u"};
  return reserved;
}

std::string joined(const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& name : names) text += (text.empty() ? "" : ", ") + name;
  return text;
}

class BlockReader {
 public:
  BlockReader(const json& block, std::string source) : block_(block), source_(std::move(source)) {}

  [[noreturn]] void refuse(const std::string& field, const std::string& message) const {
    throw SpecError(source_ + ": slurm." + field + ": " + message);
  }

  // A string, or a number written without quotes (time: 30, mem: 4096, gpus: 1).
  std::string text(const std::string& field, const std::regex& allowed, const std::string& what) const {
    if (!block_.contains(field)) return {};
    const json& value = block_.at(field);
    std::string written;
    if (value.is_string()) written = value.get<std::string>();
    else if (value.is_number_integer() && value.get<long long>() >= 0) written = std::to_string(value.get<long long>());
    else refuse(field, "must be " + what);
    if (!std::regex_match(written, allowed)) refuse(field, "'" + written + "' is not " + what);
    return written;
  }

  std::optional<int> positive(const std::string& field) const {
    if (!block_.contains(field)) return std::nullopt;
    const json& value = block_.at(field);
    if (!value.is_number_integer() || value.get<long long>() < 1 || value.get<long long>() > 100000)
      refuse(field, "must be a whole number from 1 to 100000, not " + value.dump());
    return value.get<int>();
  }

  std::vector<std::string> arguments(const std::string& field) const {
    if (!block_.contains(field)) return {};
    const json& value = block_.at(field);
    if (!value.is_array()) refuse(field, "must be a list of srun arguments, like [\"--exclusive\"]");
    std::vector<std::string> arguments;
    for (const json& item : value) {
      if (!item.is_string() || item.get<std::string>().empty())
        refuse(field, "every item must be a non-empty string, not " + item.dump());
      const std::string argument = item.get<std::string>();
      const std::string option = argument.substr(0, argument.find('='));
      for (const std::string& reserved : reserved_arguments())
        if (option == reserved)
          refuse(field, "'" + argument + "' is set by the launcher (it names the job and reads its output); "
                        "not allowed here: " + joined(reserved_arguments()));
      arguments.push_back(argument);
    }
    return arguments;
  }

 private:
  const json& block_;
  std::string source_;
};

}  // namespace

SlurmOptions parse_slurm_options(const json& block, const std::string& source) {
  if (block.is_null()) return {};
  if (!block.is_object()) throw SpecError(source + ": slurm: must be a mapping of srun options, not " + block.dump());
  for (const auto& [key, value] : block.items())
    if (std::find(known_keys().begin(), known_keys().end(), key) == known_keys().end())
      throw SpecError(source + ": slurm." + key + ": unknown key; allowed: " + joined(known_keys()));
  const BlockReader read(block, source);
  static const std::regex name(R"([A-Za-z0-9_.\-]+)");
  static const std::regex list(R"([A-Za-z0-9_.:\-]+(,[A-Za-z0-9_.:\-]+)*)");
  static const std::regex time(R"(\d+|\d+:\d{1,2}|\d+:\d{1,2}:\d{1,2}|\d+-\d+|\d+-\d+:\d{1,2}|\d+-\d+:\d{1,2}:\d{1,2})");
  static const std::regex memory(R"(\d+[KMGT]?)");
  static const std::regex gpus(R"(([A-Za-z0-9_\-]+:)?\d+)");
  static const std::regex constraint(R"([A-Za-z0-9_.\-&|,\[\]*:()]+)");
  SlurmOptions options;
  options.partition = read.text("partition", list, "a partition name (or a comma-separated list of them)");
  options.account = read.text("account", name, "an account name");
  options.qos = read.text("qos", name, "a QOS name");
  options.time = read.text("time", time, "a Slurm time limit: minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS");
  options.cpus_per_task = read.positive("cpus_per_task");
  options.mem = read.text("mem", memory, "a memory size: megabytes, or a number with K, M, G or T");
  options.gres = read.text("gres", list, "a generic resource list, like gpu:1 or gpu:a100:2");
  options.gpus = read.text("gpus", gpus, "a GPU count, like 1, or type:count, like a100:2");
  options.constraint = read.text("constraint", constraint, "a node feature expression, like 'avx512&ib'");
  options.extra_args = read.arguments("extra_args");
  return options;
}

std::vector<std::string> srun_arguments(const std::string& srun, const SlurmOptions& options, int cpus_per_task,
                                        const std::string& job_name) {
  std::vector<std::string> argv = {srun,
                                   "--job-name=" + job_name,
                                   "--ntasks=1",
                                   "--cpus-per-task=" + std::to_string(options.cpus_per_task.value_or(cpus_per_task)),
                                   "--unbuffered",
                                   "--kill-on-bad-exit=1",
                                   "--verbose"};
  const auto add = [&argv](const std::string& option, const std::string& value) {
    if (!value.empty()) argv.push_back("--" + option + "=" + value);
  };
  add("partition", options.partition);
  add("account", options.account);
  add("qos", options.qos);
  add("time", options.time);
  add("mem", options.mem);
  add("gres", options.gres);
  add("gpus", options.gpus);
  add("constraint", options.constraint);
  argv.insert(argv.end(), options.extra_args.begin(), options.extra_args.end());
  return argv;
}

}  // namespace orchestrator
