# What wandb.sweep / wandb.agent refuse, with a message saying what was wrong and what to do instead:
# no script to re-run (a notebook), a config the spec parser refuses, an unknown id, a bad count.
"""Refusals of in-script sweeps: clear errors, nothing run."""

import os

import harness

CONFIG = "{'method': 'random', 'run_cap': 2, 'parameters': {'lr': {'min': 0.1, 'max': 1.0}}}"


class Refusals(harness.ScratchTest):
    def write_script(self, body):
        path = os.path.join(self.dir, "train.py")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write("import wandb\n\ndef train():\n    wandb.init()\n\n" + body + "\n")
        return path

    def test_no_script_file_names_the_way_out(self):
        code, _, err = self.run_python("-c", "import wandb; wandb.sweep(%s)" % CONFIG)
        self.assertNotEqual(code, 0)
        self.assertIn("no script file to re-run", err)
        self.assertIn("nbconvert", err)

    def test_a_refused_config_reports_the_parser_message(self):
        script = self.write_script("wandb.sweep({'method': 'grid', 'parameters': {'lr': {'min': 0.1, 'max': 1.0}}})")
        code, _, err = self.run_python(script)
        self.assertNotEqual(code, 0)
        self.assertIn("the sweep config is refused", err)
        self.assertIn("parameters.lr", err)
        self.assertIn("grid", err)

    def test_a_config_that_is_not_a_dict(self):
        code, _, err = self.run_python(self.write_script("wandb.sweep('sweep.yaml')"))
        self.assertNotEqual(code, 0)
        self.assertIn("give it as a dict", err)

    def test_an_id_no_wandb_sweep_created(self):
        code, _, err = self.run_python(self.write_script("wandb.agent('me/proj/abc123', function=train)"))
        self.assertNotEqual(code, 0)
        self.assertIn("no sweep 'abc123' was created here", err)
        self.assertFalse(os.path.exists(os.path.join(self.dir, "results.db")))

    def test_a_count_below_one(self):
        code, _, err = self.run_python(self.write_script(
            "wandb.agent(wandb.sweep(%s), function=train, count=0)" % CONFIG))
        self.assertNotEqual(code, 0)
        self.assertIn("count is 0", err)
        self.assertFalse(os.path.exists(os.path.join(self.dir, "results.db")))
