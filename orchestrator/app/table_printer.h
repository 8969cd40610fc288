// TablePrinter: aligned plain-text tables for the query commands' human output.
// Each column is as wide as its widest cell; numbers align right, text left.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace orchestrator::cli {

class TablePrinter {
 public:
  enum class Align { Left, Right };

  void add_column(std::string header, Align align = Align::Left);
  // One cell per column; missing cells print empty, extra cells are an error (std::invalid_argument).
  void add_row(std::vector<std::string> cells);
  // The header line first unless with_header is false (for name/value lists).
  void print(std::ostream& out, bool with_header = true) const;
  bool empty() const { return rows_.empty(); }

 private:
  struct Column {
    std::string header;
    Align align;
  };
  std::vector<Column> columns_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace orchestrator::cli
