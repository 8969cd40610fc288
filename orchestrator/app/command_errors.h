// The one place where a command's exceptions become its exit code and its message on stderr, so every
// `sweep` command maps a refused spec, a missing name or a bad database the same way.
#pragma once

#include <functional>
#include <ostream>
#include <string>

namespace orchestrator::cli {

// Runs body and returns its exit code; an exception escaping it is printed as "<command>: <what>" on err
// ("sweep: refused: <what>" for a refused spec or sweep) and mapped: SpecError, SweepConflict -> kUsage;
// results::NotFoundError -> kNotFound; results::StoreError -> kDatabase; any other -> kFailure.
int run_guarded(const std::string& command, std::ostream& err, const std::function<int()>& body);

}  // namespace orchestrator::cli
