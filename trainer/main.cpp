// The trainer program: parses the train.py-style flags, trains (printing one JSON line per epoch on stdout,
// keeping the best epoch's network if asked) or evaluates a saved model, and maps every failure to its exit
// code (exit_codes.h).
#include <cstdlib>
#include <iostream>
#include <optional>
#include <string_view>
#include <vector>

#include "trainer/errors.h"
#include "trainer/exit_codes.h"
#include "trainer/model_file.h"
#include "trainer/options.h"
#include "trainer/report.h"

namespace sweep::trainer {
namespace {

std::string describe_sizes(const std::vector<int>& sizes) {
  std::string text;
  for (int size : sizes) {
    if (!text.empty()) text += '-';
    text += std::to_string(size);
  }
  return text;
}

void print_line(const nlohmann::ordered_json& line) { std::cout << line.dump() << std::endl; }

int train(const TrainerOptions& options) {
  if (!options.save_model.empty()) check_model_writable(options.save_model);
  const Dataset dataset = load_dataset(options.dataset, options.validation_fraction, options.training.seed);
  if (options.keep_best && dataset.split.validation.empty()) {
    throw UsageError("--keep-best and --patience need validation images, and --val-fraction " +
                     std::to_string(options.validation_fraction) + " leaves none");
  }
  Training training(dataset, options.training);
  const std::size_t train_count = options.training.max_train > 0
                                      ? std::min(options.training.max_train, dataset.split.train.size())
                                      : dataset.split.train.size();
  std::cerr << "trainer: " << train_count << " training, " << dataset.split.validation.size() << " validation, "
            << dataset.test_images.count() << " test images; network "
            << describe_sizes(training.network().layer_sizes()) << ", " << training.network().parameters().size()
            << " parameters; " << training.threads() << " training thread(s)\n";
  std::optional<BestEpoch> best;
  if (options.keep_best) best.emplace(*options.keep_best, options.patience);
  for (int epoch = 1; epoch <= options.training.epochs; ++epoch) {
    const EpochResult result = training.run_epoch();
    nlohmann::ordered_json line = epoch_json(result);
    if (result.diverged) {
      print_line(line);
      std::cerr << "trainer: diverged (loss is NaN or infinite) in epoch " << epoch << "\n";
      return kExitDiverged;
    }
    if (best) best->observe(result, training.network());
    const bool stopping = best && best->patience_exhausted() && epoch < options.training.epochs;
    if (stopping || epoch == options.training.epochs) {
      line["dataset"] = options.dataset.name;  // a string: the sweep keeps it in the trial's summary (the report's images)
      if (best) add_best_epoch(line, *best);
      const Network<float>& kept = best ? best->network() : training.network();
      if (options.test) add_test_metrics(line, evaluate_all(kept, dataset.test_images, options.training.threads));
    }
    print_line(line);
    if (stopping) {
      std::cerr << "trainer: stopping early after epoch " << epoch << ": no better "
                << choice_name(kBestMetrics, *options.keep_best) << " than epoch " << best->epoch() << "'s for "
                << options.patience << " epochs\n";
      break;
    }
  }
  if (best) std::cerr << "trainer: keeping the network of epoch " << best->epoch() << "\n";
  if (!options.save_model.empty()) {
    save_model(options.save_model, best ? best->network() : training.network());
    std::cerr << "trainer: saved model to " << options.save_model.string() << "\n";
  }
  return kExitSuccess;
}

int evaluate_saved(const TrainerOptions& options) {
  Network<float> network = load_model(options.eval_model);
  const LabeledImages test_images = load_test_images(options.dataset);
  if (static_cast<std::size_t>(network.layer_sizes().front()) != test_images.pixels_per_image ||
      network.layer_sizes().back() != kClassCount) {
    throw ModelFileError(options.eval_model.string() + ": network " + describe_sizes(network.layer_sizes()) +
                         " does not fit images of " + std::to_string(test_images.pixels_per_image) + " pixels and " +
                         std::to_string(kClassCount) + " classes");
  }
  nlohmann::ordered_json line = nlohmann::ordered_json::object();
  add_test_metrics(line, evaluate_all(network, test_images, options.training.threads));
  print_line(line);
  return kExitSuccess;
}

int run(int argc, char** argv) {
  const std::vector<std::string_view> arguments(argv + 1, argv + argc);
  try {
    const TrainerOptions options = parse_options(arguments, default_thread_count(std::getenv("OMP_NUM_THREADS")));
    if (options.help) {
      std::cout << usage_text();
      return kExitSuccess;
    }
    return options.eval_model.empty() ? train(options) : evaluate_saved(options);
  } catch (const UsageError& error) {
    std::cerr << "trainer: " << error.what() << "\n";
    return kExitUsage;
  } catch (const DatasetMissingError& error) {
    std::cerr << "trainer: dataset missing: " << error.what() << "\n";
    return kExitDatasetMissing;
  } catch (const DataCorruptError& error) {
    std::cerr << "trainer: corrupt dataset file: " << error.what() << "\n";
    return kExitDataCorrupt;
  } catch (const ModelFileError& error) {
    std::cerr << "trainer: model file: " << error.what() << "\n";
    return kExitModelFile;
  } catch (const std::exception& error) {
    std::cerr << "trainer: internal error: " << error.what() << "\n";
    return kExitInternalError;
  }
}

}  // namespace
}  // namespace sweep::trainer

int main(int argc, char** argv) { return sweep::trainer::run(argc, argv); }
