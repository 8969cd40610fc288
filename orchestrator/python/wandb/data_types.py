# Rich media for the stand-in (Table, Image, Histogram, Html, Video, Audio, Object3D, Artifact, ...).
# Nothing is uploaded: a logged object becomes a small JSON description that sweep stores as a summary.
"""W&B data types, reduced to descriptions: {"_type": ..., a few facts}."""

import math
import os
import tempfile

from ._protocol import jsonable, numbers_in
from .errors import CommError

_MAX_TABLE_CELLS = 1000  # a small table is kept whole in its description; a larger one only by its shape
_MAX_LISTED_FILES = 50


class Media:
    """Any W&B media object: accepted with whatever arguments, described by its type and caption."""

    _type = "media"

    def __init__(self, data_or_path=None, caption=None, **kwargs):
        self._path = data_or_path if isinstance(data_or_path, str) else None
        self._shape = _shape_of(data_or_path)
        self.caption = caption
        self._format = kwargs.get("format") or kwargs.get("file_type")

    def _sweep_describe(self):
        description = {"_type": self._type}
        if self.caption is not None:
            description["caption"] = str(self.caption)
        if self._path is not None:
            description["path"] = self._path
        if self._shape is not None:
            description["shape"] = self._shape
        if self._format:
            description["format"] = str(self._format)
        return description


def _shape_of(data):
    shape = getattr(data, "shape", None)  # numpy arrays, torch tensors
    if shape is not None:
        try:
            return [int(size) for size in shape]
        except (TypeError, ValueError):
            return None
    size = getattr(data, "size", None)  # PIL images: (width, height)
    if isinstance(size, tuple):
        return [int(size[1]), int(size[0])]
    return None


class Image(Media):
    _type = "image"

    def __init__(self, data_or_path=None, mode=None, caption=None, grouping=None, classes=None, boxes=None,
                 masks=None, file_type=None, normalize=True, **kwargs):
        super().__init__(data_or_path, caption=caption, file_type=file_type, **kwargs)


class Video(Media):
    _type = "video"

    def __init__(self, data_or_path=None, caption=None, fps=None, format=None, **kwargs):
        super().__init__(data_or_path, caption=caption, format=format, **kwargs)


class Audio(Media):
    _type = "audio"

    def __init__(self, data_or_path=None, sample_rate=None, caption=None, **kwargs):
        super().__init__(data_or_path, caption=caption, **kwargs)
        self.sample_rate = sample_rate

    def _sweep_describe(self):
        description = super()._sweep_describe()
        if self.sample_rate is not None:
            description["sample_rate"] = self.sample_rate
        return description


class Html(Media):
    _type = "html"

    def __init__(self, data=None, inject=True, **kwargs):
        text = data if isinstance(data, str) else getattr(data, "read", lambda: "")()
        super().__init__(None, **kwargs)
        self._length = len(text) if isinstance(text, str) else None

    def _sweep_describe(self):
        description = super()._sweep_describe()
        if self._length is not None:
            description["length"] = self._length
        return description


class Object3D(Media):
    _type = "object3d"


class Molecule(Media):
    _type = "molecule"


class Plotly(Media):
    _type = "plotly"


class Graph(Media):
    _type = "graph"


class Histogram(Media):
    """Counts per bin, computed here from the sequence (or taken from np_histogram=(counts, edges))."""

    _type = "histogram"

    def __init__(self, sequence=None, np_histogram=None, num_bins=64):
        super().__init__()
        if np_histogram is not None:
            counts, edges = np_histogram
            self.histogram = [float(c) for c in numbers_in(counts)]
            self.bins = numbers_in(edges)
            return
        values = numbers_in(sequence if sequence is not None else [])
        bins = max(1, min(int(num_bins), 512))
        low, high = (min(values), max(values)) if values else (0.0, 0.0)
        if high == low:
            high = low + 1.0
        width = (high - low) / bins
        counts = [0] * bins
        for value in values:
            counts[min(bins - 1, int((value - low) / width))] += 1
        self.histogram = counts
        self.bins = [low + i * width for i in range(bins + 1)]

    def _sweep_describe(self):
        return {"_type": self._type, "values": self.histogram, "bins": self.bins}


class Table(Media):
    """Rows and columns; kept whole when small (up to 1000 cells), else described by its shape."""

    _type = "table"

    def __init__(self, columns=None, data=None, rows=None, dataframe=None, dtype=None, optional=True,
                 allow_mixed_types=False, **kwargs):
        super().__init__()
        if dataframe is not None:
            columns = [str(column) for column in dataframe.columns]
            data = dataframe.values.tolist()
        data = data if data is not None else rows
        data = [list(row) for row in (jsonable(data) or [])]
        if columns is None:
            columns = ["Column%d" % (i + 1) for i in range(len(data[0]) if data else 0)]
        self.columns = [str(column) for column in columns]
        self.data = data

    def add_data(self, *row):
        self.data.append(list(row))

    def add_column(self, name, data, optional=False):
        self.columns.append(str(name))
        values = list(data)
        for index, row in enumerate(self.data):
            row.append(values[index] if index < len(values) else None)
        if not self.data:
            self.data = [[value] for value in values]

    def get_column(self, name, convert_to=None):
        index = self.columns.index(name)
        return [row[index] for row in self.data]

    def add_computed_columns(self, fn):
        return None

    def _sweep_describe(self):
        description = {"_type": self._type, "columns": self.columns, "nrows": len(self.data)}
        if len(self.data) * max(1, len(self.columns)) <= _MAX_TABLE_CELLS:
            description["data"] = _finite(jsonable(self.data))
        return description


def _finite(value):
    """NaN cells written as text: inside a description they are data, not a diverged metric."""
    if isinstance(value, float) and not math.isfinite(value):
        return repr(value)
    if isinstance(value, list):
        return [_finite(item) for item in value]
    if isinstance(value, dict):
        return {key: _finite(item) for key, item in value.items()}
    return value


class Artifact:
    """A record of the files a script meant to upload. Nothing leaves the machine; download() fails."""

    def __init__(self, name, type="unspecified", description=None, metadata=None, incremental=False, **kwargs):
        self.name = str(name)
        self.type = str(type)
        self.description = description
        self.metadata = dict(metadata or {})
        self.aliases = []
        self.version = "v0"
        self.id = None
        self._files = []
        self._staging = None

    def add_file(self, local_path, name=None, is_tmp=False, **kwargs):
        self._files.append(str(local_path))
        return None

    def add_dir(self, local_path, name=None, **kwargs):
        for root, _dirs, files in os.walk(str(local_path)):
            for file_name in sorted(files):
                self._files.append(os.path.join(root, file_name))

    def add_reference(self, uri, name=None, **kwargs):
        self._files.append(str(uri))

    def add(self, obj, name):
        self._files.append(str(name))

    def new_file(self, name, mode="w", encoding=None):
        """An open file in a local staging directory (W&B's staging area), recorded as an artifact file."""
        if self._staging is None:
            self._staging = tempfile.mkdtemp(prefix="wandb-artifact-")
        path = os.path.join(self._staging, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        self._files.append(path)
        return open(path, mode, encoding=encoding)  # noqa: SIM115 - the caller closes it (a with block)

    def get_path(self, name):
        return None

    def get(self, name):
        return None

    def download(self, root=None, **kwargs):
        raise CommError("sweep's wandb stand-in works offline and cannot download artifact '" + self.name +
                        "'; read the files from disk instead (or set `wandb_standin: false` in the spec)")

    def file(self, root=None):
        return self.download(root)

    def wait(self, timeout=None):
        return self

    def save(self, project=None, settings=None):
        return None

    def _sweep_describe(self):
        return {"_type": "artifact", "name": self.name, "type": self.type,
                "files": self._files[:_MAX_LISTED_FILES], "file_count": len(self._files)}
