# wandb.sweep(config dict) + wandb.agent(function=train, count=N) in a DA6401-style script run a real
# sweep through sweep's coordinator: grid, random and bayes with hyperband, counts, agents joining.
"""The sweep a script's wandb.agent runs lands in results.db as a YAML sweep's would."""

import os
import sys

import harness

sys.path.insert(0, harness.SCRIPTS)
from objective import val_accuracy  # noqa: E402

DA6401 = harness.script("da6401_sweep.py")
EPOCHS = 4  # the script's argparse default


class GridSweep(harness.ScratchTest):
    def test_every_grid_point_runs_once_and_a_failing_call_is_recorded(self):
        code, out, err = self.run_python(DA6401, "--method", "grid")
        self.assertEqual(code, 0, err)
        self.assertIn("agent done: ", out)  # the outer script goes on after the agent
        [name] = self.sweep_names()
        self.assertTrue(name.startswith("da6401-a1-"), name)  # the project, then a hash of the config
        trials = self.trials(name)
        points = sorted((t["params"]["learning_rate"], t["params"]["activation"]) for t in trials)
        self.assertEqual(points, sorted((lr, a) for lr in (1e-3, 1e-2) for a in ("ReLU", "tanh", "crash")))
        for trial in trials:
            params = trial["params"]
            if params["activation"] == "crash":
                self.assertEqual(trial["state"], "failed")
                continue
            self.assertEqual(trial["state"], "finished")
            # wandb.config in train() is the proposal over the argparse defaults (batch_size from argparse).
            config = {"batch_size": 32, **params}
            logged = self.metric(trial["id"], "val_accuracy")
            self.assertEqual(sorted(logged), list(range(EPOCHS)))  # W&B's _step 0..3
            for step, value in logged.items():
                self.assertAlmostEqual(value, val_accuracy(config, step + 1), places=12)
            self.assertEqual(self.summary(trial["id"])["run_name"],
                             "lr_%g_%s_nhl_2" % (params["learning_rate"], params["activation"]))

    def test_queries_and_the_exported_yaml_work_as_on_a_yaml_sweep(self):
        code, _, err = self.run_python(DA6401, "--method", "grid")
        self.assertEqual(code, 0, err)
        [name] = self.sweep_names()
        code, out, err = self.run_sweep("best", "--metric", "val_accuracy", "--sweep", name, "--json")
        self.assertEqual(code, 0, err)
        best = max((t for t in self.trials(name) if t["state"] == "finished"),
                   key=lambda t: val_accuracy({"batch_size": 32, **t["params"]}, EPOCHS))
        self.assertIn('"number":%d' % best["number"], out.replace(" ", ""))
        code, exported, err = self.run_sweep("export", "--format", "yaml", "--sweep", name)
        self.assertEqual(code, 0, err)
        with open(os.path.join(self.dir, "wandb", "sweep-%s.yaml" % name), encoding="utf-8") as handle:
            self.assertEqual(exported, handle.read())
        # `sweep run` of the exported text is the same sweep: complete, nothing run again. (Its program is
        # relative to the spec's directory, so the copy goes beside the original.)
        copy = os.path.join(self.dir, "wandb", "exported.yaml")
        with open(copy, "w", encoding="utf-8") as handle:
            handle.write(exported)
        code, out, err = self.run_sweep("run", copy)
        self.assertEqual(code, 0, err + out)
        self.assertEqual(len(self.trials(name)), 6)
        self.assertEqual(self.query("SELECT count(*) FROM trials")[0][0], 6)


class SweepPython(harness.ScratchTest):
    def test_sweep_python_puts_the_standin_on_the_path_and_passes_the_database_on(self):
        env = self.environment()
        env.pop("PYTHONPATH")
        process = harness.subprocess.run([harness.SWEEP, "--db", "other.db", "python", DA6401, "--method", "grid"],
                                         cwd=self.dir, env=env, stdout=harness.subprocess.PIPE,
                                         stderr=harness.subprocess.PIPE, text=True, timeout=harness.TIMEOUT)
        self.assertEqual(process.returncode, 0, process.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.dir, "results.db")))
        code, out, err = self.run_sweep("--db", "other.db", "trials", "--json")
        self.assertEqual(code, 0, err)
        trials = harness.json.loads(out)["trials"]
        self.assertEqual(sorted(t["state"] for t in trials), ["failed"] * 2 + ["finished"] * 4)

    def test_sweep_python_without_a_script(self):
        code, _, err = self.run_sweep("python")
        self.assertEqual(code, 2)
        self.assertIn("give the script to run", err)


class Counts(harness.ScratchTest):
    def test_count_runs_that_many_and_a_second_start_continues_without_repeats(self):
        for expected in (3, 6):
            code, _, err = self.run_python(DA6401, "--method", "random", "--count", "3")
            self.assertEqual(code, 0, err)
            [name] = self.sweep_names()
            trials = self.trials(name)
            self.assertEqual([t["number"] for t in trials], list(range(1, expected + 1)))
        self.assertEqual(len({t["params"]["learning_rate"] for t in trials}), 6)

    def test_agent_called_twice_joins_the_same_sweep(self):
        code, _, err = self.run_python(DA6401, "--method", "random", "--count", "2", "--agents", "2")
        self.assertEqual(code, 0, err)
        [name] = self.sweep_names()
        trials = self.trials(name)
        self.assertEqual([t["number"] for t in trials], [1, 2, 3, 4])
        self.assertEqual(len({t["params"]["learning_rate"] for t in trials}), 4)
        self.assertTrue(all(t["state"] == "finished" for t in trials))

    def test_without_count_the_agent_runs_to_run_cap(self):
        code, _, err = self.run_python(DA6401, "--method", "random")
        self.assertEqual(code, 0, err)
        [name] = self.sweep_names()
        self.assertEqual(len(self.trials(name)), 12)

    def test_other_arguments_make_another_sweep(self):
        self.assertEqual(self.run_python(DA6401, "--method", "random", "--count", "1")[0], 0)
        self.assertEqual(self.run_python(DA6401, "--method", "random", "--count", "1", "-e", "2")[0], 0)
        names = self.sweep_names()
        self.assertEqual(len(names), 2)
        [short] = [t for t in self.trials(names[1])]
        self.assertEqual(sorted(self.metric(short["id"], "val_accuracy")), [0, 1])  # its trials got -e 2


class BayesWithHyperband(harness.ScratchTest):
    def test_bayes_proposals_and_hyperband_stops(self):
        code, out, err = self.run_python(DA6401, "--method", "bayes")
        self.assertEqual(code, 0, err)
        [name] = self.sweep_names()
        self.assertTrue(name.startswith("da6401-a1-da6401-bayes-"), name)  # the config's own name is kept
        self.assertEqual(self.query("SELECT method FROM sweeps")[0][0], "bayes")
        trials = self.trials(name)
        self.assertEqual(len(trials), 10)
        states = [t["state"] for t in trials]
        self.assertTrue(set(states) <= {"finished", "early_terminated"}, states)
        self.assertIn("early_terminated", states)  # the sigmoid / far-off learning rates fall below the cutoff
        best = {t["state"]: 0.0 for t in trials}
        for trial in trials:
            value = max(self.metric(trial["id"], "val_accuracy").values())
            best[trial["state"]] = max(best[trial["state"]], value)
        self.assertLess(best["early_terminated"], best["finished"])  # the stopped ones were the weaker
