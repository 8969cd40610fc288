#include <doctest/doctest.h>

#include <cmath>
#include <map>
#include <set>

#include "bayesopt/acquisition.h"
#include "orchestrator/space/parameter_space.h"
#include "orchestrator/space/trial_proposer.h"
#include "test_spec_helpers.h"

using orchestrator::Config;
using orchestrator::ParameterSpace;
using spec_test::parse;
using spec_test::with_parameters;

namespace {

ParameterSpace space_of(const std::string& block, const std::string& method = "method: random\n") {
  return ParameterSpace(parse(with_parameters(block, method)));
}

std::vector<Config> samples(const ParameterSpace& space, int n, std::uint64_t seed = 7) {
  std::mt19937_64 rng(seed);
  std::vector<Config> out;
  for (int i = 0; i < n; ++i) out.push_back(space.sample(rng));
  return out;
}

}  // namespace

TEST_CASE("grid enumerates every combination exactly once, last parameter fastest") {
  const auto space = space_of(R"(  a: {values: [x, y]}
  b: {min: 1, max: 3}
  c: {value: 9}
  d: {distribution: q_uniform, min: 0, max: 1, q: 0.25}
)", "method: grid\n");
  REQUIRE(space.grid_size() == 2u * 3u * 1u * 5u);
  std::set<std::string> seen;
  for (std::uint64_t i = 0; i < *space.grid_size(); ++i) {
    const Config config = space.grid_point(i);
    CHECK(config["c"] == 9);
    CHECK(config["b"].is_number_integer());
    seen.insert(config.dump());
  }
  CHECK(seen.size() == 30);
  CHECK(space.grid_point(0) == Config{{"a", "x"}, {"b", 1}, {"c", 9}, {"d", 0.0}});
  CHECK(space.grid_point(1) == Config{{"a", "x"}, {"b", 1}, {"c", 9}, {"d", 0.25}});
  CHECK(space.grid_point(29) == Config{{"a", "y"}, {"b", 3}, {"c", 9}, {"d", 1.0}});
  CHECK_THROWS_AS(space.grid_point(30), std::out_of_range);
}

TEST_CASE("grid sizes: int ranges, q steps, nested blocks, continuous is not grid-able") {
  CHECK(space_of("  a: {min: -5, max: 5}\n").grid_size() == 11);
  CHECK(space_of("  a: {distribution: q_uniform, min: 0, max: 100, q: 10}\n").grid_size() == 11);
  CHECK(space_of("  o:\n    parameters:\n      a: {values: [1, 2, 3]}\n      b: {values: [true, false]}\n").grid_size() == 6);
  CHECK_FALSE(space_of("  a: {min: 0.0, max: 1.0}\n  b: {values: [1, 2]}\n").grid_size());
  CHECK_FALSE(space_of("  a: {distribution: log_uniform_values, min: 0.1, max: 1}\n").grid_size());
  const auto spec = parse(with_parameters("  a: {values: [1, 2, 3, 4]}\n  b: {min: 1, max: 10}\n", "method: grid\n"));
  CHECK(orchestrator::grid_size(spec) == 40);
}

TEST_CASE("nested parameters produce nested configurations") {
  const auto space = space_of("  optimizer:\n    parameters:\n      name: {value: adam}\n      lr: {value: 0.01}\n  epochs: {value: 3}\n");
  const Config config = samples(space, 1).front();
  CHECK(config == Config{{"epochs", 3}, {"optimizer", {{"lr", 0.01}, {"name", "adam"}}}});
  CHECK(*orchestrator::find_in_config(config, {"optimizer", "lr"}) == 0.01);
  CHECK(orchestrator::find_in_config(config, {"optimizer", "beta"}) == nullptr);
}

TEST_CASE("sampling is deterministic for a seed") {
  const auto space = space_of("  a: {min: 0.0, max: 1.0}\n  b: {values: [1, 2, 3]}\n");
  CHECK(samples(space, 20, 5) == samples(space, 20, 5));
  CHECK(samples(space, 20, 5) != samples(space, 20, 6));
}

TEST_CASE("every distribution samples inside its range with the right type") {
  struct Case {
    std::string body;
    double low, high;
    bool integer;
  };
  const std::vector<Case> cases = {
      {"{min: 2, max: 6}", 2, 6, true},
      {"{min: 0.5, max: 1.5}", 0.5, 1.5, false},
      {"{distribution: q_uniform, min: 0, max: 1, q: 0.1}", 0, 1, false},
      {"{distribution: q_uniform, min: 0, max: 64, q: 8}", 0, 64, true},
      {"{distribution: log_uniform, min: -4.6, max: 0}", std::exp(-4.6), 1, false},
      {"{distribution: log_uniform_values, min: 0.0001, max: 0.1}", 0.0001, 0.1, false},
      {"{distribution: inv_log_uniform_values, min: 0.01, max: 1}", 0.01, 1, false},
      {"{distribution: q_log_uniform_values, min: 16, max: 512, q: 16}", 16, 512, true},
      {"{distribution: q_log_uniform, min: 0, max: 4.6, q: 1}", 1, 100, true},
      {"{distribution: normal, mu: 5, sigma: 1}", 5 - 7, 5 + 7, false},
      {"{distribution: q_normal, mu: 10, sigma: 2, q: 1}", 10 - 14, 10 + 14, true},
      {"{distribution: log_normal, mu: 0, sigma: 0.5}", std::exp(-3.5), std::exp(3.5), false},
      {"{distribution: inv_log_uniform, min: -2.3, max: 4.6}", std::exp(-4.6), std::exp(2.3), false},
      {"{distribution: q_log_normal, mu: 2, sigma: 0.5, q: 1}", 0, std::exp(2 + 3.5) + 1, true},
      {"{distribution: beta, a: 2, b: 5}", 0, 1, false},
      {"{distribution: q_beta, a: 0.5, b: 0.5, q: 0.25}", 0, 1, false},
  };
  for (const Case& c : cases) {
    CAPTURE(c.body);
    for (const Config& config : samples(space_of("  x: " + c.body + "\n"), 500)) {
      const auto& x = config["x"];
      REQUIRE(x.is_number());
      CHECK(x.is_number_integer() == c.integer);
      CHECK(x.get<double>() >= c.low - 1e-12);
      CHECK(x.get<double>() <= c.high + 1e-12);
    }
  }
}

TEST_CASE("beta draws have the law's mean and variance; q_beta and q_log_normal are multiples of q") {
  // Beta(2, 5): mean 2/7, variance a b / ((a + b)^2 (a + b + 1)) = 10 / 392.
  double sum = 0, squares = 0;
  const int n = 20000;
  for (const Config& config : samples(space_of("  x: {distribution: beta, a: 2, b: 5}\n"), n)) {
    const double x = config["x"].get<double>();
    sum += x;
    squares += x * x;
  }
  const double mean = sum / n;
  CHECK(mean == doctest::Approx(2.0 / 7).epsilon(0.01));
  CHECK(squares / n - mean * mean == doctest::Approx(10.0 / 392).epsilon(0.04));
  // Tiny a and b put the law at the ends; the draws stay finite and in [0, 1].
  for (const Config& config : samples(space_of("  x: {distribution: beta, a: 0.001, b: 0.001}\n"), 300)) {
    CHECK(std::isfinite(config["x"].get<double>()));
  }
  std::set<double> seen;
  for (const Config& config : samples(space_of("  x: {distribution: q_beta, q: 0.25}\n"), 400)) seen.insert(config["x"].get<double>());
  CHECK(seen == std::set<double>{0.0, 0.25, 0.5, 0.75, 1.0});
  int at_zero = 0;
  for (const Config& config : samples(space_of("  x: {distribution: q_log_normal, mu: 2, sigma: 2, q: 10}\n"), 1000)) {
    CHECK(config["x"].is_number_integer());  // W&B: an integer q gives integers
    CHECK(config["x"].get<std::int64_t>() % 10 == 0);
    at_zero += config["x"] == 0;
  }
  // P(lognormal(2, 2) < 5) = Phi((ln 5 - 2) / 2) = 0.45: those round to 0.
  CHECK(at_zero == doctest::Approx(450).epsilon(0.1));
}

TEST_CASE("inv_log_uniform: bounds are logs of 1/value, so values lie in [exp(-max), exp(-min)]") {
  int below_one = 0;
  for (const Config& config : samples(space_of("  x: {distribution: inv_log_uniform, min: -2, max: 2}\n"), 4000)) {
    below_one += config["x"].get<double>() < 1 ? 1 : 0;
  }
  CHECK(below_one == doctest::Approx(2000).epsilon(0.06));
  const auto bayes = space_of("  x: {distribution: inv_log_uniform, min: -2, max: 3}\n").search_space();
  CHECK(bayes.parameters().front().low == doctest::Approx(std::exp(-3)));
  CHECK(bayes.parameters().front().high == doctest::Approx(std::exp(2)));
  CHECK(bayes.parameters().front().log);
}

TEST_CASE("log distributions are uniform in log space, not in value space") {
  int below_geometric_middle = 0;
  for (const Config& config : samples(space_of("  x: {distribution: log_uniform_values, min: 0.0001, max: 1}\n"), 4000)) {
    below_geometric_middle += config["x"].get<double>() < 0.01 ? 1 : 0;
  }
  CHECK(below_geometric_middle == doctest::Approx(2000).epsilon(0.06));
}

TEST_CASE("quantised values are exact multiples of q without floating tails") {
  for (const Config& config : samples(space_of("  x: {distribution: q_uniform, min: 0, max: 1, q: 0.1}\n"), 300)) {
    const double x = config["x"].get<double>();
    CHECK(config["x"].dump().size() <= 3);  // 0.3, not 0.30000000000000004
    CHECK(std::abs(x * 10 - std::round(x * 10)) < 1e-9);
  }
}

TEST_CASE("categorical sampling honours probabilities, uniform without them") {
  std::map<std::string, int> counts;
  for (const Config& config : samples(space_of("  x: {values: [a, b, c], probabilities: [0.6, 0.3, 0.1]}\n"), 6000)) {
    ++counts[config["x"].get<std::string>()];
  }
  CHECK(counts["a"] == doctest::Approx(3600).epsilon(0.05));
  CHECK(counts["b"] == doctest::Approx(1800).epsilon(0.08));
  CHECK(counts["c"] == doctest::Approx(600).epsilon(0.15));

  std::map<int, int> uniform;
  for (const Config& config : samples(space_of("  x: {values: [1, 2, 3, 4]}\n"), 4000)) ++uniform[config["x"].get<int>()];
  for (int v = 1; v <= 4; ++v) CHECK(uniform[v] == doctest::Approx(1000).epsilon(0.1));

  std::map<std::string, int> zero;
  for (const Config& config : samples(space_of("  x: {values: [a, b], probabilities: [1, 0]}\n"), 200)) {
    ++zero[config["x"].get<std::string>()];
  }
  CHECK(zero["b"] == 0);
}

TEST_CASE("bayes: the search space mirrors the parameters") {
  const auto space = space_of(R"(  act: {values: [relu, tanh]}
  layers: {min: 1, max: 5}
  lr: {distribution: log_uniform_values, min: 0.0001, max: 0.1}
  ln: {distribution: log_uniform, min: -2, max: 0}
  mom: {distribution: normal, mu: 0.9, sigma: 0.01}
  logn: {distribution: log_normal, mu: 0, sigma: 1}
  width: {distribution: q_uniform, min: 32, max: 128, q: 32}
  epochs: {value: 10}
  sizes: {values: [[1, 2], 3, "3"]}
  b: {distribution: beta, a: 2, b: 2}
  qb: {distribution: q_beta, q: 0.1}
  qln: {distribution: q_log_normal, mu: 1, sigma: 0.5, q: 2}
)");
  const bayesopt::SearchSpace bayes = space.search_space();
  std::map<std::string, bayesopt::Parameter> by_name;
  for (const auto& p : bayes.parameters()) by_name.emplace(p.name, p);
  using Kind = bayesopt::Parameter::Kind;
  CHECK(by_name.at("act").kind == Kind::Categorical);
  CHECK(by_name.at("act").choices == std::vector<std::string>{"relu", "tanh"});
  CHECK(by_name.at("layers").kind == Kind::Integer);
  CHECK(by_name.at("lr").log);
  CHECK(by_name.at("lr").low == doctest::Approx(0.0001));
  CHECK(by_name.at("ln").low == doctest::Approx(std::exp(-2)));
  CHECK(by_name.at("ln").high == doctest::Approx(1));
  CHECK(by_name.at("mom").low == doctest::Approx(0.87));  // mu - 3 sigma
  CHECK(by_name.at("mom").high == doctest::Approx(0.93));
  CHECK(by_name.at("logn").log);
  CHECK(by_name.at("logn").high == doctest::Approx(std::exp(3)));
  CHECK(by_name.at("width").q == 32);
  CHECK(by_name.at("epochs").kind == Kind::Constant);
  CHECK(by_name.at("b").low == 0);  // beta lives on [0, 1]
  CHECK(by_name.at("b").high == 1);
  CHECK_FALSE(by_name.at("b").log);
  CHECK(by_name.at("qb").q == doctest::Approx(0.1));
  CHECK(by_name.at("qln").log);  // q_log_normal is cut as log_normal is
  CHECK(by_name.at("qln").low == doctest::Approx(std::exp(-0.5)));
  CHECK(by_name.at("qln").high == doctest::Approx(std::exp(2.5)));
  CHECK(by_name.at("qln").q == 2);
  // "3" and 3 would collide as labels, so every label is JSON text.
  CHECK(by_name.at("sizes").choices == std::vector<std::string>{"[1,2]", "3", "\"3\""});
}

TEST_CASE("bayes round trip: config -> assignment -> config, and decoded points -> configs") {
  const auto space = space_of(R"(  act: {values: [relu, tanh, 0.5, [1, 2]]}
  layers: {min: 1, max: 5}
  lr: {distribution: log_uniform_values, min: 0.0001, max: 0.1}
  width: {distribution: q_uniform, min: 32, max: 128, q: 32}
  opt:
    parameters:
      name: {values: [adam, sgd]}
      beta: {min: 0.5, max: 0.99}
  epochs: {value: 10}
  mix: {distribution: q_beta, a: 2, b: 3, q: 0.05}
)");
  const bayesopt::SearchSpace bayes = space.search_space();
  for (const Config& config : samples(space, 50)) {
    CAPTURE(config.dump());
    const bayesopt::Assignment assignment = space.to_assignment(config);
    CHECK(space.to_config(assignment) == config);
    // bayesopt accepts the assignment and hands back the same configuration.
    const bayesopt::Assignment decoded = bayes.decode(bayes.encode(assignment));
    const Config again = space.to_config(decoded);
    CHECK(again["act"] == config["act"]);
    CHECK(again["layers"] == config["layers"]);
    CHECK(again["width"] == config["width"]);
    CHECK(again["opt"]["name"] == config["opt"]["name"]);
    CHECK(again["lr"].get<double>() == doctest::Approx(config["lr"].get<double>()).epsilon(1e-9));
    CHECK(again["epochs"] == 10);
    CHECK(again["mix"].get<double>() == doctest::Approx(config["mix"].get<double>()));
  }
  std::mt19937_64 rng(3);
  for (int i = 0; i < 50; ++i) {
    const Config config = space.to_config(bayes.sample(rng));
    CHECK(config["layers"].is_number_integer());
    CHECK(config["width"].is_number_integer());
    CHECK(config["width"].get<int>() % 32 == 0);
    CHECK(config["lr"].get<double>() >= 0.0001);
  }
}

TEST_CASE("to_assignment clamps into the bayes bounds and refuses unknown values") {
  const auto space = space_of("  mom: {distribution: normal, mu: 0, sigma: 1}\n  act: {values: [relu, tanh]}\n");
  const auto assignment = space.to_assignment(Config{{"mom", 10.0}, {"act", "relu"}});
  CHECK(std::get<double>(assignment.at("mom")) == doctest::Approx(3.0));
  CHECK_THROWS_AS(space.to_assignment(Config{{"mom", 0.0}, {"act", "gelu"}}), std::invalid_argument);
  CHECK_THROWS_AS(space.to_assignment(Config{{"act", "relu"}}), std::invalid_argument);
  CHECK_THROWS_AS(space.to_config(bayesopt::Assignment{{"mom", 0.0}}), std::invalid_argument);
}

TEST_CASE("the bayes block's acquisition reaches the optimizer; W&B specs get log EI") {
  const auto plain = parse(with_parameters("  a: {min: 0.0, max: 1.0}\n", "method: bayes\nmetric: {name: l}\n"));
  CHECK(orchestrator::bayes_optimizer_options(plain).acquisition->name() == "log_ei");
  const auto beta_default = parse(with_parameters("  a: {min: 0.0, max: 1.0}\n",
                                                  "method: bayes\nmetric: {name: l}\nbayes: {acquisition: ucb}\n"));
  CHECK(dynamic_cast<const bayesopt::UpperConfidenceBound&>(*orchestrator::bayes_optimizer_options(beta_default).acquisition)
            .beta() == bayesopt::UpperConfidenceBound::kDefaultBeta);
  const auto ucb = parse(with_parameters("  a: {min: 0.0, max: 1.0}\n",
                                         "method: bayes\nmetric: {name: l}\nbayes: {acquisition: ucb, ucb_beta: 0.5}\n"));
  const auto options = orchestrator::bayes_optimizer_options(ucb);
  REQUIRE(options.acquisition->name() == "ucb");
  CHECK(dynamic_cast<const bayesopt::UpperConfidenceBound&>(*options.acquisition).beta() == 0.5);
  const auto ei = parse(with_parameters("  a: {min: 0.0, max: 1.0}\n", "method: bayes\nmetric: {name: l}\nbayes: {acquisition: ei}\n"));
  CHECK(orchestrator::bayes_optimizer_options(ei).acquisition->name() == "log_ei");
  // The proposer is built with them: it proposes for a ucb spec.
  const auto proposer = orchestrator::make_trial_proposer(ucb);
  CHECK(proposer->propose(1, {}).has_value());
}
