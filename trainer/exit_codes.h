// Process exit codes of the `trainer` program, one per kind of failure, so a sweep coordinator can tell
// a bad configuration from a missing dataset, corrupt data or a diverged run without parsing stderr.
#pragma once

namespace sweep::trainer {

enum ExitCode : int {
  kExitSuccess = 0,
  kExitInternalError = 1,   // a bug or an unexpected system failure
  kExitUsage = 2,           // unknown flag, bad value, value out of range
  kExitDatasetMissing = 3,  // a dataset file does not exist
  kExitDataCorrupt = 4,     // a dataset file is truncated or malformed
  kExitDiverged = 5,        // the training loss became NaN or infinite
  kExitModelFile = 6,       // a model file cannot be written, read, or is malformed
};

}  // namespace sweep::trainer
