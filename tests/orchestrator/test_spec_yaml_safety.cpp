#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

#include "orchestrator/space/parameter_space.h"
#include "orchestrator/spec/yaml_to_json.h"
#include "orchestrator/spec/sweep_spec.h"
#include "test_spec_helpers.h"

using spec_test::refusal;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// A "billion laughs" document: each level lists the previous one ten times.
std::string alias_bomb(int levels) {
  std::ostringstream text;
  text << "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int i = 1; i < levels; ++i) {
    text << "a" << i << ": &a" << i << " [";
    for (int j = 0; j < 10; ++j) text << (j ? ", " : "") << "*a" << i - 1;
    text << "]\n";
  }
  text << "method: grid\nprogram: t\nparameters: {x: {value: 1}}\n";
  return text.str();
}

}  // namespace

TEST_CASE("syntax errors give line and column") {
  const std::string message = refusal("program: t\nmethod: grid\nparameters:\n  a: {values: [1, 2}\n");
  CAPTURE(message);
  CHECK(contains(message, "YAML syntax error at line 4, column"));
  CHECK(contains(refusal("program: t\n  method: grid\n"), "YAML syntax error at line 2, column 9"));
  // ${...} inside a flow list is a YAML error (braces are flow indicators): the message says how to write it.
  CHECK(contains(refusal("program: t\ncommand: [${program}, ${args}]\n"), "quote macros"));
}

TEST_CASE("files that are not YAML mappings are refused") {
  CHECK(contains(refusal(""), "the file is empty"));
  CHECK(contains(refusal("# only a comment\n"), "the file is empty"));
  CHECK(contains(refusal("just some words\n"), "not a YAML mapping"));
  CHECK(contains(refusal("- a\n- b\n"), "is a list, not a YAML mapping"));
  CHECK(contains(refusal("42\n"), "not a YAML mapping"));
  CHECK(contains(refusal(std::string("method: grid\0\x01\x02", 15)), "NUL bytes"));
  CHECK(contains(refusal("method: grid\n---\nmethod: random\n"), "several YAML documents"));
  CHECK(contains(refusal("? [a, b]\n: c\n"), "a key must be a plain word"));
  // yaml-cpp 0.7's LoadAll loops forever, allocating, on a stray comma: refused at once instead.
  CHECK(contains(refusal(",method: grid\n"), "a stray ','"));
  CHECK(contains(refusal("program: t\n,\nmethod: grid\n"), "test.yaml: "));
  CHECK(contains(refusal("program: t\nmethod: grid\nmethod: random\nparameters: {a: {value: 1}}\n"),
                 "method: duplicate key"));
}

TEST_CASE("binary garbage never escapes as anything but a SpecError") {
  std::string garbage;
  std::uint32_t state = 12345;
  for (int i = 0; i < 4096; ++i) {
    state = state * 1664525 + 1013904223;
    const char c = static_cast<char>(state >> 24);
    garbage += c == '\0' ? '\x7f' : c;
  }
  for (std::size_t length : {1u, 7u, 64u, 500u, 4096u}) {
    CAPTURE(length);
    try {
      orchestrator::parse_sweep_spec(garbage.substr(0, length), "garbage.bin");
      FAIL("garbage accepted");
    } catch (const orchestrator::SpecError&) {
    }
  }
}

TEST_CASE("alias bombs are refused by the node budget, quickly") {
  const std::string message = refusal(alias_bomb(9));  // 10^9 nodes if expanded
  CAPTURE(message);
  CHECK(contains(message, "more than 100000 nodes"));
}

TEST_CASE("an alias that contains itself is refused, not followed forever") {
  const std::string message = refusal("a: &a [*a]\nmethod: grid\nprogram: t\nparameters: {x: {value: 1}}\n");
  CAPTURE(message);
  CHECK((contains(message, "nested more than") || contains(message, "YAML") || contains(message, "nodes")));
}

TEST_CASE("absurd nesting is refused") {
  SUBCASE("flow nesting beyond our depth limit") {
    const std::string deep = "x: " + std::string(100, '[') + std::string(100, ']') + "\n";
    CHECK(contains(refusal(deep), "nested more than 64 levels"));
  }
  SUBCASE("nesting beyond yaml-cpp's own parser limit") {
    const std::string deeper = "x: " + std::string(5000, '[') + std::string(5000, ']') + "\n";
    const std::string message = refusal(deeper);
    CAPTURE(message.substr(0, 200));
    CHECK(contains(message, "levels deep; flatten the spec"));
  }
  SUBCASE("block nesting by indentation") {
    std::string indented;
    for (int i = 0; i < 1000; ++i) indented += std::string(static_cast<std::size_t>(i), ' ') + "a:\n";
    CHECK(contains(refusal(indented), "levels deep; flatten the spec"));
  }
  SUBCASE("nested parameters blocks") {
    std::string block = "{value: 1}";
    for (int i = 0; i < 12; ++i) block = "{parameters: {p: " + block + "}}";
    CHECK(contains(refusal("program: t\nmethod: grid\nparameters: {p: " + block + "}\n"), "more than 8 deep"));
  }
}

TEST_CASE("huge files are refused before parsing") {
  const std::string huge = "description: \"" + std::string(2 << 20, 'x') + "\"\n";
  CHECK(contains(refusal(huge), "a spec may be at most 1048576 bytes"));
}

TEST_CASE("load_sweep_spec refuses missing files, directories and oversized files without reading them") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("sweep_spec_test_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  auto load_error = [](const fs::path& path) -> std::string {
    try {
      orchestrator::load_sweep_spec(path.string());
    } catch (const orchestrator::SpecError& e) {
      return e.what();
    }
    return "";
  };
  CHECK(contains(load_error(dir / "absent.yaml"), "no such file"));
  CHECK(contains(load_error(dir), "is a directory"));
  {
    std::ofstream big(dir / "big.yaml");
    big << "description: " << std::string(1100000, 'y') << "\n";
  }
  CHECK(contains(load_error(dir / "big.yaml"), "at most 1048576 bytes"));
  {
    std::ofstream good(dir / "good.yaml");
    good << "program: t\nmethod: grid\nparameters: {a: {values: [1, 2]}}\n";
  }
  CHECK(orchestrator::load_sweep_spec((dir / "good.yaml").string()).name == "good");
  fs::remove_all(dir);
}

TEST_CASE("plain scalars follow the YAML 1.2 core schema") {
  using orchestrator::spec::plain_scalar_to_json;
  CHECK(plain_scalar_to_json("~").is_null());
  CHECK(plain_scalar_to_json("null").is_null());
  CHECK(plain_scalar_to_json("True") == true);
  CHECK(plain_scalar_to_json("false") == false);
  CHECK(plain_scalar_to_json("yes") == "yes");  // YAML 1.1 booleans stay strings
  CHECK(plain_scalar_to_json("42").get<std::int64_t>() == 42);
  CHECK(plain_scalar_to_json("-7").get<std::int64_t>() == -7);
  CHECK(plain_scalar_to_json("0x1f").get<std::int64_t>() == 31);
  CHECK(plain_scalar_to_json("0o17").get<std::int64_t>() == 15);
  CHECK(plain_scalar_to_json("1e-3").get<double>() == doctest::Approx(0.001));
  CHECK(plain_scalar_to_json(".5").get<double>() == doctest::Approx(0.5));
  CHECK(plain_scalar_to_json("+2.").get<double>() == doctest::Approx(2.0));
  CHECK(plain_scalar_to_json("-.inf").get<double>() < -1e308);
  CHECK(plain_scalar_to_json("99999999999999999999").is_number_float());
  CHECK(plain_scalar_to_json("1.2.3") == "1.2.3");
  CHECK(plain_scalar_to_json("inf") == "inf");
  CHECK(plain_scalar_to_json("e5") == "e5");
  CHECK(plain_scalar_to_json("ReLU") == "ReLU");
}

TEST_CASE("mutated specs are either accepted or refused with a SpecError, never anything worse") {
  const std::string base = R"(name: fuzz
program: trainer
method: bayes
metric: {name: val_acc, goal: maximize, target: 0.9}
early_terminate: {type: hyperband, min_iter: 3, eta: 3}
command:
  - ${env}
  - ${program}
  - ${args}
timeout: 10m
parameters:
  lr: {distribution: log_uniform_values, min: 0.0001, max: 0.1}
  wd: {distribution: q_log_uniform, min: -5, max: 0, q: 0.001}
  act: {values: [relu, tanh], probabilities: [0.5, 0.5]}
  n: {distribution: q_normal, mu: 3, sigma: 1, q: 1}
  opt:
    parameters:
      name: &n {values: [adam, sgd]}
      beta: {min: 0.5, max: 0.99}
  other: *n
)";
  const std::string alphabet = "{}[]:,-&*!|>'\"#%@`\n  \tabc019.e-_~?";
  std::mt19937_64 rng(2024);
  int accepted = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string text = base;
    const int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits; ++e) {
      const std::size_t at = rng() % text.size();
      const char c = alphabet[rng() % alphabet.size()];
      switch (rng() % 3) {
        case 0: text[at] = c; break;
        case 1: text.insert(text.begin() + static_cast<std::ptrdiff_t>(at), c); break;
        default: text.erase(at, 1 + rng() % 8);
      }
    }
    CAPTURE(text);
    try {
      const auto spec = orchestrator::parse_sweep_spec(text, "fuzz.yaml");
      orchestrator::ParameterSpace space(spec);
      std::mt19937_64 sampler(round);
      static_cast<void>(space.sample(sampler));
      ++accepted;
    } catch (const orchestrator::SpecError&) {
    }
  }
  CHECK(accepted > 0);  // the mutations do not all break the spec
}
