// Runs the built `trainer` program and checks its output and exit codes.
#include <doctest/doctest.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "test_files.h"
#include "trainer/exit_codes.h"

namespace sweep::trainer {
namespace {

struct ProgramRun {
  int exit_code = -1;
  std::vector<std::string> lines;  // stdout
  std::string errors;              // stderr
};

ProgramRun run_trainer(const std::string& arguments) {
  testing::ScratchDirectory scratch;
  const auto stderr_path = scratch.path() / "stderr";
  const std::string command =
      std::string("'") + TRAINER_BINARY + "' " + arguments + " 2>'" + stderr_path.string() + "'";
  ProgramRun run;
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string line;
  for (int c = std::fgetc(pipe); c != EOF; c = std::fgetc(pipe)) {
    if (c == '\n') {
      run.lines.push_back(line);
      line.clear();
    } else {
      line += static_cast<char>(c);
    }
  }
  const int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ostringstream errors;
  errors << std::ifstream(stderr_path).rdbuf();
  run.errors = errors.str();
  return run;
}

const std::string kSmallRun = "-nhl 1 -sz 32 -a ReLU -w_i Xavier -o adam -lr 0.001 -beta1 0.9 -beta2 0.999 -b 64";

TEST_CASE("a run prints one JSON line per epoch, and --test adds the test metrics to the last") {
  const ProgramRun run = run_trainer(kSmallRun + " -e 2 --max-train 2000 --test --threads 2");
  REQUIRE(run.exit_code == kExitSuccess);
  REQUIRE(run.lines.size() == 2);
  const auto first = nlohmann::json::parse(run.lines[0]);
  const auto last = nlohmann::json::parse(run.lines[1]);
  CHECK(first["epoch"] == 1);
  CHECK(last["epoch"] == 2);
  for (const char* key : {"train_loss", "train_acc", "val_loss", "val_acc", "epoch_seconds"}) {
    CHECK(first.contains(key));
  }
  CHECK_FALSE(first.contains("test_acc"));
  CHECK(last["test_acc"].get<double>() > 0.5);
  long confusion_total = 0;
  for (const auto& row : last["test_confusion"]) {
    for (const auto& cell : row) confusion_total += cell.get<long>();
  }
  CHECK(confusion_total == 10000);
  CHECK(run.errors.find("network 784-32-10") != std::string::npos);
}

TEST_CASE("--eval of a saved model reproduces the run's test accuracy") {
  testing::ScratchDirectory scratch;
  const auto model = scratch.path() / "model.bin";
  const ProgramRun trained =
      run_trainer(kSmallRun + " -e 1 --max-train 1000 --test --save-model '" + model.string() + "'");
  REQUIRE(trained.exit_code == kExitSuccess);
  const ProgramRun evaluated = run_trainer("--eval '" + model.string() + "'");
  REQUIRE(evaluated.exit_code == kExitSuccess);
  REQUIRE(evaluated.lines.size() == 1);
  const auto saved_line = nlohmann::json::parse(trained.lines.back());
  const auto eval_line = nlohmann::json::parse(evaluated.lines[0]);
  CHECK(eval_line["test_acc"] == saved_line["test_acc"]);
  CHECK(eval_line["test_loss"] == saved_line["test_loss"]);
  CHECK(eval_line["test_confusion"] == saved_line["test_confusion"]);
}

double json_number(const std::string& line, const char* key) { return nlohmann::json::parse(line)[key].get<double>(); }

TEST_CASE("--keep-best tests and saves the best validation epoch and says which it is") {
  testing::ScratchDirectory scratch;
  const auto model = scratch.path() / "best.bin";
  const ProgramRun run = run_trainer(
      kSmallRun + " -lr 0.02 -e 4 --max-train 1000 --keep-best val_acc --test --save-model '" + model.string() + "'");
  REQUIRE(run.exit_code == kExitSuccess);
  REQUIRE(run.lines.size() == 4);
  int best_epoch = 0;
  double best_acc = -1;
  for (const std::string& line : run.lines) {
    if (json_number(line, "val_acc") > best_acc) {
      best_acc = json_number(line, "val_acc");
      best_epoch = static_cast<int>(json_number(line, "epoch"));
    }
  }
  const auto last = nlohmann::json::parse(run.lines.back());
  CHECK(last["best_epoch"] == best_epoch);
  CHECK(last["best_val_acc"].get<double>() == best_acc);
  CHECK(last["best_val_loss"].get<double>() ==
        json_number(run.lines[static_cast<std::size_t>(best_epoch - 1)], "val_loss"));
  CHECK_FALSE(nlohmann::json::parse(run.lines.front()).contains("best_epoch"));
  const ProgramRun evaluated = run_trainer("--eval '" + model.string() + "'");
  REQUIRE(evaluated.exit_code == kExitSuccess);
  CHECK(nlohmann::json::parse(evaluated.lines[0])["test_acc"] == last["test_acc"]);
  CHECK(run.errors.find("keeping the network of epoch " + std::to_string(best_epoch)) != std::string::npos);
}

TEST_CASE("--patience stops once the best epoch is that many epochs old, and keeps it") {
  // 300 images are learned in a few epochs; validation then stops improving.
  const ProgramRun run = run_trainer(kSmallRun + " -lr 0.01 -e 40 --max-train 300 --patience 2 --test");
  REQUIRE(run.exit_code == kExitSuccess);
  REQUIRE(run.lines.size() < 40);
  const auto last = nlohmann::json::parse(run.lines.back());
  CHECK(last["epoch"].get<int>() == last["best_epoch"].get<int>() + 2);
  CHECK(last.contains("test_acc"));
  CHECK(run.errors.find("stopping early") != std::string::npos);
}

TEST_CASE("--standardize: a saved model applies its standardisation in --eval") {
  testing::ScratchDirectory scratch;
  const auto model = scratch.path() / "standardized.bin";
  const ProgramRun run = run_trainer(kSmallRun +
                                     " -e 1 --max-train 1000 --standardize --dropout 0.2 "
                                     "--lr-schedule cosine --warmup-epochs 0.5 --test --save-model '" +
                                     model.string() + "'");
  REQUIRE(run.exit_code == kExitSuccess);
  const ProgramRun evaluated = run_trainer("--eval '" + model.string() + "'");
  REQUIRE(evaluated.exit_code == kExitSuccess);
  const auto trained = nlohmann::json::parse(run.lines.back());
  const auto eval_line = nlohmann::json::parse(evaluated.lines[0]);
  CHECK(eval_line["test_acc"] == trained["test_acc"]);
  CHECK(eval_line["test_loss"] == trained["test_loss"]);
  CHECK(trained["test_acc"].get<double>() > 0.3);  // 16 steps, most of them warming up or cooling down; chance is 0.1
}

TEST_CASE("bad usage exits with its code and one line on stderr") {
  for (const std::string arguments : {"-o adagrad", "-lr 0", "-b -4", "--bogus", "-a"}) {
    CAPTURE(arguments);
    const ProgramRun run = run_trainer(arguments);
    CHECK(run.exit_code == kExitUsage);
    CHECK(run.lines.empty());
    CHECK(std::count(run.errors.begin(), run.errors.end(), '\n') == 1);
  }
  CHECK(run_trainer("--help").exit_code == kExitSuccess);
}

TEST_CASE("a W&B-style argv with abbreviated --name=value flags trains; an ambiguous one is refused") {
  const ProgramRun run = run_trainer(
      "--num_layers=1 --hidden=32 --activation=ReLU --weight_i=Xavier --optim=adam --learning=0.001 --beta1=0.9 "
      "--beta2 0.999 --eps=1e-7 --batch=64 --epochs=1 --max-train 500");
  CHECK(run.exit_code == kExitSuccess);
  CHECK(run.lines.size() == 1);
  CHECK(run.errors.find("network 784-32-10") != std::string::npos);
  const ProgramRun ambiguous = run_trainer("--e=1 --max-train 500");
  CHECK(ambiguous.exit_code == kExitUsage);
  CHECK(ambiguous.lines.empty());
  CHECK(ambiguous.errors.find("--epochs, --epsilon, --eval") != std::string::npos);
}

TEST_CASE("missing and corrupt datasets have their own codes") {
  testing::ScratchDirectory scratch;
  const ProgramRun missing = run_trainer("--data-dir '" + scratch.path().string() + "'");
  CHECK(missing.exit_code == kExitDatasetMissing);
  CHECK(missing.errors.find("--data-dir") != std::string::npos);
  CHECK(run_trainer("-d mnist").exit_code == kExitDatasetMissing);

  testing::write_synthetic_dataset(scratch.path(), 50, 4, 5, true);
  std::filesystem::resize_file(scratch.path() / "train-images-idx3-ubyte.gz", 40);
  const ProgramRun corrupt = run_trainer("--data-dir '" + scratch.path().string() + "'");
  CHECK(corrupt.exit_code == kExitDataCorrupt);
  CHECK(corrupt.errors.find("train-images-idx3-ubyte.gz") != std::string::npos);
}

TEST_CASE("a run on another IDX dataset (--data-dir, raw files) works") {
  testing::ScratchDirectory scratch;
  testing::write_synthetic_dataset(scratch.path(), 300, 4, 5, false);
  const ProgramRun run = run_trainer("-d mnist --data-dir '" + scratch.path().string() + "' -e 2 -b 16 --test");
  CHECK(run.exit_code == kExitSuccess);
  CHECK(run.lines.size() == 2);
  CHECK(run.errors.find("network 20-4-10") != std::string::npos);
}

TEST_CASE("divergence prints a last diverged line and exits with its code") {
  const ProgramRun run = run_trainer("-a identity -l mean_squared_error -o sgd -lr 1e30 -e 3 --max-train 500");
  CHECK(run.exit_code == kExitDiverged);
  REQUIRE_FALSE(run.lines.empty());
  const auto last = nlohmann::json::parse(run.lines.back());
  CHECK(last["diverged"] == true);
}

TEST_CASE("model file errors have their own code") {
  testing::ScratchDirectory scratch;
  CHECK(run_trainer("--eval '" + (scratch.path() / "none.bin").string() + "'").exit_code == kExitModelFile);
  const ProgramRun unwritable =
      run_trainer("--save-model '" + (scratch.path() / "no-such-dir" / "m.bin").string() + "'");
  CHECK(unwritable.exit_code == kExitModelFile);
  CHECK(unwritable.lines.empty());  // refused before training
  std::ofstream(scratch.path() / "junk.bin") << "not a model";
  CHECK(run_trainer("--eval '" + (scratch.path() / "junk.bin").string() + "'").exit_code == kExitModelFile);
}

}  // namespace
}  // namespace sweep::trainer
