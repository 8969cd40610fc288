#include "orchestrator/run/log_tail.h"

#include "results/utf8.h"

namespace orchestrator {

namespace {
constexpr std::string_view kCutMark = " [...]";
}

LogTail::LogTail(std::size_t max_lines, std::size_t max_bytes)
    : max_lines_(max_lines == 0 ? 1 : max_lines), max_bytes_(max_bytes < 64 ? 64 : max_bytes) {}

void LogTail::add(std::string_view line) {
  // One line may take at most a quarter of the budget, so a single huge line keeps some context.
  // The tail is stored and printed as JSON, so it is made valid UTF-8 here, once (results/utf8.h), and
  // cut between characters, never inside one.
  const std::size_t line_limit = max_bytes_ / 4;
  std::string kept = results::repair_utf8(line.substr(0, line_limit));  // repairing may lengthen it
  if (line.size() > line_limit || kept.size() > line_limit)
    kept = kept.substr(0, results::utf8_prefix_length(kept, line_limit - kCutMark.size())) + std::string(kCutMark);
  bytes_ += kept.size() + 1;
  lines_.push_back(std::move(kept));
  while (lines_.size() > max_lines_ || bytes_ > max_bytes_) {
    bytes_ -= lines_.front().size() + 1;
    lines_.pop_front();
  }
}

std::string LogTail::text() const {
  std::string joined;
  joined.reserve(bytes_);
  for (const std::string& line : lines_) {
    if (!joined.empty()) joined += '\n';
    joined += line;
  }
  return joined;
}

}  // namespace orchestrator
