# Ctrl-C and kill -9 of a script whose wandb.agent is running a sweep, and a second process of the same
# script started meanwhile: they behave as `sweep run` does (recorded, resumed, no configuration twice).
"""Stopping, killing and joining in-script sweeps."""

import os
import signal
import subprocess

import harness

DA6401 = harness.script("da6401_sweep.py")
SLOW = ["--method", "random", "--count", "3", "--epoch-seconds", "0.25"]


class Interruptions(harness.ScratchTest):
    def start_slow(self):
        process = subprocess.Popen([harness.sys.executable, DA6401] + SLOW, cwd=self.dir, env=self.environment(),
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                   start_new_session=True)  # a terminal of its own: killpg is the Ctrl-C
        self.addCleanup(lambda: process.poll() is not None or process.kill())
        return process

    def wait_until_logging(self):
        def logging():
            if not os.path.exists(os.path.join(self.dir, "results.db")):
                return False
            try:
                return self.query("SELECT count(*) FROM metrics m JOIN trials t ON t.id = m.trial_id "
                                  "WHERE t.state = 'running'")[0][0] > 0
            except harness.sqlite3.OperationalError:
                return False  # the coordinator is still creating the schema
        self.wait_for(logging, "a running trial's first metric")

    def assert_resumes(self, name):
        """The same command again re-runs the stopped trials and adds the count's new ones."""
        code, _, err = self.run_python(DA6401, *SLOW)
        self.assertEqual(code, 0, err)
        trials = self.trials(name)
        self.assertTrue(all(t["state"] == "finished" for t in trials), trials)
        self.assertTrue(any(t["attempt"] == 2 for t in trials), trials)
        self.assertEqual([t["number"] for t in trials], list(range(1, len(trials) + 1)))

    def test_ctrl_c_records_the_running_trials_and_the_next_start_resumes(self):
        process = self.start_slow()
        self.wait_until_logging()
        os.killpg(process.pid, signal.SIGINT)
        _, err = process.communicate(timeout=harness.TIMEOUT)
        self.assertEqual(process.returncode, 130, err)
        self.assertIn("interrupted; run this script the same way again to resume", err)
        [name] = self.sweep_names()
        states = [t["state"] for t in self.trials(name)]
        self.assertIn("killed", states)
        self.assertNotIn("running", states)
        self.assertEqual(self.query("SELECT state FROM sweeps")[0][0], "stopped")
        self.assert_resumes(name)

    def test_kill_9_of_the_script_stops_its_coordinator_and_the_next_start_resumes(self):
        process = self.start_slow()
        self.wait_until_logging()
        process.kill()
        process.communicate(timeout=harness.TIMEOUT)
        [name] = self.sweep_names()
        self.wait_for(lambda: "running" not in [t["state"] for t in self.trials(name)],
                      "the orphaned coordinator to record its trials")
        self.assertIn("killed", [t["state"] for t in self.trials(name)])
        self.assert_resumes(name)

    def test_a_second_process_waits_for_the_first_then_adds_its_count(self):
        first = self.start_slow()
        self.wait_until_logging()
        second = self.start_slow()
        results = [process.communicate(timeout=harness.TIMEOUT) for process in (first, second)]
        self.assertEqual([first.returncode, second.returncode], [0, 0], results)
        self.assertIn("waiting", results[1][1])
        [name] = self.sweep_names()
        trials = self.trials(name)
        self.assertEqual([t["number"] for t in trials], [1, 2, 3, 4, 5, 6])
        self.assertEqual(len({t["params"]["learning_rate"] for t in trials}), 6)
        self.assertTrue(all(t["state"] == "finished" and t["attempt"] == 1 for t in trials), trials)
