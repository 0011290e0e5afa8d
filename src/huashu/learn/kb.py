"""The expression knowledge base: per segment x feature lifts with intervals and support, as a
frozen value with JSON and Markdown forms and sampling weights for the composer."""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass
from datetime import datetime

from huashu.domain import InputError


@dataclass(frozen=True)
class KBEntry:
    """The effect of ``feature`` on click odds in ``segment_key``.

    ``coef`` is the log odds ratio (``sd`` its posterior standard deviation); ``lift`` =
    ``exp(coef) - 1`` (``0.18`` = +18%), ``low``/``high`` its interval; ``support``/``clicks``
    count impressions and clicks of creatives carrying the feature; ``ctr`` is their raw CTR
    and ``base_ctr`` the segment's fitted CTR with no feature.
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


@dataclass(frozen=True)
class KnowledgeBase:
    """A distilled snapshot; ``snapshot_id`` is a content hash (creatives cite it)."""

    snapshot_id: str
    created_at: datetime
    tau_global: float
    tau_segment: float
    min_support: int
    level: float
    intercepts: dict[str, float]
    entries: tuple[KBEntry, ...]

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

    def weights(self, segment_key: str, *, strength: float = 1.0) -> dict[str, float]:
        """feature -> sampling weight ``(1 + lift) ** strength`` for supported entries.

        Features missing from the result (unknown or low support) weigh 1.0.
        """
        return {
            e.feature: math.exp(strength * e.coef)
            for e in self.for_segment(segment_key)
            if not e.low_support
        }

    def posterior(self, segment_key: str) -> dict[str, tuple[float, float]]:
        """feature -> (mean, sd) of its effect on click log-odds in the segment."""
        return {e.feature: (e.coef, e.sd) for e in self.entries if e.segment_key == segment_key}

    def predict_ctr(self, segment_key: str, features: list[str]) -> float | None:
        """Fitted CTR of a creative with ``features`` in the segment (None: segment unknown).

        Features the segment has no entry for count as neutral (coefficient 0)."""
        if segment_key not in self.intercepts:
            return None
        coefs = {e.feature: e.coef for e in self.entries if e.segment_key == segment_key}
        eta = self.intercepts[segment_key] + sum(coefs.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-eta))

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
                entries=tuple(KBEntry(**e) for e in data["entries"]),
            )
        except (KeyError, TypeError, ValueError) as err:
            raise InputError(
                f"not a knowledge base: {err}",
                message_zh=f"不是有效的知识库：{err}",
                code="bad_knowledge_base",
            ) from err

    def to_markdown(self) -> str:
        """One table per segment: feature, lift, interval, support, clicks, flag."""
        pct = round(self.level * 100)
        lines = [
            f"# Expression knowledge base 话术知识库 `{self.snapshot_id}`",
            "",
            f"Created {self.created_at.isoformat()}; hierarchical logistic regression "
            f"(pooled prior sd {self.tau_global:g}, segment prior sd {self.tau_segment:g}); "
            f"entries under {self.min_support} impressions are marked low support.",
        ]
        for segment_key in self.segments():
            lines += [
                "",
                f"## {segment_key}",
                "",
                f"| feature 特征 | lift 提升 | {pct}% interval 区间 | support 曝光 | "
                "clicks 点击 | note 备注 |",
                "|---|---:|---:|---:|---:|---|",
            ]
            for e in self.for_segment(segment_key):
                note = "low support 样本不足" if e.low_support else ""
                lines.append(
                    f"| {e.feature} | {e.lift:+.1%} | [{e.low:+.1%}, {e.high:+.1%}] | "
                    f"{e.support} | {e.clicks} | {note} |"
                )
        return "\n".join(lines) + "\n"
