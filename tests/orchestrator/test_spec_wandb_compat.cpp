// W&B compatibility: sweep configs written from what W&B's own validator and its tests check (the
// wandb/sweeps schema, test_cfg, test_schema, test_validation, test_random_search), each with W&B's
// verdict and ours. Where the two differ, the case says why sweep decides otherwise.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "orchestrator/spec/sweep_spec.h"
#include "test_spec_helpers.h"

namespace {

enum class Ours { Accept, Warn, Refuse };

struct Case {
  const char* what;
  const char* yaml;
  bool wandb_valid;          // what W&B's validator says
  Ours ours;                 // what sweep does
  const char* why = "";      // non-empty exactly when sweep disagrees with W&B
  const char* message = "";  // a word the refusal or warning must contain
};

const std::vector<Case>& cases() {
  static const std::vector<Case> all = {
      // --- valid for W&B ---
      {"mixed types in one values list, in a grid", "method: grid\nparameters: {v1: {values: [null, 2, 3, a, [2, 3]]}}\n", true, Ours::Accept},
      {"uniform named with integer bounds", "method: random\nparameters: {a: {min: 0, max: 1, distribution: uniform}}\n", true, Ours::Accept},
      {"float bounds infer uniform", "method: random\nparameters: {a: {min: 0.0, max: 1.0}}\n", true, Ours::Accept},
      {"mixed bounds infer uniform", "method: random\nparameters: {a: {min: 0.0, max: 1}, b: {min: 0, max: 1.0}}\n", true, Ours::Accept},
      {"normal with its defaults", "method: random\nparameters: {a: {distribution: normal}}\n", true, Ours::Accept},
      {"log_normal with its defaults", "method: random\nparameters: {a: {distribution: log_normal}}\n", true, Ours::Accept},
      {"q_normal with q 0.1", "method: random\nparameters: {a: {distribution: q_normal, q: 0.1}}\n", true, Ours::Accept},
      {"beta with its defaults", "method: random\nparameters: {a: {distribution: beta}}\n", true, Ours::Accept},
      {"beta with a and b", "method: random\nparameters: {a: {distribution: beta, a: 2, b: 5}}\n", true, Ours::Accept},
      {"q_beta with its defaults", "method: random\nparameters: {a: {distribution: q_beta}}\n", true, Ours::Accept},
      {"q_log_normal", "method: random\nparameters: {a: {distribution: q_log_normal, mu: 2, sigma: 2, q: 10}}\n", true, Ours::Accept},
      {"values", "method: random\nparameters: {a: {values: [1, 2, 3]}}\n", true, Ours::Accept},
      {"value", "method: random\nparameters: {a: {value: abcd}}\n", true, Ours::Accept},
      {"a real spec: literal command words, string values, hyperband without eta, project",
       "command: [\"${env}\", \"${interpreter}\", \"${program}\", sweep, 2dconv_lstm.stat.ac, --dataset, deam, --batch-size]\n"
       "early_terminate: {min_iter: 3, type: hyperband}\nmethod: random\nmetric: {goal: minimize, name: val/loss}\n"
       "name: AC-2DConvLSTM-Stat-DEAM\nprogram: exec.py\nproject: mer\n"
       "parameters:\n  dropout: {values: [\"0.15\", \"0.2\"]}\n  lr: {values: [\"0.001\", \"0.005\"]}\n  n_fft: {value: 1024}\n",
       true, Ours::Accept},
      {"controller type cloud", "controller: {type: cloud}\nmethod: random\nparameters: {a: {values: [1, 2]}}\n", true, Ours::Accept},
      {"controller type local", "controller: {type: local}\nmethod: random\nparameters: {a: {values: [1, 2]}}\n", true, Ours::Accept},
      {"probabilities with a zero", "method: random\nparameters: {v1: {values: [0, 1, 2], probabilities: [0.5, 0.0, 0.5]}}\n", true, Ours::Accept},
      {"categorical_w_probabilities by name",
       "method: random\nparameters: {v1: {distribution: categorical_w_probabilities, values: [a, b], probabilities: [0.3, 0.7]}}\n",
       true, Ours::Accept},
      {"inv_log_uniform (deprecated)", "method: random\nparameters: {v2: {min: -46.05, max: 34.54, distribution: inv_log_uniform}}\n",
       true, Ours::Warn, "", "deprecated"},
      {"log_uniform (deprecated)", "method: random\nparameters: {a: {min: 1, max: 2, distribution: log_uniform}}\n", true,
       Ours::Warn, "", "log_uniform_values"},
      {"q_log_uniform (deprecated)", "method: random\nparameters: {a: {min: 1, max: 2, distribution: q_log_uniform}}\n", true,
       Ours::Warn, "", "q_log_uniform_values"},
      {"inv_log_uniform_values over 35 decades",
       "method: random\nparameters: {v2: {min: 1.0e-15, max: 1.0e+20, distribution: inv_log_uniform_values}}\n", true, Ours::Accept},
      {"q_log_uniform_values", "method: random\nparameters: {v1: {distribution: q_log_uniform_values, min: 0.1, max: 100, q: 10}}\n",
       true, Ours::Accept},
      {"no program (an in-script sweep)", "method: random\nparameters: {a: {values: [1, 2]}}\n", true, Ours::Accept},
      {"metric impute and impute_while_running",
       "method: bayes\nmetric: {name: loss, impute: best, impute_while_running: latest}\nparameters: {a: {values: [1, 2]}}\n", true,
       Ours::Accept},
      {"kind, apiVersion, entity, project, job, image_uri",
       "kind: sweep\napiVersion: v1\nentity: me\nproject: p\njob: \"me/p/job:v9\"\nimage_uri: \"image:latest\"\n"
       "method: random\nparameters: {a: {values: [1, 2]}}\n",
       true, Ours::Accept},
      {"the ${args_no_equals} and ${args_json_file} macros",
       "program: t.py\ncommand: [\"${env}\", python3, \"${program}\", \"${args_no_equals}\", --json-file, \"${args_json_file}\"]\n"
       "method: random\nparameters: {a: {values: [1, 2]}}\n",
       true, Ours::Accept},
      {"dotted and dashed names",
       "method: random\nparameters:\n  model.hidden_dim: {values: [32, 64]}\n  data.hparams.batch_size: {value: 16}\n"
       "  callbacks.early_stopping.patience: {min: 1, max: 5}\n  optimizer.init_args.lr: {min: 0.0001, max: 0.1}\n  drop-out: {value: 0.1}\n",
       true, Ours::Accept},
      {"a value listed twice", "method: grid\nparameters: {wd: {values: [0, 0.0005, 0.0005]}}\n", true, Ours::Warn, "", "merged"},
      {"a nested parameters block", "method: random\nparameters:\n  opt:\n    parameters: {lr: {min: 0.1, max: 1.0}, name: {value: adam}}\n",
       true, Ours::Accept},
      {"hyperband by max_iter and s",
       "method: random\nmetric: {name: l}\nearly_terminate: {type: hyperband, max_iter: 27, s: 2, eta: 3}\nparameters: {a: {value: 1}}\n",
       true, Ours::Accept},
      {"run_cap, name and description", "name: n\ndescription: d\nrun_cap: 5\nmethod: random\nparameters: {a: {value: 1}}\n", true,
       Ours::Accept},
      {"scheduler engine wandb", "scheduler: {engine: wandb}\nmethod: random\nparameters: {a: {values: [1, 2]}}\n", true, Ours::Warn,
       "", "ignored"},
      {"a grid with probabilities", "method: grid\nparameters: {v1: {values: [1, 2, 3], probabilities: [0.2, 0.2, 0.6]}}\n", true,
       Ours::Warn, "", "ignored"},
      {"a grid over a continuous range", "method: grid\nparameters: {lr: {min: 0.001, max: 0.1}}\n", true, Ours::Refuse,
       "W&B's grid search fails on it later; sweep says so before anything runs", "method grid needs"},
      {"bayes without a metric", "method: bayes\nparameters: {a: {values: [1, 2]}}\n", true, Ours::Refuse,
       "W&B's bayes search fails on it later; sweep says so before anything runs", "needs a metric"},
      {"beta with a = 0", "method: random\nparameters: {x: {distribution: beta, a: 0}}\n", true, Ours::Refuse,
       "Beta(0, b) is no distribution (its draws are nan)", "a must be > 0"},
      {"method custom with an Optuna scheduler", "method: custom\nscheduler: {engine: optuna}\nparameters: {a: {values: [1, 2]}}\n",
       true, Ours::Refuse, "sweep runs no external scheduler; the message names method bayes instead", "method bayes"},
      {"multi-objective metrics", "method: random\nmetrics: [{name: a}, {name: b}]\nparameters: {a: {values: [1, 2]}}\n", true,
       Ours::Refuse, "sweep optimises one metric; the message says so", "not supported"},
      // --- invalid for W&B ---
      {"an empty parameters block", "method: random\nparameters: {}\n", false, Ours::Refuse, "", "at least one parameter"},
      {"no parameters", "method: random\n", false, Ours::Refuse, "", "parameters: is missing"},
      {"int_uniform with float bounds", "method: random\nparameters: {a: {min: 0.0, max: 1.0, distribution: int_uniform}}\n", false,
       Ours::Refuse, "", "an integer is required"},
      {"an unknown controller type", "controller: {type: invalid}\nmethod: random\nparameters: {a: {values: [1, 2]}}\n", false,
       Ours::Refuse, "", "local or cloud"},
      {"controller as a string", "controller: local\nmethod: random\nparameters: {a: {values: [1, 2]}}\n", false, Ours::Refuse, "",
       "a mapping"},
      {"kind other than sweep", "kind: notsweep\nmethod: random\nparameters: {a: {values: [1, 2]}}\n", false, Ours::Refuse, "",
       "allowed: sweep"},
      {"project as a number", "project: 123\nmethod: random\nparameters: {a: {values: [1, 2]}}\n", false, Ours::Refuse, "",
       "requires a string"},
      {"goal minimise", "method: grid\nmetric: {name: loss, goal: minimise}\nparameters: {v1: {values: [a, b]}}\n", false,
       Ours::Refuse, "", "maximize or minimize"},
      {"min above max", "method: random\nparameters: {v1: {max: 3, min: 5}, v2: {min: 5, max: 6}}\n", false, Ours::Refuse, "",
       "min <= max"},
      {"a negative sigma", "method: random\nparameters: {v1: {mu: 0.1, sigma: -0.1, distribution: normal}}\n", false, Ours::Refuse, "",
       "sigma must be > 0"},
      {"probabilities of the wrong length", "method: random\nparameters: {v1: {values: [1, 2, 3], probabilities: [0.1, 0.2, 0.3, 0.4]}}\n",
       false, Ours::Refuse, "", "one per value"},
      {"probabilities not summing to 1", "method: random\nparameters: {v1: {values: [1, 2, 3], probabilities: [0.1, 0.2, 0.3]}}\n",
       false, Ours::Refuse, "", "sum to 1"},
      {"an empty values list", "method: random\nparameters: {a: {values: []}}\n", false, Ours::Refuse, "", "at least one value"},
      {"a parameter of unknown keys", "method: random\nparameters: {a: {invalid: this config is not valid}}\n", false, Ours::Refuse, "",
       "unknown key"},
      {"a metric written as a string", "method: grid\nmetric: \"{'goal': 'maximize', 'name': 'val/loss'}\"\nparameters: {a: {values: [1, 2]}}\n",
       false, Ours::Refuse, "", "a mapping"},
      {"no method", "parameters: {a: {values: [1, 2, 3, 4]}}\n", false, Ours::Refuse, "", "method: is missing"},
      {"min equal to max", "method: random\nparameters: {a: {min: 1, max: 1}}\n", false, Ours::Accept,
       "a one-point range is a constant; nothing goes wrong by accepting it"},
      {"log_uniform_values with min above max", "method: random\nparameters: {a: {min: 2, max: 1, distribution: log_uniform_values}}\n",
       false, Ours::Refuse, "", "min <= max"},
      {"log_uniform_values with min 0", "method: random\nparameters: {a: {min: 0, max: 1, distribution: log_uniform_values}}\n", false,
       Ours::Refuse, "", "must be > 0"},
      {"a name with a space", "method: random\nparameters: {\"learning rate\": {value: 1}}\n", false, Ours::Refuse, "",
       "not a valid parameter name"},
      {"a name starting with a digit", "method: random\nparameters: {1lr: {value: 1}}\n", false, Ours::Refuse, "",
       "not a valid parameter name"},
      {"q of 0", "method: random\nparameters: {a: {distribution: q_uniform, min: 0, max: 1, q: 0}}\n", false, Ours::Refuse, "",
       "q must be > 0"},
      {"an unknown top-level key", "method: random\nparamters: {a: {value: 1}}\nparameters: {a: {value: 1}}\n", false, Ours::Refuse, "",
       "did you mean parameters?"},
      {"hyperband min_iter 0", "method: random\nmetric: {name: l}\nearly_terminate: {type: hyperband, min_iter: 0}\nparameters: {a: {value: 1}}\n",
       false, Ours::Refuse, "", ">= 1"},
      {"hyperband eta 1", "method: random\nmetric: {name: l}\nearly_terminate: {type: hyperband, min_iter: 1, eta: 1}\nparameters: {a: {value: 1}}\n",
       false, Ours::Refuse, "", "must be > 1"},
      {"hyperband with neither min_iter nor max_iter", "method: random\nmetric: {name: l}\nearly_terminate: {type: hyperband}\nparameters: {a: {value: 1}}\n",
       false, Ours::Refuse, "", "needs min_iter"},
      {"an unknown early_terminate type", "method: random\nmetric: {name: l}\nearly_terminate: {type: envelope, min_iter: 1}\nparameters: {a: {value: 1}}\n",
       false, Ours::Refuse, "", "hyperband"},
      {"run_cap 0", "method: random\nrun_cap: 0\nparameters: {a: {value: 1}}\n", false, Ours::Refuse, "", ">= 1"},
      {"a metric without a name", "method: random\nmetric: {goal: maximize}\nparameters: {a: {value: 1}}\n", false, Ours::Refuse, "",
       "metric.name"},
      {"an unknown impute", "method: random\nmetric: {name: l, impute: sometimes}\nparameters: {a: {value: 1}}\n", false, Ours::Refuse, "",
       "latest, best or worst"},
      {"an old-style nested block without parameters", "method: random\nparameters: {v1: {v2: {distribution: normal}, v3: {value: c}}}\n",
       false, Ours::Refuse, "", "unknown key"},
      {"command as one string", "program: t\ncommand: python train.py\nmethod: random\nparameters: {a: {value: 1}}\n", false,
       Ours::Refuse, "", "non-empty list"},
      {"a description that is a number", "description: 5\nmethod: random\nparameters: {a: {value: 1}}\n", false, Ours::Refuse, "",
       "a non-empty string"},
  };
  return all;
}

// What sweep did with the case's spec: the refusal or the warnings, as text.
struct Verdict {
  Ours ours;
  std::string text;
};

Verdict judge(const Case& c) {
  try {
    const orchestrator::SweepSpec spec = orchestrator::parse_sweep_spec(c.yaml, "test.yaml");
    std::string warnings;
    for (const std::string& warning : spec.warnings) warnings += warning + "\n";
    return {spec.warnings.empty() ? Ours::Accept : Ours::Warn, warnings};
  } catch (const orchestrator::SpecError& e) {
    return {Ours::Refuse, e.what()};
  }
}

bool agrees(const Case& c) { return c.wandb_valid == (c.ours != Ours::Refuse); }

}  // namespace

TEST_CASE("W&B compatibility: each case gets sweep's verdict, and every disagreement with W&B says why") {
  int valid = 0, valid_agreed = 0, invalid = 0, invalid_agreed = 0;
  for (const Case& c : cases()) {
    const std::string what = c.what;
    CAPTURE(what);
    const Verdict verdict = judge(c);
    CAPTURE(verdict.text);
    CHECK(verdict.ours == c.ours);
    CHECK(verdict.text.find(c.message) != std::string::npos);
    CHECK(agrees(c) == (std::string(c.why).empty()));
    (c.wandb_valid ? valid : invalid) += 1;
    if (agrees(c) && verdict.ours == c.ours) (c.wandb_valid ? valid_agreed : invalid_agreed) += 1;
  }
  MESSAGE("W&B-valid configs accepted: " << valid_agreed << " of " << valid << "; W&B-invalid configs refused: "
                                         << invalid_agreed << " of " << invalid);
}

TEST_CASE("W&B compatibility: refusals and warnings name the field") {
  const auto refusal = spec_test::refusal("method: random\ncontroller: {type: invalid}\nparameters: {a: {value: 1}}\n");
  CHECK(refusal.find("test.yaml: line 2: controller.type: ") == 0);
  const auto spec = spec_test::parse("method: random\nparameters:\n  a:\n    values: [x, y, x]\n");
  REQUIRE(spec.warnings.size() == 1);
  CHECK(spec.warnings[0].find("test.yaml: line 4: parameters.a.values[2]: warning: repeats \"x\"") == 0);
}
