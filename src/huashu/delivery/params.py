"""Parameter and arm-statistics checks shared by the delivery policies."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from huashu.domain import InputError

STAT_COLUMNS = ("creative_id", "impressions", "clicks")


def bad_parameter(name: str, rule: str, rule_zh: str, value: object) -> InputError:
    return InputError(
        f"{name} must be {rule}, got {value!r}",
        message_zh=f"参数 {name} 必须{rule_zh}，收到 {value!r}",
        code="bad_parameter",
        details={"parameter": name, "value": repr(value)},
    )


def require_int(name: str, value: object, minimum: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < minimum:
        rule = "a positive integer" if minimum == 1 else f"an integer >= {minimum}"
        rule_zh = "为正整数" if minimum == 1 else f"为不小于 {minimum} 的整数"
        raise bad_parameter(name, rule, rule_zh, value)


def require_number(
    name: str, value: object, low: float, high: float, *, low_open: bool, high_open: bool
) -> None:
    ok = (
        not isinstance(value, bool)
        and isinstance(value, int | float | np.integer | np.floating)
        and math.isfinite(float(value))
        and (low < float(value) if low_open else low <= float(value))
        and (float(value) < high if high_open else float(value) <= high)
    )
    if not ok:
        interval = f"{'(' if low_open else '['}{low:g}, {high:g}{')' if high_open else ']'}"
        raise bad_parameter(name, f"in {interval}", f"在 {interval} 内", value)


def checked_stats(stats: object) -> pd.DataFrame:
    """Arm statistics (creative_id, impressions, clicks) sorted by creative_id, counts int64.

    Raises :class:`InputError` for a missing column, no arms, a repeated creative, negative
    counts or more clicks than impressions.
    """
    if not isinstance(stats, pd.DataFrame):
        raise InputError(
            f"arm stats must be a pandas DataFrame, got {type(stats).__name__}",
            message_zh=f"素材统计必须是 pandas DataFrame，收到 {type(stats).__name__}",
            code="bad_stats",
        )
    for column in STAT_COLUMNS:
        if column not in stats.columns:
            raise InputError(
                f"arm stats are missing column '{column}'",
                message_zh=f"素材统计缺少列 '{column}'",
                code="bad_stats",
                details={"column": column},
            )
    if stats.empty:
        raise InputError(
            "arm stats have no arms", message_zh="素材统计中没有任何素材", code="bad_stats"
        )
    frame = pd.DataFrame(
        {
            "creative_id": stats["creative_id"].astype(str).to_numpy(dtype=object),
            "impressions": stats["impressions"].to_numpy(dtype=np.int64),
            "clicks": stats["clicks"].to_numpy(dtype=np.int64),
        }
    )
    repeated = frame["creative_id"][frame["creative_id"].duplicated()]
    if not repeated.empty:
        raise InputError(
            f"arm stats repeat creative '{repeated.iloc[0]}'",
            message_zh=f"素材统计中素材 '{repeated.iloc[0]}' 重复",
            code="bad_stats",
            details={"creative_id": str(repeated.iloc[0])},
        )
    bad = frame[(frame["clicks"] < 0) | (frame["clicks"] > frame["impressions"])]
    if not bad.empty:
        row = bad.iloc[0]
        raise InputError(
            f"arm stats for '{row['creative_id']}' need 0 <= clicks <= impressions, "
            f"got {row['clicks']} clicks of {row['impressions']} impressions",
            message_zh=f"素材 '{row['creative_id']}' 的统计须满足 0 <= 点击 <= 曝光，"
            f"实际 {row['clicks']} 次点击、{row['impressions']} 次曝光",
            code="bad_stats",
            details={"creative_id": str(row["creative_id"])},
        )
    if "prior_mean" in stats.columns:
        means = stats["prior_mean"].to_numpy(dtype=np.float64)
        bad_mean = ~np.isnan(means) & ((means <= 0) | (means >= 1))
        if bad_mean.any():
            creative = str(frame["creative_id"].iloc[int(np.argmax(bad_mean))])
            raise InputError(
                f"arm stats for '{creative}' need 0 < prior_mean < 1",
                message_zh=f"素材 '{creative}' 的先验点击率须在 0 与 1 之间",
                code="bad_stats",
                details={"creative_id": creative},
            )
        frame["prior_mean"] = means
        if "prior_strength" in stats.columns:
            strengths = stats["prior_strength"].to_numpy(dtype=np.float64)
            bad_strength = ~np.isnan(strengths) & ~(np.isfinite(strengths) & (strengths > 0))
            if bad_strength.any():
                creative = str(frame["creative_id"].iloc[int(np.argmax(bad_strength))])
                raise InputError(
                    f"arm stats for '{creative}' need a finite prior_strength > 0 (or none)",
                    message_zh=f"素材 '{creative}' 的先验强度须为大于 0 的有限数",
                    code="bad_stats",
                    details={"creative_id": creative},
                )
            frame["prior_strength"] = strengths
        if "prior_loading" in stats.columns:
            frame["prior_loading"] = [
                None if v is None or (isinstance(v, float) and math.isnan(v)) else tuple(v)
                for v in stats["prior_loading"].to_numpy(dtype=object)
            ]
            widths = {len(v) for v in frame["prior_loading"] if v is not None}
            if len(widths) > 1:
                raise InputError(
                    "arm stats need prior loadings of one length",
                    message_zh="素材统计中的先验载荷长度必须一致",
                    code="bad_stats",
                )
    return frame.sort_values("creative_id", kind="stable").reset_index(drop=True)
