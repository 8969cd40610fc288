# The line protocol between the stand-in and sweep's coordinator: one JSON object per line on the
# process's real stdout, flushed at once, and the conversion of logged values to JSON.
"""Writes the JSON-lines records sweep reads: {"_step": N, ...} rows and {"_summary": {...}} updates."""

import json
import math
import sys
import threading

_lock = threading.RLock()  # one writer at a time, so lines from several threads never interleave
_warned = set()

# W&B turns a long flat list of numbers into a histogram rather than storing every element.
_LIST_AS_HISTOGRAM_ABOVE = 32
_MAX_DEPTH = 16


def warn_once(key, message):
    """Writes `wandb: message` on stderr the first time `key` is seen."""
    with _lock:
        if key in _warned:
            return
        _warned.add(key)
    try:
        sys.stderr.write("wandb: " + message + "\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass


def emit(record):
    """Writes one record as a JSON line on the real stdout. NaN and infinities are written as Python
    writes them; sweep reads them and marks the trial diverged, as it does for its own trainer."""
    line = json.dumps(record, separators=(",", ":"), allow_nan=True)
    stream = sys.__stdout__ if sys.__stdout__ is not None else sys.stdout
    with _lock:
        try:
            stream.write(line + "\n")
            stream.flush()
        except (OSError, ValueError, AttributeError):
            pass  # stdout is closed: there is nobody left to report to


def finite_or_text(value):
    """A summary value with its NaN/infinities written as text, so that setting a summary never reads
    as a diverged trial."""
    if isinstance(value, float) and not math.isfinite(value):
        return repr(value)
    if isinstance(value, dict):
        return {key: finite_or_text(item) for key, item in value.items()}
    if isinstance(value, list):
        return [finite_or_text(item) for item in value]
    return value


def jsonable(value, depth=0):
    """`value` as plain JSON data: numbers, strings, lists, dicts. Media objects become their
    description (a dict with "_type"); numpy and torch values become Python numbers and lists;
    anything else becomes its text."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    describe = getattr(value, "_sweep_describe", None)
    if callable(describe):
        return describe()
    if depth > _MAX_DEPTH:
        return str(value)[:200]
    if isinstance(value, dict):
        return {str(key): jsonable(item, depth + 1) for key, item in value.items()}
    if isinstance(value, (list, tuple, set, frozenset, range)):
        items = [jsonable(item, depth + 1) for item in value]
        if len(items) > _LIST_AS_HISTOGRAM_ABOVE and all(_is_number(item) for item in items):
            from .data_types import Histogram  # late: data_types imports this module

            return Histogram(items)._sweep_describe()
        return items
    for method in ("tolist", "item"):  # numpy arrays and scalars, torch tensors, without importing them
        convert = getattr(value, method, None)
        if callable(convert):
            try:
                return jsonable(convert(), depth + 1)
            except Exception:  # noqa: BLE001 - a value that will not convert is written as text
                pass
    return str(value)[:1000]


def _is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def numbers_in(value):
    """The finite numbers of a (possibly nested) sequence, flattened; for histograms."""
    flat = []
    stack = [value]
    while stack:
        item = _native(stack.pop())
        if isinstance(item, (list, tuple)):
            stack.extend(reversed(item))
        elif _is_number(item) and math.isfinite(item):
            flat.append(float(item))
    return flat


def _native(value):
    """A numpy or torch value as the Python number or list it holds; anything else unchanged."""
    if isinstance(value, (bool, int, float, str, list, tuple, dict)) or value is None:
        return value
    for method in ("tolist", "item"):
        convert = getattr(value, method, None)
        if callable(convert):
            try:
                return convert()
            except Exception:  # noqa: BLE001
                pass
    return value
