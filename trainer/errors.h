// Exceptions thrown at the trainer's boundaries (command line, dataset files, model files);
// main() maps each to its own exit code (exit_codes.h) and a one-line message.
#pragma once

#include <stdexcept>
#include <string>

namespace sweep::trainer {

// A command-line flag or value is not acceptable.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A dataset file does not exist.
class DatasetMissingError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A dataset file exists but is truncated or malformed.
class DataCorruptError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A model file cannot be written or read, or is not a valid model file.
class ModelFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace sweep::trainer
