# wandb.config for the stand-in: the trial's hyperparameters with attribute and item access. The
# sweep's values are locked, so defaults given by the script land under them, as with a W&B agent.
"""The run configuration: sweep values first, the script's defaults beneath."""

import copy
import json
import os

from ._protocol import warn_once


class AttributeReads:
    """Reads a missing attribute as the item of that name (config.lr, summary.best); dunders stay unknown."""

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


class AttrDict(AttributeReads, dict):
    """A nested config block: a dict whose keys can also be read as attributes (config.optimizer.lr)."""

    def __setattr__(self, name, value):
        self[name] = _blocks_as_attr_dicts(value)


def _blocks_as_attr_dicts(value):
    if isinstance(value, dict) and not isinstance(value, AttrDict):
        return AttrDict({key: _blocks_as_attr_dicts(item) for key, item in value.items()})
    if isinstance(value, AttrDict):
        for key, item in value.items():
            dict.__setitem__(value, key, _blocks_as_attr_dicts(item))
    return value


def _merged_under(default, locked):
    """`locked` with the keys of `default` it lacks, recursively: the sweep's value wins per leaf."""
    if not isinstance(default, dict) or not isinstance(locked, dict):
        return locked
    merged = AttrDict(locked)
    for key, value in default.items():
        merged[key] = _merged_under(value, locked[key]) if key in locked else _blocks_as_attr_dicts(value)
    return merged


def _load_file(path):
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    if path.endswith(".json"):
        return json.loads(text)
    try:
        import yaml  # PyYAML, when it is installed

        loaded = yaml.safe_load(text) or {}
    except ImportError:
        loaded = _flat_yaml(text)
    # W&B's config-defaults.yaml style: {"lr": {"desc": ..., "value": 0.1}}
    return {key: value["value"] if isinstance(value, dict) and "value" in value else value
            for key, value in loaded.items() if key != "wandb_version"}


def _flat_yaml(text):
    """`key: value` lines (and W&B's `key:\\n  value: x` blocks) without PyYAML; values parsed as JSON
    when they are JSON, else kept as text."""
    result, block = {}, None
    for raw in text.splitlines():
        line = raw.split(" #")[0].rstrip()
        if not line.strip() or line.lstrip().startswith("#") or ":" not in line:
            continue
        key, _, value = line.strip().partition(":")
        value = value.strip()
        if raw[:1] in (" ", "\t"):
            if block is not None and key == "value":
                result[block] = _scalar(value)
            continue
        block = key if value == "" else None
        if value != "":
            result[key] = _scalar(value)
    return result


def _scalar(text):
    lowered = {"true": True, "false": False, "null": None, "~": None}
    if text.lower() in lowered:
        return lowered[text.lower()]
    try:
        return json.loads(text)
    except ValueError:
        return text.strip("'\"")


def as_dict(source):
    """What init(config=...) and config.update(...) accept, as a dict: a dict or mapping, an
    argparse.Namespace (or any object with attributes), absl flags, or a .json/.yaml file path."""
    if source is None:
        return {}
    if isinstance(source, Config):
        return source.as_dict()
    if isinstance(source, dict):
        return dict(source)
    if isinstance(source, str):
        if not os.path.isfile(source):
            warn_once("config-file:" + source, "config file " + source + " was not found; it is ignored")
            return {}
        return _load_file(source)
    flag_values = getattr(source, "flag_values_dict", None)  # absl.flags.FLAGS
    if callable(flag_values):
        return dict(flag_values())
    if hasattr(source, "keys") and hasattr(source, "__getitem__"):
        return {key: source[key] for key in source.keys()}
    if hasattr(source, "__dict__"):
        return {key: value for key, value in vars(source).items() if not key.startswith("_")}
    warn_once("config-type", "config of type " + type(source).__name__ + " is not understood; it is ignored")
    return {}


class Config:
    """wandb.config: one per process, refilled by each wandb.init."""

    def __init__(self):
        object.__setattr__(self, "_items", {})
        object.__setattr__(self, "_locked", set())

    def _reset(self, sweep_values):
        """Starts over with the sweep's values, which later updates cannot change."""
        self._items.clear()
        self._locked.clear()
        for key, value in sweep_values.items():
            self._items[key] = _blocks_as_attr_dicts(copy.deepcopy(value))
            self._locked.add(key)

    def _set(self, key, value):
        key = str(key)
        if key in self._locked:
            self._items[key] = _merged_under(value, self._items[key])
        else:
            self._items[key] = _blocks_as_attr_dicts(value)

    def update(self, values=None, allow_val_change=None, **more):
        """Adds or changes keys; a key the sweep set keeps the sweep's value."""
        del allow_val_change  # values may always change here; only the sweep's are locked
        for key, value in {**as_dict(values), **more}.items():
            self._set(key, value)

    def setdefaults(self, values):
        for key, value in as_dict(values).items():
            if key not in self._items:
                self._set(key, value)

    def setdefault(self, key, default=None):
        if key not in self._items:
            self._set(key, default)
        return self._items[key]

    def get(self, key, default=None):
        return self._items.get(key, default)

    def keys(self):
        return self._items.keys()

    def items(self):
        return self._items.items()

    def values(self):
        return self._items.values()

    def as_dict(self):
        return copy.deepcopy({key: _plain(value) for key, value in self._items.items()})

    def persist(self):
        pass

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        try:
            return self._items[name]
        except KeyError:
            raise AttributeError("wandb.config has no key " + repr(name)) from None

    def __setattr__(self, name, value):
        self._set(name, value)

    def __delattr__(self, name):
        self._items.pop(name, None)

    def __getitem__(self, key):
        return self._items[key]

    def __setitem__(self, key, value):
        self._set(key, value)

    def __delitem__(self, key):
        del self._items[key]

    def __contains__(self, key):
        return key in self._items

    def __iter__(self):
        return iter(self._items)

    def __len__(self):
        return len(self._items)

    def __repr__(self):
        return "wandb.config(" + repr(self.as_dict()) + ")"

    def __getstate__(self):
        return {"items": self.as_dict()}

    def __setstate__(self, state):
        object.__setattr__(self, "_items", state["items"])
        object.__setattr__(self, "_locked", set())


def _plain(value):
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value
