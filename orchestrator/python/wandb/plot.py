# wandb.plot for the stand-in: each chart becomes a small JSON description, stored by sweep as a
# summary value. confusion_matrix is computed, so its counts are kept; other charts keep their fields.
"""Charts as descriptions: {"_type": "plot", "kind": ..., ...}."""

from ._protocol import jsonable


class Chart:
    """What every wandb.plot function returns here."""

    def __init__(self, kind, **fields):
        self.kind = kind
        self.fields = {key: value for key, value in fields.items() if value is not None}

    def _sweep_describe(self):
        description = {"_type": "plot", "kind": self.kind}
        description.update(self.fields)
        return description


def _columns(table):
    return list(getattr(table, "columns", []) or [])


def line(table, x, y, stroke=None, title=None, split_table=False):
    return Chart("line", columns=_columns(table), x=x, y=y, title=title)


def scatter(table, x, y, title=None, split_table=False):
    return Chart("scatter", columns=_columns(table), x=x, y=y, title=title)


def bar(table, label, value, title=None, split_table=False):
    return Chart("bar", columns=_columns(table), label=label, value=value, title=title)


def histogram(table, value, title=None, split_table=False):
    return Chart("histogram", columns=_columns(table), value=value, title=title)


def line_series(xs, ys, keys=None, title=None, xname=None, split_table=False):
    series = jsonable(ys) or []
    return Chart("line_series", series=len(series), keys=jsonable(keys), title=title, xname=xname)


def pr_curve(y_true=None, y_probas=None, labels=None, classes_to_plot=None, interp_size=21, title=None,
             split_table=False):
    return Chart("pr_curve", points=len(jsonable(y_true) or []), labels=jsonable(labels), title=title)


def roc_curve(y_true=None, y_probas=None, labels=None, classes_to_plot=None, title=None, split_table=False):
    return Chart("roc_curve", points=len(jsonable(y_true) or []), labels=jsonable(labels), title=title)


def confusion_matrix(probs=None, y_true=None, preds=None, class_names=None, title=None, split_table=False):
    """Counts with rows as the true classes, like sweep's trainer's test_confusion."""
    truth = [int(label) for label in (jsonable(y_true) or [])]
    if preds is None and probs is not None:
        preds = [max(range(len(row)), key=row.__getitem__) for row in jsonable(probs)]
    predicted = [int(label) for label in (jsonable(preds) or [])]
    names = [str(name) for name in (jsonable(class_names) or [])]
    size = max([len(names)] + [label + 1 for label in truth + predicted])
    matrix = [[0] * size for _ in range(size)]
    for actual, guess in zip(truth, predicted):
        if 0 <= actual < size and 0 <= guess < size:
            matrix[actual][guess] += 1
    return Chart("confusion_matrix", class_names=names or None, matrix=matrix, title=title)


def plot_table(vega_spec_name, data_table, fields, string_fields=None, split_table=False):
    return Chart("custom", vega_spec=vega_spec_name, columns=_columns(data_table), fields=jsonable(fields))


def __getattr__(name):
    """Any other chart function: accepted, described by its name."""
    if name.startswith("__"):
        raise AttributeError(name)
    return lambda *args, **kwargs: Chart(name, title=kwargs.get("title"))
