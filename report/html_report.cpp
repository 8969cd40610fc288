#include "report/html_report.h"

#include <sstream>
#include <vector>

#include "report/svg_writer.h"
#include "results/text_format.h"

namespace report {

namespace {

// Everything outside this document is refused by the browser, so an accidental external reference
// shows up as a console error (which the browser test fails on) instead of a silent network fetch.
constexpr const char* kContentSecurityPolicy =
    "default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'";

constexpr const char* kImportanceMethod =
    "first-order variance decomposition (fANOVA main effects) of a Matern-5/2 GP fitted to the trials";

constexpr const char* kStyle = R"css(
:root{--ink:#1f2933;--muted:#616e7c;--line:#e4e7eb;--bg:#f5f7fa;--card:#fff;--accent:#2f6fd6;
--finished:#1f9d55;--early:#d98b00;--running:#2f6fd6;--failed:#d64545;--diverged:#8e44ad;--killed:#7b8794;--interrupted:#9aa5b1}
*{box-sizing:border-box}
html{scroll-behavior:smooth;scroll-padding-top:56px}
body{margin:0;background:var(--bg);color:var(--ink);
font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
code,pre,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono",monospace;font-size:12.5px}
.container{max-width:1180px;margin:0 auto;padding:0 20px}
header.top{background:#1f2933;color:#fff;padding:22px 0 18px}
header.top h1{margin:0;font-size:22px;font-weight:600;letter-spacing:.2px}
header.top h1 .name{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono",monospace}
header.top .sub{margin-top:4px;color:#cbd2d9;font-size:13px}
header.top .sub span+span::before{content:"\00b7";margin:0 8px;color:#7b8794}
nav.toc{position:sticky;top:0;z-index:10;background:rgba(255,255,255,.95);border-bottom:1px solid var(--line)}
nav.toc .container{display:flex;flex-wrap:wrap;gap:4px 18px;padding-top:9px;padding-bottom:9px}
nav.toc a{color:var(--muted);text-decoration:none;font-size:13px;font-weight:500}
nav.toc a:hover{color:var(--accent)}
main.container{padding-top:20px;padding-bottom:8px}
section.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:18px 22px 20px;
margin:0 0 18px;box-shadow:0 1px 2px rgba(31,41,51,.04)}
section.card h2{margin:0 0 4px;font-size:17px;font-weight:600}
p.note{margin:0 0 12px;color:var(--muted);font-size:13px}
p.empty{margin:8px 0 0;padding:22px;text-align:center;color:var(--muted);background:var(--bg);border-radius:8px}
.tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:12px;margin:8px 0 16px}
.tile{border:1px solid var(--line);border-radius:8px;padding:10px 14px}
.tile .label{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.5px}
.tile .value{font-size:22px;font-weight:600;font-variant-numeric:tabular-nums;margin-top:2px}
.tile .detail{color:var(--muted);font-size:12px}
.chips{display:flex;flex-wrap:wrap;gap:6px;margin:0 0 14px}
.state{display:inline-block;border-radius:999px;padding:1px 9px;font-size:12px;font-weight:500;color:#fff;
background:var(--killed);white-space:nowrap}
.state.finished{background:var(--finished)}.state.early_terminated{background:var(--early)}
.state.running{background:var(--running)}.state.failed{background:var(--failed)}
.state.diverged{background:var(--diverged)}.state.killed{background:var(--killed)}
.state.interrupted{background:var(--interrupted)}
h3{font-size:14px;margin:14px 0 6px}
pre.cmd{background:#1f2933;color:#e4e7eb;padding:12px 14px;border-radius:8px;white-space:pre-wrap;
word-break:break-all;margin:0 0 10px}
details{margin-top:12px}
details summary{cursor:pointer;color:var(--accent);font-weight:500}
details pre{background:var(--bg);border:1px solid var(--line);border-radius:8px;padding:12px 14px;overflow:auto}
table{border-collapse:collapse;font-variant-numeric:tabular-nums}
table.pairs td{padding:2px 18px 2px 0;vertical-align:top}
table.pairs td:first-child{color:var(--muted)}
.chart{overflow-x:auto}
.chart svg{display:block;width:100%;max-width:100%;height:auto;margin:0 auto}
.table-wrap{overflow:auto;max-height:640px;border:1px solid var(--line);border-radius:8px}
table.trials{width:100%;font-size:13px}
table.trials th,table.trials td{padding:6px 10px;border-bottom:1px solid var(--line);text-align:left;white-space:nowrap}
table.trials th{position:sticky;top:0;background:#f0f3f7;font-weight:600;cursor:pointer;user-select:none}
table.trials th:hover{color:var(--accent)}
table.trials th[aria-sort=ascending]::after{content:" \25b2";font-size:10px}
table.trials th[aria-sort=descending]::after{content:" \25bc";font-size:10px}
table.trials td.num{text-align:right}
table.trials tbody tr:hover{background:#f7f9fc}
table.trials tr.best td{background:#eef5ff}
.two{display:grid;grid-template-columns:repeat(auto-fit,minmax(420px,1fr));gap:18px;align-items:start}
footer{color:var(--muted);font-size:12px;padding:4px 0 28px}
@media print{
 body{background:#fff}
 nav.toc{display:none}
 header.top{background:#fff;color:var(--ink);border-bottom:2px solid var(--ink)}
 header.top .sub{color:var(--muted)}
 section.card{box-shadow:none;break-inside:avoid;page-break-inside:avoid}
 .table-wrap{max-height:none;overflow:visible}
 pre.cmd{background:#fff;color:var(--ink);border:1px solid var(--line)}
}
)css";

// Sorts the trials table by the clicked column: numbers numerically (cells carry data-sort), text in
// natural order; empty cells stay last in either direction.
constexpr const char* kScript = R"js(
(function () {
  function key(cell) {
    var text = cell.hasAttribute('data-sort') ? cell.getAttribute('data-sort') : cell.textContent.trim();
    if (text === '') return null;
    var number = Number(text);
    return isNaN(number) ? text : number;
  }
  function compare(x, y) {
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x).localeCompare(String(y), undefined, {numeric: true});
  }
  document.querySelectorAll('table.sortable').forEach(function (table) {
    var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
    heads.forEach(function (head, column) {
      function sort() {
        var ascending = head.getAttribute('aria-sort') !== 'ascending';
        heads.forEach(function (other) { other.removeAttribute('aria-sort'); });
        head.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = key(a.cells[column]), y = key(b.cells[column]);
          if (x === null || y === null) return x === y ? 0 : (x === null ? 1 : -1);
          return ascending ? compare(x, y) : compare(y, x);
        });
        rows.forEach(function (row) { body.appendChild(row); });
      }
      head.tabIndex = 0;
      head.addEventListener('click', sort);
      head.addEventListener('keydown', function (event) {
        if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); sort(); }
      });
    });
  });
})();
)js";

std::string escape(const std::string& text) { return xml_escape(text); }

std::string number_text(const std::optional<double>& value) {
  return value ? results::format_number(*value) : "";
}

// A cell's exact value for sorting (the shown text is rounded).
std::string sort_attribute(const std::optional<double>& value) {
  return value ? " data-sort=\"" + results::format_exact(*value) + "\"" : " data-sort=\"\"";
}

std::string state_badge(const std::string& state) {
  return "<span class=\"state " + escape(state) + "\">" + escape(state) + "</span>";
}

std::string empty_note(const std::string& text) { return "<p class=\"empty\">" + escape(text) + "</p>\n"; }

std::string goal_text(const ReportModel& model) { return model.maximize ? "maximize" : "minimize"; }

struct Section {
  std::string id;
  std::string title;
};

class Page {
 public:
  explicit Page(const ReportModel& model) : model_(model) {}

  std::string render(const std::string& generated_at) {
    std::vector<Section> sections = {{"overview", "Overview"},         {"history", "Optimization history"},
                                     {"curves", "Learning curves"},    {"parallel", "Parallel coordinates"},
                                     {"importance", "Importance"},     {"test", "Test set"}};
    if (model_.samples) sections.push_back({"samples", "Sample images"});
    sections.push_back({"trials", "Trials"});

    const std::string body = sections_html();
    std::ostringstream out;
    out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        << "<meta http-equiv=\"Content-Security-Policy\" content=\"" << kContentSecurityPolicy << "\">\n"
        << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        << "<title>sweep report: " << escape(model_.sweep.name) << "</title>\n<style>" << kStyle << "</style>\n"
        << "</head>\n<body>\n";
    header(out, generated_at);
    out << "<nav class=\"toc\"><div class=\"container\">";
    for (const auto& section : sections) out << "<a href=\"#" << section.id << "\">" << section.title << "</a>";
    out << "</div></nav>\n<main class=\"container\">\n" << body << "</main>\n";
    out << "<footer class=\"container\">Generated by `sweep report` from sweep " << escape(model_.sweep.name)
        << " on " << escape(generated_at)
        << ". One self-contained file: no scripts, styles, fonts or images are fetched.</footer>\n";
    out << "<script>" << kScript << "</script>\n</body>\n</html>\n";
    return out.str();
  }

  std::string sections_html() const {
    std::ostringstream body;
    overview(body);
    history(body);
    curves(body);
    parallel(body);
    importance(body);
    test_set(body);
    if (model_.samples) samples(body);
    trials(body);
    return body.str();
  }

 private:
  void header(std::ostream& out, const std::string& generated_at) const {
    const auto& sweep = model_.sweep;
    out << "<header class=\"top\"><div class=\"container\"><h1>Sweep <span class=\"name\">" << escape(sweep.name)
        << "</span></h1><div class=\"sub\"><span>method " << escape(sweep.method) << "</span>";
    if (!model_.metric.empty())
      out << "<span>metric " << escape(model_.metric) << " (" << goal_text(model_) << ")</span>";
    out << "<span>" << escape(sweep.state) << "</span><span>created " << escape(results::format_utc(sweep.created_at))
        << "</span><span>report " << escape(generated_at) << "</span></div></div></header>\n";
  }

  static void open_section(std::ostream& out, const std::string& id, const std::string& title) {
    out << "<section class=\"card\" id=\"" << id << "\">\n<h2>" << escape(title) << "</h2>\n";
  }
  static void close_section(std::ostream& out) { out << "</section>\n"; }

  // Sections that plot the metric say so when there is none to plot.
  bool metric_missing(std::ostream& out) const {
    if (!model_.metric.empty()) return false;
    out << empty_note("The sweep has no metric: pass --metric NAME to plot one.");
    return true;
  }

  void tile(std::ostream& out, const std::string& label, const std::string& value, const std::string& detail) const {
    out << "<div class=\"tile\"><div class=\"label\">" << escape(label) << "</div><div class=\"value\">"
        << escape(value) << "</div>";
    if (!detail.empty()) out << "<div class=\"detail\">" << escape(detail) << "</div>";
    out << "</div>";
  }

  void overview(std::ostream& out) const {
    open_section(out, "overview", "Overview");
    if (!model_.sweep.spec_text.empty() && !model_.spec_problem.empty())
      out << "<p class=\"note\">The stored spec could not be parsed (" << escape(model_.spec_problem)
          << "); parameter axes come from the trials.</p>\n";
    out << "<div class=\"tiles\">";
    tile(out, "trials", std::to_string(model_.trial_count), model_.trial_count == 0 ? "no data yet" : "");
    if (model_.best) {
      tile(out, "best " + model_.metric, results::format_number(model_.best->value),
           "trial " + std::to_string(model_.best->number) + ", " + goal_text(model_));
    } else {
      tile(out, model_.metric.empty() ? "best" : "best " + model_.metric, "–", "no data yet");
    }
    tile(out, "compute time", model_.trial_count == 0 ? "–" : results::format_duration(model_.compute_seconds),
         "sum of trial durations");
    tile(out, "wall time", model_.wall_seconds ? results::format_duration(*model_.wall_seconds) : "–",
         "first start to last end");
    out << "</div>\n<div class=\"chips\">";
    for (const auto& count : model_.counts)
      out << "<span class=\"state " << escape(count.state) << "\">" << escape(count.state) << " " << count.count
          << "</span>";
    out << "</div>\n";

    if (model_.best) {
      out << "<h3>Best trial: #" << model_.best->number << " (" << escape(model_.best->state) << ")</h3>\n"
          << "<p class=\"note\">Ready to run: the trial's command line as the sweep launched it.</p>\n"
          << "<pre class=\"cmd\" id=\"best-command\">" << escape(model_.best->command_line) << "</pre>\n"
          << "<table class=\"pairs\">";
      for (const auto& [name, value] : model_.best->params)
        out << "<tr><td>" << escape(name) << "</td><td class=\"mono\">" << escape(value) << "</td></tr>";
      out << "</table>\n";
    } else {
      out << empty_note(model_.metric.empty() ? "The sweep has no metric, so no best trial."
                                              : "No trial has reported " + model_.metric + " yet: no data yet.");
    }
    out << "<details><summary>Sweep spec</summary><pre>" << escape(model_.sweep.spec_text) << "</pre></details>\n";
    close_section(out);
  }

  void history(std::ostream& out) const {
    open_section(out, "history", "Optimization history");
    if (!metric_missing(out)) {
      out << "<p class=\"note\">Each trial's best " << escape(model_.metric)
          << " by trial number, coloured by state; the line is the best so far.</p>\n";
      bool any = false;
      for (const auto& point : model_.history) any = any || point.value.has_value();
      if (any) {
        out << "<div class=\"chart\">" << optimization_history_chart(model_.history, model_.metric, model_.maximize)
            << "</div>\n";
      } else {
        out << empty_note("No trial has reported " + model_.metric + " yet: no data yet.");
      }
    }
    close_section(out);
  }

  void curves(std::ostream& out) const {
    open_section(out, "curves", "Learning curves");
    if (!metric_missing(out)) {
      out << "<p class=\"note\">" << escape(model_.metric)
          << " by epoch (step) for every trial; early-terminated trials stop short; the best trial is "
             "emphasised.</p>\n";
      if (model_.curves.empty()) {
        out << empty_note("No metric points yet: no data yet.");
      } else {
        out << "<div class=\"chart\">" << learning_curves_chart(model_.curves, model_.metric, "epoch") << "</div>\n";
      }
    }
    close_section(out);
  }

  void parallel(std::ostream& out) const {
    open_section(out, "parallel", "Parallel coordinates");
    out << "<p class=\"note\">One line per trial through its parameter values, coloured by "
        << escape(model_.metric.empty() ? std::string("the metric") : model_.metric)
        << "; categorical parameters have labelled axes, log-distributed ones log axes.</p>\n";
    if (model_.axes.empty() || model_.lines.empty()) {
      out << empty_note(model_.lines.empty() ? "No trials yet: no data yet." : "No parameter varies in this sweep.");
    } else {
      out << "<div class=\"chart\">"
          << parallel_coordinates_chart(model_.axes, model_.lines, model_.metric, model_.maximize) << "</div>\n";
    }
    close_section(out);
  }

  void importance(std::ostream& out) const {
    open_section(out, "importance", "Parameter importance");
    out << "<p class=\"note\">Method: " << kImportanceMethod;
    if (model_.importance_trials > 0)
      out << "; " << model_.importance_trials << " finished trial" << (model_.importance_trials == 1 ? "" : "s");
    out << ".</p>\n";
    if (model_.importance.bars.empty()) {
      const std::string reason =
          model_.importance.not_computed.empty() ? "no parameter varies" : model_.importance.not_computed;
      out << empty_note("Not computed: " + reason + ".");
    } else {
      out << "<div class=\"chart\">" << importance_chart(model_.importance.bars) << "</div>\n";
    }
    close_section(out);
  }

  void test_set(std::ostream& out) const {
    open_section(out, "test", "Test set: confusion matrix of the best trial");
    const auto& test = model_.test;
    if (test && (test->accuracy || test->loss)) {
      out << "<div class=\"tiles\">";
      if (test->accuracy) tile(out, "test accuracy", results::format_number(*test->accuracy), "");
      if (test->loss) tile(out, "test loss", results::format_number(*test->loss), "");
      out << "</div>\n";
    }
    if (test && test->retrained && !test->retrain_command.empty()) {
      out << "<p class=\"note\">Retrained by <code>sweep best --retrain --test</code>";
      if (test->retrain_seconds) out << " in " << escape(results::format_duration(*test->retrain_seconds));
      if (!test->retrain_exit.empty()) out << " (" << escape(test->retrain_exit) << ")";
      out << ":</p>\n<pre class=\"cmd\">" << escape(test->retrain_command) << "</pre>\n";
    }
    if (test && !test->confusion.empty()) {
      out << "<p class=\"note\">Trial #" << model_.best->number
          << (test->retrained ? ", retrained" : ", from its own --test run")
          << ". Rows are the true classes, columns the predicted ones (" << escape(model_.dataset) << ").</p>\n";
      std::vector<std::string> names = model_.class_names;
      if (names.size() != test->confusion.size()) {
        names.clear();
        for (std::size_t i = 0; i < test->confusion.size(); ++i) names.push_back(std::to_string(i));
      }
      out << "<div class=\"chart\">" << confusion_matrix_chart(test->confusion, names) << "</div>\n";
    } else if (model_.best) {
      out << empty_note("No test-set confusion matrix is stored for trial #" + std::to_string(model_.best->number) +
                        ". Run `sweep best --retrain --test` to retrain the best configuration and store one, "
                        "or run the trials with --test.");
    } else {
      out << empty_note("No best trial yet: no data yet.");
    }
    close_section(out);
  }

  void samples(std::ostream& out) const {
    open_section(out, "samples", "Sample images per class");
    out << "<p class=\"note\">The first test images of each class of " << escape(model_.dataset) << ".</p>\n"
        << sample_image_grid(model_.samples->by_class, model_.samples->width, model_.samples->height,
                             model_.class_names)
        << "\n";
    close_section(out);
  }

  void trials(std::ostream& out) const {
    open_section(out, "trials", "Trials");
    if (model_.rows.empty()) {
      out << empty_note("No trials yet: no data yet.");
      close_section(out);
      return;
    }
    out << "<p class=\"note\">The latest attempt of each trial. Click a column header to sort.</p>\n"
        << "<div class=\"table-wrap\"><table class=\"trials sortable\" id=\"trials-table\"><thead><tr>"
        << "<th>#</th><th>state</th>";
    const std::string metric = model_.metric.empty() ? "metric" : model_.metric;
    out << "<th>best " << escape(metric) << "</th><th>last " << escape(metric) << "</th><th>duration</th>";
    for (const auto& column : model_.param_columns) out << "<th>" << escape(column) << "</th>";
    out << "</tr></thead>\n<tbody>\n";
    for (const auto& row : model_.rows) {
      const bool best = model_.best && model_.best->number == row.number;
      out << "<tr" << (best ? " class=\"best\"" : "") << "><td class=\"num\" data-sort=\"" << row.number << "\">"
          << row.number;
      if (row.attempts > 1) out << " <span class=\"note\">(" << row.attempts << " attempts)</span>";
      out << "</td><td data-sort=\"" << escape(row.state) << "\">" << state_badge(row.state);
      // Stopped trials end by our signal; only a trial that failed on its own has a telling exit code.
      if (row.exit_code && *row.exit_code != 0 && (row.state == "failed" || row.state == "diverged"))
        out << " <span class=\"mono\">exit " << *row.exit_code << "</span>";
      out << "</td><td class=\"num\"" << sort_attribute(row.metric_best) << ">" << number_text(row.metric_best)
          << "</td><td class=\"num\"" << sort_attribute(row.metric_last) << ">" << number_text(row.metric_last)
          << "</td><td class=\"num\"" << sort_attribute(row.duration_seconds) << ">"
          << (row.duration_seconds ? results::format_duration(*row.duration_seconds) : "") << "</td>";
      for (const auto& value : row.param_values) out << "<td class=\"mono\">" << escape(value) << "</td>";
      out << "</tr>\n";
    }
    out << "</tbody></table></div>\n";
    close_section(out);
  }

  const ReportModel& model_;
};

}  // namespace

std::string render_html_report(const ReportModel& model, const std::string& generated_at) {
  return Page(model).render(generated_at);
}

std::string render_html_sections(const ReportModel& model) { return Page(model).sections_html(); }

}  // namespace report
