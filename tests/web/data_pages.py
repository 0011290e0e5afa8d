"""Data for the 数据 and 审计 page tests: a seeded analytics population in a data dir's event
store (costs scaled so ROI is near 1, each channel at its own price), and an audit log of a
given length whose details are in Chinese."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from huashu.analytics.service import Metrics
from huashu.config import Settings
from huashu.events import open_event_store
from huashu.store import open_store, repos
from tests.analytics.fixtures import synthetic_tables

#: the 数据 page's column headers, in Chinese and in English
ZH_HEADERS = [
    "渠道",
    "新用户",
    "收入",
    "付费用户",
    "成本",
    "人均收入",
    "付费人均收入",
    "获客成本",
    "投入产出比",
    "回本天数",
]
EN_HEADERS = [
    "Channel",
    "New users",
    "Revenue",
    "Payers",
    "Cost",
    "ARPU",
    "ARPPU",
    "CAC",
    "ROI",
    "Payback",
]
#: what a reader must never see: scientific notation, nan, inf, JSON's \\u escapes
JUNK = re.compile(r"\d(?:\.\d+)?e[+-]?\d|\bnan\b|nan%|\binf\b|\\u[0-9a-f]{4}", re.I)

#: cost multiplier per channel: the synthetic costs are tiny next to its revenue
PRICE = {"sms": 15.0, "home_card": 20.0, "dsp": 40.0, "xiaohongshu": 30.0}
#: a Chinese comment that must come back as written (not as \\u escapes)
COMMENT = "监管口径已核对，可以上线"


def seed_analytics(settings: Settings, users: int = 3000, *, events: bool = True) -> None:
    """Signups, actions and costs (and, with ``events``, the touch and conversion log)."""
    tables = synthetic_tables(users=users, seed=11)
    costs = tables["costs"]
    price = costs["channel"].map(PRICE).fillna(20.0)
    tables["costs"] = costs.assign(cost=(pd.to_numeric(costs["cost"]) * price).round(2).astype(str))
    with open_event_store(settings.resolved_events_url) as store:
        if events:
            store.log_events(tables["events"])
        metrics = Metrics(store)
        for name in ("signups", "actions", "costs"):
            result = metrics.import_frame(name, tables[name])
            assert not result.rejected, result.rejected


def seed_audit(settings: Settings, entries: int = 1297) -> None:
    """``entries`` audit entries by three people over five kinds of action, oldest first."""
    store = open_store(settings.resolved_database_url)
    try:
        store.upgrade()
        with store.session() as s:
            for i in range(entries):
                kind = i % 5
                if kind == 0:
                    brief = f"给养殖户推春耕贷款第{i}期，年化利率3.6%起"
                    repos.audit(
                        s, "xiaowang", "campaign.planned", "campaign", f"c{i}", {"brief": brief}
                    )
                elif kind == 1:
                    detail = {
                        "status": "approved",
                        "approved": 3,
                        "rejected": 0,
                        "comment": COMMENT,
                    }
                    repos.audit(s, "laoli", "approval.decide", "approval", f"a{i}", detail)
                elif kind == 2:
                    move = {"from": "scheduled", "to": "live", "reason": "按计划开始投放"}
                    repos.audit(s, "laoli", "campaign.live", "campaign", f"c{i - 2}", move)
                elif kind == 3:
                    repos.audit(s, "root", "user.create", "user", f"u{i}", {"role": "analyst"})
                else:
                    edit = {"fields": {"text": "春耕备耕，贷款利率低至3.6%"}}
                    repos.audit(s, "xiaowang", "creative.edited", "creative", f"cr{i}", edit)
    finally:
        store.close()


def data_dir_with_everything(root: Path) -> Settings:
    settings = Settings(data_dir=root, snapshot_rebuild_seconds=0, outbox_interval_seconds=0)
    seed_analytics(settings)
    seed_audit(settings)
    return settings
