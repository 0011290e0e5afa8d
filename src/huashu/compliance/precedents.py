"""Precedents: copy that reads like development cases a compliance officer had to block.

Rules catch the wordings they name. Fresh copy mostly breaks the law in wordings no rule names
yet: on the second held-out set, 64 rounds of rules blocked 83% of what must be blocked, and a
round written from the same brief lifted it by one case. The development sets hold ~14,000
cases labelled block / review / pass from the law (tricky legal copy and warnings included).
A linear model over the character 1-3-grams of those labels (block against the rest) scores a
creative; at or above a threshold fixed by leave-one-set-out cross-validation on the
development sets (never on a held-out set), a creative the rules do not block gets a block
finding that cites the closest blocked case, its legal concept and its basis, for the operator
to compare with. The model and the blocked cases ship as package data built by
``scripts/build_precedents.py``; ``tests/compliance/test_precedents.py`` fails when the
development sets change and the data was not rebuilt.

Only copy of :data:`MIN_CHARS` to :data:`MAX_CHARS` characters is scored (creatives, posts,
scripts: the length the cases have); a few words or a long document are left to the rules.
In the product's default mode (``review``) the finding is a review, not a block, and the model
also reads the rules' blocks a second time (``softening.py``).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Literal

import numpy as np

from huashu.domain import BrandPack, Finding, Severity

#: hashed feature space (2^18 buckets: as good as 2^20 in cross-validation, a quarter the size)
BITS = 18
#: copy longer than this is not scored (the cases are 10-600 characters)
MAX_CHARS = 2_000
#: nor shorter than this: a banner of a few words has too few n-grams for a statistical
#: verdict (今天吃点好的 scores like a health claim); the rules cover it
MIN_CHARS = 16
DATA_DIR = Path(__file__).resolve().parent / "data"
MODEL_FILE = DATA_DIR / "precedents.npz"
CASES_FILE = DATA_DIR / "precedents_blocked.jsonl.gz"
RULE_ID = "precedent-similar"
#: what the checker does with the model: nothing; send copy that reads like a blocked case to
#: review and read the rules' blocks a second time (``softening.py``); or block such copy
PrecedentMode = Literal["off", "review", "block"]
MODES: tuple[PrecedentMode, ...] = ("off", "review", "block")


def precedent_mode(value: bool | str) -> PrecedentMode:
    """A mode from a setting or an argument: ``True`` is ``block``, ``False`` is ``off``."""
    if value is True or value is False:
        return "block" if value else "off"
    for mode in MODES:
        if value == mode:
            return mode
    raise ValueError(f"precedents must be one of {', '.join(MODES)} (got {value!r})")


#: odd 64-bit multipliers mixing a character's code point into its n-gram's key
_MIX = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9], dtype=np.uint64)


#: punctuation and space trimmed off the ends of a driver
_EDGE = " \t\n,.!?;:'\"()[]<>~、。，！？；：…～“”‘’（）【】《》|/-_*#@"


def _folded(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def _keys(t: str, bits: int) -> list[np.ndarray]:
    """Hashed keys of ``t``'s 1-, 2- and 3-grams, one array per length, by start position."""
    # a lone surrogate (possible in JSON input) is a code point like any other here
    raw = t.encode("utf-32-le", errors="surrogatepass")
    cp = np.frombuffer(raw, dtype=np.uint32).astype(np.uint64)
    keys = [cp * _MIX[0]]
    if len(cp) > 1:
        keys.append((cp[:-1] * _MIX[0]) ^ (cp[1:] * _MIX[1]) ^ np.uint64(1))
    if len(cp) > 2:
        keys.append((cp[:-2] * _MIX[0]) ^ (cp[1:-1] * _MIX[1]) ^ (cp[2:] * _MIX[2]) ^ np.uint64(2))
    out = []
    for mixed in keys:
        mixed = mixed ^ (mixed >> np.uint64(29))
        mixed = mixed * _MIX[1]
        mixed ^= mixed >> np.uint64(32)
        out.append((mixed & np.uint64((1 << bits) - 1)).astype(np.int64))
    return out


def ngrams(text: str, bits: int = BITS) -> np.ndarray:
    """The distinct hashed character 1-, 2- and 3-grams of ``text`` (NFKC, lower case)."""
    keys = _keys(_folded(text), bits)
    return np.unique(np.concatenate(keys)) if len(keys[0]) else np.zeros(0, dtype=np.int64)


def train(
    cases: Sequence[tuple[str, bool]], *, bits: int = BITS, epochs: int = 3, seed: int = 0
) -> tuple[np.ndarray, float]:
    """Logistic regression by AdaGrad over ``(text, must_block)`` pairs (features scaled by
    1/sqrt(count)); deterministic for the same cases in the same order."""
    size = 1 << bits
    weights = np.zeros(size)
    grad_sq = np.full(size, 1e-8)
    bias, bias_sq, rate, l2 = 0.0, 1e-8, 0.5, 1e-6
    features = [ngrams(text, bits) for text, _ in cases]
    labels = np.array([1.0 if block else 0.0 for _, block in cases])
    rng = np.random.default_rng(seed)
    for _ in range(epochs):
        for k in rng.permutation(len(cases)):
            idx = features[k]
            if not len(idx):
                continue
            scale = 1.0 / np.sqrt(len(idx))
            p = 1.0 / (1.0 + np.exp(-(weights[idx].sum() * scale + bias)))
            g = p - labels[k]
            step = g * scale + l2 * weights[idx]
            grad_sq[idx] += step * step
            weights[idx] -= rate * step / np.sqrt(grad_sq[idx])
            bias_sq += g * g
            bias -= rate * g / np.sqrt(bias_sq)
    return weights, bias


@dataclass(frozen=True)
class Precedent:
    """A development case that had to be blocked."""

    id: str
    concept: str
    basis: str
    text: str


@dataclass(frozen=True)
class Match:
    """A creative's score and the blocked case closest to it."""

    score: float
    precedent: Precedent
    similarity: float


class PrecedentModel:
    """The shipped model: :meth:`score` for any text, :meth:`match` above the threshold."""

    def __init__(
        self,
        weights: np.ndarray,
        bias: float,
        threshold: float,
        digest: str,
        blocked: Sequence[Precedent],
        floor: float = 0.0,
    ) -> None:
        self.weights = weights.astype(np.float32)
        self.bias = float(bias)
        self.threshold = float(threshold)
        #: below this score a block by a context rule is a reading a person checks
        #: (``softening.py``); 0 softens nothing
        self.floor = float(floor)
        #: sha256 of the development sets it was trained on (``data_digest``)
        self.digest = digest
        self.blocked = tuple(blocked)
        self.bits = int(np.log2(len(weights)))

    @classmethod
    def load(cls, model_file: Path = MODEL_FILE, cases_file: Path = CASES_FILE) -> PrecedentModel:
        with np.load(model_file) as data:
            weights = data["weights"]
            bias = float(data["bias"])
            threshold = float(data["threshold"])
            digest = str(data["digest"])
            floor = float(data["floor"]) if "floor" in data.files else 0.0
        with gzip.open(cases_file, "rt", encoding="utf-8") as f:
            blocked = [Precedent(**json.loads(line)) for line in f if line.strip()]
        return cls(weights, bias, threshold, digest, blocked, floor)

    def save(self, model_file: Path = MODEL_FILE, cases_file: Path = CASES_FILE) -> None:
        model_file.parent.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(
            model_file,
            weights=self.weights.astype(np.float16),
            bias=np.float64(self.bias),
            threshold=np.float64(self.threshold),
            floor=np.float64(self.floor),
            digest=np.str_(self.digest),
        )
        lines = "".join(
            json.dumps(p.__dict__, ensure_ascii=False, sort_keys=True) + "\n" for p in self.blocked
        )
        # mtime 0: the same cases give the same bytes
        with open(cases_file, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
            gz.write(lines.encode("utf-8"))

    def score(self, text: str) -> float:
        """Probability-like score that ``text`` must be blocked (0 for empty text)."""
        idx = ngrams(text, self.bits)
        if not len(idx):
            return 0.0
        logit = float(self.weights[idx].sum(dtype=np.float64)) / float(np.sqrt(len(idx)))
        return 1.0 / (1.0 + float(np.exp(-(logit + self.bias))))

    @cached_property
    def _blocked_features(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Every blocked case's features end to end, where each case starts, and how many
        it has (built on the first match)."""
        grams = [ngrams(p.text, self.bits) for p in self.blocked]
        sizes = np.array([max(len(g), 1) for g in grams])
        starts = np.concatenate([[0], np.cumsum([len(g) for g in grams])[:-1]]).astype(np.int64)
        flat = np.concatenate(grams) if grams else np.zeros(0, dtype=np.int64)
        return flat, starts, sizes

    def nearest(self, text: str) -> tuple[Precedent, float]:
        """The blocked case that shares most of what makes ``text`` score high: the sum of
        the positive weights of the n-grams both have, over the square root of the case's
        n-gram count (a signature or a greeting they share weighs little)."""
        mine = ngrams(text, self.bits)
        pushing = np.zeros(len(self.weights), dtype=np.float64)
        pushing[mine] = np.maximum(self.weights[mine], 0.0)
        flat, starts, sizes = self._blocked_features
        shared = np.add.reduceat(pushing[flat], starts) if len(flat) else np.zeros(len(sizes))
        # a case with no n-grams (empty text) has start == next start: reduceat reads one item
        shared[sizes == 0] = 0.0
        sim = shared / np.sqrt(sizes)
        best = int(np.argmax(sim))
        return self.blocked[best], float(sim[best])

    def drivers(self, text: str, limit: int = 3) -> list[str]:
        """The stretches of ``text`` whose 2- and 3-grams weigh most towards a block, heaviest
        first (overlapping n-grams merged): what the score rests on."""
        t = _folded(text)
        keys = _keys(t, self.bits)
        spans: list[tuple[float, int, int]] = []
        for n, row in enumerate(keys[1:], start=2):
            weights = self.weights[row]
            spans += [(float(weights[i]), int(i), int(i) + n) for i in np.flatnonzero(weights > 0)]
        spans.sort(reverse=True)
        picked: list[tuple[float, int, int]] = []
        for w, a, b in spans[: limit * 6]:
            for k, (pw, pa, pb) in enumerate(picked):
                if a < pb and pa < b:
                    picked[k] = (pw, min(a, pa), max(b, pb))
                    break
            else:
                if len(picked) < limit:
                    picked.append((w, a, b))
        # shown in the copy's own characters where folding kept every position
        shown = text if len(text) == len(t) else t
        return [word for _, a, b in picked if (word := shown[a:b].strip(_EDGE))]

    def match(self, text: str) -> Match | None:
        """A :class:`Match` when ``text`` scores at or above the threshold (and is short
        enough to be scored), else ``None``."""
        if not scorable(text) or not self.blocked:
            return None
        s = self.score(text)
        if s < self.threshold:
            return None
        precedent, sim = self.nearest(text)
        return Match(s, precedent, sim)


def scorable(text: str) -> bool:
    """Whether ``text`` is of a length the model scores."""
    return MIN_CHARS <= _chars(text) <= MAX_CHARS


def read_together(fields: Sequence[tuple[str, str]]) -> str:
    """A creative's non-blank fields as the model reads them: one text, a line each."""
    return "\n".join(text for _, text in fields if text.strip())


@cache
def shipped_fingerprint() -> str:
    """A digest of the shipped model's file, without loading it (checker fingerprints)."""
    return hashlib.sha256(MODEL_FILE.read_bytes()).hexdigest()[:16]


@cache
def shipped_model() -> PrecedentModel:
    """The model in the package data, loaded once per process (read-only)."""
    return PrecedentModel.load()


def vetted_texts(brand: BrandPack) -> tuple[str, ...]:
    """The brand pack's own phrases as rendered into copy, longest first: text its owners
    wrote and vetted, which the model does not judge."""
    rendered = {brand.render(p) for bank in brand.phrases.values() for p in bank}
    return tuple(sorted((t for t in rendered if t.strip()), key=len, reverse=True))


def unvetted(text: str, vetted: Sequence[str]) -> str:
    """``text`` with every vetted phrase cut out (each leaves a line break): what is left to
    tell whether the copy is mostly the brand's own."""
    for phrase in vetted:
        if phrase in text:
            text = text.replace(phrase, "\n")
    return text


def precedent_finding(
    model: PrecedentModel,
    fields: Sequence[tuple[str, str]],
    vetted: Sequence[str] = (),
    severity: Severity = Severity.BLOCK,
) -> Finding | None:
    """A finding of ``severity`` when the creative's fields, read together, score at or
    above the model's threshold; it points at the words the score rests on and cites the
    closest blocked case. Copy made mostly of the brand's own ``vetted`` phrases is not scored."""
    whole = read_together(fields)
    rest = unvetted(whole, vetted)
    if _chars(rest) * 2 < _chars(whole):
        return None  # mostly the brand's own phrases: the rest is framing (signature, opt-out)
    # scored whole: a vetted disclosure (年化利率3.6%起) is part of what makes the rest lawful
    found = model.match(whole)
    if found is None:
        return None
    p = found.precedent
    words = model.drivers(whole)
    name, start, end = _where(fields, words)
    excerpt = p.text if len(p.text) <= 40 else p.text[:40] + "…"
    return Finding(
        rule_id=RULE_ID,
        severity=severity,
        basis=p.basis or "广告法第二十八条",
        field=name,
        start=start,
        end=end,
        matched=dict(fields)[name][start:end],
        message_zh=(
            f"读来像须拦截的判例（模型评分 {found.score:.2f}，主要字词：{'、'.join(words)}）；"
            f"相近判例 {p.id}（{p.concept}）：“{excerpt}”"
        ),
        message_en=(
            f"reads like copy that had to be blocked (model score {found.score:.2f}; "
            f"words: {', '.join(words)}); closest case {p.id} ({p.concept})"
        ),
        suggestion_zh="对照判例及其依据修改；确属合规的，请提交人工复核",
    )


def _where(fields: Sequence[tuple[str, str]], words: Sequence[str]) -> tuple[str, int, int]:
    """The span a precedent finding points at: the first place, in reading order, of the
    heaviest word found in the copy; else the whole longest field."""
    for word in words:
        for name, text in fields:
            at = text.find(word)
            if at >= 0:
                return name, at, at + len(word)
    name, text = max(fields, key=lambda kv: len(kv[1]))
    return name, 0, len(text)


class PrecedentCheck:
    """A checker's use of the model: each brand pack's vetted phrases are worked out once."""

    def __init__(self, model: PrecedentModel, severity: Severity = Severity.BLOCK) -> None:
        self.model = model
        self.severity = severity
        self._vetted: dict[int, tuple[BrandPack, tuple[str, ...]]] = {}

    def finding(
        self, fields: Sequence[tuple[str, str]], brand: BrandPack, others: Sequence[Finding]
    ) -> Finding | None:
        """The precedent finding for a creative, given the rules' ``others``. Copy whose
        figures the brand pack's facts all confirm (no ``fact.`` finding) is left to the
        rules: how registered figures are shown (an annual rate before a daily one) is the
        rate and fact rules' reading, which a bag of n-grams cannot make."""
        held = self._vetted.get(id(brand))
        if held is None or held[0] is not brand:
            if len(self._vetted) >= 64:
                self._vetted.clear()
            held = (brand, vetted_texts(brand))
            self._vetted[id(brand)] = held
        grounded = (
            bool(brand.facts)
            and any(_FIGURE.search(text) for _, text in fields)
            and not any(f.rule_id.startswith("fact.") for f in others)
        )
        if grounded:
            return None
        return precedent_finding(self.model, fields, held[1], self.severity)


#: a figure the fact check reads (一个月 in a story is not one)
_FIGURE = re.compile(r"\d")


def _chars(text: str) -> int:
    """Characters other than white space."""
    return len("".join(text.split()))


def dev_set_paths(data_dir: Path) -> list[Path]:
    """The development sets (``compliance_law_dev*.yaml``; never the held-out sets, which live
    in ``heldout/``), in the order they were written: dev, dev2, dev3, ..."""

    def number(p: Path) -> int:
        tail = p.stem.removeprefix("compliance_law_dev")
        return int(tail) if tail else 1

    return sorted(data_dir.glob("compliance_law_dev*.yaml"), key=number)


def data_digest(paths: Iterable[Path]) -> str:
    """sha256 over the development sets' bytes, in the order given."""
    h = hashlib.sha256()
    for p in paths:
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()
