#include <doctest/doctest.h>

#include <cmath>
#include <functional>
#include <limits>
#include <random>
#include <string>

#include "report/parameter_importance.h"

using bayesopt::Assignment;
using bayesopt::Parameter;
using bayesopt::SearchSpace;
using report::ImportanceResult;
using report::parameter_importance;

namespace {

struct Trials {
  std::vector<Assignment> configs;
  std::vector<double> values;
};

// n configurations drawn from the space with a fixed seed, scored by f.
Trials sample_trials(const SearchSpace& space, int n, const std::function<double(const Assignment&)>& f,
                     std::uint64_t seed = 7) {
  std::mt19937_64 rng(seed);
  Trials t;
  for (int i = 0; i < n; ++i) {
    t.configs.push_back(space.sample(rng));
    t.values.push_back(f(t.configs.back()));
  }
  return t;
}

double num(const Assignment& a, const std::string& name) {
  const auto& v = a.at(name);
  if (const auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
  return std::get<double>(v);
}

double importance_of(const ImportanceResult& r, const std::string& name) {
  for (const auto& bar : r.bars) {
    if (bar.parameter == name) return bar.importance;
  }
  FAIL("no bar for " << name);
  return -1;
}

// A relative tolerance: doctest::Approx otherwise adds an absolute one (scale 1), far too loose for 1e-4.
doctest::Approx near(double expected, double relative) { return doctest::Approx(expected).epsilon(relative).scale(0); }

void check_fractions(const ImportanceResult& r) {
  double sum = 0;
  for (std::size_t i = 0; i < r.bars.size(); ++i) {
    CHECK(r.bars[i].importance >= 0.0);
    CHECK(r.bars[i].importance <= 1.0);
    if (i > 0) CHECK(r.bars[i - 1].importance >= r.bars[i].importance);
    sum += r.bars[i].importance;
  }
  CHECK(sum <= 1.05);
}

}  // namespace

TEST_CASE("parameter_importance: a strong, a weak and an unused continuous parameter, in that order") {
  const SearchSpace space({Parameter::continuous("x0", 0, 1), Parameter::continuous("x1", 0, 1),
                           Parameter::continuous("x2", 0, 1), Parameter::fixed("epochs", std::int64_t{5})});
  const Trials t = sample_trials(space, 40, [](const Assignment& a) { return 10 * num(a, "x0") + 0.1 * num(a, "x1"); });
  const ImportanceResult r = parameter_importance(space, t.configs, t.values, 3);
  REQUIRE(r.not_computed.empty());
  CHECK(r.trials == 40);
  REQUIRE(r.bars.size() == 3);  // the constant gets no bar
  CHECK(r.bars[0].parameter == "x0");
  CHECK(r.bars[1].parameter == "x1");
  CHECK(r.bars[2].parameter == "x2");
  CHECK(importance_of(r, "x0") > 0.8);
  CHECK(importance_of(r, "x2") < 0.05);
  // Exactly: Var(10 x0) : Var(0.1 x1) = 100 : 0.01 of the total.
  CHECK(importance_of(r, "x0") == near(1.0, 0.005));
  CHECK(importance_of(r, "x1") == near(1e-4, 0.2));
  check_fractions(r);
}

TEST_CASE("parameter_importance: a categorical that shifts the metric dominates a parameter that does not") {
  const SearchSpace space({Parameter::continuous("noise", 0, 1), Parameter::categorical("opt", {"sgd", "adam", "nadam"})});
  std::mt19937_64 jitter(11);
  std::normal_distribution<double> normal(0.0, 0.1);
  const Trials t = sample_trials(space, 30, [&](const Assignment& a) {
    const std::string& opt = std::get<std::string>(a.at("opt"));
    return (opt == "sgd" ? 0.0 : opt == "adam" ? 2.0 : 1.0) + normal(jitter);
  });
  const ImportanceResult r = parameter_importance(space, t.configs, t.values);
  REQUIRE(r.not_computed.empty());
  REQUIRE(r.bars.size() == 2);
  CHECK(r.bars[0].parameter == "opt");
  CHECK(importance_of(r, "opt") > 0.95);
  CHECK(importance_of(r, "noise") < 0.02);
  check_fractions(r);
}

TEST_CASE("parameter_importance: log-scale and integer parameters") {
  const SearchSpace space({Parameter::continuous("learning_rate", 1e-5, 1e-1, true), Parameter::integer("layers", 1, 4),
                           Parameter::integer("batch_size", 16, 128)});
  // A bowl in log10(learning rate) centred at 1e-3, a small linear effect of depth, batch size unused.
  const Trials t = sample_trials(space, 40, [](const Assignment& a) {
    const double decades = std::log10(num(a, "learning_rate")) + 3.0;
    return decades * decades + 0.3 * num(a, "layers");
  });
  const ImportanceResult r = parameter_importance(space, t.configs, t.values);
  REQUIRE(r.not_computed.empty());
  REQUIRE(r.bars.size() == 3);
  CHECK(r.bars[0].parameter == "learning_rate");
  CHECK(r.bars[1].parameter == "layers");
  // Exactly: with d uniform on [-2, 2], Var(d^2) = 64/45 and Var(0.3 layers) = 0.09 * 1.25.
  const double bowl = 64.0 / 45.0, depth = 0.09 * 1.25;
  CHECK(importance_of(r, "learning_rate") == near(bowl / (bowl + depth), 0.03));
  CHECK(importance_of(r, "layers") == near(depth / (bowl + depth), 0.15));
  CHECK(importance_of(r, "batch_size") < 0.01);
  check_fractions(r);
}

TEST_CASE("parameter_importance: main effects leave the interaction out") {
  const SearchSpace space({Parameter::continuous("x0", 0, 1), Parameter::continuous("x1", 0, 1)});
  const Trials t = sample_trials(space, 40, [](const Assignment& a) { return num(a, "x0") * num(a, "x1"); });
  const ImportanceResult r = parameter_importance(space, t.configs, t.values);
  REQUIRE(r.bars.size() == 2);
  // Var(x0 x1) = 7/144, of which each main effect Var(x/2) = 3/144; the other 1/144 is the interaction.
  CHECK(importance_of(r, "x0") == near(3.0 / 7.0, 0.05));
  CHECK(importance_of(r, "x1") == near(3.0 / 7.0, 0.05));
}

TEST_CASE("parameter_importance: a long sweep is modelled on a subset of its trials") {
  const SearchSpace space({Parameter::continuous("x0", 0, 1), Parameter::continuous("x1", 0, 1)});
  const Trials t = sample_trials(space, 450, [](const Assignment& a) { return 3 * num(a, "x0") + num(a, "x1"); });
  const ImportanceResult r = parameter_importance(space, t.configs, t.values);
  CHECK(r.trials == 450);
  REQUIRE(r.bars.size() == 2);
  CHECK(importance_of(r, "x0") == near(0.9, 0.02));
  CHECK(importance_of(r, "x1") == near(0.1, 0.1));
}

TEST_CASE("parameter_importance: degenerate inputs say why nothing was computed") {
  const SearchSpace space({Parameter::continuous("x", 0, 1), Parameter::categorical("c", {"a", "b"})});
  const Trials t = sample_trials(space, 6, [](const Assignment& a) { return num(a, "x"); });

  SUBCASE("too few trials") {
    const std::vector<Assignment> configs(t.configs.begin(), t.configs.begin() + 3);
    const ImportanceResult r = parameter_importance(space, configs, {1, 2, 3});
    CHECK(r.bars.empty());
    CHECK(r.not_computed == "needs at least 4 finished trials with a finite metric (have 3)");
  }
  SUBCASE("non-finite values do not count") {
    std::vector<double> values = t.values;
    values[0] = std::numeric_limits<double>::quiet_NaN();
    values[1] = std::numeric_limits<double>::infinity();
    values[2] = -std::numeric_limits<double>::infinity();
    const ImportanceResult r = parameter_importance(space, t.configs, values);
    CHECK(r.bars.empty());
    CHECK(r.not_computed.find("(have 3)") != std::string::npos);
    CHECK(r.trials == 3);
  }
  SUBCASE("configurations outside the space do not count") {
    std::vector<Assignment> configs = t.configs;
    configs[0]["x"] = 2.0;
    configs[1].erase("c");
    configs[2]["c"] = std::string("z");
    const ImportanceResult r = parameter_importance(space, configs, t.values);
    CHECK(r.bars.empty());
    CHECK(r.not_computed.find("(have 3)") != std::string::npos);
  }
  SUBCASE("a metric that did not vary") {
    const ImportanceResult r = parameter_importance(space, t.configs, std::vector<double>(6, 0.25));
    CHECK(r.bars.empty());
    CHECK(r.not_computed == "the metric did not vary (every trial scored 0.25)");
    CHECK(r.trials == 6);
  }
  SUBCASE("no parameter varies") {
    const SearchSpace fixed({Parameter::fixed("epochs", std::int64_t{3}), Parameter::categorical("only", {"one"}),
                             Parameter::integer("width", 8, 8)});
    const std::vector<Assignment> configs(5, fixed.decode(Eigen::VectorXd::Zero(fixed.dimensions())));
    const ImportanceResult r = parameter_importance(fixed, configs, {1, 2, 3, 4, 5});
    CHECK(r.bars.empty());
    CHECK(r.not_computed == "the sweep varies no parameter");
  }
  SUBCASE("mismatched lengths are a programming error") {
    CHECK_THROWS_AS(parameter_importance(space, t.configs, {1.0, 2.0}), std::invalid_argument);
  }
}

TEST_CASE("parameter_importance: the same seed gives the same result") {
  const SearchSpace space({Parameter::continuous("a", -2, 2), Parameter::integer("b", 1, 10),
                           Parameter::categorical("c", {"x", "y", "z"})});
  const Trials t = sample_trials(space, 25, [](const Assignment& a) {
    return std::sin(num(a, "a")) * num(a, "b") + (std::get<std::string>(a.at("c")) == "y" ? 1.0 : 0.0);
  });
  const ImportanceResult first = parameter_importance(space, t.configs, t.values, 42);
  const ImportanceResult second = parameter_importance(space, t.configs, t.values, 42);
  REQUIRE(first.not_computed.empty());
  REQUIRE(first.bars.size() == 3);
  REQUIRE(second.bars.size() == first.bars.size());
  for (std::size_t i = 0; i < first.bars.size(); ++i) {
    CHECK(first.bars[i].parameter == second.bars[i].parameter);
    CHECK(first.bars[i].importance == second.bars[i].importance);
  }
  check_fractions(first);
}
