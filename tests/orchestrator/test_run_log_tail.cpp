#include <doctest/doctest.h>

#include <string>

#include "orchestrator/run/log_tail.h"

TEST_CASE("log tail keeps the last lines, oldest first") {
  orchestrator::LogTail tail(3, 4096);
  for (int i = 1; i <= 5; ++i) tail.add("line " + std::to_string(i));
  CHECK(tail.lines() == 3);
  CHECK(tail.text() == "line 3\nline 4\nline 5");
}

TEST_CASE("log tail is bounded in bytes and cuts a huge line") {
  orchestrator::LogTail tail(1000, 1024);
  tail.add(std::string(10000, 'x'));
  CHECK(tail.text().size() <= 1024);
  CHECK(tail.text().find("[...]") != std::string::npos);
  for (int i = 0; i < 200; ++i) tail.add("some ordinary line " + std::to_string(i));
  CHECK(tail.text().size() <= 1024);
  CHECK(tail.text().ends_with("some ordinary line 199"));
}
