#include "orchestrator/app/table_printer.h"

#include <algorithm>
#include <stdexcept>

namespace orchestrator::cli {

namespace {

// Width on a terminal: UTF-8 continuation bytes take no column (good enough for names and numbers).
std::size_t display_width(const std::string& text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

constexpr const char* kGap = "  ";

}  // namespace

void TablePrinter::add_column(std::string header, Align align) { columns_.push_back({std::move(header), align}); }

void TablePrinter::add_row(std::vector<std::string> cells) {
  if (cells.size() > columns_.size()) {
    throw std::invalid_argument("table row has " + std::to_string(cells.size()) + " cells for " +
                                std::to_string(columns_.size()) + " columns");
  }
  cells.resize(columns_.size());
  rows_.push_back(std::move(cells));
}

void TablePrinter::print(std::ostream& out, bool with_header) const {
  std::vector<std::size_t> widths;
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    std::size_t width = display_width(columns_[c].header);
    for (const auto& row : rows_) width = std::max(width, display_width(row[c]));
    widths.push_back(width);
  }
  const auto print_line = [&](const std::vector<std::string>& cells) {
    std::string line;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      const std::string padding(widths[c] - display_width(cells[c]), ' ');
      if (c > 0) line += kGap;
      line += columns_[c].align == Align::Right ? padding + cells[c] : cells[c] + padding;
    }
    line.erase(line.find_last_not_of(' ') + 1);  // no trailing blanks from a last left-aligned column
    out << line << "\n";
  };
  if (with_header) {
    std::vector<std::string> headers;
    for (const Column& column : columns_) headers.push_back(column.header);
    print_line(headers);
  }
  for (const auto& row : rows_) print_line(row);
}

}  // namespace orchestrator::cli
