// The report's model gathered from a synthetic sweep: counts, times, best trial and its command line,
// curves, parallel-coordinate axes, importance inputs, test results, and the fallbacks.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "results/queries.h"
#include "report/report_model.h"
#include "report_fixture.h"

using namespace report_test;

namespace {

report::ReportOptions no_images() {
  report::ReportOptions options;
  options.load_sample_images = false;
  return options;
}

int count_of(const report::ReportModel& model, const std::string& state) {
  for (const auto& count : model.counts)
    if (count.state == state) return count.count;
  return 0;
}

const report::Curve* curve_of(const report::ReportModel& model, int trial) {
  for (const auto& curve : model.curves)
    if (curve.trial == trial) return &curve;
  return nullptr;
}

}  // namespace

TEST_CASE("report model: counts by state, times, and the best trial with a ready-to-run command line") {
  SyntheticSweep synthetic;
  const auto model = report::build_report_model(synthetic.store, synthetic.sweep, no_images());
  CHECK(model.metric == "val_acc");
  CHECK(model.maximize);
  CHECK(model.spec_problem.empty());
  CHECK(model.program == "trainer");
  CHECK(model.trial_count == 8);
  CHECK(count_of(model, "finished") == 6);
  CHECK(count_of(model, "early_terminated") == 1);
  CHECK(count_of(model, "failed") == 1);  // trial 7's failed first attempt is not its latest
  CHECK(model.compute_seconds == doctest::Approx(78));  // 6+7+...+13 plus trial 7's 2 s first attempt
  REQUIRE(model.wall_seconds);
  CHECK(*model.wall_seconds == doctest::Approx(1093 - 1010));

  REQUIRE(model.best);
  CHECK(model.best->number == 6);
  CHECK(model.best->value == doctest::Approx(val_acc(6, 5)));
  CHECK(model.best->command_line.rfind("trainer --epochs=5 --learning_rate=0.0138", 0) == 0);
  CHECK(model.best->command_line.find("--num_layers=3 --optimizer=sgd") != std::string::npos);
}

TEST_CASE("report model: the trials table, history and learning curves") {
  SyntheticSweep synthetic;
  const auto model = report::build_report_model(synthetic.store, synthetic.sweep, no_images());
  CHECK(model.param_columns == std::vector<std::string>{"epochs", "learning_rate", "num_layers", "optimizer"});
  REQUIRE(model.rows.size() == 8);
  CHECK(model.rows[6].number == 7);
  CHECK(model.rows[6].attempts == 2);
  CHECK(model.rows[6].state == "finished");
  CHECK(model.rows[4].state == "failed");
  CHECK(model.rows[4].exit_code == 3);
  CHECK_FALSE(model.rows[4].metric_best);
  CHECK(*model.rows[2].metric_best == doctest::Approx(val_acc(3, 2)));
  CHECK(*model.rows[0].duration_seconds == doctest::Approx(6));
  CHECK(model.rows[0].param_values[3] == "adam");
  CHECK(model.rows[1].param_values[3] == "<nadam>");

  REQUIRE(model.history.size() == 8);
  CHECK_FALSE(model.history[4].value);
  CHECK(model.history[5].value == doctest::Approx(val_acc(6, 5)));
  CHECK(model.history[2].state == "early_terminated");
  CHECK(model.history[0].details.find("optimizer=adam") != std::string::npos);
  CHECK(model.history[0].details.find("epochs") == std::string::npos);  // the same in every trial

  CHECK(model.curves.size() == 7);  // trial 5 reported nothing
  const auto* early = curve_of(model, 3);
  REQUIRE(early);
  CHECK(early->points.size() == 2);
  CHECK(early->state == "early_terminated");
  CHECK_FALSE(early->best);
  const auto* best = curve_of(model, 6);
  REQUIRE(best);
  CHECK(best->best);
  CHECK(best->points.back() == std::pair<double, double>(5, val_acc(6, 5)));
}

TEST_CASE("report model: every distribution the table calls log-scaled gets a log axis") {
  // q_log_normal and inv_log_uniform came after the report's axes were written; the table decides.
  const SyntheticSweep synthetic(R"(name: synth
program: trainer
method: random
metric: {name: val_acc, goal: maximize}
parameters:
  learning_rate: {distribution: q_log_normal, mu: -6, sigma: 1, q: 0.0001}
  num_layers: {distribution: inv_log_uniform, min: -1.5, max: 0}
  optimizer: {values: [sgd, adam, "<nadam>"]}
  epochs: {distribution: normal, mu: 5, sigma: 1}
)");
  const auto model = report::build_report_model(synthetic.store, synthetic.sweep, no_images());
  REQUIRE(model.axes.size() == 4);
  CHECK(model.axes[0].name == "epochs");
  CHECK_FALSE(model.axes[0].log);
  CHECK(model.axes[1].name == "learning_rate");
  CHECK(model.axes[1].log);
  CHECK(model.axes[2].name == "num_layers");
  CHECK(model.axes[2].log);
}

TEST_CASE("report model: parallel-coordinate axes come from the spec, categoricals labelled, log axes") {
  SyntheticSweep synthetic;
  const auto model = report::build_report_model(synthetic.store, synthetic.sweep, no_images());
  REQUIRE(model.axes.size() == 3);  // epochs is constant; the spec's parameters come in name order
  CHECK(model.axes[0].name == "learning_rate");
  CHECK(model.axes[0].log);
  CHECK_FALSE(model.axes[0].categorical);
  CHECK(model.axes[1].name == "num_layers");
  CHECK_FALSE(model.axes[1].log);
  CHECK_FALSE(model.axes[1].categorical);
  CHECK(model.axes[2].name == "optimizer");
  CHECK(model.axes[2].categorical);
  CHECK(model.axes[2].labels == kOptimizers);  // in the spec's order
  REQUIRE(model.lines.size() == 8);
  CHECK(model.lines[1].values[0] == doctest::Approx(learning_rate(2)));
  CHECK(model.lines[1].values[1] == 3.0);
  CHECK(model.lines[0].values[2] == 1.0);  // adam
  CHECK(model.lines[1].values[2] == 2.0);  // "<nadam>"
  CHECK(model.lines[2].values[2] == 0.0);  // sgd
  CHECK_FALSE(model.lines[4].metric);
}

TEST_CASE("report model: importance uses the finished trials with a value") {
  SyntheticSweep synthetic;
  const auto model = report::build_report_model(synthetic.store, synthetic.sweep, no_images());
  CHECK(model.importance_trials == 6);
  CHECK((!model.importance.bars.empty() || !model.importance.not_computed.empty()));
  for (const auto& bar : model.importance.bars) {
    CHECK((bar.parameter == "learning_rate" || bar.parameter == "optimizer" || bar.parameter == "num_layers"));
    CHECK(bar.importance >= 0);
    CHECK(bar.importance <= 1);
  }
}

TEST_CASE("report model: the best trial's test results and the dataset's class names") {
  SyntheticSweep synthetic;
  const auto model = report::build_report_model(synthetic.store, synthetic.sweep, no_images());
  REQUIRE(model.test);
  REQUIRE(model.test->confusion.size() == 10);
  CHECK(model.test->confusion[3][3] == 903);
  CHECK(model.test->confusion[2][4] == 6);
  CHECK(model.test->accuracy == doctest::Approx(0.9123));
  CHECK_FALSE(model.test->retrained);
  CHECK(model.dataset == "fashion_mnist");
  CHECK(model.class_names.front() == "T-shirt/top");
  CHECK(model.class_names.back() == "Ankle boot");
  CHECK_FALSE(model.samples);
  CHECK(report::dataset_class_names("mnist")[7] == "7");

  SyntheticSweep without(kSyntheticSpec, 8, /*with_test=*/false);
  CHECK_FALSE(report::build_report_model(without.store, without.sweep, no_images()).test);
}

TEST_CASE("report model: --metric and --goal override the sweep's; an unknown metric is NotFound") {
  SyntheticSweep synthetic;
  report::ReportOptions options = no_images();
  options.metric = "loss";
  options.goal = "minimize";
  const auto model = report::build_report_model(synthetic.store, synthetic.sweep, options);
  CHECK(model.metric == "loss");
  CHECK_FALSE(model.maximize);
  REQUIRE(model.best);
  CHECK(model.best->number == 6);
  CHECK(model.best->value == doctest::Approx(1 - val_acc(6, 5)));
  CHECK(model.history[0].value == doctest::Approx(1 - val_acc(1, 5)));

  options.metric = "no_such_metric";
  CHECK_THROWS_AS(report::build_report_model(synthetic.store, synthetic.sweep, options),
                  results::NotFoundError);
}

TEST_CASE("report model: a spec that no longer parses falls back to axes from the trials") {
  SyntheticSweep synthetic("parameters: [not, a, mapping");
  const auto model = report::build_report_model(synthetic.store, synthetic.sweep, no_images());
  CHECK_FALSE(model.spec_problem.empty());
  REQUIRE(model.best);
  CHECK(model.best->command_line.rfind("--epochs=5 --learning_rate=", 0) == 0);
  REQUIRE(model.axes.size() == 3);
  CHECK(model.axes[0].name == "learning_rate");
  CHECK(model.axes[2].name == "optimizer");
  CHECK(model.axes[2].categorical);
  CHECK(model.axes[2].labels == std::vector<std::string>{"<nadam>", "adam", "sgd"});
  CHECK(model.lines[0].values[2] == 1.0);  // trial 1: adam
  CHECK(model.lines[1].values[2] == 0.0);  // trial 2: "<nadam>"
  CHECK_FALSE(model.importance.not_computed.empty());
}

TEST_CASE("report model: an empty sweep and a one-trial sweep") {
  SyntheticSweep empty(kSyntheticSpec, 0);
  const auto nothing = report::build_report_model(empty.store, empty.sweep, no_images());
  CHECK(nothing.trial_count == 0);
  CHECK(nothing.counts.empty());
  CHECK_FALSE(nothing.best);
  CHECK_FALSE(nothing.wall_seconds);
  CHECK(nothing.compute_seconds == 0);
  CHECK(nothing.curves.empty());
  CHECK(nothing.rows.empty());
  CHECK(nothing.axes.size() == 3);
  CHECK_FALSE(nothing.importance.not_computed.empty());

  SyntheticSweep one(kSyntheticSpec, 1);
  const auto single = report::build_report_model(one.store, one.sweep, no_images());
  CHECK(single.trial_count == 1);
  REQUIRE(single.best);
  CHECK(single.best->number == 1);
  CHECK(single.curves.size() == 1);
  CHECK(single.importance.bars.empty());
  CHECK_FALSE(single.importance.not_computed.empty());
}

TEST_CASE("report model: test results stored by `sweep best --retrain --test`") {
  SyntheticSweep synthetic(kSyntheticSpec, 8, /*with_test=*/false);
  const auto best = synthetic.store.trial(synthetic.sweep.id, 6);
  REQUIRE(best);
  synthetic.store.set_summary(best->id, {{"test_acc", "0.88"},
                                         {"test_loss", "0.31"},
                                         {"test_confusion", confusion_json()},
                                         {"retrain", R"({"command":["trainer","--lr=0.1","--name=a b"],)"
                                                     R"("exit":"exit 0","duration_s":12.5,"last":{}})"}});
  const auto model = report::build_report_model(synthetic.store, synthetic.sweep, no_images());
  REQUIRE(model.test);
  CHECK(model.test->retrained);
  CHECK(model.test->retrain_command == "trainer --lr=0.1 '--name=a b'");
  CHECK(model.test->retrain_exit == "exit 0");
  CHECK(model.test->retrain_seconds == 12.5);
  CHECK(model.test->accuracy == doctest::Approx(0.88));
  CHECK(model.test->loss == doctest::Approx(0.31));
  CHECK(model.test->confusion.size() == 10);

  // A retrain that failed stores only its record: the model keeps it, with no test numbers.
  SyntheticSweep failed(kSyntheticSpec, 8, /*with_test=*/false);
  failed.store.set_summary(failed.store.trial(failed.sweep.id, 6)->id,
                           {{"retrain", R"({"command":["trainer"],"exit":"exit 4","duration_s":1})"}});
  const auto failed_model = report::build_report_model(failed.store, failed.sweep, no_images());
  REQUIRE(failed_model.test);
  CHECK(failed_model.test->confusion.empty());
  CHECK_FALSE(failed_model.test->accuracy);
  CHECK(failed_model.test->retrain_exit == "exit 4");
}
