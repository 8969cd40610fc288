// TempDirectory: the results suite's name for the shared scratch directory (tests/common).
#pragma once

#include "tests/common/scratch_directory.h"

namespace results_test {

using TempDirectory = test_support::ScratchDirectory;

}  // namespace results_test
