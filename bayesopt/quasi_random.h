// Space-filling point sets in the unit hypercube: a scrambled maximin Latin hypercube for the initial
// design, and a randomly shifted Kronecker (R_d) sequence for acquisition candidate sets.
#pragma once

#include <Eigen/Core>
#include <random>

namespace bayesopt {

// n points (columns) in [0,1]^dimensions, one per stratum in every dimension, jittered inside the
// stratum; the best of `tries` such designs by smallest pairwise distance.
Eigen::MatrixXd latin_hypercube(int dimensions, int n, std::mt19937_64& rng, int tries = 20);

// n points (columns) of the R_d low-discrepancy sequence with a uniformly random shift (modulo 1).
Eigen::MatrixXd shifted_kronecker(int dimensions, int n, std::mt19937_64& rng);

}  // namespace bayesopt
