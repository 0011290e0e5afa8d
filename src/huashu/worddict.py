"""jieba's tokenizer over its own dictionary, read one first character at a time.

jieba builds its prefix dictionary (about 500,000 words and word prefixes) before it cuts the
first word: 0.65 s from its own cache on a fast machine, 1.5 s and more on a slow one, which
is most of what a ``huashu check`` with a hit waited for. Word boundaries of a short window
read the entries of a few dozen first characters. :func:`tokenizer` gives a
``jieba.Tokenizer`` whose ``FREQ`` is a :class:`LazyFreq`: the entries of one first character
are read on its first lookup from an index of jieba's dictionary file, written once per
installation to the user's cache (rebuilt when the dictionary file, jieba or Python changes).
The words, frequencies and total are jieba's own (built by jieba's ``gen_pfdict``), so the cut
is jieba's to the token; words added with ``add_word`` stay in that tokenizer alone.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import os
import struct
import sys
import tempfile
import threading
from collections.abc import Iterator, MutableMapping
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import jieba

log = logging.getLogger(__name__)

#: Bumped when the index file's layout changes.
FORMAT = 1
_HEADER = struct.Struct("<Q")


class LazyFreq(MutableMapping[str, int]):
    """jieba's prefix dictionary (word or word prefix -> frequency, 0 for a bare prefix), the
    entries of a first character read on first use from ``blob`` (``index``: first character
    -> offset and length of its marshalled entries)."""

    def __init__(self, blob: bytes | memoryview, index: dict[str, tuple[int, int]]) -> None:
        self._blob = blob
        self._index = index
        self._entries: dict[str, int] = {}
        self._read: set[str] = set()
        self._lock = threading.Lock()

    def _load(self, first: str) -> None:
        if first in self._read:
            return
        with self._lock:
            if first in self._read:
                return
            span = self._index.get(first)
            if span is not None:
                offset, length = span
                shard: dict[str, int] = marshal.loads(self._blob[offset : offset + length])
                for word, freq in shard.items():
                    self._entries.setdefault(word, freq)
            self._read.add(first)

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str) or not key:
            return False
        self._load(key[0])
        return key in self._entries

    def __getitem__(self, key: str) -> int:
        if key:
            self._load(key[0])
        return self._entries[key]

    def get(self, key: str, default: int | None = None) -> int | None:  # type: ignore[override]
        if key:
            self._load(key[0])
        return self._entries.get(key, default)

    def __setitem__(self, key: str, value: int) -> None:
        if key:
            self._load(key[0])
        self._entries[key] = value

    def __delitem__(self, key: str) -> None:
        if key:
            self._load(key[0])
        del self._entries[key]

    def _load_all(self) -> None:
        for first in list(self._index):
            self._load(first)

    def __iter__(self) -> Iterator[str]:
        self._load_all()
        return iter(list(self._entries))

    def __len__(self) -> int:
        self._load_all()
        return len(self._entries)


def dictionary_path() -> Path:
    """jieba's default dictionary file."""
    import jieba

    name: str = jieba.DEFAULT_DICT_NAME
    return Path(jieba.__file__).parent / name


def cache_dir() -> Path:
    """``HUASHU_CACHE_DIR``, else ``$XDG_CACHE_HOME/huashu``, else ``~/.cache/huashu``."""
    chosen = os.environ.get("HUASHU_CACHE_DIR")
    if chosen:
        return Path(chosen)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "huashu"


def _cache_name(source: Path) -> str:
    import jieba

    stat = source.stat()
    python = ".".join(map(str, sys.version_info[:2]))
    parts = (FORMAT, source.resolve(), stat.st_size, stat.st_mtime_ns, jieba.__version__, python)
    key = "|".join(map(str, parts))
    return f"jieba-dict-{hashlib.sha256(key.encode()).hexdigest()[:16]}.bin"


def build_index(source: Path) -> bytes:
    """The index file's bytes for the dictionary ``source``: a header (its length, then the
    marshalled total and first character -> offset and length) and one marshalled dict of
    entries per first character."""
    import jieba

    with source.open("rb") as f:
        freq, total = jieba.Tokenizer.gen_pfdict(f)
    shards: dict[str, dict[str, int]] = {}
    for word, count in freq.items():
        shards.setdefault(word[0], {})[word] = count
    blobs = [(first, marshal.dumps(entries)) for first, entries in sorted(shards.items())]
    offset = 0
    index: dict[str, tuple[int, int]] = {}
    for first, blob in blobs:
        index[first] = (offset, len(blob))
        offset += len(blob)
    header = marshal.dumps((FORMAT, int(total), index))
    return _HEADER.pack(len(header)) + header + b"".join(blob for _, blob in blobs)


Parsed = tuple[int, dict[str, tuple[int, int]], memoryview]


def _parse(data: bytes) -> Parsed:
    """The total, the index and the entries of an index file's bytes (the entries a view of
    ``data``, not a copy)."""
    (size,) = _HEADER.unpack_from(data)
    version, total, index = marshal.loads(data[_HEADER.size : _HEADER.size + size])
    if version != FORMAT:
        raise ValueError(f"index format {version}, expected {FORMAT}")
    return int(total), index, memoryview(data)[_HEADER.size + size :]


def _read_or_build(source: Path, directory: Path) -> Parsed:
    path = directory / _cache_name(source)
    try:
        return _parse(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError, struct.error):
        pass
    data = build_index(source)
    tmp: str | None = None
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=path.name, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except OSError as exc:
        log.warning("jieba dictionary index not cached in %s: %s", directory, exc)
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
    return _parse(data)


_lock = threading.Lock()
_shared: dict[tuple[Path, Path], Parsed] = {}


def tokenizer(directory: Path | None = None) -> jieba.Tokenizer:
    """A new ``jieba.Tokenizer`` of jieba's default dictionary whose entries load per first
    character (see the module's text); its logger silenced. The index is read once per
    process and directory; each tokenizer has its own entries, so words one adds stay its
    own."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    source = dictionary_path()
    where = directory or cache_dir()
    with _lock:
        parsed = _shared.get((source, where))
        if parsed is None:
            parsed = _read_or_build(source, where)
            _shared[(source, where)] = parsed
    total, index, blob = parsed
    out = jieba.Tokenizer()
    out.FREQ = LazyFreq(blob, index)
    out.total = total
    out.initialized = True
    return out
