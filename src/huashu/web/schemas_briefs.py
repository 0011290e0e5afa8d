"""Response models of the chat routes (:mod:`huashu.web.api_briefs`): brand packs, a brief's
plan, what huashu understood of a brief, drafting progress, refinement and edits."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from huashu.web.schemas_common import Ok, Timestamp
from huashu.web.schemas_workflow import FindingOut


class BrandOut(BaseModel):
    id: str
    name: str
    industry: str
    created_at: Timestamp


class BrandsOut(Ok):
    brands: list[BrandOut]


class LoadedBrand(BaseModel):
    id: str
    name: str
    channels: list[str]


class LoadedBrandOut(Ok):
    brand: LoadedBrand


class NotHonoured(BaseModel):
    """Something the brief asks for that the drafts will not do, in both languages."""

    kind: str
    zh: str
    en: str


class OfferPlanOut(BaseModel):
    key: str
    name: str
    description: str
    eligible: list[str]
    not_eligible: list[str]


class ChannelPlanOut(BaseModel):
    channel: str
    label_zh: str
    action_zh: str
    ctas: list[str]


class ContentPlanOut(BaseModel):
    """What the drafts of a campaign will say, before any is written."""

    brand_id: str
    brief: str
    product: str
    product_kind: str
    product_description: str
    offers: list[OfferPlanOut]
    angles: list[str]
    avoid_angles: list[str]
    angle_labels: dict[str, str]
    tone: str
    channels: list[ChannelPlanOut]
    audiences: list[str]
    segments: list[str]
    language: str
    not_honoured: list[NotHonoured]


class PlanSegment(BaseModel):
    key: str
    name: str
    size: int | None


class PlanOut(BaseModel):
    """The campaign's plan as the chat shows it: segments x channels and the drafted cells."""

    campaign_id: str
    brand_id: str
    brand_name: str
    brief: str
    status: str
    channels: list[str]
    segments: list[PlanSegment]
    n: int
    cells: int
    cells_done: int
    done_cells: list[str] = Field(description="``segment_key|channel`` of each drafted cell.")
    stream_url: str
    content_plan: ContentPlanOut
    plan_lines: list[str]
    not_honoured: list[NotHonoured]


class PlanEnvelope(Ok):
    plan: PlanOut


class OfferRead(BaseModel):
    name: str
    description: str
    eligible: list[str]


class Refusal(BaseModel):
    code: str
    zh: str
    en: str


class Understanding(BaseModel):
    """What huashu understood of a brief, filing nothing."""

    brand_id: str
    brand_name: str
    text: str
    product: str
    product_kind: str
    offers: list[OfferRead]
    channels: list[str]
    channels_default: bool
    unknown_channels: list[str]
    disabled_channels: list[str]
    audiences: list[str]
    audiences_default: bool
    unmatched_audiences: list[str]
    segments: list[str]
    available_channels: list[str]
    available_audiences: list[str]
    language: str
    refusal: Refusal | None
    can_draft: bool
    needs_confirmation: bool


class UnderstandingOut(Ok):
    understanding: Understanding


class MarkedPart(BaseModel):
    """A run of a field's text, plain (``finding`` null) or covered by one finding."""

    text: str
    finding: FindingOut | None


class FactUsed(BaseModel):
    key: str
    label: str
    value: str


class SmsCount(BaseModel):
    chars: int
    parts: int
    per_part: int


class CardOut(BaseModel):
    """A creative as the chat grid, the review queue and the API show it."""

    id: str
    campaign_id: str
    segment_key: str
    segment_name: str
    channel: str
    status: str
    fields: dict[str, str]
    marked: dict[str, list[MarkedPart]]
    verdict: str | None
    findings: list[FindingOut]
    facts: list[FactUsed]
    banner: bool
    banner_url: str
    sms: SmsCount | None
    backend: str


class BriefStateOut(Ok):
    plan: PlanOut
    creatives: list[CardOut]


class ProgressOut(Ok):
    """How far the campaign's drafting is."""

    campaign_id: str
    cells: int
    done: int
    state: Literal["running", "done", "failed", "stopped", "idle"]
    n: int | None
    message: str | None = Field(description="Why the job failed; null otherwise.")


class RefinedOut(Ok):
    campaign_id: str
    instruction: str
    reply: str
    replaced: dict[str, str] = Field(description="Old creative id -> the id replacing it.")
    creatives: list[CardOut]
    unchanged: int


class CardEnvelope(Ok):
    creative: CardOut
