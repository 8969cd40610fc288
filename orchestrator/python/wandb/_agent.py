# In-script sweeps: wandb.sweep(config) + wandb.agent(id, function, count). Outside a trial the agent
# runs sweep's real coordinator on the generated spec; inside a trial it calls `function` once.
"""The two sides of wandb.agent: the coordinator's child process outside, one call of `function` inside."""

import os
import shutil
import signal
import subprocess
import sys
import traceback

from . import _script_spec
from .errors import UsageError

_SIGNALS_TO_FORWARD = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
_INTERRUPTED = 130


def sweep_executable():
    """`sweep` beside this package (<prefix>/python/wandb -> <prefix>/bin/sweep), else on PATH."""
    package_root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    beside = os.path.join(os.path.dirname(package_root), "bin", "sweep")
    if os.path.isfile(beside) and os.access(beside, os.X_OK):
        return beside
    found = shutil.which("sweep")
    if found:
        return found
    raise UsageError("wandb.agent(): the `sweep` program was found neither at %s (beside this wandb stand-in) nor on "
                     "PATH; build sweep, or add its bin/ directory to PATH" % beside)


def _database_options():
    """`sweep --db PATH` when `sweep python` was given one (it passes SWEEP_DB on)."""
    database = os.environ.get("SWEEP_DB")
    return ["--db", database] if database else []


def create_sweep(config, project):
    """Writes the spec of wandb.sweep(config, project=...), has `sweep validate` check it, returns its id."""
    name, spec = _script_spec.make_spec(config, project)
    path = _script_spec.write_spec(name, spec)
    checked = subprocess.run([sweep_executable(), "validate", path], stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True, check=False)
    if checked.returncode != 0:
        raise UsageError("wandb.sweep(): the sweep config is refused (line numbers refer to %s, written from it):\n%s"
                         % (path, checked.stderr.strip()))
    return name


def _sweep_name(sweep_id):
    """W&B ids may come as entity/project/id; the generated spec is named by the last part."""
    if not isinstance(sweep_id, str) or not sweep_id.strip("/"):
        raise UsageError("wandb.agent(): sweep_id is %r; give the id wandb.sweep(config) returned" % (sweep_id,))
    return sweep_id.strip("/").split("/")[-1]


def _count_options(count):
    if count is None:
        return []
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        raise UsageError("wandb.agent(): count is %r; give a number of runs >= 1, or leave it out to run the sweep "
                         "to its run_cap (a grid: to its end)" % (count,))
    return ["--count", str(count)]


def _die_with_parent():
    """In the coordinator's child: its own process group, so that a terminal's Ctrl-C reaches it once, forwarded
    by this process; and SIGTERM when this process dies (even by kill -9), so the sweep stops cleanly."""
    os.setpgid(0, 0)
    try:
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)
    except (OSError, AttributeError):
        return  # not Linux: the coordinator then outlives a killed parent, as a plain `sweep run` would
    if os.getppid() == 1:  # the parent died before prctl took effect
        os.kill(os.getpid(), signal.SIGTERM)


def _wait_forwarding_signals(child):
    """Waits for the coordinator, passing it each SIGINT/SIGTERM/SIGHUP this process gets (one per press,
    so a second Ctrl-C still kills its trials at once)."""
    def forward(signum, frame):
        del frame
        try:
            child.send_signal(signum)
        except OSError:
            pass

    previous = {}
    try:
        for signum in _SIGNALS_TO_FORWARD:
            previous[signum] = signal.signal(signum, forward)
    except ValueError:
        pass  # not the main thread: signals stay as they are
    try:
        return child.wait()
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def run_agent(sweep_id, function, count):
    """Outside a trial: `sweep run` on the spec wandb.sweep() wrote, until `count` new runs (or the sweep) are done.
    A failed or stopped coordinator ends this script with its exit code."""
    if function is None:
        raise UsageError("wandb.agent(): give function=, the training function each run calls; sweep runs it in a "
                         "process of its own per trial")
    name = _sweep_name(sweep_id)
    path = _script_spec.spec_path(name)
    if not os.path.isfile(path):
        raise UsageError("wandb.agent(): no sweep %r was created here (%s does not exist). Call wandb.sweep(config) in "
                         "this script and pass the id it returns; a sweep defined on W&B's servers needs its YAML "
                         "run with `sweep run FILE`" % (name, path))
    argv = [sweep_executable()] + _database_options() + ["run", path, "--wait"] + _count_options(count)
    sys.stdout.flush()
    sys.stderr.flush()
    child = subprocess.Popen(argv, preexec_fn=_die_with_parent)
    code = _wait_forwarding_signals(child)
    if code == 0:
        return
    if code == _INTERRUPTED or code < 0:
        sys.stderr.write("wandb.agent(): sweep %s was interrupted; run this script the same way again to resume it\n"
                         % name)
        sys.exit(_INTERRUPTED)
    sys.stderr.write("wandb.agent(): `sweep run %s` exited with code %d (see its message above)\n"
                     % (os.path.relpath(path), code))
    sys.exit(code)


def run_trial(function, finish):
    """Inside a trial: one call of `function`, with wandb.config already the trial's configuration. The process
    then ends, since each trial is one process: 0 when `function` returned, 1 (and the traceback in the trial's
    log) when it raised."""
    if function is None:
        return  # the coordinator started this process as the trial's program: nothing more to call
    try:
        function()
    except Exception:  # noqa: BLE001 - any failure of the training function is the trial's failure
        traceback.print_exc()
        finish()
        sys.exit(1)
    finish()
    sys.exit(0)
