# What the in-script sweep tests share: the built programs (paths from CMake through the environment),
# a scratch directory per test, running a script with the stand-in on PYTHONPATH, and results.db reads.
"""Paths, processes and database reads for the wandb_agent suite."""

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import unittest

SWEEP = os.environ.get("SWEEP_TEST_SWEEP", "")
TRAINER = os.environ.get("SWEEP_TEST_TRAINER", "")
STANDIN = os.environ.get("SWEEP_TEST_STANDIN", "")
SCRIPTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "scripts")
TIMEOUT = 60


def missing_setup():
    """Why the suite cannot run (a message), or None."""
    for name, path in (("SWEEP_TEST_SWEEP", SWEEP), ("SWEEP_TEST_STANDIN", os.path.join(STANDIN, "wandb"))):
        if not path or not os.path.exists(path):
            return "%s does not point at a built file (%r); run the suite through ctest" % (name, path)
    return None


def script(name):
    return os.path.join(SCRIPTS, name)


class ScratchTest(unittest.TestCase):
    """Each test runs in a directory of its own, removed afterwards."""

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="wandb-agent-test-")
        self.addCleanup(shutil.rmtree, self.dir, ignore_errors=True)

    def environment(self, extra=None):
        env = dict(os.environ)
        env.pop("SWEEP_TRIAL_CONFIG", None)
        env["PYTHONPATH"] = STANDIN + (":" + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        env.update(extra or {})
        return env

    def start(self, argv, extra_env=None):
        """A process in the scratch directory, stdout and stderr captured."""
        return subprocess.Popen(argv, cwd=self.dir, env=self.environment(extra_env), stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)

    def run_python(self, *args, extra_env=None):
        """(exit code, stdout, stderr) of `python3 ARGS...` run to its end."""
        process = self.start([sys.executable] + list(args), extra_env)
        out, err = process.communicate(timeout=TIMEOUT)
        return process.returncode, out, err

    def run_sweep(self, *args):
        process = subprocess.run([SWEEP] + list(args), cwd=self.dir, env=self.environment(), stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True, timeout=TIMEOUT, check=False)
        return process.returncode, process.stdout, process.stderr

    # --- results.db ---

    def query(self, sql, *parameters):
        connection = sqlite3.connect("file:%s?mode=ro" % os.path.join(self.dir, "results.db"), uri=True)
        try:
            return connection.execute(sql, parameters).fetchall()
        finally:
            connection.close()

    def sweep_names(self):
        return [name for (name,) in self.query("SELECT name FROM sweeps ORDER BY id")]

    def trials(self, sweep):
        """The latest attempt of each trial: dicts of number, attempt, state, params, id."""
        rows = self.query("SELECT t.number, t.attempt, t.state, t.params, t.id FROM latest_trials t "
                          "JOIN sweeps s ON s.id = t.sweep_id WHERE s.name = ? ORDER BY t.number", sweep)
        return [{"number": n, "attempt": a, "state": s, "params": json.loads(p), "id": i} for n, a, s, p, i in rows]

    def metric(self, trial_id, name):
        """step -> value of one trial's metric."""
        return dict(self.query("SELECT step, value FROM metrics WHERE trial_id = ? AND name = ? ORDER BY step",
                               trial_id, name))

    def summary(self, trial_id):
        return {key: json.loads(value) for key, value in
                self.query("SELECT key, value FROM summaries WHERE trial_id = ?", trial_id)}

    def wait_for(self, condition, what, seconds=TIMEOUT):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if condition():
                return
            time.sleep(0.05)
        self.fail("timed out waiting for " + what)
