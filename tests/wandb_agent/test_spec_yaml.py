# The YAML that wandb.sweep() writes reads back as the config it came from, both in sweep's own spec
# parser (through `sweep validate --json`) and in PyYAML (which the real wandb uses), when installed.
"""Round trips of the generated spec's YAML text."""

import json
import os
import sys
import unittest

import harness

sys.path.insert(0, harness.STANDIN)
from wandb import _spec_yaml  # noqa: E402

TRICKY = {
    "name": "quotes \"and\" colons: yes",
    "program": "train.py",
    "method": "grid",
    "metric": {"name": "val.acc", "goal": "minimize"},
    "parameters": {
        "learning_rate": {"values": [1e-05, 0.5, 3.0, 1e+20]},
        "yes": {"value": "no"},
        "activation": {"values": ["ReLU", "on", "null", "", "ünïcode", "a # not a comment"]},
        "layers": {"values": [[64, 64], [128]]},
        "flags": {"values": [True, False]},
        "optimizer": {"parameters": {"beta1": {"value": 0.9}, "eps": {"value": 1e-08}}},
    },
}


class SpecYaml(harness.ScratchTest):
    def write(self, data):
        path = os.path.join(self.dir, "spec.yaml")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(_spec_yaml.dump(data, ["a comment line"]))
        open(os.path.join(self.dir, "train.py"), "w").close()
        return path

    def test_sweep_reads_back_every_value(self):
        code, out, err = self.run_sweep("validate", "--json", self.write(TRICKY))
        self.assertEqual(code, 0, err)
        parsed = json.loads(out)
        self.assertEqual(parsed["name"], TRICKY["name"])
        self.assertEqual(parsed["metric"], TRICKY["metric"])
        by_name = {p["name"]: p for p in parsed["parameters"]}
        for name in ("learning_rate", "yes", "activation", "layers", "flags"):
            original = TRICKY["parameters"][name]
            self.assertEqual(by_name[name].get("values", [by_name[name].get("value")]),
                             original.get("values", [original.get("value")]), name)
        self.assertEqual(by_name["optimizer.eps"]["value"], 1e-08)

    def test_pyyaml_reads_back_the_same_data(self):
        try:
            import yaml
        except ImportError:
            raise unittest.SkipTest("PyYAML is not installed") from None
        with open(self.write(TRICKY), encoding="utf-8") as handle:
            self.assertEqual(yaml.safe_load(handle), TRICKY)

    def test_floats_keep_a_dot_in_the_mantissa(self):
        self.assertEqual(_spec_yaml.dump({"a": [1e-05, 2.5e+30, 0.001]}), "a: [1.0e-05, 2.5e+30, 0.001]\n")
