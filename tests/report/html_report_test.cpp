// The report page of a synthetic sweep: the numbers it must hold, one self-contained file (CSP, no
// external references), escaping, and the empty and one-trial sweeps that must still render.
#include <doctest/doctest.h>

#include <algorithm>
#include <regex>

#include "report/color_map.h"
#include "report/html_report.h"
#include "report/report_model.h"
#include "report_fixture.h"
#include "results/queries.h"
#include "results/text_format.h"

using namespace report_test;

namespace {

std::string page_of(const SyntheticSweep& synthetic, report::ReportOptions options = {}) {
  options.load_sample_images = false;
  return report::render_html_report(report::build_report_model(synthetic.store, synthetic.sweep, options),
                                    "2026-01-02T03:04:05Z");
}

int count(const std::string& text, const std::string& what) {
  int found = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++found;
  return found;
}

std::string between(const std::string& text, const std::string& begin, const std::string& end) {
  const auto from = text.find(begin);
  if (from == std::string::npos) return "";
  const auto to = text.find(end, from);
  return text.substr(from, to == std::string::npos ? std::string::npos : to - from);
}

// Anything the browser would fetch: a src/href/url() that is not a fragment or a data: URI.
bool has_external_reference(const std::string& page) {
  static const std::regex reference(R"re((\b(src|href|xlink:href|action)\s*=\s*["']?|url\(\s*["']?)(?!#|data:)[^"'\s>)]*[:/])re",
                                    std::regex::icase);
  return std::regex_search(page, reference);
}

}  // namespace

TEST_CASE("report page: one self-contained document with a strict CSP") {
  SyntheticSweep synthetic;
  const std::string page = page_of(synthetic);
  CHECK(page.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(page.find("</html>") != std::string::npos);
  CHECK(page.find("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; "
                  "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">") != std::string::npos);
  CHECK_FALSE(has_external_reference(page));
  CHECK(count(page, "<link") == 0);
  CHECK(count(page, "<script") == 1);
  CHECK(count(page, "<script src") == 0);
  CHECK(count(page, "@import") == 0);
  // The check itself catches what it is for.
  CHECK(has_external_reference("<img src=\"https://example.org/a.png\">"));
  CHECK(has_external_reference("<script src=\"//cdn.example/x.js\"></script>"));
  CHECK(has_external_reference("<div style=\"background:url(http://x/y)\">"));
  CHECK_FALSE(has_external_reference("<a href=\"#trials\"><img src=\"data:image/png;base64,AAAA\">"));
}

TEST_CASE("report page: the header, counts, best trial and its command line") {
  SyntheticSweep synthetic;
  const std::string page = page_of(synthetic);
  CHECK(page.find("<title>sweep report: synth</title>") != std::string::npos);
  CHECK(page.find(">finished 6</span>") != std::string::npos);
  CHECK(page.find(">early_terminated 1</span>") != std::string::npos);
  CHECK(page.find(">failed 1</span>") != std::string::npos);
  CHECK(page.find(results::format_number(val_acc(6, 5))) != std::string::npos);
  CHECK(page.find("Best trial: #6 (finished)") != std::string::npos);
  const std::string command = between(page, "<pre class=\"cmd\" id=\"best-command\">", "</pre>");
  CHECK(command.find("trainer --epochs=5 --learning_rate=0.0138") != std::string::npos);
  CHECK(command.find("--num_layers=3 --optimizer=sgd") != std::string::npos);
  CHECK(page.find(results::format_duration(78)) != std::string::npos);  // compute time
  CHECK(page.find(results::format_duration(83)) != std::string::npos);  // wall time
  // The spec, escaped, in a collapsible block.
  CHECK(page.find("<details><summary>Sweep spec</summary><pre>name: synth") != std::string::npos);
  CHECK(page.find("values: [sgd, adam, &quot;&lt;nadam&gt;&quot;]") != std::string::npos);
}

TEST_CASE("report page: an interrupted sweep's trials left running are counted and coloured as interrupted") {
  SyntheticSweep synthetic;
  const auto left = synthetic.store.start_trial(synthetic.sweep.id, 9, 1, synthetic_params(9).dump(), "host");
  record_epochs(synthetic.store, left, 9, 2);
  synthetic.store.set_sweep_state(synthetic.sweep.id, "running");  // and no coordinator holds it
  const results::SweepRecord shown = results::resolve_sweep(synthetic.store, "synth");
  REQUIRE(shown.state == "interrupted");
  report::ReportOptions options;
  options.load_sample_images = false;
  const auto model = report::build_report_model(synthetic.store, shown, options);
  const auto interrupted = std::find_if(model.counts.begin(), model.counts.end(),
                                        [](const report::StateCount& count) { return count.state == "interrupted"; });
  REQUIRE(interrupted != model.counts.end());
  CHECK(interrupted->count == 1);
  CHECK(std::none_of(model.counts.begin(), model.counts.end(),
                     [](const report::StateCount& count) { return count.state == "running"; }));
  CHECK(model.rows.back().state == "interrupted");
  CHECK(model.rows.back().duration_seconds);  // it ended when last heard from
  const std::string page = report::render_html_report(model, "2026-01-02T03:04:05Z");
  CHECK(page.find("<span class=\"state interrupted\">interrupted 1</span>") != std::string::npos);
  CHECK(page.find(".state.interrupted{background:var(--interrupted)}") != std::string::npos);
  // The charts' legends name it, in its own colour.
  CHECK(page.find(report::state_color("interrupted")) != std::string::npos);
  CHECK(page.find(">interrupted</text>") != std::string::npos);
}

TEST_CASE("report page: every section, its charts, and the sortable table of all trials") {
  SyntheticSweep synthetic;
  const std::string page = page_of(synthetic);
  for (const char* id : {"overview", "history", "curves", "parallel", "importance", "test", "trials"}) {
    CAPTURE(id);
    CHECK(page.find(std::string("<section class=\"card\" id=\"") + id + "\">") != std::string::npos);
    CHECK(page.find(std::string("<a href=\"#") + id + "\">") != std::string::npos);
  }
  CHECK(page.find("id=\"samples\"") == std::string::npos);  // no images were loaded
  CHECK(count(page, "<svg") >= 5);  // history, curves, parallel, confusion, and importance when computed
  CHECK(page.find("fANOVA main effects") != std::string::npos);
  CHECK(page.find("0.9123") != std::string::npos);  // test accuracy
  CHECK(page.find("T-shirt/top") != std::string::npos);

  const std::string table = between(page, "<table class=\"trials sortable\"", "</table>");
  const std::string body = between(table, "<tbody>", "</tbody>");
  CHECK(count(body, "<tr") == 8);
  CHECK(count(between(table, "<thead>", "</thead>"), "<th>") == 5 + 4);  // #, state, best, last, duration, params
  CHECK(table.find("<th>best val_acc</th>") != std::string::npos);
  CHECK(body.find("<tr class=\"best\"><td class=\"num\" data-sort=\"6\">6</td>") != std::string::npos);
  CHECK(body.find("(2 attempts)") != std::string::npos);
  CHECK(body.find(">exit 3</span>") != std::string::npos);
  CHECK(body.find("&lt;nadam&gt;") != std::string::npos);
  CHECK(body.find("<nadam>") == std::string::npos);
  CHECK(body.find("data-sort=\"" + results::format_exact(val_acc(6, 5)) + "\"") != std::string::npos);
  CHECK(page.find("addEventListener('click'") != std::string::npos);
}

TEST_CASE("report page: without a stored confusion matrix it says how to get one") {
  SyntheticSweep synthetic(kSyntheticSpec, 8, /*with_test=*/false);
  const std::string page = page_of(synthetic);
  const std::string test = between(page, "id=\"test\"", "</section>");
  CHECK(test.find("sweep best --retrain --test") != std::string::npos);
  CHECK(test.find("<svg") == std::string::npos);
}

TEST_CASE("report page: a retrained best trial shows the retrain's command and how it ended") {
  SyntheticSweep synthetic(kSyntheticSpec, 8, /*with_test=*/false);
  synthetic.store.set_summary(synthetic.store.trial(synthetic.sweep.id, 6)->id,
                              {{"test_acc", "0.8765"},
                               {"test_confusion", confusion_json()},
                               {"retrain", R"({"command":["trainer","--x=<1>"],"exit":"exit 0","duration_s":75})"}});
  const std::string test = between(page_of(synthetic), "id=\"test\"", "</section>");
  CHECK(test.find("Retrained by <code>sweep best --retrain --test</code> in 1m15s (exit 0)") != std::string::npos);
  CHECK(test.find("<pre class=\"cmd\">trainer '--x=&lt;1&gt;'</pre>") != std::string::npos);
  CHECK(test.find("0.8765") != std::string::npos);
  CHECK(test.find("<svg") != std::string::npos);
}

TEST_CASE("report page: an empty sweep and a one-trial sweep still render") {
  SyntheticSweep empty(kSyntheticSpec, 0);
  const std::string nothing = page_of(empty);
  CHECK(nothing.find("</html>") != std::string::npos);
  CHECK(count(nothing, "no data yet") >= 4);
  CHECK(nothing.find("<tbody>") == std::string::npos);
  CHECK(nothing.find("Not computed:") != std::string::npos);
  CHECK_FALSE(has_external_reference(nothing));

  SyntheticSweep one(kSyntheticSpec, 1);
  const std::string single = page_of(one);
  CHECK(single.find("Best trial: #1 (finished)") != std::string::npos);
  CHECK(count(between(single, "<tbody>", "</tbody>"), "<tr") == 1);
  CHECK(count(single, "<svg") >= 3);  // history, curves, parallel
  CHECK(single.find("Not computed:") != std::string::npos);
}

TEST_CASE("report page: a sweep without a metric explains how to plot one") {
  SyntheticSweep synthetic;
  synthetic.sweep.metric = "";  // as a sweep without `metric:` is stored
  const std::string page = page_of(synthetic);
  CHECK(page.find("pass --metric NAME") != std::string::npos);
  CHECK(page.find("Best trial") == std::string::npos);
  CHECK(count(between(page, "<tbody>", "</tbody>"), "<tr") == 8);
}
