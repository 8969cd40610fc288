// PeerFigures: median simple regret of the peers after 10, 25 and 50 evaluations, as measured on this
// machine by the authors of issues 3 and 14 (15 seeds, 50 evaluations, one at a time). Printed beside
// our own measurements.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace bench {

struct PeerFigures {
  std::string method;
  std::array<std::optional<double>, 3> regret;  // after 10, 25, 50 evaluations; empty = not reported
};

inline std::vector<PeerFigures> peer_figures(const std::string& function) {
  if (function == "branin") {
    return {{"Optuna TPE", {6.19, 0.489, 0.165}},
            {"W&B bayes", {0.995, 0.0521, 0.00534}},
            {"sklearn GP-EI", {2.17, 0.0011, 8.4e-5}},
            {"limbo", {std::nullopt, std::nullopt, 2.5e-7}},
            {"random (issue)", {std::nullopt, 1.73, 0.767}}};
  }
  if (function == "hartmann6") {
    return {{"Optuna TPE", {2.62, 1.41, 0.573}},
            {"W&B bayes", {2.21, 0.572, 0.328}},
            {"sklearn GP-EI", {2.13, 0.413, 0.128}},
            {"limbo", {std::nullopt, std::nullopt, 0.036}},
            {"random (issue)", {std::nullopt, 2.15, 1.61}}};
  }
  if (function == "ackley5") {
    return {{"Optuna TPE", {18.8, 16.1, 13.7}},
            {"W&B bayes", {19.9, 15.2, 9.73}},
            {"sklearn GP-EI", {19.7, 18.1, 6.11}},
            {"random (issue)", {std::nullopt, 18.3, 17.9}}};
  }
  if (function == "ackley5_offcentre") return {{"limbo", {std::nullopt, std::nullopt, 3.37}}};
  return {};
}

// Peers' time per suggestion (ms), from the same issue.
inline const char* peer_suggestion_times() {
  return "Optuna TPE 4-15 ms, W&B bayes 90-140 ms, sklearn GP-EI 160-280 ms";
}

}  // namespace bench
