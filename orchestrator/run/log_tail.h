// LogTail: the last lines of a trial's log (stderr and non-JSON stdout), bounded in lines and bytes
// so a chatty trial cannot grow the coordinator's memory or the database row without limit.
#pragma once

#include <cstddef>
#include <deque>
#include <string>
#include <string_view>

namespace orchestrator {

class LogTail {
 public:
  explicit LogTail(std::size_t max_lines = 100, std::size_t max_bytes = 16 * 1024);

  // Appends one line (without its newline); invalid UTF-8 bytes become U+FFFD, an over-long line is cut
  // (between characters) and marked.
  void add(std::string_view line);
  // The kept lines joined with '\n', oldest first.
  std::string text() const;
  std::size_t lines() const { return lines_.size(); }

 private:
  std::size_t max_lines_;
  std::size_t max_bytes_;
  std::size_t bytes_ = 0;
  std::deque<std::string> lines_;
};

}  // namespace orchestrator
