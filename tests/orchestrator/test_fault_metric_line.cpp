// Fault tests of metric-line parsing: bytes that are not UTF-8 inside strings, and NaN values.
#include <doctest/doctest.h>

#include <cmath>

#include "orchestrator/run/log_tail.h"
#include "orchestrator/run/metric_line.h"
#include "results/utf8.h"

using orchestrator::parse_metric_line;

namespace {
const results::MetricPoint* point(const orchestrator::MetricRecord& record, const std::string& name) {
  for (const auto& p : record.points)
    if (p.name == name) return &p;
  return nullptr;
}
}  // namespace

TEST_CASE("fault: a string field that is not UTF-8 is skipped by name; the line's other fields are kept") {
  const auto record = parse_metric_line("{\"epoch\": 2, \"val_acc\": 0.8, \"label\": \"caf\xe9\", \"note\": \"ok\", "
                                        "\"opt\": {\"lr\": 0.1, \"name\": \"\xff\"}, \"tags\": [\"a\", \"\xfe\"]}",
                                        1);
  REQUIRE(record);
  CHECK(record->step == 2);
  REQUIRE(point(*record, "val_acc"));
  REQUIRE(point(*record, "opt.lr"));
  CHECK(record->skipped == std::vector<std::string>{"label", "opt.name", "tags"});
  REQUIRE(record->summary.size() == 1);
  CHECK(record->summary[0].first == "note");
  for (const auto& [key, value] : record->summary) CHECK(results::is_valid_utf8(value));
}

TEST_CASE("fault: a key that is not UTF-8 is skipped too, shown with U+FFFD") {
  const auto record = parse_metric_line("{\"epoch\": 1, \"b\xe9ta\": 0.5, \"loss\": 0.25}", 1);
  REQUIRE(record);
  REQUIRE(point(*record, "loss"));
  CHECK(record->points.size() == 1);
  CHECK(record->skipped == std::vector<std::string>{"b\xEF\xBF\xBDta"});
}

TEST_CASE("fault: bytes that are not UTF-8 outside strings still make the line a log line") {
  CHECK_FALSE(parse_metric_line("{\"epoch\": 1, \xff \"loss\": 0.25}", 1));
}

TEST_CASE("fault: NaN and infinite values are NaN points, and NaN inside a summary value is null") {
  const auto record = parse_metric_line(R"({"epoch": 3, "loss": NaN, "val": {"acc": Infinity}, "curve": [1, NaN]})", 1);
  REQUIRE(record);
  CHECK(record->diverged);
  REQUIRE(point(*record, "loss"));
  CHECK(std::isnan(point(*record, "loss")->value));
  REQUIRE(point(*record, "val.acc"));
  CHECK(std::isnan(point(*record, "val.acc")->value));
  REQUIRE(record->summary.size() == 1);
  CHECK(record->summary[0].second == "[1,null]");
  CHECK(record->skipped.empty());
}

TEST_CASE("fault: the log tail stores valid UTF-8 and never cuts a character in two") {
  orchestrator::LogTail tail(10, 256);  // lines are cut at 64 bytes
  tail.add("bad \xff byte");
  std::string accents;
  for (int i = 0; i < 40; ++i) accents += "\xC3\xA9";  // 80 bytes of 'é'
  tail.add(accents);
  CHECK(results::is_valid_utf8(tail.text()));
  CHECK(tail.text().starts_with("bad \xEF\xBF\xBD byte\n\xC3\xA9"));
  CHECK(tail.text().ends_with(" [...]"));
}
