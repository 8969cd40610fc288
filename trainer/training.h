// Mini-batch training of a Network<float> on a Dataset: per epoch, a seeded shuffle of the training part,
// then per batch forward (with dropout, if any), backward and an optimizer step at the schedule's learning
// rate, then evaluation on the validation part.
// With several threads each batch is split into one slice per thread (data parallelism: one barrier after
// the backward passes, one after the update), which needs far fewer synchronisations than parallelising
// each matrix product.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "trainer/backpropagation.h"
#include "trainer/dataset.h"
#include "trainer/lr_schedule.h"
#include "trainer/metrics.h"
#include "trainer/network.h"
#include "trainer/optimizer.h"
#include "trainer/thread_team.h"

namespace sweep::trainer {

// Defaults are those of the DA6401 train.py.
struct TrainingConfig {
  int epochs = 1;
  int batch_size = 4;
  int num_layers = 1;   // hidden layers
  int hidden_size = 4;  // units per hidden layer
  Activation activation = Activation::sigmoid;
  WeightInit weight_init = WeightInit::random;
  Loss loss = Loss::cross_entropy;
  double weight_decay = 0;
  OptimizerSettings optimizer;
  // The trainer's own extensions, off by default.
  LrSchedule lr_schedule;
  double dropout = 0;         // rate of inverted dropout on every hidden layer's outputs, in [0, 1)
  bool standardize = false;   // standardise the inputs with the training part's per-pixel mean and stddev
  std::uint64_t seed = 1;     // split: seed; initial weights: seed + 1; batch order: seed + 2; dropout: seed + 3
  std::size_t max_train = 0;  // use only the first max_train training images (0: all)
  int threads = 1;            // at most; see training_threads(). Results repeat for a given thread count.
};

// Below this much arithmetic per thread and batch, splitting a batch costs more in synchronisation than it
// saves, worst of all when trials share the cores.
inline constexpr double kMinFlopsPerSlice = 2e6;

// The threads a batch is split across: config.threads, fewer if the slices would fall below
// kMinFlopsPerSlice (forward and backward: about 6 flops per weight and example). Depends only on the
// configuration, so runs stay repeatable.
int training_threads(const TrainingConfig& config, const std::vector<int>& layer_sizes);

// Layer sizes of `config`'s network for inputs of `input_size` pixels.
std::vector<int> layer_sizes(const TrainingConfig& config, std::size_t input_size);

struct EpochResult {
  int epoch = 0;          // from 1
  Metrics train;          // averaged over the epoch's batches, with the weights of the time
  Metrics validation;     // after the epoch; count 0 if there is no validation part
  double seconds = 0;     // the training pass alone (shuffle, batches, updates), not the validation
  bool diverged = false;  // a loss became NaN or infinite: batch `diverged_batch` (0: in the validation)
  long diverged_batch = 0;
};

class Training {
 public:
  // `dataset` must outlive the Training.
  Training(const Dataset& dataset, const TrainingConfig& config);

  EpochResult run_epoch();
  const Network<float>& network() const { return network_; }
  int threads() const { return threads_; }

 private:
  // What one thread needs for its slice of each batch.
  struct Worker {
    explicit Worker(const Network<float>& network) : pass(network) {}
    Backpropagation<float> pass;
    Eigen::MatrixXf inputs;
    std::vector<std::uint8_t> labels;
    MetricsAccumulator metrics;
    double loss = 0;
  };

  // Runs `thread`'s part of every batch of the epoch; returns the 1-based number of a batch whose loss was
  // not finite (training stops there), or 0.
  long train_slices(int thread, Barrier& barrier);
  // Sums the threads' gradients over this thread's share of the parameters, adds weight decay, updates.
  void reduce_and_update(int thread);

  const Dataset& dataset_;
  TrainingConfig config_;
  Network<float> network_;
  int threads_;
  std::unique_ptr<Optimizer> optimizer_;
  Random shuffle_random_;
  std::vector<std::uint32_t> order_;
  long steps_per_epoch_;
  int epoch_ = 0;
  long step_ = 0;  // optimizer steps taken, over all epochs
  std::vector<Worker> workers_;
};

}  // namespace sweep::trainer
