"""A campaign planned from the standard brief with its drafts checked, for tests that need
creatives in the store (the web, workflow, delivery and security suites)."""

from __future__ import annotations

from huashu.domain import BrandPack
from huashu.runtime import Runtime
from huashu.services import DraftBatch, Plan, check_drafts, draft_creatives, plan_campaign

BRIEF = "给养殖户推春耕贷款，首页卡片+短信"


def drafted(
    rt: Runtime,
    pack: BrandPack,
    pack_text: str,
    author: str,
    *,
    n: int = 2,
    seed: int = 3,
    brief: str = BRIEF,
) -> tuple[Plan, DraftBatch]:
    """Plan ``brief`` for ``pack`` as ``author``, draft ``n`` creatives per segment x channel
    (round 0) and check them: the campaign's plan and the checked batch."""
    plan = plan_campaign(rt, pack, pack_text, brief, author)
    drafts = draft_creatives(
        rt, pack, plan.campaign_id, plan.segments, plan.brief.channels, n=n, seed=seed, round_=0
    )
    return plan, check_drafts(rt, pack, plan.campaign_id, drafts, author)
