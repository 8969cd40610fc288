# The run of the stand-in: W&B's step and commit rules for log(), the summary, and the Run object
# a script gets from wandb.init(). Rows and summary updates leave through _protocol.emit.
"""Run, its history (the _step counter and the pending row) and its summary."""

import os
import random
import string
import threading
import time

from ._config import AttributeReads
from ._protocol import emit, finite_or_text, jsonable, warn_once
from .data_types import Artifact


class History:
    """W&B's log() semantics: an internal step; commit=False accumulates into the pending row; an
    explicit step above the current one commits the pending row first; a lower one is dropped."""

    def __init__(self):
        self.step = 0
        self.row = {}
        self.last = {}  # the last logged value of each key, for summary reads
        self._lock = threading.RLock()

    def log(self, data, step=None, commit=None):
        if data is None:
            data = {}
        if not isinstance(data, dict):
            raise TypeError("wandb.log: data must be a dict, got " + type(data).__name__)
        with self._lock:
            if step is not None:
                step = int(step)
                if step < self.step:
                    warn_once("step-backwards", "WARNING step must only increase in log calls: step %d < current "
                              "step %d; dropping this entry (and later ones like it)" % (step, self.step))
                    return
                if step > self.step:
                    self._commit()
                    self.step = step
            for key, value in data.items():
                if str(key) != "_step":
                    self.row[str(key)] = jsonable(value)
            if commit is None:
                commit = step is None
            if commit:
                self._commit()

    def flush(self):
        """Emits the pending row, if any (at finish and at exit)."""
        with self._lock:
            self._commit()

    def _commit(self):
        if not self.row:
            return
        record = {"_step": self.step}
        record.update(self.row)
        self.last.update(self.row)
        self.row = {}
        self.step += 1
        emit(record)


class Summary(AttributeReads):
    """run.summary / wandb.summary: values set here are sent at once as {"_summary": {...}}. Reading a key
    nobody set gives the key's last logged value, as in W&B (sweep keeps those in its metrics table)."""

    def __init__(self, history):
        object.__setattr__(self, "_values", {})
        object.__setattr__(self, "_history", history)

    def update(self, values=None, **more):
        changed = {}
        for key, value in {**dict(values or {}), **more}.items():
            self._values[str(key)] = value
            changed[str(key)] = finite_or_text(jsonable(value))
        if changed:
            emit({"_summary": changed})

    def _reset(self):
        self._values.clear()

    def _visible(self):
        merged = dict(self._history.last)
        merged.update(self._values)
        return merged

    def __getitem__(self, key):
        visible = self._visible()
        return visible[key]

    def __setitem__(self, key, value):
        self.update({key: value})

    def __delitem__(self, key):
        self._values.pop(key, None)
        emit({"_summary": {str(key): None}})

    def __setattr__(self, name, value):
        self.update({name: value})

    def __contains__(self, key):
        return key in self._visible()

    def __iter__(self):
        return iter(self._visible())

    def __len__(self):
        return len(self._visible())

    def get(self, key, default=None):
        return self._visible().get(key, default)

    def keys(self):
        return self._visible().keys()

    def items(self):
        return self._visible().items()

    def values(self):
        return self._visible().values()

    def __repr__(self):
        return "wandb.summary(" + repr(self._visible()) + ")"


class MetricDefinition:
    """What define_metric returns; the definitions change nothing here (sweep stores every logged point)."""

    def __init__(self, name, step_metric=None, step_sync=None, hidden=None, summary=None, goal=None, overwrite=None,
                 **_ignored):
        self.name = name
        self.step_metric = step_metric
        self.step_sync = step_sync
        self.hidden = hidden
        self.summary = summary
        self.goal = goal
        self.overwrite = overwrite


def _random_id():
    alphabet = string.ascii_lowercase + string.digits
    return "".join(random.SystemRandom().choice(alphabet) for _ in range(8))


def _sweep_run_id():
    """Under sweep: <sweep>-<trial>-<attempt>, with only the characters W&B allows in an id."""
    parts = [os.environ.get(name, "") for name in ("SWEEP_NAME", "SWEEP_TRIAL", "SWEEP_TRIAL_ATTEMPT")]
    if not all(parts):
        return None
    text = "-".join(parts).lower()
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in text)


class Run:
    """The object wandb.init() returns. `options` holds init()'s arguments; on_finish(run) is called once
    when the run finishes. Unknown methods do nothing (and say so once on stderr)."""

    def __init__(self, options, config, summary, history, on_finish):
        self._config = config
        self._summary = summary
        self._history = history
        self._on_finish = on_finish
        self._finished = False
        self._dir = None
        self._base_dir = options.get("dir") or os.environ.get("WANDB_DIR") or os.getcwd()
        self.id = options.get("id") or os.environ.get("WANDB_RUN_ID") or _sweep_run_id() or _random_id()
        self.name = (options.get("name") or os.environ.get("WANDB_NAME") or
                     ("%s-%s" % (os.environ["SWEEP_NAME"], os.environ["SWEEP_TRIAL"])
                      if os.environ.get("SWEEP_NAME") and os.environ.get("SWEEP_TRIAL") else "offline-" + self.id))
        self.display_name = self.name
        self.project = options.get("project") or os.environ.get("WANDB_PROJECT") or "uncategorized"
        self.entity = options.get("entity") or os.environ.get("WANDB_ENTITY")
        self.group = options.get("group") or os.environ.get("WANDB_RUN_GROUP")
        self.job_type = options.get("job_type") or os.environ.get("WANDB_JOB_TYPE")
        self.tags = tuple(options.get("tags") or ())
        self.notes = options.get("notes")
        self.sweep_id = os.environ.get("SWEEP_NAME")
        self.settings = options.get("settings")
        self.start_time = time.time()
        self.mode = "offline"
        self.offline = True
        self.disabled = False
        self.resumed = False
        self.url = None
        self.path = "/".join(part for part in (self.entity, self.project, self.id) if part)

    # --- what scripts read ---

    @property
    def config(self):
        return self._config

    @property
    def summary(self):
        return self._summary

    @property
    def step(self):
        return self._history.step

    @property
    def dir(self):
        """A directory of this run's own for files a script saves; made on first use."""
        if self._dir is None:
            self._dir = os.path.join(self._base_dir, "wandb", "offline-run-" + self.id, "files")
            os.makedirs(self._dir, exist_ok=True)
        return self._dir

    def get_url(self):
        return None

    def get_project_url(self):
        return None

    def get_sweep_url(self):
        return None

    def project_name(self):
        return self.project

    # --- what scripts do ---

    def log(self, data=None, step=None, commit=None, sync=None):
        del sync
        self._history.log(data, step=step, commit=commit)

    def define_metric(self, name, step_metric=None, step_sync=None, hidden=None, summary=None, goal=None,
                      overwrite=None, **kwargs):
        return MetricDefinition(name, step_metric, step_sync, hidden, summary, goal, overwrite, **kwargs)

    def watch(self, models=None, criterion=None, log="gradients", log_freq=1000, idx=None, log_graph=False):
        return None

    def unwatch(self, models=None):
        return None

    def save(self, glob_str=None, base_path=None, policy="live"):
        return []

    def restore(self, name=None, run_path=None, replace=False, root=None):
        return None

    def alert(self, title="", text="", level=None, wait_duration=None):
        level_name = getattr(level, "value", level) or "INFO"
        warn_once("alert:%s:%s" % (title, text), "alert [%s] %s: %s" % (level_name, title, text))

    def log_artifact(self, artifact_or_path, name=None, type=None, aliases=None, tags=None):
        artifact = artifact_or_path
        if not isinstance(artifact, Artifact):
            path = str(artifact_or_path)
            artifact = Artifact(name or os.path.basename(path.rstrip("/")) or "artifact", type or "unspecified")
            if os.path.isdir(path):
                artifact.add_dir(path)
            else:
                artifact.add_file(path)
        self._summary.update({"artifact/" + artifact.name: artifact})
        return artifact

    def use_artifact(self, artifact_or_name, type=None, aliases=None, use_as=None):
        if isinstance(artifact_or_name, Artifact):
            return artifact_or_name
        return Artifact(str(artifact_or_name), type or "unspecified")

    def log_model(self, path, name=None, aliases=None):
        return self.log_artifact(path, name=name, type="model", aliases=aliases)

    def link_artifact(self, artifact, target_path, aliases=None):
        return None

    def log_code(self, root=".", name=None, include_fn=None, exclude_fn=None):
        return None

    def mark_preempting(self):
        return None

    def finish(self, exit_code=None, quiet=None):
        """Emits the pending row; later log() calls start a new run's rows after this one's."""
        del exit_code, quiet  # sweep takes the trial's state from its process
        if self._finished:
            return
        self._finished = True
        self._history.flush()
        self._on_finish(self)

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, traceback):
        self.finish(exit_code=1 if exc_type else 0)
        return False

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        return missing("run." + name)

    def __repr__(self):
        return "<wandb stand-in Run %s (%s)>" % (self.name, self.id)


def missing(name):
    """A do-nothing stand-in for a part of wandb this package lacks, said once on stderr."""
    warn_once("missing:" + name, "sweep's stand-in has no wandb." + name + "; it does nothing here")
    return NoOp()


class NoOp:
    """Callable, indexable and usable as a context manager; every use returns another NoOp."""

    def __call__(self, *args, **kwargs):
        return NoOp()

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return NoOp()

    def __getitem__(self, key):
        return NoOp()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def __iter__(self):
        return iter(())

    def __bool__(self):
        return False

    def __repr__(self):
        return "<wandb stand-in no-op>"

