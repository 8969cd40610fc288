#include "report/report_file.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <system_error>

#include "results/queries.h"
#include "report/html_report.h"
#include "report/report_model.h"
#include "results/result_store.h"
#include "results/text_format.h"

namespace report {

namespace {

// Writes next to the target and renames over it, so a reader never sees half a report and a failed
// write leaves an earlier report as it was.
void write_atomically(const std::filesystem::path& path, const std::string& text) {
  const std::filesystem::path temporary = path.string() + ".tmp-" + std::to_string(::getpid());
  {
    std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
    if (!file) throw OutputError("cannot open '" + temporary.string() + "' for writing");
    file.write(text.data(), static_cast<std::streamsize>(text.size()));
    file.flush();
    if (!file) {
      std::error_code ignored;
      std::filesystem::remove(temporary, ignored);
      throw OutputError("cannot write '" + temporary.string() + "'");
    }
  }
  std::error_code error;
  std::filesystem::rename(temporary, path, error);
  if (error) {
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
    throw OutputError("cannot rename '" + temporary.string() + "' to '" + path.string() + "': " + error.message());
  }
}

}  // namespace

std::string size_text(std::size_t bytes) {
  char buffer[32];
  if (bytes < 1024) {
    std::snprintf(buffer, sizeof buffer, "%zu B", bytes);
  } else if (bytes < 1024 * 1024) {
    std::snprintf(buffer, sizeof buffer, "%.1f KiB", static_cast<double>(bytes) / 1024);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.1f MiB", static_cast<double>(bytes) / (1024 * 1024));
  }
  return buffer;
}

WrittenReport write_report(const results::ResultStore& store, const ReportRequest& request) {
  return write_report(store, request, render_html_report);
}

WrittenReport write_report(const results::ResultStore& store, const ReportRequest& request, const PageRenderer& render) {
  const results::SweepRecord sweep = results::resolve_sweep(store, request.sweep);
  ReportOptions options;
  options.metric = request.metric;
  options.goal = request.goal;
  const ReportModel model = build_report_model(store, sweep, options);
  const double now = std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  const std::string page = render(model, results::format_utc(now));
  write_atomically(request.output, page);
  return {sweep.name, page.size(), model.trial_count};
}

}  // namespace report
