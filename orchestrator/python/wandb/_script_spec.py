# The sweep spec an in-script sweep stands for: wandb.sweep(config) outside a trial writes the config
# dict as a spec whose command re-runs this same script, so the coordinator can run it as any sweep.
"""The generated spec: its command (this script, its interpreter and argv), its name and its path."""

import hashlib
import json
import os
import shutil
import sys

from . import _spec_yaml
from ._protocol import warn_once
from .errors import UsageError

# Keys wandb.sweep() decides itself: each trial re-runs the script that called it.
_OWN_KEYS = ("program", "command")
_SPEC_DIRECTORY = "wandb"  # beside W&B's own run directories, under the current directory


def _main_script():
    """(path of the running script, module name when run with -m); UsageError without a script file."""
    main = sys.modules.get("__main__")
    path = getattr(main, "__file__", None)
    if "ipykernel" in sys.modules or not path or not os.path.isfile(path):
        raise UsageError(
            "wandb.sweep(): sweep runs each trial as a process of its own that re-runs your script, and this "
            "Python has no script file to re-run (a notebook, `python -c` or the interactive prompt). Put the "
            "sweep config and the train function in a .py file (`jupyter nbconvert --to script NOTEBOOK.ipynb` "
            "writes one), then run it with `sweep python train.py`")
    spec = getattr(main, "__spec__", None)
    module = spec.name if spec is not None and spec.name not in ("__main__", None) else None
    return os.path.abspath(path), module


def _interpreter():
    """python3 when that is what runs us (the spec then runs anywhere), else this exact interpreter
    (a virtualenv's python that is not the python3 on PATH)."""
    on_path = shutil.which("python3")
    if on_path and sys.executable and os.path.abspath(on_path) == os.path.abspath(sys.executable):
        return "python3"
    return sys.executable or "python3"


def _plain(config):
    """The config as plain JSON data (tuples as lists), so it hashes and writes the same every time."""
    try:
        return json.loads(json.dumps(config, default=lambda value: value.tolist() if hasattr(value, "tolist")
                                     else _unwritable(value)))
    except ValueError as error:
        raise UsageError("wandb.sweep(): the config holds %s" % error) from None


def _unwritable(value):
    raise ValueError("a %s, which a sweep spec cannot hold; use numbers, strings, booleans, None, lists and "
                     "dicts" % type(value).__name__)


def _slug(text):
    cleaned = "".join(c if c.isalnum() or c in "-_." else "-" for c in str(text)).strip("-.")
    return cleaned or "sweep"


def spec_path(sweep_id):
    """Where wandb.sweep() wrote the spec of `sweep_id`: stable, so running the script again resumes."""
    return os.path.join(os.getcwd(), _SPEC_DIRECTORY, "sweep-" + _slug(sweep_id) + ".yaml")


def make_spec(config, project=None):
    """(name, spec dict) for wandb.sweep(config, project=...) called by the running script."""
    if not isinstance(config, dict):
        raise UsageError("wandb.sweep(): the sweep config is a %s; give it as a dict (with method, metric and "
                         "parameters), or run a sweep YAML file with `sweep run FILE`" % type(config).__name__)
    script, module = _main_script()
    spec_dir = os.path.dirname(spec_path("x"))
    program = os.path.relpath(script, spec_dir)
    run_script = ["-m", module] if module else ["${program}"]
    command = ["${env}", _interpreter()] + run_script + list(sys.argv[1:])
    body = {key: value for key, value in _plain(config).items() if key not in _OWN_KEYS and key != "name"}
    for key in _OWN_KEYS:
        if key in config:
            warn_once("sweep-" + key, "wandb.sweep(): the config's `%s` is not used: each trial runs this script "
                                      "again and calls the agent's function" % key)
    spec = {"program": program, "command": command}
    spec.update(body)
    digest = hashlib.sha256(json.dumps({"spec": spec, "name": config.get("name")}, sort_keys=True,
                                       separators=(",", ":")).encode("utf-8")).hexdigest()
    base = project or config.get("project") or os.path.splitext(os.path.basename(script))[0]
    parts = [_slug(base)] + ([_slug(config["name"])] if config.get("name") else []) + [digest[:8]]
    name = "-".join(parts)
    return name, dict({"name": name}, **spec)


def write_spec(name, spec):
    """Writes the spec to spec_path(name) unless it already holds exactly that text; returns the path."""
    path = spec_path(name)
    text = _spec_yaml.dump(spec, [
        "Written by wandb.sweep() in %s: the sweep config of that script, whose trials run it again." %
        os.path.basename(spec["program"]),
        "`sweep run %s` runs (or resumes) the same sweep." % os.path.relpath(path)])
    try:
        with open(path, encoding="utf-8") as handle:
            if handle.read() == text:
                return path
    except OSError:
        pass
    os.makedirs(os.path.dirname(path), exist_ok=True)
    partial = "%s.%d.tmp" % (path, os.getpid())  # two processes starting at once never see half a file
    with open(partial, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(partial, path)
    return path
