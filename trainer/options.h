// The trainer's command line: the DA6401 train.py flags in their short (-nhl 3) and long (--num_layers 3,
// --num_layers=3, or any unambiguous prefix such as --num=3, as argparse allows) forms with train.py's
// defaults, plus the trainer's own flags. Table-driven, because multi-letter single-dash flags such as -nhl
// are beyond the usual parsers.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "trainer/best_epoch.h"
#include "trainer/dataset.h"
#include "trainer/training.h"

namespace sweep::trainer {

struct TrainerOptions {
  TrainingConfig training;
  DatasetSource dataset;
  double validation_fraction = 0.1;
  bool test = false;                    // evaluate on the test images after the last epoch
  std::optional<BestMetric> keep_best;  // test and save the best validation epoch's network, not the last's
  int patience = 0;                     // > 0: stop after this many epochs without a better keep_best metric
  std::filesystem::path save_model;     // empty: do not save
  std::filesystem::path eval_model;     // non-empty: only evaluate this saved model on the test images
  bool help = false;
};

// Parses the arguments after the program name. Throws UsageError saying which flag or value is wrong and
// what is allowed. --patience without --keep-best keeps the best val_acc.
// `default_threads` is --threads when the flag is absent.
TrainerOptions parse_options(std::span<const std::string_view> arguments, int default_threads = 1);

// The --threads default: OMP_NUM_THREADS when it is a whole number in [1, 256], as sweep sets it from a
// spec's threads_per_trial, else 1. `omp_num_threads` is the variable's text, null when it is unset.
int default_thread_count(const char* omp_num_threads);

// The --help text: every flag, its meaning and default.
std::string usage_text();

}  // namespace sweep::trainer
