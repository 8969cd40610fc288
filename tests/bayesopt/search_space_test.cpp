#include <doctest/doctest.h>

#include <cmath>
#include <random>
#include <stdexcept>

#include "bayesopt/search_space.h"

using bayesopt::Assignment;
using bayesopt::Parameter;
using bayesopt::SearchSpace;
using bayesopt::Value;

namespace {

SearchSpace every_kind() {
  return SearchSpace({Parameter::continuous("x", -2.0, 3.0), Parameter::continuous("lr", 1e-5, 1.0, true),
                      Parameter::continuous("q", 0.0, 1.0, false, 0.25), Parameter::continuous("ql", 1.0, 100.0, true, 5.0),
                      Parameter::integer("n", -3, 7), Parameter::integer("width", 8, 1024, true),
                      Parameter::categorical("opt", {"sgd", "adam", "rmsprop"}), Parameter::fixed("epochs", Value{std::int64_t{5}})});
}

void check_valid(const SearchSpace& space, const Assignment& a) {
  CHECK(std::get<double>(a.at("x")) >= -2.0);
  CHECK(std::get<double>(a.at("x")) <= 3.0);
  const double lr = std::get<double>(a.at("lr"));
  CHECK(lr >= 1e-5);
  CHECK(lr <= 1.0);
  const double q = std::get<double>(a.at("q"));
  CHECK(std::abs(q / 0.25 - std::round(q / 0.25)) < 1e-12);
  const double ql = std::get<double>(a.at("ql"));
  CHECK(std::abs(ql / 5.0 - std::round(ql / 5.0)) < 1e-12);
  CHECK(ql >= 5.0);
  CHECK(ql <= 100.0);
  const auto n = std::get<std::int64_t>(a.at("n"));
  CHECK(n >= -3);
  CHECK(n <= 7);
  const auto width = std::get<std::int64_t>(a.at("width"));
  CHECK(width >= 8);
  CHECK(width <= 1024);
  const std::string& opt = std::get<std::string>(a.at("opt"));
  CHECK((opt == "sgd" || opt == "adam" || opt == "rmsprop"));
  CHECK(std::get<std::int64_t>(a.at("epochs")) == 5);
  CHECK(space.encode(a).size() == space.dimensions());
}

}  // namespace

TEST_CASE("search space: dimensions count one-hot widths and skip constants") {
  CHECK(every_kind().dimensions() == 6 + 3);
}

TEST_CASE("search space: decode(encode(a)) == a for every kind of parameter") {
  const SearchSpace space = every_kind();
  std::mt19937_64 rng(1);
  for (int i = 0; i < 200; ++i) {
    const Assignment a = space.sample(rng);
    check_valid(space, a);
    const Assignment back = space.decode(space.encode(a));
    CHECK(std::get<std::int64_t>(back.at("n")) == std::get<std::int64_t>(a.at("n")));
    CHECK(std::get<std::int64_t>(back.at("width")) == std::get<std::int64_t>(a.at("width")));
    CHECK(std::get<std::string>(back.at("opt")) == std::get<std::string>(a.at("opt")));
    CHECK(std::get<double>(back.at("q")) == doctest::Approx(std::get<double>(a.at("q"))).epsilon(1e-12));
    CHECK(std::get<double>(back.at("ql")) == doctest::Approx(std::get<double>(a.at("ql"))).epsilon(1e-12));
    CHECK(std::get<double>(back.at("x")) == doctest::Approx(std::get<double>(a.at("x"))).epsilon(1e-12));
    CHECK(std::get<double>(back.at("lr")) == doctest::Approx(std::get<double>(a.at("lr"))).epsilon(1e-12));
  }
}

TEST_CASE("search space: any point decodes to a valid configuration, and snap is encode(decode)") {
  const SearchSpace space = every_kind();
  std::mt19937_64 rng(2);
  std::uniform_real_distribution<double> wide(-0.5, 1.5);  // outside the cube too: clamped
  for (int i = 0; i < 200; ++i) {
    Eigen::VectorXd point(space.dimensions());
    for (Eigen::Index j = 0; j < point.size(); ++j) point[j] = wide(rng);
    const Assignment a = space.decode(point);
    check_valid(space, a);
    const Eigen::VectorXd snapped = space.snap(point);
    CHECK((snapped - space.encode(a)).cwiseAbs().maxCoeff() < 1e-12);
    CHECK((space.snap(snapped) - snapped).cwiseAbs().maxCoeff() < 1e-12);  // idempotent
  }
}

TEST_CASE("search space: encoded values lie in the unit cube, bounds at its faces") {
  const SearchSpace space({Parameter::continuous("x", 1.0, 5.0), Parameter::continuous("lr", 1e-4, 1e-1, true)});
  const Eigen::VectorXd low = space.encode({{"x", 1.0}, {"lr", 1e-4}});
  const Eigen::VectorXd high = space.encode({{"x", 5.0}, {"lr", 1e-1}});
  const Eigen::VectorXd mid = space.encode({{"x", 3.0}, {"lr", 1e-2 / std::sqrt(10.0)}});
  CHECK(low[0] == doctest::Approx(0.0));
  CHECK(low[1] == doctest::Approx(0.0));
  CHECK(high[0] == doctest::Approx(1.0));
  CHECK(high[1] == doctest::Approx(1.0));
  CHECK(mid[0] == doctest::Approx(0.5));
  CHECK(mid[1] == doctest::Approx(0.5));  // log scale: the geometric middle
}

TEST_CASE("search space: integers own equal shares of the unit interval") {
  const SearchSpace space({Parameter::integer("n", 1, 4)});
  int counts[5] = {0, 0, 0, 0, 0};
  for (int i = 0; i < 400; ++i) {
    const Eigen::VectorXd u = Eigen::VectorXd::Constant(1, (i + 0.5) / 400.0);
    ++counts[std::get<std::int64_t>(space.decode(u).at("n"))];
  }
  CHECK(counts[0] == 0);
  for (int v = 1; v <= 4; ++v) CHECK(counts[v] == 100);
}

TEST_CASE("search space: integer values given as doubles are accepted when integral") {
  const SearchSpace space({Parameter::integer("n", 0, 10)});
  CHECK(space.encode({{"n", 3.0}})[0] == doctest::Approx(space.encode({{"n", std::int64_t{3}}})[0]));
  CHECK_THROWS_AS(space.encode({{"n", 3.5}}), std::invalid_argument);
}

TEST_CASE("search space: invalid spaces and configurations are rejected with the parameter's name") {
  CHECK_THROWS_AS(SearchSpace({Parameter::continuous("lr", 0.0, 1.0, true)}), std::invalid_argument);
  CHECK_THROWS_AS(SearchSpace({Parameter::continuous("x", 2.0, 1.0)}), std::invalid_argument);
  CHECK_THROWS_AS(SearchSpace({Parameter::categorical("c", {})}), std::invalid_argument);
  CHECK_THROWS_AS(SearchSpace({Parameter::categorical("c", {"a", "a"})}), std::invalid_argument);
  CHECK_THROWS_AS(SearchSpace({Parameter::continuous("x", 0.1, 0.2, false, 0.5)}), std::invalid_argument);
  CHECK_THROWS_AS(SearchSpace({Parameter::continuous("x", 0, 1), Parameter::integer("x", 0, 1)}),
                  std::invalid_argument);
  const SearchSpace space = every_kind();
  Assignment a = space.decode(Eigen::VectorXd::Constant(space.dimensions(), 0.5));
  a["x"] = 7.0;
  try {
    space.encode(a);
    FAIL("an out-of-range value was accepted");
  } catch (const std::invalid_argument& e) {
    CHECK(std::string(e.what()).find("'x'") != std::string::npos);
  }
  a = space.decode(Eigen::VectorXd::Constant(space.dimensions(), 0.5));
  a["opt"] = std::string("lion");
  CHECK_THROWS_AS(space.encode(a), std::invalid_argument);
  a.erase("opt");
  CHECK_THROWS_AS(space.encode(a), std::invalid_argument);
}
