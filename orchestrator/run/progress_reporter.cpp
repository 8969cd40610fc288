#include "orchestrator/run/progress_reporter.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

namespace orchestrator {

namespace {

constexpr const char* kClearLine = "\r\x1b[K";

std::string format_value(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", value);
  return text;
}

std::string trial_name(int number, int attempt) {
  return "trial " + std::to_string(number) + (attempt > 1 ? " (attempt " + std::to_string(attempt) + ")" : "");
}

}  // namespace

std::string format_duration(double seconds) {
  char text[32];
  if (seconds < 10) {
    std::snprintf(text, sizeof text, "%.1fs", std::max(0.0, seconds));
    return text;
  }
  const auto total = static_cast<long long>(std::llround(seconds));
  if (total < 60) std::snprintf(text, sizeof text, "%llds", total);
  else if (total < 3600) std::snprintf(text, sizeof text, "%lldm%02llds", total / 60, total % 60);
  else std::snprintf(text, sizeof text, "%lldh%02lldm", total / 3600, total % 3600 / 60);
  return text;
}

ProgressReporter::ProgressReporter(std::ostream& out, bool live, std::string sweep_name, std::string metric)
    : out_(out), live_(live), sweep_name_(std::move(sweep_name)), metric_(std::move(metric)) {}

std::string ProgressReporter::status(const SweepProgress& progress) const {
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  std::ostringstream line;
  line << '[' << sweep_name_ << "] " << progress.done;
  if (progress.total) line << '/' << *progress.total;
  line << " done, " << progress.running << " running, " << progress.failed << " failed";
  if (progress.killed > 0) line << ", " << progress.killed << " killed";
  if (progress.best && !metric_.empty())
    line << ", best " << metric_ << ' ' << format_value(*progress.best) << " (trial " << progress.best_trial.value_or(0)
         << ')';
  line << ", " << format_duration(elapsed) << " elapsed";
  const long long ended = progress.done + progress.failed + progress.killed;
  if (progress.total && progress.done_here > 0 && static_cast<long long>(*progress.total) > ended) {
    const double remaining = static_cast<double>(*progress.total) - static_cast<double>(ended);
    line << ", ETA " << format_duration(elapsed / progress.done_here * remaining);
  }
  return line.str();
}

void ProgressReporter::print_event(const std::string& line, const SweepProgress& progress) {
  if (live_) out_ << kClearLine << line << '\n' << status(progress) << std::flush;
  else out_ << line << '\n' << std::flush;
}

void ProgressReporter::trial_started(int number, int attempt, const std::string& params_json,
                                     const SweepProgress& progress) {
  if (live_) return refresh(progress);  // the live line shows it; the log would only scroll
  print_event(trial_name(number, attempt) + " started: " + params_json, progress);
}

void ProgressReporter::trial_ended(int number, int attempt, const std::string& state, double seconds,
                                   std::optional<double> value, const std::string& detail,
                                   const SweepProgress& progress) {
  std::string line = trial_name(number, attempt) + " " + state + " after " + format_duration(seconds);
  if (value && !metric_.empty()) line += ": " + metric_ + " " + format_value(*value);
  if (!detail.empty()) line += " (" + detail + ")";
  if (!live_) line += "  | " + status(progress);
  print_event(line, progress);
}

void ProgressReporter::note(const std::string& message, const SweepProgress& progress) {
  print_event(message, progress);
}

void ProgressReporter::refresh(const SweepProgress& progress) {
  if (live_) out_ << kClearLine << status(progress) << std::flush;
}

void ProgressReporter::finish(const SweepProgress& progress) {
  if (live_) out_ << kClearLine;
  out_ << status(progress) << '\n' << std::flush;
}

}  // namespace orchestrator
