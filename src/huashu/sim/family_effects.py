"""The effects of a random world (:mod:`huashu.sim.family`): rules drawn per phrase, segment
value, angle, tone, hidden attribute, offer, identity word and phrase pair, collected into the
``keywords``, ``interactions`` and ``conversion.keywords`` of a world file."""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

from huashu.domain import BrandPack, Phrase

if TYPE_CHECKING:
    from huashu.sim.family import FamilyConfig

Value = str | bool
When = tuple[tuple[str, Value], ...]


class Rules:
    """Rules collected by (when, keyword or keyword pair, fatigue): effects and drifts of the
    same key add up (exactly: an effect is linear in both)."""

    def __init__(self) -> None:
        self._keywords: dict[tuple[When, str, float], list[float]] = {}
        self._pairs: dict[tuple[When, tuple[str, str], float], list[float]] = {}
        self._blocks: dict[tuple[When, str], float] = {}

    def add(
        self, when: When, keyword: str, effect: float, drift: float = 0.0, fatigue: float = 0.0
    ) -> None:
        got = self._keywords.setdefault((when, keyword, round(fatigue, 4)), [0.0, 0.0])
        got[0] += effect
        got[1] += drift

    def pair(self, when: When, keywords: tuple[str, str], effect: float, drift: float) -> None:
        got = self._pairs.setdefault((when, keywords, 0.0), [0.0, 0.0])
        got[0] += effect
        got[1] += drift

    def block(self, when: When, keyword: str, factor: float) -> None:
        self._blocks[(when, keyword)] = self._blocks.get((when, keyword), 1.0) * factor

    def keyword_specs(self) -> list[dict[str, Any]]:
        out = []
        for (when, keyword, fatigue), (effect, drift) in self._keywords.items():
            spec = _rule(when, effect, drift, fatigue)
            if spec is not None:
                out.append({"keyword": keyword, **spec})
        return out

    def interaction_specs(self) -> list[dict[str, Any]]:
        out = []
        for (when, keywords, fatigue), (effect, drift) in self._pairs.items():
            spec = _rule(when, effect, drift, fatigue)
            if spec is not None:
                out.append({"keywords": list(keywords), **spec})
        return out

    def conversion_specs(self) -> list[dict[str, Any]]:
        return [
            {"when": dict(when), "keyword": keyword, "factor": round(factor, 4)}
            for (when, keyword), factor in self._blocks.items()
        ]


def _rule(when: When, effect: float, drift: float, fatigue: float) -> dict[str, Any] | None:
    effect, drift = round(effect, 4), round(drift, 4)
    if effect == 0.0 and drift == 0.0:
        return None
    spec: dict[str, Any] = {"when": dict(when), "effect": effect}
    if drift:
        spec["drift"] = drift
    if fatigue:
        spec["fatigue"] = fatigue
    return spec


class EffectDrawer:
    """Draws each family of effects into ``rules``; ``domains`` holds every attribute's values
    and ``names`` the attribute names of the hidden attributes and the value tier."""

    def __init__(
        self,
        pack: BrandPack,
        cfg: FamilyConfig,
        scale: float,
        domains: Mapping[str, tuple[Value, ...]],
        names: Mapping[str, str],
        rules: Rules,
    ) -> None:
        self.pack, self.cfg, self.s = pack, cfg, scale
        self.domains, self.names, self.rules = domains, names, rules
        self.phrase_list = [
            (slot, p, pack.render(p)) for slot, bank in pack.phrases.items() for p in bank
        ]
        self.texts = [text for _, _, text in self.phrase_list]

    def _drift(self, g: np.random.Generator) -> float:
        if g.random() >= self.cfg.drift_share:
            return 0.0
        return float(g.normal(0.0, self.cfg.drift_sd * self.s))

    def phrases(self, g: np.random.Generator) -> None:
        """Every phrase's own effect for everyone: ``scale * t(df)``, clipped; a clearly
        positive one may wear out (fatigue), any may drift."""
        cfg = self.cfg
        for _, _, text in self.phrase_list:
            effect = float(
                np.clip(self.s * g.standard_t(cfg.tail_df), -cfg.max_effect, cfg.max_effect)
            )
            fatigue = 0.0
            if effect > self.s and g.random() < cfg.fatigue_share:
                fatigue = round(float(g.uniform(*cfg.fatigue)), 4)
            self.rules.add((), text, effect, self._drift(g), fatigue)

    def segments(self, g: np.random.Generator) -> None:
        """Per dimension value a phrase may be shown to: its own deviation, sometimes."""
        for d in self.pack.dimensions:
            for value in self.domains[d.field]:
                for _, p, text in self.phrase_list:
                    if _allows(p, d.field, value) and g.random() < self.cfg.segment_share:
                        self.rules.add(((d.field, value),), text, float(g.normal(0, 0.8 * self.s)))

    def angles(self, g: np.random.Generator, first: str) -> None:
        """Per angle (amount, fast, rate ...) one effect whose sign flips between values of the
        first dimension with chance ``flip_share``."""
        angles = sorted({a for _, p, _ in self.phrase_list for a in p.angles})
        for angle in angles:
            size = self.s * (0.3 + abs(float(g.normal())))
            sign = 1.0 if g.random() < 0.5 else -1.0
            drift = self._drift(g)
            for value in self.domains[first]:
                flip = -1.0 if g.random() < self.cfg.flip_share else 1.0
                for _, p, text in self.phrase_list:
                    if angle in p.angles and _allows(p, first, value):
                        # a phrase of several angles: each counts less
                        share = sign * flip * size / len(p.angles) ** 0.5
                        self.rules.add(((first, value),), text, share, drift)

    def hidden(self, g: np.random.Generator, first: str) -> None:
        """Preferences of attributes no segment names: tone by life stage, any phrase by any
        hidden attribute (chance ``hidden_share``), and a few by a segment value and the
        digital habit together."""
        life, digital = self.names["life_stage"], self.names["digital"]
        contrast = float(g.normal(0, 3 * self.s))
        for tone, sign in (("friendly", 1.0), ("formal", -1.0)):
            for _, p, text in self.phrase_list:
                if p.tone == tone:
                    self._contrast(life, text, sign * contrast)
        for name in ("life_stage", "digital", "price_sensitive"):
            for _, _, text in self.phrase_list:
                if g.random() < self.cfg.hidden_share:
                    self._contrast(self.names[name], text, float(g.normal(0, 3 * self.s)))
        for _, p, text in self.phrase_list:
            if g.random() < 0.1:
                options = [v for v in self.domains[first] if _allows(p, first, v)]
                if options:
                    value = options[int(g.integers(len(options)))]
                    habit = bool(g.random() < 0.5)
                    when: When = ((first, value), (digital, habit))
                    self.rules.add(when, text, float(g.normal(0, 1.5 * self.s)))

    def _contrast(self, attribute: str, text: str, contrast: float) -> None:
        """``contrast`` between the attribute's last and first value, centred on zero."""
        values = self.domains[attribute]
        for k, value in enumerate(values):
            weight = k / (len(values) - 1) - 0.5
            if weight:
                self.rules.add(((attribute, value),), text, contrast * weight)

    def offers(self, g: np.random.Generator) -> None:
        """An offer's words pull those who qualify (more so the price-sensitive) and mildly put
        off those who do not, who never convert on it."""
        price = self.names["price_sensitive"]
        for offer in self.pack.offers:
            markers = [w for w in offer.mentions() if any(w in t for t in self.texts)]
            markers = markers or [t for _, p, t in self.phrase_list if offer.key in p.offers]
            if not markers:
                continue
            size = self.s * float(g.uniform(1.0, 4.0)) / len(markers)
            fields = list(offer.when)
            if not all(f in self.domains for f in fields):
                continue
            for combo in itertools.product(*(self.domains[f] for f in fields)):
                when: When = tuple(zip(fields, combo, strict=True))
                eligible = offer.eligible(dict(when))
                for marker in markers:
                    if eligible:
                        self.rules.add(when, marker, size * float(g.uniform(0.5, 1.5)))
                        extra = size * float(g.uniform(0.0, 1.0))
                        self.rules.add((*when, (price, True)), marker, extra)
                    else:
                        self.rules.add(when, marker, -size * float(g.uniform(0.2, 0.6)))
                        self.rules.block(when, marker, 0.0)

    def identity(self, g: np.random.Generator) -> None:
        """A dimension value's identity words: a small lift for its own users, a cost for the
        users of every other value of the dimension (mis-addressed copy)."""
        for d in self.pack.dimensions:
            for own in d.values:
                for word in own.words:
                    if not any(word in t for t in self.texts):
                        continue
                    self.rules.add(
                        ((d.field, _value(own.value)),), word, float(g.normal(self.s, self.s)) / 2
                    )
                    for other in d.values:
                        if other is own or _related(word, other.words):
                            continue
                        cost = -self.s * float(g.uniform(1.5, 4.0))
                        self.rules.add(((d.field, _value(other.value)),), word, cost)

    def interactions(self, g: np.random.Generator, first: str) -> None:
        """Phrase pairs: a friendly and a formal phrase clash, two phrases of one angle repeat
        themselves, and ``synergies`` random pairs help or hurt (for everyone or one value of
        the first dimension)."""
        pairs = [
            (p, tp, q, tq)
            for (sp, p, tp), (sq, q, tq) in itertools.combinations(self.phrase_list, 2)
            if sp != sq and tp != tq and _together(p, q)
        ]
        repeats = []
        for p, tp, q, tq in pairs:
            if {p.tone, q.tone} == {"friendly", "formal"}:
                self.rules.pair((), (tp, tq), -self.s * float(g.uniform(0.5, 1.5)), 0.0)
            if set(p.angles) & set(q.angles):
                repeats.append((tp, tq))
        for k in _sample(g, len(repeats), self.cfg.repeats):
            self.rules.pair((), repeats[k], -self.s * float(g.uniform(0.3, 1.0)), 0.0)
        values = self.domains[first]
        for k in _sample(g, len(pairs), self.cfg.synergies):
            p, tp, q, tq = pairs[k]
            when: When = ()
            if g.random() < 0.5:
                when = ((first, values[int(g.integers(len(values)))]),)
            self.rules.pair(when, (tp, tq), float(g.normal(0, 1.5 * self.s)), self._drift(g))


def _sample(g: np.random.Generator, n: int, k: int) -> list[int]:
    return sorted(int(i) for i in g.choice(n, size=min(n, k), replace=False)) if n else []


def _value(value: object) -> Value:
    return value if isinstance(value, bool) else str(value)


def _options(wanted: object) -> set[str]:
    options = wanted if isinstance(wanted, tuple) else (wanted,)
    return {str(o).lower() for o in options}


def _allows(p: Phrase, field: str, value: Value) -> bool:
    """Whether a phrase's conditions leave room for users with ``field == value``."""
    return field not in p.when or str(value).lower() in _options(p.when[field])


def _together(p: Phrase, q: Phrase) -> bool:
    """Whether two phrases can meet in one text: a channel and a segment both allow."""
    if p.channels and q.channels and not set(p.channels) & set(q.channels):
        return False
    shared = set(p.when) & set(q.when)
    return all(_options(p.when[f]) & _options(q.when[f]) for f in shared)


def _related(word: str, words: tuple[str, ...]) -> bool:
    """Whether ``word`` is one of ``words`` or contains or is contained in one of them."""
    return any(word in w or w in word for w in words)
