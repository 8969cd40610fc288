#include "trainer/options.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "trainer/errors.h"

namespace sweep::trainer {
namespace {

TrainerOptions parse(std::vector<std::string_view> arguments) { return parse_options(arguments); }

std::string usage_error(std::vector<std::string_view> arguments) {
  try {
    parse_options(arguments);
  } catch (const UsageError& error) {
    return error.what();
  }
  return "no error";
}

TEST_CASE("defaults are those of train.py") {
  const TrainerOptions options = parse({});
  CHECK(options.training.epochs == 1);
  CHECK(options.training.batch_size == 4);
  CHECK(options.training.loss == Loss::cross_entropy);
  CHECK(options.training.optimizer.kind == OptimizerKind::sgd);
  CHECK(options.training.optimizer.learning_rate == 0.1);
  CHECK(options.training.optimizer.momentum == 0.5);
  CHECK(options.training.optimizer.beta == 0.5);
  CHECK(options.training.optimizer.beta1 == 0.5);
  CHECK(options.training.optimizer.beta2 == 0.5);
  CHECK(options.training.optimizer.epsilon == 1e-6);
  CHECK(options.training.weight_decay == 0.0);
  CHECK(options.training.weight_init == WeightInit::random);
  CHECK(options.training.num_layers == 1);
  CHECK(options.training.hidden_size == 4);
  CHECK(options.training.activation == Activation::sigmoid);
  CHECK(options.dataset.name == "fashion_mnist");
  CHECK(options.training.threads == 1);
  CHECK_FALSE(options.test);
}

TEST_CASE("short, long and --name=value forms set the same fields") {
  const TrainerOptions short_form = parse({"-e",    "3",     "-b",     "64",     "-l",     "mean_squared_error",
                                           "-o",    "nadam", "-lr",    "0.001",  "-m",     "0.9",
                                           "-beta", "0.8",   "-beta1", "0.85",   "-beta2", "0.999",
                                           "-eps",  "1e-8",  "-w_d",   "0.0005", "-w_i",   "Xavier",
                                           "-nhl",  "3",     "-sz",    "128",    "-a",     "ReLU",
                                           "-d",    "mnist", "-wp",    "proj",   "-we",    "me"});
  const TrainerOptions long_form = parse({"--epochs=3",
                                          "--batch_size",
                                          "64",
                                          "--loss=mean_squared_error",
                                          "--optimizer=nadam",
                                          "--learning_rate=0.001",
                                          "--momentum=0.9",
                                          "--beta=0.8",
                                          "--beta1=0.85",
                                          "--beta2=0.999",
                                          "--epsilon=1e-8",
                                          "--weight_decay=0.0005",
                                          "--weight_init=Xavier",
                                          "--num_layers=3",
                                          "--hidden_size=128",
                                          "--activation=ReLU",
                                          "--dataset=mnist",
                                          "--wandb_project=proj",
                                          "--wandb_entity",
                                          "me"});
  for (const TrainerOptions* options : {&short_form, &long_form}) {
    CHECK(options->training.epochs == 3);
    CHECK(options->training.batch_size == 64);
    CHECK(options->training.loss == Loss::mean_squared_error);
    CHECK(options->training.optimizer.kind == OptimizerKind::nadam);
    CHECK(options->training.optimizer.learning_rate == 0.001);
    CHECK(options->training.optimizer.momentum == 0.9);
    CHECK(options->training.optimizer.beta == 0.8);
    CHECK(options->training.optimizer.beta1 == 0.85);
    CHECK(options->training.optimizer.beta2 == 0.999);
    CHECK(options->training.optimizer.epsilon == 1e-8);
    CHECK(options->training.weight_decay == 0.0005);
    CHECK(options->training.weight_init == WeightInit::xavier);
    CHECK(options->training.num_layers == 3);
    CHECK(options->training.hidden_size == 128);
    CHECK(options->training.activation == Activation::relu);
    CHECK(options->dataset.name == "mnist");
  }
}

TEST_CASE("the trainer's own flags") {
  const TrainerOptions options = parse({"--threads=2", "--test", "--seed", "7", "--val-fraction=0.2", "--max-train=500",
                                        "--data-dir", "/tmp/x", "--save-model=m.bin"});
  CHECK(options.training.threads == 2);
  CHECK(options.test);
  CHECK(options.training.seed == 7);
  CHECK(options.validation_fraction == 0.2);
  CHECK(options.training.max_train == 500);
  CHECK(options.dataset.directory == "/tmp/x");
  CHECK(options.save_model == "m.bin");
  CHECK(parse({"--eval", "m.bin"}).eval_model == "m.bin");
  CHECK(parse({"--help"}).help);
  CHECK(parse({"-a", "relu"}).training.activation == Activation::relu);  // names ignore case
}

TEST_CASE("the trainer's extensions are off by default, as in train.py") {
  const TrainerOptions options = parse({});
  CHECK_FALSE(options.keep_best);
  CHECK(options.patience == 0);
  CHECK(options.training.lr_schedule.kind == LrScheduleKind::constant);
  CHECK(options.training.lr_schedule.warmup_epochs == 0.0);
  CHECK(options.training.dropout == 0.0);
  CHECK_FALSE(options.training.standardize);
}

TEST_CASE("the trainer's extensions: keep-best, patience, schedule, dropout, standardize") {
  const TrainerOptions options =
      parse({"--keep-best=val_loss", "--patience", "3", "--lr-schedule=step", "--warmup-epochs=0.5", "--lr-step-epochs",
             "4", "--lr-step-gamma=0.3", "--dropout=0.2", "--standardize"});
  CHECK(options.keep_best == BestMetric::val_loss);
  CHECK(options.patience == 3);
  CHECK(options.training.lr_schedule.kind == LrScheduleKind::step);
  CHECK(options.training.lr_schedule.warmup_epochs == 0.5);
  CHECK(options.training.lr_schedule.step_epochs == 4);
  CHECK(options.training.lr_schedule.step_gamma == 0.3);
  CHECK(options.training.dropout == 0.2);
  CHECK(options.training.standardize);
  CHECK(parse({"--lr-schedule", "cosine"}).training.lr_schedule.kind == LrScheduleKind::cosine);
  CHECK(parse({"--patience=2"}).keep_best == BestMetric::val_acc);  // patience alone keeps the best val_acc
  CHECK(parse({"--keep-best", "val_acc"}).patience == 0);
  // Their prefixes are unambiguous too.
  CHECK(parse({"--drop=0.1", "--stand", "--keep=val_acc"}).training.standardize);
}

TEST_CASE("bad values of the extensions are explained") {
  CHECK(usage_error({"--keep-best=test_acc"}).find("val_acc, val_loss") != std::string::npos);
  CHECK(usage_error({"--patience=0"}).find(">= 1") != std::string::npos);
  CHECK(usage_error({"--lr-schedule=linear"}).find("constant, cosine, step") != std::string::npos);
  CHECK(usage_error({"--warmup-epochs=-1"}).find(">= 0") != std::string::npos);
  CHECK(usage_error({"--lr-step-epochs=0"}).find(">= 1") != std::string::npos);
  CHECK(usage_error({"--lr-step-gamma=0"}).find("(0, 1]") != std::string::npos);
  CHECK(usage_error({"--lr-step-gamma=1.5"}).find("(0, 1]") != std::string::npos);
  CHECK(parse({"--lr-step-gamma=1"}).training.lr_schedule.step_gamma == 1.0);
  CHECK(usage_error({"--dropout=1"}).find("[0, 1)") != std::string::npos);
  CHECK(usage_error({"--standardize=yes"}).find("--standardize takes no value, or =True or =False; got 'yes'") !=
        std::string::npos);
  CHECK(usage_error({"--keep-best=val_acc", "--val-fraction=0"}).find("--keep-best needs a validation part") !=
        std::string::npos);
  CHECK(usage_error({"--patience=2", "--val-fraction=0"}).find("--patience needs a validation part") !=
        std::string::npos);
}

TEST_CASE("switches take =True or =False, as W&B's ${args} writes a boolean parameter") {
  CHECK(parse({"--standardize=True"}).training.standardize);
  CHECK_FALSE(parse({"--standardize=False"}).training.standardize);
  CHECK_FALSE(parse({"--standardize", "--standardize=false"}).training.standardize);  // the last one wins
  CHECK(parse({"--test=1"}).test);
  CHECK_FALSE(parse({"--test=0"}).test);
  CHECK_FALSE(parse({"--help=False"}).help);
  // A switch never takes the next argument as its value.
  CHECK(usage_error({"--standardize", "True"}).find("unexpected argument 'True'") != std::string::npos);
}

TEST_CASE("bad usage is explained") {
  CHECK(usage_error({"-o", "adagrad"}).find("sgd, momentum, nag, rmsprop, adam, nadam") != std::string::npos);
  CHECK(usage_error({"-a", "gelu"}).find("identity, sigmoid, tanh, ReLU") != std::string::npos);
  CHECK(usage_error({"-l", "hinge"}).find("cross_entropy, mean_squared_error") != std::string::npos);
  CHECK(usage_error({"-lr", "0"}).find("> 0") != std::string::npos);
  CHECK(usage_error({"-lr", "-0.1"}).find("-lr") != std::string::npos);
  CHECK(usage_error({"-b", "0"}).find(">= 1") != std::string::npos);
  CHECK(usage_error({"--batch_size=abc"}).find("--batch_size") != std::string::npos);
  CHECK(usage_error({"-e", "2.5"}).find("integer") != std::string::npos);
  CHECK(usage_error({"-beta1", "1"}).find("[0, 1)") != std::string::npos);
  CHECK(usage_error({"--nope"}).find("unknown flag --nope") != std::string::npos);
  CHECK(usage_error({"-e"}).find("needs a value") != std::string::npos);
  CHECK(usage_error({"--test=2"}).find("takes no value, or =True or =False") != std::string::npos);
  CHECK(usage_error({"--test="}).find("takes no value, or =True or =False") != std::string::npos);
  CHECK(usage_error({"stray"}).find("unexpected argument") != std::string::npos);
  CHECK(usage_error({"-d", "cifar"}).find("fashion_mnist, mnist") != std::string::npos);
}

TEST_CASE("a long flag may be abbreviated to a prefix no other long flag shares, as argparse allows") {
  CHECK(parse({"--eps=1e-7"}).training.optimizer.epsilon == 1e-7);
  CHECK(parse({"--eps", "1e-7"}).training.optimizer.epsilon == 1e-7);
  CHECK(parse({"--num=3", "--hidden", "64", "--learn=0.01"}).training.num_layers == 3);
  CHECK(parse({"--hidden", "64"}).training.hidden_size == 64);
  CHECK(parse({"--learn=0.01"}).training.optimizer.learning_rate == 0.01);
  CHECK(parse({"--te"}).test);
  CHECK(parse({"--thr=2"}).training.threads == 2);
  // Messages name the flag in full.
  CHECK(usage_error({"--eps=abc"}).find("--epsilon") != std::string::npos);
  CHECK(usage_error({"--te=yes"}).find("--test takes no value") != std::string::npos);
  CHECK(usage_error({"--batch"}).find("--batch_size needs a value") != std::string::npos);
}

TEST_CASE("an ambiguous prefix is refused naming every candidate") {
  const std::string message = usage_error({"--e=3"});
  CHECK(message.find("ambiguous flag --e") != std::string::npos);
  for (std::string_view candidate : {"--epochs", "--epsilon", "--eval"}) {
    CAPTURE(candidate);
    CHECK(message.find(candidate) != std::string::npos);
  }
  const std::string weight = usage_error({"--weight", "0.1"});
  CHECK(weight.find("--weight_decay") != std::string::npos);
  CHECK(weight.find("--weight_init") != std::string::npos);
  CHECK(usage_error({"--wandb=x"}).find("--wandb_project, --wandb_entity") != std::string::npos);
}

TEST_CASE("an exact name beats the longer names it is a prefix of") {
  const TrainerOptions options = parse({"--beta=0.7", "--beta1", "0.8", "--beta2=0.9"});
  CHECK(options.training.optimizer.beta == 0.7);
  CHECK(options.training.optimizer.beta1 == 0.8);
  CHECK(options.training.optimizer.beta2 == 0.9);
  // --bet is a prefix of all three, so it is ambiguous.
  CHECK(usage_error({"--bet=0.7"}).find("--beta, --beta1, --beta2") != std::string::npos);
}

TEST_CASE("short names are exact: not abbreviated, and -- alone is no flag") {
  CHECK(parse({"-e", "3"}).training.epochs == 3);
  CHECK(parse({"-eps=1e-7"}).training.optimizer.epsilon == 1e-7);
  CHECK(usage_error({"-nh", "3"}).find("unknown flag -nh") != std::string::npos);
  CHECK(usage_error({"--"}).find("unknown flag --") != std::string::npos);
}

TEST_CASE("help lists every flag with its default") {
  const std::string help = usage_text();
  for (std::string_view flag :
       {"-nhl, --num_layers", "-sz, --hidden_size", "-w_i, --weight_init", "--threads", "--eval", "--save-model",
        "--keep-best METRIC", "--patience N", "--lr-schedule NAME", "--warmup-epochs X", "--lr-step-epochs N",
        "--lr-step-gamma X", "--dropout P", "--standardize", "Exit codes"}) {
    CHECK(help.find(flag) != std::string::npos);
  }
  CHECK(help.find("[0.1]") != std::string::npos);
}

}  // namespace
}  // namespace sweep::trainer

TEST_CASE("--threads defaults to OMP_NUM_THREADS when it is a sane whole number, and the flag wins") {
  CHECK(sweep::trainer::default_thread_count(nullptr) == 1);
  CHECK(sweep::trainer::default_thread_count("2") == 2);
  CHECK(sweep::trainer::default_thread_count("256") == 256);
  for (const char* bad : {"", "0", "-1", "257", "2x", " 2", "two"}) {
    CAPTURE(bad);
    CHECK(sweep::trainer::default_thread_count(bad) == 1);
  }
  const std::vector<std::string_view> none;
  CHECK(sweep::trainer::parse_options(none, 3).training.threads == 3);
  const std::vector<std::string_view> flag{"--threads=2"};
  CHECK(sweep::trainer::parse_options(flag, 3).training.threads == 2);
}
