# sweep's offline stand-in for the `wandb` package: lets unmodified W&B-instrumented training scripts
# run under `sweep run`, with no account and no network. Pure Python 3.9+, standard library only.
"""An offline stand-in for wandb, from sweep (see sweep's README, "Bring your W&B script").

Under `sweep run`, the trial's configuration arrives in SWEEP_TRIAL_CONFIG and wins over the defaults a
script gives wandb.init(config=...). Each committed wandb.log row is written to stdout as one JSON line
{"_step": N, ...}; summary updates as {"_summary": {...}}. sweep stores both in results.db.
"""

import atexit
import json
import os
import sys

from . import _agent, plot  # noqa: F401 - wandb.plot.*
from ._config import Config, as_dict
from ._protocol import warn_once
from ._run import History, MetricDefinition, Run, Summary, missing
from .data_types import (  # noqa: F401 - the public W&B names
    Artifact,
    Audio,
    Graph,
    Histogram,
    Html,
    Image,
    Molecule,
    Object3D,
    Plotly,
    Table,
    Video,
)
from .errors import CommError, Error, UsageError  # noqa: F401

__version__ = "0.17.0+sweep.standin"  # for scripts that compare versions; the API level it follows
SWEEP_STANDIN = True  # how a script (or a test) tells this package from the real one

_UNDER_SWEEP = "SWEEP_TRIAL_CONFIG" in os.environ


def _sweep_config():
    text = os.environ.get("SWEEP_TRIAL_CONFIG")
    if not text:
        return {}
    try:
        values = json.loads(text)
    except ValueError as error:
        warn_once("bad-config", "SWEEP_TRIAL_CONFIG is not JSON (%s); the trial's parameters are ignored" % error)
        return {}
    return values if isinstance(values, dict) else {}


if not _UNDER_SWEEP:
    sys.stderr.write(
        "wandb: this is sweep's offline stand-in for wandb, not the real package; nothing is uploaded "
        "(metrics go to stdout as JSON lines). Take " + os.path.dirname(os.path.dirname(os.path.abspath(__file__))) +
        " off PYTHONPATH to use the real wandb.\n")
    sys.stderr.flush()

_history = History()
config = Config()
config._reset(_sweep_config())
summary = Summary(_history)
run = None


class Settings:
    """wandb.Settings(...): keeps what it is given; nothing here reads it."""

    def __init__(self, **settings):
        self.__dict__.update(settings)

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return None

    def update(self, settings=None, **more):
        self.__dict__.update(dict(settings or {}), **more)


def _run_finished(finished):
    global run
    if run is finished:
        run = None


def init(project=None, entity=None, config=None, name=None, reinit=None, group=None, job_type=None, tags=None,
         notes=None, dir=None, mode=None, resume=None, settings=None, id=None, config_exclude_keys=None,
         config_include_keys=None, allow_val_change=None, anonymous=None, force=None, magic=None,
         sync_tensorboard=None, monitor_gym=None, save_code=None, resume_from=None, fork_from=None, **kwargs):
    """Starts a run. The sweep's parameters win over `config`, which fills in the keys the sweep lacks.
    A second init() without reinit returns the running run (with `config` merged in); with reinit, the
    running run is finished first and the new one continues its step count."""
    global run
    defaults = _selected(config, config_include_keys, config_exclude_keys)
    if run is not None and not reinit:
        globals()["config"].update(defaults)
        return run
    if run is not None:
        run.finish()
    globals()["config"]._reset(_sweep_config())
    globals()["config"].update(defaults)
    summary._reset()
    run = Run({"project": project, "entity": entity, "name": name, "group": group, "job_type": job_type,
               "tags": tags, "notes": notes, "dir": dir, "id": id, "settings": settings},
              globals()["config"], summary, _history, _run_finished)
    return run


def _selected(source, include, exclude):
    values = as_dict(source)
    if include:
        values = {key: value for key, value in values.items() if key in include}
    if exclude:
        values = {key: value for key, value in values.items() if key not in exclude}
    return values


def _active_run():
    if run is None:
        warn_once("no-init", "wandb.log() before wandb.init(): starting a run")
        init()
    return run


def log(data=None, step=None, commit=None, sync=None):
    """W&B's log(): commit=False accumulates; an explicit step commits the row when the step moves on."""
    _active_run().log(data, step=step, commit=commit, sync=sync)


def finish(exit_code=None, quiet=None):
    if run is not None:
        run.finish(exit_code=exit_code, quiet=quiet)


def define_metric(name, step_metric=None, step_sync=None, hidden=None, summary=None, goal=None, overwrite=None,
                  **kwargs):
    return MetricDefinition(name, step_metric, step_sync, hidden, summary, goal, overwrite, **kwargs)


def watch(models=None, criterion=None, log="gradients", log_freq=1000, idx=None, log_graph=False):
    return None


def unwatch(models=None):
    return None


def save(glob_str=None, base_path=None, policy="live"):
    return []


def restore(name=None, run_path=None, replace=False, root=None):
    return None


def login(anonymous=None, key=None, relogin=None, host=None, force=None, timeout=None, verify=False, **kwargs):
    return True


def alert(title="", text="", level=None, wait_duration=None):
    _active_run().alert(title, text, level, wait_duration)


def log_artifact(artifact_or_path, name=None, type=None, aliases=None, tags=None):
    return _active_run().log_artifact(artifact_or_path, name=name, type=type, aliases=aliases, tags=tags)


def use_artifact(artifact_or_name, type=None, aliases=None, use_as=None):
    return _active_run().use_artifact(artifact_or_name, type=type, aliases=aliases, use_as=use_as)


def log_model(path, name=None, aliases=None):
    return _active_run().log_model(path, name=name, aliases=aliases)


def sweep(sweep, entity=None, project=None, prior_runs=None):
    """Outside a trial: writes the config dict as a sweep spec (wandb/sweep-<name>.yaml) whose trials re-run
    this script, checks it with `sweep validate`, and returns its name for agent(). Inside a trial: the
    running sweep's name."""
    del entity  # no server: there is nobody to own the sweep
    if prior_runs:
        warn_once("prior-runs", "wandb.sweep(): prior_runs are not used; sweep's own results.db holds the history")
    if _UNDER_SWEEP:
        return os.environ.get("SWEEP_NAME", "offline-sweep")
    return _agent.create_sweep(sweep, project)


def agent(sweep_id=None, function=None, entity=None, project=None, count=None):
    """Outside a trial: runs the sweep wandb.sweep() created with sweep's coordinator, `count` new runs (default:
    to the sweep's run_cap or its grid's end), each a process re-running this script. Inside a trial: calls
    `function` once with wandb.config set to the trial's configuration, then ends the process."""
    del entity, project
    if _UNDER_SWEEP:
        _agent.run_trial(function, finish)
    else:
        _agent.run_agent(sweep_id, function, count)


def setup(settings=None):
    return None


def teardown(exit_code=None):
    finish(exit_code)


def require(requirement=None, experiment=None):
    return None


def termlog(string="", newline=True, repeat=True, prefix=True):
    sys.stderr.write(("wandb: " if prefix else "") + str(string) + ("\n" if newline else ""))


def termwarn(string="", newline=True, repeat=True, prefix=True):
    termlog("WARNING " + str(string), newline, repeat, prefix)


def termerror(string="", newline=True, repeat=True, prefix=True):
    termlog("ERROR " + str(string), newline, repeat, prefix)


class AlertLevel:
    INFO = "INFO"
    WARN = "WARN"
    ERROR = "ERROR"


_PID = os.getpid()  # a forked child (a data loader worker) has a copy of the pending row: not its to write


def _finish_at_exit():
    """A script that ends (or crashes) without finish() still gets its pending row out."""
    if run is not None and os.getpid() == _PID:
        run.finish()


def _flush_on_sigterm():
    """Under sweep, a trial stopped early (hyperband, timeout, Ctrl-C) gets SIGTERM: write the pending
    row, then die of the signal as before. Only when nobody else handles SIGTERM."""
    import signal

    def flush_then_die(signum, frame):
        try:
            if os.getpid() == _PID:
                _history.flush()
        finally:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            os.kill(os.getpid(), signal.SIGTERM)

    try:
        if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
            signal.signal(signal.SIGTERM, flush_then_die)
    except (ValueError, OSError, AttributeError):
        pass  # imported outside the main thread: signals cannot be handled here


atexit.register(_finish_at_exit)
if _UNDER_SWEEP:
    _flush_on_sigterm()


def __getattr__(name):
    """Parts of wandb this stand-in lacks do nothing, rather than stop a training script."""
    if name.startswith("__"):
        raise AttributeError(name)
    return missing(name)


__all__ = ["init", "log", "finish", "config", "summary", "run", "define_metric", "watch", "unwatch", "save",
           "restore", "login", "alert", "sweep", "agent", "Settings", "Table", "Image", "Histogram", "Html",
           "Video", "Audio", "Object3D", "Molecule", "Plotly", "Graph", "Artifact", "log_artifact",
           "use_artifact", "plot", "Error", "AlertLevel"]
