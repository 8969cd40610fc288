#include "orchestrator/launch/srun_messages.h"

#include <array>
#include <charconv>
#include <utility>

namespace orchestrator {

namespace {

bool starts_with(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

std::optional<long> number_at(std::string_view text) {
  long value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end == text.data()) return std::nullopt;
  return value;
}

// The "DUE TO ..." reasons slurmstepd and srun print when Slurm ends a job or step.
std::string cause_in(std::string_view line) {
  static const std::array<std::pair<std::string_view, std::string_view>, 6> reasons = {{
      {"DUE TO TIME LIMIT", "time limit"},
      {"DUE TO PREEMPTION", "preemption"},
      {"DUE TO NODE FAILURE", "node failure"},
      {"Node failure on", "node failure"},
      {"oom_kill event", "out of memory"},
      {"DUE TO JOB REQUEUE", "requeued"},
  }};
  for (const auto& [text, cause] : reasons)
    if (line.find(text) != std::string_view::npos) return std::string(cause);
  // "*** STEP 7.0 ON n1 CANCELLED AT <time> ***" without a reason: someone ran scancel.
  if (line.find("*** ") != std::string_view::npos && line.find(" CANCELLED AT ") != std::string_view::npos)
    return "cancelled";
  return {};
}

}  // namespace

SrunLine read_srun_line(std::string_view line) {
  SrunLine read;
  read.cause = cause_in(line);
  if (!starts_with(line, "srun: ")) return read;
  const std::string_view said = line.substr(6);
  if (starts_with(said, "jobid ")) {  // verbose: "jobid 7: nodes(1):`n1', cpu counts: 1(x1)"
    read.job_id = number_at(said.substr(6));
    const auto open = said.find('`'), close = said.find('\'');
    if (open != std::string_view::npos && close != std::string_view::npos && close > open)
      read.nodes = said.substr(open + 1, close - open - 1);
    read.chatter = true;
    return read;
  }
  if (starts_with(said, "job ")) {  // "job 7 queued and waiting for resources", "... has been allocated ..."
    read.job_id = number_at(said.substr(4));
    return read;
  }
  if (starts_with(said, "launching StepId=")) {  // verbose: "launching StepId=7.0 on host n1, 1 tasks: 0"
    const std::string_view rest = said.substr(17);
    read.step = rest.substr(0, rest.find(' '));
    read.chatter = true;
    return read;
  }
  constexpr std::string_view refused = "error: Unable to allocate resources: ";
  if (starts_with(said, refused)) {
    read.refusal = std::string(said.substr(refused.size()));
    return read;
  }
  // Errors, warnings and Slurm's notices about the job stay in the log; --verbose progress does not.
  read.chatter = !starts_with(said, "error") && !starts_with(said, "warning") && !starts_with(said, "Job") &&
                 !starts_with(said, "Force") && read.cause.empty();
  return read;
}

}  // namespace orchestrator
