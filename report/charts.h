// Charts: the report's figures as self-contained inline SVG (no scripts, no external fonts or files).
// Each function takes plain data and returns one <svg> element; hover text comes from <title> elements.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace report {

// One trial's final value of the sweep's metric, for the optimization history.
struct HistoryPoint {
  int trial = 0;                 // trial number (x axis)
  std::optional<double> value;   // best value by the goal over its steps; none: drawn as a marker on the axis
  std::string state;             // finished | failed | diverged | early_terminated | killed | running | interrupted
  std::string details;           // more hover text, e.g. the params "learning_rate=0.001 optimizer=adam"
};
// Scatter of every trial's value by trial number (coloured by state) with the best-so-far step line.
std::string optimization_history_chart(const std::vector<HistoryPoint>& points, const std::string& metric,
                                       bool maximize);

// One trial's metric by step, for the learning curves.
struct Curve {
  int trial = 0;
  std::string state;                                // early_terminated curves are drawn visibly cut short
  std::vector<std::pair<double, double>> points;    // (step, value), ascending step, finite values only
  bool best = false;                                // the sweep's best trial: drawn on top, emphasised
  std::string details;                              // more hover text, e.g. the params
};
std::string learning_curves_chart(const std::vector<Curve>& curves, const std::string& metric,
                                  const std::string& step_label);

// Parallel coordinates: one axis per parameter, one line per trial coloured by the metric.
struct ParallelAxis {
  std::string name;
  bool categorical = false;
  std::vector<std::string> labels;  // categorical: the labels, in axis order (value = index into labels)
  bool log = false;                 // numeric axis on a log scale (all values > 0)
};
struct ParallelLine {
  int trial = 0;
  std::vector<std::optional<double>> values;  // per axis: the number, or the label index; none = missing
  std::optional<double> metric;               // none: drawn grey
};
// The last axis shows the metric itself; a colour bar gives the scale.
std::string parallel_coordinates_chart(const std::vector<ParallelAxis>& axes, const std::vector<ParallelLine>& lines,
                                       const std::string& metric, bool maximize);

// Horizontal bars, largest first as given: parameter importance (fractions in [0,1]).
struct ImportanceBar {
  std::string parameter;
  double importance = 0;
};
std::string importance_chart(const std::vector<ImportanceBar>& bars);

// Confusion matrix heatmap: rows true class, columns predicted, cells with counts (and row %).
std::string confusion_matrix_chart(const std::vector<std::vector<std::int64_t>>& matrix,
                                   const std::vector<std::string>& class_names);

// A grey-scale image as a PNG data URI ("data:image/png;base64,..."), via libpng.
std::string png_data_uri(const std::uint8_t* pixels, int width, int height);

// Sample images per class: `images[c]` holds up to n images (width*height bytes each) of class c.
// Returns an HTML <div> grid of <img> elements with data URIs, one row per class labelled by name.
std::string sample_image_grid(const std::vector<std::vector<std::vector<std::uint8_t>>>& images, int width,
                              int height, const std::vector<std::string>& class_names);

}  // namespace report
