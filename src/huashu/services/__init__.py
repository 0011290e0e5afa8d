"""The service layer shared by the CLI, the web app and the demo: one call per operator action."""

from huashu.services.campaigns import (
    DraftBatch,
    Plan,
    check_drafts,
    draft_creatives,
    plan_campaign,
)

__all__ = ["DraftBatch", "Plan", "check_drafts", "draft_creatives", "plan_campaign"]
