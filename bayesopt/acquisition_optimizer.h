// Maximises an acquisition over the encoded unit cube: a quasi-random global candidate set plus local
// candidates around the best observations, the best few polished by L-BFGS-B, all snapped to valid
// configurations. Returns points ranked best first, so callers can skip ones already taken.
#pragma once

#include <Eigen/Core>
#include <random>
#include <vector>

#include "bayesopt/acquisition_landscape.h"
#include "bayesopt/search_space.h"

namespace bayesopt {

struct AcquisitionSearchOptions {
  int global_candidates = 2000;
  int local_candidates = 1000;  // split over the anchors, the first (incumbent) getting half
  int polished = 5;
  int polish_iterations = 30;
};

struct RankedPoint {
  Eigen::VectorXd point;  // snapped to a valid configuration
  double score;
};

// anchors: encoded observations to search around, best first.
std::vector<RankedPoint> rank_candidates(const AcquisitionLandscape& landscape, const SearchSpace& space,
                                         const std::vector<Eigen::VectorXd>& anchors,
                                         const AcquisitionSearchOptions& options, std::mt19937_64& rng);

}  // namespace bayesopt
