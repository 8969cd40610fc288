#include "trainer/options.h"

#include <charconv>
#include <cmath>
#include <functional>
#include <limits>
#include <sstream>
#include <vector>

#include "trainer/errors.h"

namespace sweep::trainer {
namespace {

struct OptionSpec {
  std::string_view short_name;  // empty if none
  std::string_view long_name;
  std::string_view value_name;  // empty for a switch: no value, or =True / =False (below)
  std::string_view help;
  std::function<void(TrainerOptions&, std::string_view flag, std::string_view value)> apply;
  std::function<std::string(const TrainerOptions&)> show_default;  // null: no default shown
};

[[noreturn]] void bad_value(std::string_view flag, std::string_view value, std::string_view allowed) {
  throw UsageError("invalid value '" + std::string(value) + "' for " + std::string(flag) + ": expected " +
                   std::string(allowed));
}

template <typename Number>
Number parse_number(std::string_view flag, std::string_view text, std::string_view allowed) {
  Number value{};
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  if (error != std::errc() || stop != end || text.empty()) bad_value(flag, text, allowed);
  return value;
}

long parse_integer(std::string_view flag, std::string_view text, long minimum) {
  const std::string allowed = "an integer >= " + std::to_string(minimum);
  const long value = parse_number<long>(flag, text, allowed);
  if (value < minimum || value > std::numeric_limits<int>::max()) bad_value(flag, text, allowed);
  return value;
}

enum class Range { positive, non_negative, unit_interval, factor };  // unit_interval: [0, 1); factor: (0, 1]

bool in_range(double value, Range range) {
  switch (range) {
    case Range::positive:
      return value > 0;
    case Range::non_negative:
      return value >= 0;
    case Range::unit_interval:
      return value >= 0 && value < 1;
    case Range::factor:
      return value > 0 && value <= 1;
  }
  return false;
}

double parse_real(std::string_view flag, std::string_view text, Range range) {
  constexpr std::string_view kAllowed[] = {"a number > 0", "a number >= 0", "a number in [0, 1)", "a number in (0, 1]"};
  const std::string_view allowed = kAllowed[static_cast<int>(range)];
  const double value = parse_number<double>(flag, text, allowed);
  const bool ok = std::isfinite(value) && in_range(value, range);
  if (!ok) bad_value(flag, text, allowed);
  return value;
}

// A switch is on when given alone; W&B's ${args} writes a boolean parameter as --name=True or --name=False,
// so those (and true/false/1/0) are accepted too.
bool parse_switch(std::string_view flag, std::string_view text) {
  for (std::string_view on : {"true", "1"}) {
    if (equal_ignoring_case(text, on)) return true;
  }
  for (std::string_view off : {"false", "0"}) {
    if (equal_ignoring_case(text, off)) return false;
  }
  throw UsageError(std::string(flag) + " takes no value, or =True or =False; got '" + std::string(text) + "'");
}

template <typename Enum, std::size_t N>
Enum parse_enum(const std::array<Choice<Enum>, N>& choices, std::string_view flag, std::string_view text) {
  const auto value = parse_choice(choices, text);
  if (!value) bad_value(flag, text, "one of " + choice_list(choices));
  return *value;
}

std::string show_real(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

// Each train.py flag writes one field; these adapters keep the table to one line per flag.
auto integer_into(int TrainingConfig::*field, long minimum) {
  return [field, minimum](TrainerOptions& o, std::string_view flag, std::string_view v) {
    o.training.*field = static_cast<int>(parse_integer(flag, v, minimum));
  };
}
auto show_integer(int TrainingConfig::*field) {
  return [field](const TrainerOptions& o) { return std::to_string(o.training.*field); };
}
auto real_into(double OptimizerSettings::*field, Range range) {
  return [field, range](TrainerOptions& o, std::string_view flag, std::string_view v) {
    o.training.optimizer.*field = parse_real(flag, v, range);
  };
}
auto show_optimizer_real(double OptimizerSettings::*field) {
  return [field](const TrainerOptions& o) { return show_real(o.training.optimizer.*field); };
}
void ignore_value(TrainerOptions&, std::string_view, std::string_view) {}

const std::vector<OptionSpec>& option_table() {
  static const std::vector<OptionSpec> table = {
      {"-wp", "--wandb_project", "NAME", "accepted for train.py compatibility and ignored", ignore_value, nullptr},
      {"-we", "--wandb_entity", "NAME", "accepted for train.py compatibility and ignored", ignore_value, nullptr},
      {"-d", "--dataset", "NAME", "fashion_mnist or mnist (mnist needs --data-dir)",
       [](TrainerOptions& o, std::string_view flag, std::string_view v) {
         if (v != "fashion_mnist" && v != "mnist") bad_value(flag, v, "one of fashion_mnist, mnist");
         o.dataset.name = std::string(v);
       },
       [](const TrainerOptions& o) { return o.dataset.name; }},
      {"-e", "--epochs", "N", "passes over the training images", integer_into(&TrainingConfig::epochs, 1),
       show_integer(&TrainingConfig::epochs)},
      {"-b", "--batch_size", "N", "examples per mini-batch", integer_into(&TrainingConfig::batch_size, 1),
       show_integer(&TrainingConfig::batch_size)},
      {"-l", "--loss", "NAME", "cross_entropy or mean_squared_error",
       [](TrainerOptions& o, std::string_view flag, std::string_view v) {
         o.training.loss = parse_enum(kLosses, flag, v);
       },
       [](const TrainerOptions& o) { return std::string(choice_name(kLosses, o.training.loss)); }},
      {"-o", "--optimizer", "NAME", "sgd, momentum, nag, rmsprop, adam or nadam",
       [](TrainerOptions& o, std::string_view flag, std::string_view v) {
         o.training.optimizer.kind = parse_enum(kOptimizers, flag, v);
       },
       [](const TrainerOptions& o) { return std::string(choice_name(kOptimizers, o.training.optimizer.kind)); }},
      {"-lr", "--learning_rate", "X", "learning rate (> 0)",
       real_into(&OptimizerSettings::learning_rate, Range::positive),
       show_optimizer_real(&OptimizerSettings::learning_rate)},
      {"-m", "--momentum", "X", "momentum of momentum and nag, in [0, 1)",
       real_into(&OptimizerSettings::momentum, Range::unit_interval),
       show_optimizer_real(&OptimizerSettings::momentum)},
      {"-beta", "--beta", "X", "decay of rmsprop's mean square, in [0, 1)",
       real_into(&OptimizerSettings::beta, Range::unit_interval), show_optimizer_real(&OptimizerSettings::beta)},
      {"-beta1", "--beta1", "X", "adam/nadam first-moment decay, in [0, 1)",
       real_into(&OptimizerSettings::beta1, Range::unit_interval), show_optimizer_real(&OptimizerSettings::beta1)},
      {"-beta2", "--beta2", "X", "adam/nadam second-moment decay, in [0, 1)",
       real_into(&OptimizerSettings::beta2, Range::unit_interval), show_optimizer_real(&OptimizerSettings::beta2)},
      {"-eps", "--epsilon", "X", "epsilon of rmsprop, adam, nadam (> 0)",
       real_into(&OptimizerSettings::epsilon, Range::positive), show_optimizer_real(&OptimizerSettings::epsilon)},
      {"-w_d", "--weight_decay", "X", "L2 weight decay: adds X/2 * sum of squared weights (>= 0)",
       [](TrainerOptions& o, std::string_view flag, std::string_view v) {
         o.training.weight_decay = parse_real(flag, v, Range::non_negative);
       },
       [](const TrainerOptions& o) { return show_real(o.training.weight_decay); }},
      {"-w_i", "--weight_init", "NAME", "random (normal, sd 0.1) or Xavier (Glorot uniform)",
       [](TrainerOptions& o, std::string_view flag, std::string_view v) {
         o.training.weight_init = parse_enum(kWeightInits, flag, v);
       },
       [](const TrainerOptions& o) { return std::string(choice_name(kWeightInits, o.training.weight_init)); }},
      {"-nhl", "--num_layers", "N", "hidden layers (>= 0)", integer_into(&TrainingConfig::num_layers, 0),
       show_integer(&TrainingConfig::num_layers)},
      {"-sz", "--hidden_size", "N", "units per hidden layer", integer_into(&TrainingConfig::hidden_size, 1),
       show_integer(&TrainingConfig::hidden_size)},
      {"-a", "--activation", "NAME", "identity, sigmoid, tanh or ReLU",
       [](TrainerOptions& o, std::string_view flag, std::string_view v) {
         o.training.activation = parse_enum(kActivations, flag, v);
       },
       [](const TrainerOptions& o) { return std::string(choice_name(kActivations, o.training.activation)); }},
      {"", "--keep-best", "METRIC",
       "test, save and report (best_epoch, best_val_*) the epoch of the best val_acc or val_loss, not the last",
       [](TrainerOptions& o, std::string_view flag, std::string_view v) {
         o.keep_best = parse_enum(kBestMetrics, flag, v);
       },
       [](const TrainerOptions&) { return std::string("off"); }},
      {"", "--patience", "N", "stop after N epochs without a better --keep-best metric (implies --keep-best val_acc)",
       [](TrainerOptions& o, std::string_view flag, std::string_view v) {
         o.patience = static_cast<int>(parse_integer(flag, v, 1));
       },
       [](const TrainerOptions&) { return std::string("off"); }},
      {"", "--lr-schedule", "NAME",
       "constant, cosine (decays to 0 over the run) or step (x gamma every --lr-step-epochs), per batch",
       [](TrainerOptions& o, std::string_view flag, std::string_view v) {
         o.training.lr_schedule.kind = parse_enum(kLrSchedules, flag, v);
       },
       [](const TrainerOptions& o) { return std::string(choice_name(kLrSchedules, o.training.lr_schedule.kind)); }},
      {"", "--warmup-epochs", "X", "ramp the learning rate up linearly over the first X epochs (>= 0)",
       [](TrainerOptions& o, std::string_view flag, std::string_view v) {
         o.training.lr_schedule.warmup_epochs = parse_real(flag, v, Range::non_negative);
       },
       [](const TrainerOptions& o) { return show_real(o.training.lr_schedule.warmup_epochs); }},
      {"", "--lr-step-epochs", "N", "step schedule: epochs between decays (>= 1)",
       [](TrainerOptions& o, std::string_view flag, std::string_view v) {
         o.training.lr_schedule.step_epochs = static_cast<int>(parse_integer(flag, v, 1));
       },
       [](const TrainerOptions& o) { return std::to_string(o.training.lr_schedule.step_epochs); }},
      {"", "--lr-step-gamma", "X", "step schedule: factor of each decay, in (0, 1]",
       [](TrainerOptions& o, std::string_view flag, std::string_view v) {
         o.training.lr_schedule.step_gamma = parse_real(flag, v, Range::factor);
       },
       [](const TrainerOptions& o) { return show_real(o.training.lr_schedule.step_gamma); }},
      {"", "--dropout", "P", "inverted dropout of hidden units in training, rate in [0, 1); none in evaluation",
       [](TrainerOptions& o, std::string_view flag, std::string_view v) {
         o.training.dropout = parse_real(flag, v, Range::unit_interval);
       },
       [](const TrainerOptions& o) { return show_real(o.training.dropout); }},
      {"", "--standardize", "",
       "standardise each pixel by the training part's mean and stddev (kept in --save-model's file)",
       [](TrainerOptions& o, std::string_view flag, std::string_view v) {
         o.training.standardize = parse_switch(flag, v);
       },
       nullptr},
      {"", "--data-dir", "DIR", "directory of the IDX files (fashion_mnist default: /usr/share/datasets/fashion-mnist)",
       [](TrainerOptions& o, std::string_view, std::string_view v) { o.dataset.directory = std::string(v); }, nullptr},
      {"", "--val-fraction", "X", "fraction of the training images held out for validation, in [0, 1)",
       [](TrainerOptions& o, std::string_view flag, std::string_view v) {
         o.validation_fraction = parse_real(flag, v, Range::unit_interval);
       },
       [](const TrainerOptions& o) { return show_real(o.validation_fraction); }},
      {"", "--seed", "N", "seed of the split (N), initial weights (N+1), batch order (N+2), dropout (N+3)",
       [](TrainerOptions& o, std::string_view flag, std::string_view v) {
         o.training.seed = parse_number<std::uint64_t>(flag, v, "an integer >= 0");
       },
       [](const TrainerOptions& o) { return std::to_string(o.training.seed); }},
      {"", "--max-train", "N", "train on only the first N images of the shuffled training part (0: all)",
       [](TrainerOptions& o, std::string_view flag, std::string_view v) {
         o.training.max_train = static_cast<std::size_t>(parse_integer(flag, v, 0));
       },
       [](const TrainerOptions& o) { return std::to_string(o.training.max_train); }},
      {"", "--threads", "N",
       "at most N threads, each taking a slice of every batch (fewer if slices would be tiny); default: "
       "$OMP_NUM_THREADS (sweep sets it from threads_per_trial), else 1",
       integer_into(&TrainingConfig::threads, 1), show_integer(&TrainingConfig::threads)},
      {"", "--test", "",
       "after the last epoch, add test_loss, test_acc and test_confusion (of the --keep-best network, if kept) to its "
       "line",
       [](TrainerOptions& o, std::string_view flag, std::string_view v) { o.test = parse_switch(flag, v); }, nullptr},
      {"", "--save-model", "PATH", "write the trained (or --keep-best) network to PATH (format: trainer/model_file.h)",
       [](TrainerOptions& o, std::string_view, std::string_view v) { o.save_model = std::string(v); }, nullptr},
      {"", "--eval", "PATH", "do not train: evaluate the model saved at PATH on the test images",
       [](TrainerOptions& o, std::string_view, std::string_view v) { o.eval_model = std::string(v); }, nullptr},
      {"-h", "--help", "", "print this help and exit",
       [](TrainerOptions& o, std::string_view flag, std::string_view v) { o.help = parse_switch(flag, v); }, nullptr},
  };
  return table;
}

// argparse's rules (allow_abbrev): a short or long name matched exactly wins; otherwise a --name that
// begins exactly one long name stands for it. Short names are not abbreviated.
const OptionSpec& find_option(std::string_view name) {
  std::vector<const OptionSpec*> candidates;
  for (const OptionSpec& spec : option_table()) {
    if (name == spec.long_name || (!spec.short_name.empty() && name == spec.short_name)) return spec;
    if (name.size() > 2 && name.starts_with("--") && spec.long_name.starts_with(name)) candidates.push_back(&spec);
  }
  if (candidates.size() == 1) return *candidates.front();
  if (candidates.empty()) throw UsageError("unknown flag " + std::string(name) + " (see --help)");
  std::string names;
  for (const OptionSpec* candidate : candidates)
    names += (names.empty() ? "" : ", ") + std::string(candidate->long_name);
  throw UsageError("ambiguous flag " + std::string(name) + ": it could be " + names + " (see --help)");
}

}  // namespace

int default_thread_count(const char* omp_num_threads) {
  if (omp_num_threads == nullptr) return 1;
  const std::string_view text(omp_num_threads);
  int count = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), count);
  if (error != std::errc() || end != text.data() + text.size() || count < 1 || count > 256) return 1;
  return count;
}

TrainerOptions parse_options(std::span<const std::string_view> arguments, int default_threads) {
  TrainerOptions options;
  options.training.threads = default_threads;
  for (std::size_t i = 0; i < arguments.size(); ++i) {
    const std::string_view argument = arguments[i];
    if (argument.size() < 2 || argument[0] != '-') {
      throw UsageError("unexpected argument '" + std::string(argument) + "' (flags start with - or --)");
    }
    const std::size_t equals = argument.find('=');
    const std::string_view typed = argument.substr(0, equals);
    const OptionSpec* spec = &find_option(typed);
    // Messages name the flag as typed, or in full when it was abbreviated.
    const std::string_view name = typed == spec->short_name ? typed : spec->long_name;
    std::string_view value;
    if (spec->value_name.empty()) {
      value = equals == std::string_view::npos ? "true" : argument.substr(equals + 1);
    } else if (equals != std::string_view::npos) {
      value = argument.substr(equals + 1);
    } else if (i + 1 < arguments.size()) {
      value = arguments[++i];
    } else {
      throw UsageError(std::string(name) + " needs a value (" + std::string(spec->value_name) + ")");
    }
    spec->apply(options, name, value);
  }
  if (options.patience > 0 && !options.keep_best) options.keep_best = BestMetric::val_acc;
  if (options.keep_best && options.validation_fraction == 0) {
    throw UsageError(std::string(options.patience > 0 ? "--patience" : "--keep-best") +
                     " needs a validation part: --val-fraction must be > 0");
  }
  return options;
}

std::string usage_text() {
  const TrainerOptions defaults;
  std::ostringstream out;
  out << "usage: trainer [flags]          train an MLP, one JSON line of metrics per epoch on stdout\n"
         "       trainer --eval PATH      test accuracy of a saved model\n"
         "Flags take their value as --flag VALUE or --flag=VALUE (short forms alike: -lr 0.01, -lr=0.01).\n"
         "As with argparse, a long flag may be shortened to any prefix that no other long flag shares\n"
         "(--eps for --epsilon); an exact name always wins (--beta is not --beta1). Switches (--test,\n"
         "--standardize) also take =True or =False, as W&B's ${args} writes boolean parameters.\n";
  for (const OptionSpec& spec : option_table()) {
    std::ostringstream names;
    names << (spec.short_name.empty() ? "" : spec.short_name) << (spec.short_name.empty() ? "" : ", ") << spec.long_name
          << (spec.value_name.empty() ? "" : " ") << spec.value_name;
    const std::string text = names.str();
    out << "  " << text << std::string(text.size() < 32 ? 32 - text.size() : 1, ' ') << spec.help;
    if (spec.show_default) out << " [" << spec.show_default(defaults) << "]";
    out << "\n";
  }
  out << "Exit codes: 0 success, 1 internal error, 2 bad usage, 3 dataset missing, 4 dataset corrupt,\n"
         "5 training diverged (last line has \"diverged\":true), 6 model file unwritable/unreadable/invalid.\n";
  return out.str();
}

}  // namespace sweep::trainer
