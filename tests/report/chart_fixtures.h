// Synthetic sweeps for the chart tests: a normal one with every trial state, and the degenerate inputs
// (nothing, one trial, all-equal values, missing values) the charts must survive.
#pragma once

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "report/charts.h"

namespace report_test {

inline const char* state_of_trial(int trial) {
  switch (trial % 9) {
    case 3: return "early_terminated";
    case 5: return "failed";
    case 7: return "diverged";
    default: return trial == 24 ? "running" : trial == 23 ? "killed" : "finished";
  }
}

// 24 trials of a maximised accuracy that improves with the trial number, with failures that have no value.
inline std::vector<report::HistoryPoint> history_points() {
  std::vector<report::HistoryPoint> points;
  for (int trial = 1; trial <= 24; ++trial) {
    report::HistoryPoint point{trial, std::nullopt, state_of_trial(trial), "learning_rate=0.001 optimizer=adam"};
    const std::string state = point.state;
    if (state != "failed" && state != "diverged") point.value = 0.80 + 0.004 * trial + 0.01 * std::sin(trial * 1.7);
    points.push_back(point);
  }
  return points;
}

inline std::vector<report::Curve> learning_curves() {
  std::vector<report::Curve> curves;
  for (int trial = 1; trial <= 12; ++trial) {
    report::Curve curve{trial, state_of_trial(trial), {}, trial == 10, ""};
    const int epochs = curve.state == "early_terminated" ? 3 : 10;
    for (int epoch = 1; epoch <= epochs; ++epoch) {
      curve.points.emplace_back(epoch, 0.9 - 0.5 * std::exp(-epoch * (0.2 + 0.03 * trial)));
    }
    curves.push_back(curve);
  }
  return curves;
}

inline std::vector<report::ParallelAxis> parallel_axes() {
  return {{"learning_rate", false, {}, true},
          {"optimizer", true, {"sgd", "momentum", "nesterov", "rmsprop", "adam", "nadam"}, false},
          {"hidden_size", false, {}, false},
          {"weight_decay_for_all_the_layers_of_the_network", false, {}, false}};
}

inline std::vector<report::ParallelLine> parallel_lines() {
  std::vector<report::ParallelLine> lines;
  for (int trial = 1; trial <= 20; ++trial) {
    report::ParallelLine line{trial,
                              {std::pow(10.0, -4 + trial * 0.1), static_cast<double>(trial % 6), 32.0 * (1 + trial % 4),
                               trial % 5 == 0 ? std::nullopt : std::optional<double>(0.0005 * trial)},
                              trial % 7 == 0 ? std::nullopt : std::optional<double>(0.8 + 0.005 * trial)};
    lines.push_back(line);
  }
  return lines;
}

inline std::vector<std::vector<std::int64_t>> confusion_matrix() {
  std::vector<std::vector<std::int64_t>> matrix(10, std::vector<std::int64_t>(10, 0));
  for (int r = 0; r < 10; ++r) {
    for (int c = 0; c < 10; ++c) matrix[r][c] = r == c ? 800 + 17 * r : (r * 7 + c * 3) % 23;
  }
  return matrix;
}

inline std::vector<std::string> class_names() {
  return {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"};
}

}  // namespace report_test
