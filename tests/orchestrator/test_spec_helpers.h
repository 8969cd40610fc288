// Helpers shared by the spec tests: parse a spec from text, or capture the refusal it earns.
#pragma once

#include <doctest/doctest.h>

#include <string>

#include "orchestrator/spec/sweep_spec.h"

namespace spec_test {

inline orchestrator::SweepSpec parse(const std::string& yaml) {
  return orchestrator::parse_sweep_spec(yaml, "test.yaml");
}

// The SpecError message a spec is refused with; fails the test if it is accepted or if anything
// other than a SpecError escapes.
inline std::string refusal(const std::string& yaml) {
  try {
    orchestrator::parse_sweep_spec(yaml, "test.yaml");
  } catch (const orchestrator::SpecError& e) {
    return e.what();
  } catch (const std::exception& e) {
    FAIL("a non-SpecError escaped: " << e.what());
  }
  FAIL("spec was accepted:\n" << yaml);
  return "";
}

// A minimal valid spec around a parameters block (indented two spaces per level under `parameters:`).
inline std::string with_parameters(const std::string& block, const std::string& extra = "method: random\n") {
  return "program: trainer\n" + extra + "parameters:\n" + block;
}

}  // namespace spec_test
