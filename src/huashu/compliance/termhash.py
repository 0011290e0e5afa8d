"""Every occurrence of a large term dictionary in long text, found with numpy: a polynomial hash
of every window of each term length, a bitmap to keep the few windows that may be terms, and an
exact comparison of their characters with the term's. Gives exactly the matches Aho-Corasick
reports (all of them, overlapping), several times faster on a dictionary of thousands of terms,
where the automaton's walk is slow; the cost grows with the number of distinct term lengths."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import numpy.typing as npt

Ints = npt.NDArray[np.int64]
Codes = npt.NDArray[np.uint64]

#: The hash base (odd, so invertible modulo 2**64) and its inverse.
_P = 0x9E3779B97F4A7C15
_Q = pow(_P, -1, 1 << 64)
#: Multiplier of the bitmap index (multiply-shift: the high bits of ``hash * _M``).
_M = np.uint64(0xD6E8FEB86659FD93)
#: At most this many distinct term lengths (each costs a few passes over the text).
MAX_LENGTHS = 12

_powers: list[Codes] = [np.ones(1, dtype=np.uint64), np.ones(1, dtype=np.uint64)]


def _power_tables(n: int) -> tuple[Codes, Codes]:
    """``P**k`` and ``Q**k`` modulo 2**64 for ``k < n`` (kept for the longest text seen)."""
    if len(_powers[0]) < n:
        size = max(n, 2 * len(_powers[0]))
        for k, base in enumerate((_P, _Q)):
            table = np.empty(size, dtype=np.uint64)
            table[0] = 1
            table[1:] = np.cumprod(np.full(size - 1, base, dtype=np.uint64))
            _powers[k] = table
    return _powers[0][:n], _powers[1][:n]


def _hash(codes: Codes) -> int:
    """The hash of one term: ``sum(c[j] * P**(L-1-j))`` modulo 2**64."""
    h = 0
    for c in codes.tolist():
        h = (h * _P + c) & 0xFFFFFFFFFFFFFFFF
    return h


class _Length:
    """The terms of one length: their codes and hashes sorted, and the hash bitmap."""

    def __init__(self, length: int, terms: list[str]) -> None:
        self.length = length
        codes = np.frombuffer("".join(terms).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        rows = codes.astype(np.uint64).reshape(len(terms), length)
        hashes = np.array([_hash(r) for r in rows], dtype=np.uint64)
        order = np.argsort(hashes)
        self.hashes = hashes[order]
        self.codes = rows[order]
        self.bits = max(16, min(24, len(terms).bit_length() + 6))
        self.bitmap = np.zeros(1 << self.bits, dtype=bool)
        self.bitmap[(self.hashes * _M) >> np.uint64(64 - self.bits)] = True
        self.unique = bool(len(hashes) < 2 or (self.hashes[1:] != self.hashes[:-1]).all())


class HashedTerms:
    """Where each term of a dictionary occurs in a text given as code points. ``None`` from
    :meth:`build` when it does not pay (too many distinct lengths) or two terms share a hash."""

    def __init__(self, lengths: list[_Length]) -> None:
        self._lengths = lengths

    @classmethod
    def build(cls, terms: Iterable[str]) -> HashedTerms | None:
        by_length: dict[int, list[str]] = {}
        for term in terms:
            if term:
                by_length.setdefault(len(term), []).append(term)
        if not by_length or len(by_length) > MAX_LENGTHS:
            return None
        lengths = [_Length(n, sorted(ts)) for n, ts in sorted(by_length.items())]
        if not all(group.unique for group in lengths):
            return None
        return cls(lengths)

    def matches(self, codes: npt.NDArray[np.uint32]) -> tuple[Ints, Ints]:
        """Starts and ends of every occurrence of every term (overlapping, unordered)."""
        n = len(codes)
        wide = codes.astype(np.uint64)
        powers, inverse = _power_tables(n)
        prefix = np.zeros(n + 1, dtype=np.uint64)
        np.cumsum(wide * inverse, out=prefix[1:])
        starts: list[Ints] = []
        ends: list[Ints] = []
        for group in self._lengths:
            size = group.length
            if size > n:
                continue
            # hash of the window at i: (prefix[i+L] - prefix[i]) * P**(i+L-1)
            hashes = (prefix[size:] - prefix[:-size]) * powers[size - 1 :]
            maybe = np.flatnonzero(group.bitmap[(hashes * _M) >> np.uint64(64 - group.bits)])
            if not len(maybe):
                continue
            found = hashes[maybe]
            k = np.minimum(np.searchsorted(group.hashes, found), len(group.hashes) - 1)
            same = group.hashes[k] == found
            at, k = maybe[same], k[same]
            for j in range(size):
                exact = wide[at + j] == group.codes[k, j]
                at, k = at[exact], k[exact]
            starts.append(at.astype(np.int64))
            ends.append(at.astype(np.int64) + size)
        if not starts:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        return np.concatenate(starts), np.concatenate(ends)
