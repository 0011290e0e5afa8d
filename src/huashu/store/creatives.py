"""Creatives with their status, and the compliance reports checked against them."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from huashu.domain import ComplianceReport, Creative, InputError
from huashu.store.campaigns import campaign_row
from huashu.store.errors import insert_new, not_found
from huashu.store.models import CREATIVE_STATUSES, CampaignRow, ComplianceReportRow, CreativeRow


def _check_status(status: str) -> None:
    if status not in CREATIVE_STATUSES:
        raise InputError(
            f"unknown creative status {status!r}",
            message_zh=f"未知素材状态 {status}",
            code="invalid_status",
            details={"status": status, "allowed": list(CREATIVE_STATUSES)},
        )


def save_creative(
    session: Session, campaign_id: str, creative: Creative, status: str = "draft"
) -> str:
    """Insert a new creative into a campaign of the same brand; returns its id."""
    _check_status(status)
    campaign = campaign_row(session, campaign_id)
    if campaign.brand_id != creative.brand_id:
        raise InputError(
            f"creative {creative.id!r} belongs to brand {creative.brand_id!r}, "
            f"campaign {campaign_id} to brand {campaign.brand_id!r}",
            message_zh=(
                f"素材 {creative.id} 属于品牌 {creative.brand_id}，"
                f"活动 {campaign_id} 属于品牌 {campaign.brand_id}"
            ),
            code="brand_mismatch",
            details={"creative_id": creative.id, "campaign_id": campaign_id},
        )
    row = CreativeRow(
        id=creative.id,
        campaign_id=campaign_id,
        brand_id=creative.brand_id,
        segment_key=creative.segment_key,
        channel=creative.channel,
        fields=dict(creative.fields),
        phrase_ids=dict(creative.phrase_ids),
        provenance=creative.provenance.model_dump(mode="json"),
        round=creative.round,
        status=status,
    )
    insert_new(session, row, "creative", creative.id)
    return creative.id


def creative_row(session: Session, creative_id: str) -> CreativeRow:
    row = session.get(CreativeRow, creative_id)
    if row is None:
        raise not_found("creative", creative_id)
    return row


def _to_creative(row: CreativeRow) -> Creative:
    return Creative.model_validate(
        {
            "id": row.id,
            "brand_id": row.brand_id,
            "segment_key": row.segment_key,
            "channel": row.channel,
            "fields": row.fields,
            "phrase_ids": row.phrase_ids,
            "provenance": row.provenance,
            "round": row.round,
        }
    )


def get_creative(session: Session, creative_id: str) -> Creative:
    return _to_creative(creative_row(session, creative_id))


def get_creative_status(session: Session, creative_id: str) -> str:
    return creative_row(session, creative_id).status


def set_creative_status(session: Session, creative_id: str, status: str) -> None:
    _check_status(status)
    creative_row(session, creative_id).status = status
    session.flush()


def list_creatives(
    session: Session, campaign_id: str | None = None, status: str | None = None
) -> list[Creative]:
    """Creatives in insertion order, optionally of one campaign and/or one status."""
    query = select(CreativeRow).order_by(CreativeRow.created_at, CreativeRow.id)
    if campaign_id is not None:
        query = query.where(CreativeRow.campaign_id == campaign_id)
    if status is not None:
        _check_status(status)
        query = query.where(CreativeRow.status == status)
    return [_to_creative(row) for row in session.scalars(query)]


def save_report(session: Session, report: ComplianceReport) -> str:
    """Insert a report and make it the creative's current one (its provenance points at it)."""
    creative = creative_row(session, report.creative_id)
    row = ComplianceReportRow(
        id=report.id,
        creative_id=report.creative_id,
        verdict=report.verdict.value,
        findings=[f.model_dump(mode="json") for f in report.findings],
        rule_packs=list(report.rule_packs),
    )
    insert_new(session, row, "compliance_report", report.id)
    creative.provenance = {**creative.provenance, "compliance_report_id": report.id}
    session.flush()
    return report.id


def _to_report(row: ComplianceReportRow) -> ComplianceReport:
    return ComplianceReport.model_validate(
        {
            "id": row.id,
            "creative_id": row.creative_id,
            "verdict": row.verdict,
            "findings": row.findings,
            "rule_packs": row.rule_packs,
        }
    )


def get_report(session: Session, report_id: str) -> ComplianceReport:
    row = session.get(ComplianceReportRow, report_id)
    if row is None:
        raise not_found("compliance_report", report_id)
    return _to_report(row)


def report_for_creative(session: Session, creative_id: str) -> ComplianceReport | None:
    """The creative's current report (named in its provenance), or None if never checked."""
    report_id = creative_row(session, creative_id).provenance.get("compliance_report_id")
    if report_id is None:
        return None
    row = session.get(ComplianceReportRow, report_id)
    if row is None or row.creative_id != creative_id:
        return None
    return _to_report(row)


#: statuses that stop a creative from being served, its own or its campaign's.
STOPPED: tuple[str, ...] = ("paused", "taken_down", "archived")
#: the status a creative and its campaign must both have to be served (not before 开始投放).
ON_AIR = "live"
#: creative statuses a policy snapshot may hold (approved and scheduled ones only in snapshots
#: written before issue 22): the candidates of the decide path's stop list.
_DELIVERABLE: tuple[str, ...] = ("approved", "scheduled", "live", *STOPPED)


def blocked_creative_ids(session: Session) -> list[str]:
    """Ids of creatives the decide path must not serve: of every creative a snapshot may hold,
    those not live in a live campaign (paused, taken down, archived, or not started yet,
    themselves or through their campaign); one indexed query."""
    query = (
        select(CreativeRow.id)
        .join(CampaignRow, CampaignRow.id == CreativeRow.campaign_id)
        .where(
            CreativeRow.status.in_(_DELIVERABLE),
            or_(CreativeRow.status != ON_AIR, CampaignRow.status != ON_AIR),
        )
    )
    return list(session.scalars(query))


def on_air_creatives(session: Session) -> list[Creative]:
    """Creatives the decide path may serve: live ones of live campaigns, in insertion order."""
    query = (
        select(CreativeRow)
        .join(CampaignRow, CampaignRow.id == CreativeRow.campaign_id)
        .where(CreativeRow.status == ON_AIR, CampaignRow.status == ON_AIR)
        .order_by(CreativeRow.created_at, CreativeRow.id)
    )
    return [_to_creative(row) for row in session.scalars(query)]
