"""The expression knowledge base: per segment x feature lifts with intervals, support and example
creatives, as a frozen value with JSON and Markdown forms; sampling weights for the composer and
predicted CTRs (with their uncertainty) for the bandit."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import datetime

import numpy as np
from numpy.typing import NDArray

from huashu.domain import InputError


@dataclass(frozen=True)
class KBEntry:
    """The effect of ``feature`` on click odds in ``segment_key``.

    ``coef`` is the log odds ratio (``sd`` its posterior standard deviation); ``lift`` =
    ``exp(coef) - 1`` (``0.18`` = +18%), ``low``/``high`` its interval; ``support``/``clicks``
    count impressions and clicks of creatives carrying the feature; ``ctr`` is their raw CTR
    and ``base_ctr`` the segment's fitted CTR of an average creative. A feature with a
    ``group`` (a phrase's slot ``slot:hook``, the ``channel``) is measured against the group's
    average, one without against its absence. ``examples``: (creative id, text) of the most
    shown creatives carrying it.
    """

    segment_key: str
    feature: str
    lift: float
    low: float
    high: float
    support: int
    clicks: int
    ctr: float
    base_ctr: float
    low_support: bool
    coef: float = 0.0
    sd: float = 0.0
    group: str = ""
    examples: tuple[tuple[str, str], ...] = ()

    @property
    def label(self) -> str:
        """The feature without its kind: ``补贴`` for ``word:补贴``."""
        return self.feature.split(":", 1)[-1]

    def effect(self) -> str:
        """``+18% [+9%, +27%]``."""
        return f"{self.lift:+.0%} [{self.low:+.0%}, {self.high:+.0%}]"


@dataclass(frozen=True)
class Model:
    """One segment's predictive model: log-odds coefficients (intercept first, then
    :attr:`KnowledgeBase.features`) and their joint posterior covariance."""

    coef: tuple[float, ...]
    cov: tuple[tuple[float, ...], ...]


@dataclass(frozen=True)
class KnowledgeBase:
    """A distilled snapshot; ``snapshot_id`` is a content hash (creatives cite it).

    ``intercepts``: per segment the log-odds of an average creative; ``features`` and
    ``model``: the predictive model's columns and per segment coefficients + covariance
    (:meth:`predict`).
    """

    snapshot_id: str
    created_at: datetime
    tau_global: float
    tau_segment: float
    min_support: int
    level: float
    intercepts: dict[str, float]
    entries: tuple[KBEntry, ...]
    features: tuple[str, ...] = ()
    model: dict[str, Model] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)

    def segments(self) -> list[str]:
        return sorted({e.segment_key for e in self.entries})

    def for_segment(self, segment_key: str) -> list[KBEntry]:
        """All entries of a segment, highest lift first (ties by feature name)."""
        rows = [e for e in self.entries if e.segment_key == segment_key]
        return sorted(rows, key=lambda e: (-e.lift, e.feature))

    def preferred(self, segment_key: str, n: int | None = None) -> list[KBEntry]:
        """Supported entries whose whole interval is above zero, highest lift first."""
        rows = [e for e in self.for_segment(segment_key) if not e.low_support and e.low > 0]
        return rows if n is None else rows[:n]

    def posterior(self, segment_key: str) -> dict[str, tuple[float, float]]:
        """feature -> (mean, sd) of its effect on click log-odds in the segment."""
        return {e.feature: (e.coef, e.sd) for e in self.entries if e.segment_key == segment_key}

    def design(self, features: Iterable[str]) -> NDArray[np.float64]:
        """The predictive model's row for a creative with ``features``: 1 for the intercept
        and each column it carries. A feature merged into a column (words only ever seen
        together, or only with one phrase) turns that column on; unseen features are
        neutral."""
        column = {f: j + 1 for j, f in enumerate(self.features)}
        z = np.zeros(len(self.features) + 1)
        z[0] = 1.0
        for f in features:
            j = column.get(self.aliases.get(f, f))
            if j is not None:
                z[j] = 1.0
        return z

    def predict(self, segment_key: str, features: list[str]) -> tuple[float, float] | None:
        """(mean, sd) of the click log-odds of a creative with ``features`` in the segment,
        from the predictive model's joint posterior (None: segment unknown).

        The predictive model reads phrases, channel, words and structure together (a word two
        phrases share counts once); features it has not seen are neutral."""
        model = self.model.get(segment_key)
        if model is None:
            return None
        z = self.design(features)
        eta = float(z @ np.asarray(model.coef))
        var = float(z @ np.asarray(model.cov) @ z)
        return eta, math.sqrt(max(var, 0.0))

    def loading(
        self, segment_key: str, features: list[str]
    ) -> tuple[float, tuple[float, ...]] | None:
        """(mean log-odds, ``z' C``) of a creative with ``features``, where ``C C'`` is the
        segment's posterior covariance: the log-odds is ``mean + (z' C) . e`` with ``e`` a
        standard normal vector shared by every creative of the segment, so draws of several
        creatives keep the correlation of their predictions (None: segment unknown)."""
        model = self.model.get(segment_key)
        got = self.predict(segment_key, features)
        if model is None or got is None:
            return None
        z = self.design(features)
        cov = np.asarray(model.cov)
        factor = np.linalg.cholesky(cov + 1e-12 * np.eye(len(cov)))
        return got[0], tuple(float(v) for v in z @ factor)

    def predict_ctr(self, segment_key: str, features: list[str]) -> float | None:
        """Fitted CTR of a creative with ``features`` in the segment (None: segment unknown)."""
        got = self.predict(segment_key, features)
        return None if got is None else 1.0 / (1.0 + math.exp(-got[0]))

    def base_ctr(self, segment_key: str) -> float | None:
        """Fitted CTR of an average creative in the segment."""
        eta = self.intercepts.get(segment_key)
        return None if eta is None else 1.0 / (1.0 + math.exp(-eta))

    def guidance(
        self, segment_key: str, n: int = 5, kinds: tuple[str, ...] = ("word:", "struct:")
    ) -> tuple[list[KBEntry], list[KBEntry]]:
        """(use, avoid): supported entries of the given kinds whose interval lies wholly above
        / below zero, strongest first (for a prompt's evidence list)."""
        rows = [
            e
            for e in self.for_segment(segment_key)
            if e.feature.startswith(kinds) and not e.low_support
        ]
        use = [e for e in rows if e.low > 0][:n]
        avoid = sorted((e for e in rows if e.high < 0), key=lambda e: (e.lift, e.feature))[:n]
        return use, avoid

    def to_json(self) -> str:
        return json.dumps(
            {
                "snapshot_id": self.snapshot_id,
                "created_at": self.created_at.isoformat(),
                "tau_global": self.tau_global,
                "tau_segment": self.tau_segment,
                "min_support": self.min_support,
                "level": self.level,
                "intercepts": self.intercepts,
                "features": list(self.features),
                "aliases": dict(sorted(self.aliases.items())),
                "model": {k: [m.coef, m.cov] for k, m in sorted(self.model.items())},
                "entries": [asdict(e) for e in self.entries],
            },
            ensure_ascii=False,
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, text: str) -> KnowledgeBase:
        try:
            data = json.loads(text)
            return cls(
                snapshot_id=data["snapshot_id"],
                created_at=datetime.fromisoformat(data["created_at"]),
                tau_global=float(data["tau_global"]),
                tau_segment=float(data["tau_segment"]),
                min_support=int(data["min_support"]),
                level=float(data["level"]),
                intercepts={str(k): float(v) for k, v in data["intercepts"].items()},
                entries=tuple(
                    KBEntry(**{**e, "examples": tuple(tuple(x) for x in e.get("examples", ()))})
                    for e in data["entries"]
                ),
                features=tuple(str(f) for f in data.get("features", ())),
                aliases={str(k): str(v) for k, v in data.get("aliases", {}).items()},
                model={
                    str(k): Model(
                        coef=tuple(float(c) for c in coef),
                        cov=tuple(tuple(float(v) for v in row) for row in cov),
                    )
                    for k, (coef, cov) in data.get("model", {}).items()
                },
            )
        except (KeyError, TypeError, ValueError) as err:
            raise InputError(
                f"not a knowledge base: {err}",
                message_zh=f"不是有效的知识库：{err}",
                code="bad_knowledge_base",
            ) from err

    def to_markdown(self) -> str:
        """One table per segment: feature, lift, interval, support, clicks, flag, an example."""
        pct = round(self.level * 100)
        lines = [
            f"# Expression knowledge base 话术知识库 `{self.snapshot_id}`",
            "",
            f"Created {self.created_at.isoformat()}; hierarchical logistic regression "
            f"(pooled prior sd {self.tau_global:g}, segment prior sd {self.tau_segment:g}); "
            f"entries under {self.min_support} impressions are marked low support; a phrase's "
            "lift is against its slot's average, a word's or structure's against its absence.",
        ]
        for segment_key in self.segments():
            base = self.base_ctr(segment_key) or 0.0
            lines += [
                "",
                f"## {segment_key}",
                "",
                f"Average creative CTR 平均点击率 {base:.2%}.",
                "",
                f"| feature 特征 | lift 提升 | {pct}% interval 区间 | support 曝光 | "
                "clicks 点击 | note 备注 | example 示例 |",
                "|---|---:|---:|---:|---:|---|---|",
            ]
            for e in self.for_segment(segment_key):
                note = "low support 样本不足" if e.low_support else ""
                example = (
                    e.examples[0][1].replace("\n", " / ").replace("|", "\\|") if e.examples else ""
                )
                lines.append(
                    f"| {e.feature} | {e.lift:+.1%} | [{e.low:+.1%}, {e.high:+.1%}] | "
                    f"{e.support} | {e.clicks} | {note} | {example} |"
                )
        return "\n".join(lines) + "\n"
