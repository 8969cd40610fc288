#include "orchestrator/run/hyperband.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace orchestrator {

namespace {

constexpr double kLargestBand = 1e12;  // min_iter bands grow geometrically; no trial reports more

std::vector<std::int64_t> bands_from_max_iter(int max_iter, int s, double eta) {
  std::vector<std::int64_t> bands;
  double band = max_iter;
  for (int i = 0; i < s; ++i) {
    band /= eta;
    if (band < 1) break;
    bands.push_back(static_cast<std::int64_t>(band));
  }
  std::sort(bands.begin(), bands.end());
  return bands;
}

std::vector<std::int64_t> bands_from_min_iter(int min_iter, double eta) {
  std::vector<std::int64_t> bands;
  for (double band = min_iter; band <= kLargestBand; band *= eta) bands.push_back(static_cast<std::int64_t>(band));
  return bands;
}

}  // namespace

Hyperband::Hyperband(const EarlyTerminate& settings, bool maximize)
    : eta_(settings.eta), strict_(settings.strict), maximize_(maximize) {
  if (!(settings.eta > 1))
    throw std::invalid_argument("early_terminate.eta: must be greater than 1 (the default is 3)");
  if (settings.max_iter) {
    bands_ = bands_from_max_iter(*settings.max_iter, settings.s, settings.eta);
    if (bands_.empty())
      throw std::invalid_argument(
          "early_terminate: max_iter, s and eta give no bracket; need s >= 1 and max_iter >= eta");
  } else if (settings.min_iter) {
    if (*settings.min_iter < 1) throw std::invalid_argument("early_terminate.min_iter: must be at least 1");
    bands_ = bands_from_min_iter(*settings.min_iter, settings.eta);
  } else {
    throw std::invalid_argument("early_terminate: hyperband needs min_iter, or max_iter with s");
  }
}

std::vector<double> Hyperband::cutoffs(const std::map<std::int64_t, MetricHistory>& histories) const {
  const double keep_fraction = 1.0 / eta_;
  std::vector<double> result;
  result.reserve(bands_.size());
  for (const std::int64_t band : bands_) {
    std::vector<double> at_band;
    for (const auto& [trial, history] : histories)
      if (static_cast<std::int64_t>(history.size()) >= band) at_band.push_back(loss(history[band - 1]));
    if (at_band.empty()) {
      result.push_back(std::numeric_limits<double>::infinity());
      continue;
    }
    const auto rank = static_cast<std::size_t>(keep_fraction * static_cast<double>(at_band.size()));
    std::nth_element(at_band.begin(), at_band.begin() + rank, at_band.end());
    result.push_back(at_band[rank]);
  }
  return result;
}

std::vector<std::int64_t> Hyperband::trials_to_stop(const std::map<std::int64_t, MetricHistory>& histories,
                                                    const std::vector<std::int64_t>& running) const {
  const std::vector<double> cutoff = cutoffs(histories);
  std::vector<std::int64_t> stop;
  for (const std::int64_t trial : running) {
    const auto found = histories.find(trial);
    if (found == histories.end()) continue;
    const MetricHistory& history = found->second;
    const auto reached = static_cast<std::int64_t>(history.size());
    // The highest band this trial reached; bands are sorted ascending.
    std::ptrdiff_t band_index = -1;
    while (band_index + 1 < static_cast<std::ptrdiff_t>(bands_.size()) && bands_[band_index + 1] <= reached)
      ++band_index;
    if (band_index < 0) continue;
    const std::int64_t band = bands_[band_index];
    double judged = loss(history[band - 1]);
    if (!strict_)
      for (const double value : history) judged = std::min(judged, loss(value));
    if (judged > cutoff[band_index]) stop.push_back(trial);
  }
  return stop;
}

}  // namespace orchestrator
