# Writes the spec an in-script sweep generates (a W&B sweep config dict) as YAML a person can read,
# that sweep's own parser and PyYAML (which wandb uses) both read back as the same data.
"""YAML text for JSON data (dicts with string keys, lists, strings, numbers, booleans, None)."""

import json
import math
import re

_PLAIN = re.compile(r"^[A-Za-z_][A-Za-z0-9_./-]*$")
# Words YAML 1.1 (PyYAML) reads as booleans or null when written plain.
_SPECIAL_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"}


def _string(text):
    """Plain when YAML reads it back as this same string (keys, and values such as grid or ReLU)."""
    if _PLAIN.match(text) and text.lower() not in _SPECIAL_WORDS:
        return text
    return json.dumps(text)  # a JSON string is a YAML double-quoted scalar


def _float(value):
    if not math.isfinite(value):
        return ".nan" if math.isnan(value) else (".inf" if value > 0 else "-.inf")
    text = repr(value)
    # PyYAML reads 1e-05 as a string: its float pattern needs a dot in the mantissa.
    if "e" in text and "." not in text.split("e")[0]:
        mantissa, exponent = text.split("e")
        text = mantissa + ".0e" + exponent
    return text


def _scalar(value):
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _float(value)
    if isinstance(value, str):
        return _string(value)
    raise TypeError("a %s is not JSON data" % type(value).__name__)


def _flow(value):
    """One value on one line: [a, b] and {k: v} nest as YAML flow collections."""
    if isinstance(value, dict):
        return "{" + ", ".join(_string(key) + ": " + _flow(item) for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(item) for item in value) + "]"
    return _scalar(value)


def _block(mapping, indent):
    lines = []
    for key, value in mapping.items():
        prefix = "  " * indent + _string(key) + ":"
        if isinstance(value, dict) and value:
            lines.append(prefix)
            lines.extend(_block(value, indent + 1))
        else:
            lines.append(prefix + " " + _flow(value))
    return lines


def dump(mapping, comment_lines=()):
    """`mapping` as block-style YAML, nested dicts indented and lists in flow style, after `# ` comments."""
    lines = ["# " + line for line in comment_lines]
    lines.extend(_block(mapping, 0))
    return "\n".join(lines) + "\n"
