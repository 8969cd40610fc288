#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "orchestrator/run/metric_line.h"

using orchestrator::parse_metric_line;

namespace {
const results::MetricPoint* point(const orchestrator::MetricRecord& record, const std::string& name) {
  for (const auto& p : record.points)
    if (p.name == name) return &p;
  return nullptr;
}
}  // namespace

TEST_CASE("metric line: lines that are not a JSON object belong to the log") {
  CHECK_FALSE(parse_metric_line("epoch 3 done", 1));
  CHECK_FALSE(parse_metric_line("", 1));
  CHECK_FALSE(parse_metric_line("[1, 2, 3]", 1));
  CHECK_FALSE(parse_metric_line("42", 1));
  CHECK_FALSE(parse_metric_line("{\"val_acc\": 0.8", 1));  // cut off
  CHECK_FALSE(parse_metric_line("{not json}", 1));
}

TEST_CASE("metric line: the step is epoch, else step, else the record's ordinal") {
  const auto by_epoch = parse_metric_line(R"({"epoch": 3, "step": 700, "val_acc": 0.88})", 9);
  REQUIRE(by_epoch);
  CHECK(by_epoch->step == 3);
  CHECK(point(*by_epoch, "epoch") == nullptr);  // the step field is not a metric of itself
  REQUIRE(point(*by_epoch, "step"));
  CHECK(point(*by_epoch, "step")->value == 700);
  REQUIRE(point(*by_epoch, "val_acc"));
  CHECK(point(*by_epoch, "val_acc")->value == doctest::Approx(0.88));
  CHECK(point(*by_epoch, "val_acc")->step == 3);

  const auto by_step = parse_metric_line(R"({"step": 12, "loss": 0.5})", 9);
  REQUIRE(by_step);
  CHECK(by_step->step == 12);

  const auto by_ordinal = parse_metric_line(R"(  {"loss": 0.5})", 9);
  REQUIRE(by_ordinal);
  CHECK(by_ordinal->step == 9);
  CHECK_FALSE(by_ordinal->diverged);
}

TEST_CASE("metric line: numeric fields become points, nested ones with dotted names; others are not points") {
  const auto record = parse_metric_line(R"({"epoch":1,"val":{"acc":0.7,"loss":1.5},"tag":"x","ok":true,"n":4})", 1);
  REQUIRE(record);
  CHECK(record->points.size() == 3);
  REQUIRE(point(*record, "val.acc"));
  CHECK(point(*record, "val.acc")->value == doctest::Approx(0.7));
  REQUIRE(point(*record, "n"));
  CHECK(point(*record, "n")->value == 4);
  CHECK(point(*record, "tag") == nullptr);
  CHECK(point(*record, "ok") == nullptr);
}

TEST_CASE("metric line: divergence is \"diverged\":true or a non-finite value") {
  const auto flagged = parse_metric_line(R"({"epoch":2,"diverged":true,"loss":3.0})", 1);
  REQUIRE(flagged);
  CHECK(flagged->diverged);
  CHECK(point(*flagged, "diverged") == nullptr);
  REQUIRE(point(*flagged, "loss"));

  const auto not_flagged = parse_metric_line(R"({"diverged":false,"loss":3.0})", 1);
  REQUIRE(not_flagged);
  CHECK_FALSE(not_flagged->diverged);

  for (const char* literal : {"NaN", "nan", "-nan", "Infinity", "-Infinity", "inf", "-inf"}) {
    CAPTURE(literal);
    const auto record = parse_metric_line(std::string(R"({"epoch":4,"loss":)") + literal + R"(,"acc":0.1})", 1);
    REQUIRE(record);
    CHECK(record->diverged);
    REQUIRE(point(*record, "loss"));  // kept as a NaN point (NULL in the database), never ranked
    CHECK(std::isnan(point(*record, "loss")->value));
    REQUIRE(point(*record, "acc"));
  }
}

TEST_CASE("metric line: NaN-like words inside strings are text, not numbers") {
  const auto record = parse_metric_line(R"({"note":"nan inf \"NaN\"","info":"Infinity","loss":0.25})", 1);
  REQUIRE(record);
  CHECK_FALSE(record->diverged);
  REQUIRE(point(*record, "loss"));
  CHECK(point(*record, "loss")->value == 0.25);
  CHECK_FALSE(parse_metric_line(R"({"loss": nanny})", 1));  // not a literal: still invalid JSON
}

TEST_CASE("metric line: W&B's _step names the step before epoch and step; _runtime and _timestamp are dropped") {
  const auto record = parse_metric_line(R"({"_step": 4, "epoch": 2, "step": 700, "loss": 0.5, "_runtime": 3.2, "_timestamp": 1.7e9})", 9);
  REQUIRE(record);
  CHECK(record->step == 4);
  CHECK(point(*record, "_step") == nullptr);
  CHECK(point(*record, "_runtime") == nullptr);
  CHECK(point(*record, "_timestamp") == nullptr);
  REQUIRE(point(*record, "epoch"));  // with _step as the step, epoch is a metric like any other
  CHECK(point(*record, "epoch")->value == 2);
  CHECK(point(*record, "epoch")->step == 4);
  REQUIRE(point(*record, "step"));
  CHECK(point(*record, "loss")->step == 4);
  CHECK(record->points.size() == 3);

  const auto zero = parse_metric_line(R"({"_step": 0, "loss": 0.5})", 9);
  REQUIRE(zero);
  CHECK(zero->step == 0);
  const auto not_a_number = parse_metric_line(R"({"_step": "x", "epoch": 3, "loss": 0.5})", 9);
  REQUIRE(not_a_number);
  CHECK(not_a_number->step == 3);
}

namespace {
std::string summary_value(const orchestrator::MetricRecord& record, const std::string& key) {
  std::string found;
  for (const auto& [name, value] : record.summary)
    if (name == key) found = value;
  return found;
}
}  // namespace

TEST_CASE("metric line: fields that are not numbers are summary values; numbers stay metrics only") {
  const auto record = parse_metric_line(
      R"({"epoch":1,"val_acc":0.9,"tag":"x","ok":true,"test_confusion":[[5,1],[0,6]],"none":null,)"
      R"("meta":{"name":"run","tags":["a"]},"val":{"loss":0.2,"note":"fine"},)"
      R"("table":{"_type":"table","columns":["a"],"nrows":2}})", 1);
  REQUIRE(record);
  CHECK(summary_value(*record, "tag") == R"("x")");
  CHECK(summary_value(*record, "ok") == "true");
  CHECK(summary_value(*record, "test_confusion") == "[[5,1],[0,6]]");
  CHECK(summary_value(*record, "meta") == R"({"name":"run","tags":["a"]})");  // no number in it: one value
  CHECK(summary_value(*record, "val.note") == R"("fine")");
  CHECK(summary_value(*record, "table") == R"({"_type":"table","columns":["a"],"nrows":2})");  // media: whole
  CHECK(summary_value(*record, "none").empty());
  CHECK(summary_value(*record, "val_acc").empty());
  CHECK(record->summary.size() == 6);
  REQUIRE(point(*record, "val.loss"));
  CHECK(point(*record, "table.nrows") == nullptr);
  CHECK(record->points.size() == 2);  // val_acc, val.loss
}

TEST_CASE("metric line: a _summary object gives its keys, numbers included, to the summary") {
  const auto record = parse_metric_line(R"({"_summary":{"best_acc":0.93,"label":"adam","gone":null}})", 5);
  REQUIRE(record);
  CHECK(record->points.empty());
  CHECK_FALSE(record->diverged);
  CHECK(summary_value(*record, "best_acc") == "0.93");
  CHECK(summary_value(*record, "label") == R"("adam")");
  CHECK(summary_value(*record, "gone") == "null");
  CHECK(record->summary.size() == 3);

  const auto mixed = parse_metric_line(R"({"_step":2,"loss":0.1,"_summary":{"phase":"train"}})", 5);
  REQUIRE(mixed);
  CHECK(mixed->step == 2);
  CHECK(mixed->points.size() == 1);
  CHECK(summary_value(*mixed, "phase") == R"("train")");
}
