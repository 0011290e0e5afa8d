"""Off-policy evaluation: what would a target policy's CTR have been, from logs of another?

Estimators over logged rows (reward ``r``, logging propensity ``p`` of the logged action,
target probability ``pi`` of the same action, and for the model-based ones a reward model's
prediction ``q_logged`` for the logged action and ``q_target = sum_a pi(a|x) q(x, a)``):

- IPW: ``mean(w r)`` with ``w = pi / p``;
- SNIPW: ``sum(w r) / sum(w)``;
- DM: ``mean(q_target)``;
- DR: ``mean(q_target + w (r - q_logged))``.

Intervals come from the Poisson bootstrap (row weights ~ Poisson(1)), seeded. For IPW, SNIPW
and DR that is a percentile bootstrap interval of the estimate (``interval_kind
"bootstrap"``). DM's bootstrap holds the reward model fixed, so its interval covers only the
sampling of rows, not the model's own error, which is usually far larger: it is labelled
``"fixed_model"`` and is not a confidence interval of DM's estimate.

Rewards are bounded (a CTR: ``reward_range=(0, 1)``); point estimates and interval ends are
clamped to that range (IPW can exceed it, DR can go below it) and an estimate that had to be
clamped says so.

``clip`` caps each importance weight at ``clip`` (``None``: off). Capping trades variance for
bias: a handful of rows with tiny logging propensities no longer decide the estimate, but for
non-negative rewards the capped IPW is biased downwards (it estimates the value of a policy
that puts less mass where the logging policy rarely went). DM ignores ``clip``.

Every estimate carries :class:`Diagnostics` of the importance weights it uses (for DM, which
uses none, those of the target vs. logging policy: its reward model extrapolates where they
are large) and warning codes, also logged in English on ``huashu.learn.ope``:

- ``low_ess``: Kish effective sample size ``(sum w)^2 / sum w^2`` below ``MIN_ESS`` (100)
  or below ``MIN_ESS_FRACTION`` (1%) of the rows;
- ``dominant_weight``: one row holds more than ``MAX_WEIGHT_SHARE`` (20%) of the total weight;
- ``out_of_range``: the point estimate left ``reward_range`` and was clamped.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from huashu.domain import InputError
from huashu.learn.ope_logs import attach_target, segment_reward_model

Array = NDArray[np.float64]
IntervalKind = Literal["bootstrap", "fixed_model"]
ESTIMATORS = ("ipw", "snipw", "dm", "dr")
MIN_ESS = 100.0
MIN_ESS_FRACTION = 0.01
MAX_WEIGHT_SHARE = 0.2
WARNING_CODES = ("low_ess", "dominant_weight", "out_of_range")
__all__ = [
    "Diagnostics",
    "Estimate",
    "attach_target",
    "evaluate",
    "evaluate_arrays",
    "segment_reward_model",
    "weight_diagnostics",
]

log = logging.getLogger("huashu.learn.ope")


@dataclass(frozen=True)
class Diagnostics:
    """Health of a set of importance weights ``w`` (after ``clip``, where set).

    ``ess`` is Kish's effective sample size ``(sum w)^2 / sum w^2`` (``n`` when all weights
    are equal); ``max_weight_share`` is ``max w / sum w``; ``clipped`` counts rows whose
    weight was capped at ``clip``.
    """

    n: int
    ess: float
    max_weight_share: float
    max_weight: float
    clipped: int = 0
    clip: float | None = None

    @property
    def warnings(self) -> tuple[str, ...]:
        codes = []
        if self.ess < MIN_ESS or self.ess < MIN_ESS_FRACTION * self.n:
            codes.append("low_ess")
        if self.max_weight_share > MAX_WEIGHT_SHARE:
            codes.append("dominant_weight")
        return tuple(codes)


@dataclass(frozen=True)
class Estimate:
    """One estimator's value with its ``level`` interval ``[low, high]``.

    ``interval_kind`` says what the interval is: ``"bootstrap"``, a percentile bootstrap
    interval of the estimate, or ``"fixed_model"`` (DM), the spread from resampling rows with
    the reward model held fixed, which is not a confidence interval of the estimate.
    ``warnings`` holds stable codes (see the module docstring).
    """

    estimator: str
    value: float
    low: float
    high: float
    level: float
    interval_kind: IntervalKind
    diagnostics: Diagnostics
    warnings: tuple[str, ...] = ()

    @property
    def n(self) -> int:
        return self.diagnostics.n


def _bad(message: str, message_zh: str, code: str = "bad_logs", **details: object) -> InputError:
    return InputError(message, message_zh=message_zh, code=code, details=details)


def _vector(name: str, values: ArrayLike) -> Array:
    try:
        arr = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise _bad(f"{name} must be numeric", f"{name} 必须是数值", column=name) from exc
    if arr.ndim != 1:
        raise _bad(f"{name} must be one-dimensional", f"{name} 必须是一维数组", column=name)
    return arr


def _check_rows(name: str, bad: NDArray[np.bool_], what: str, what_zh: str) -> None:
    rows = np.flatnonzero(bad)
    if rows.size:
        raise _bad(
            f"{what} ({rows.size} row(s) are not, first: row {rows[0]})",
            f"{what_zh}（{rows.size} 行不符合，首个：第 {rows[0]} 行）",
            column=name,
            rows=rows[:10].tolist(),
        )


def _check_clip(clip: float | None) -> None:
    if clip is not None and not clip > 0:  # also rejects NaN
        raise _bad(
            f"clip must be a positive maximum weight or None, got {clip}",
            f"权重上限 clip 必须是正数（或不设），收到 {clip}",
            code="bad_clip",
        )


def weight_diagnostics(weights: ArrayLike, clip: float | None = None) -> Diagnostics:
    """ESS, max weight share and clipped rows of importance ``weights`` capped at ``clip``."""
    _check_clip(clip)
    w = _vector("weights", weights)
    if w.size == 0:
        raise _bad("weights are empty", "权重为空")
    _check_rows(
        "weights",
        ~np.isfinite(w) | (w < 0),
        "weights must be finite and >= 0",
        "权重必须是非负有限数",
    )
    clipped = 0
    if clip is not None:
        clipped = int((w > clip).sum())
        w = np.minimum(w, clip)
    top = float(w.max())
    if top <= 0:
        raise _bad(
            "the target policy gives probability 0 to every logged action: the logs say "
            "nothing about it",
            "目标策略对所有已记录的动作概率均为 0，日志无法评估它",
            code="no_overlap",
        )
    scaled = w / top  # scale-free, so huge weights cannot overflow w**2
    total = float(scaled.sum())
    return Diagnostics(
        n=int(w.size),
        ess=total**2 / float(scaled @ scaled),
        max_weight_share=1.0 / total,
        max_weight=top,
        clipped=clipped,
        clip=clip,
    )


def _check_options(
    estimators: tuple[str, ...],
    clip: float | None,
    n_boot: int,
    level: float,
    reward_range: tuple[float, float],
) -> None:
    unknown = sorted(set(estimators) - set(ESTIMATORS))
    if unknown:
        raise _bad(
            f"unknown estimator(s): {', '.join(unknown)}; known: {', '.join(ESTIMATORS)}",
            f"未知的评估方法：{'、'.join(unknown)}",
            code="bad_estimator",
        )
    _check_clip(clip)
    options = [
        (n_boot >= 1, f"n_boot must be >= 1, got {n_boot}", "自助法次数 n_boot 至少为 1"),
        (
            0 < level < 1,
            f"level must be in (0, 1), got {level}",
            "区间水平 level 必须在 (0, 1) 之内",
        ),
        (
            reward_range[0] < reward_range[1],
            f"reward_range must be (low, high) with low < high, got {reward_range}",
            "奖励范围 reward_range 必须满足 下限 < 上限",
        ),
    ]
    for ok, message, message_zh in options:
        if not ok:
            raise _bad(message, message_zh, "bad_option")


def _columns(
    raw: dict[str, ArrayLike], estimators: tuple[str, ...], reward_range: tuple[float, float]
) -> dict[str, Array]:
    cols = {name: _vector(name, values) for name, values in raw.items()}
    lengths = {name: len(arr) for name, arr in cols.items()}
    if len(set(lengths.values())) > 1:
        listed = ", ".join(f"{k} {v}" for k, v in lengths.items())
        raise _bad(f"logged columns differ in length: {listed}", f"日志各列长度不一致：{listed}")
    if not lengths["reward"]:
        raise _bad("logs are empty", "日志为空")
    p, pi, r = cols["propensity"], cols["target_propensity"], cols["reward"]
    lo, hi = reward_range
    checks = [
        (
            "propensity",
            (p > 0) & (p <= 1),
            "logging propensities must be in (0, 1]",
            "记录的倾向分",
        ),
        (
            "target_propensity",
            (pi >= 0) & (pi <= 1),
            "target propensities must be in [0, 1]",
            "目标策略的概率",
        ),
        (
            "reward",
            (r >= lo) & (r <= hi),
            f"rewards must be in [{lo:g}, {hi:g}]",
            f"奖励必须在 [{lo:g}, {hi:g}] 之内",
        ),
    ]
    checks += [
        (
            name,
            np.isfinite(cols[name]),
            f"{name} must be finite",
            f"奖励模型的预测 {name} 必须是有限数",
        )
        for name in ("q_logged", "q_target")
        if name in cols
    ]
    for name, ok, message, message_zh in checks:
        _check_rows(name, ~ok, message, message_zh)
    out = {"r": r, "w": pi / p}
    if {"dm", "dr"} & set(estimators):
        out["q_logged"], out["q_target"] = cols["q_logged"], cols["q_target"]
    return out


def _weighted(name: str, cols: dict[str, Array], weights: Array) -> Array:
    """Estimator values for each row of bootstrap ``weights`` (boots x rows)."""
    total = weights.sum(axis=1)
    if name == "ipw":
        out: Array = weights @ (cols["w"] * cols["r"]) / total
    elif name == "snipw":
        out = (weights @ (cols["w"] * cols["r"])) / (weights @ cols["w"])
    elif name == "dm":
        out = weights @ cols["q_target"] / total
    else:
        out = weights @ (cols["q_target"] + cols["w"] * (cols["r"] - cols["q_logged"])) / total
    return out


def _missing(names: set[str], present: set[str]) -> None:
    missing = sorted(names - present)
    if missing:
        raise _bad(
            f"logs are missing column(s): {', '.join(missing)}",
            f"日志缺少列：{'、'.join(missing)}",
            columns=missing,
        )


_MESSAGES = {
    "low_ess": f"effective sample size {{d.ess:.1f}} of {{d.n:,}} rows is below "
    f"max({MIN_ESS:g}, {MIN_ESS_FRACTION:.0%} of rows): the estimate rests on a few rows",
    "dominant_weight": "one row holds {d.max_weight_share:.0%} of the importance weight "
    "(weight {d.max_weight:.4g}): check the logged propensities or set clip",
    "out_of_range": "point estimate {raw:.4g} left [{lo:g}, {hi:g}] and was clamped",
}


def _log_warnings(
    estimates: dict[str, Estimate], raw_values: dict[str, float], reward_range: tuple[float, float]
) -> None:
    """One English ``logging`` warning per distinct message, naming the estimators it is for."""
    grouped: dict[str, list[str]] = {}
    for name, est in estimates.items():
        for code in est.warnings:
            text = _MESSAGES[code].format(
                d=est.diagnostics, raw=raw_values[name], lo=reward_range[0], hi=reward_range[1]
            )
            grouped.setdefault(f"{code}: {text}", []).append(name)
    for text, names in grouped.items():
        log.warning("off-policy evaluation (%s) %s", ", ".join(names), text)


def evaluate_arrays(
    reward: ArrayLike,
    propensity: ArrayLike,
    target_propensity: ArrayLike,
    *,
    q_logged: ArrayLike | None = None,
    q_target: ArrayLike | None = None,
    estimators: tuple[str, ...] = ESTIMATORS,
    clip: float | None = None,
    n_boot: int = 300,
    level: float = 0.9,
    random_state: int = 0,
    reward_range: tuple[float, float] = (0.0, 1.0),
) -> dict[str, Estimate]:
    """Point estimates, ``level`` intervals, diagnostics and warnings of the target policy's
    mean reward from equal-length logged columns (see :func:`evaluate`)."""
    _check_options(estimators, clip, n_boot, level, reward_range)
    given = (reward, propensity, target_propensity, q_logged, q_target)
    names = ("reward", "propensity", "target_propensity", "q_logged", "q_target")
    raw = {name: values for name, values in zip(names, given, strict=True) if values is not None}
    if {"dm", "dr"} & set(estimators):
        _missing({"q_logged", "q_target"}, set(raw))
    cols = _columns(raw, estimators, reward_range)
    policy = weight_diagnostics(cols["w"])
    used = weight_diagnostics(cols["w"], clip) if clip is not None else policy
    if clip is not None:
        cols["w"] = np.minimum(cols["w"], clip)
    n = len(cols["r"])
    rng = np.random.default_rng(random_state)
    boots: dict[str, list[Array]] = {name: [] for name in estimators}
    for start in range(0, n_boot, 50):
        weights = rng.poisson(1.0, size=(min(50, n_boot - start), n)).astype(np.float64)
        for name in estimators:
            boots[name].append(_weighted(name, cols, weights))
    alpha = (1.0 - level) / 2
    low_end, high_end = reward_range
    out: dict[str, Estimate] = {}
    raw_values: dict[str, float] = {}
    for name in estimators:
        raw_values[name] = float(_weighted(name, cols, np.ones((1, n)))[0])
        value = min(max(raw_values[name], low_end), high_end)
        values = np.concatenate(boots[name])
        values = values[np.isfinite(values)]
        low, high = (
            (float(np.quantile(values, alpha)), float(np.quantile(values, 1 - alpha)))
            if values.size
            else (value, value)
        )
        diag = policy if name == "dm" else used
        out[name] = Estimate(
            estimator=name,
            value=value,
            low=min(max(low, low_end), high_end),
            high=min(max(high, low_end), high_end),
            level=level,
            interval_kind="fixed_model" if name == "dm" else "bootstrap",
            diagnostics=diag,
            warnings=diag.warnings + (("out_of_range",) if value != raw_values[name] else ()),
        )
    _log_warnings(out, raw_values, reward_range)
    return out


def evaluate(
    logs: pd.DataFrame,
    estimators: tuple[str, ...] = ESTIMATORS,
    *,
    clip: float | None = None,
    n_boot: int = 300,
    level: float = 0.9,
    random_state: int = 0,
    reward_range: tuple[float, float] = (0.0, 1.0),
) -> dict[str, Estimate]:
    """Point estimates and bootstrap ``level`` intervals of the target policy's mean reward,
    each with its weight diagnostics and warning codes.

    ``logs`` columns: reward, propensity (logging policy), target_propensity (target policy,
    same action), and q_logged / q_target for ``dm`` and ``dr``. ``clip`` caps importance
    weights (variance for bias; see the module docstring).
    """
    need = {"reward", "propensity", "target_propensity"}
    if {"dm", "dr"} & set(estimators):
        need |= {"q_logged", "q_target"}
    _missing(need, set(logs.columns))
    return evaluate_arrays(
        logs["reward"],
        logs["propensity"],
        logs["target_propensity"],
        q_logged=logs.get("q_logged"),
        q_target=logs.get("q_target"),
        estimators=estimators,
        clip=clip,
        n_boot=n_boot,
        level=level,
        random_state=random_state,
        reward_range=reward_range,
    )
