"""JSON API for the compliance engine: check a text or a creative's fields, optionally auto-fix,
and list the loaded rules. Bodies are read raw so that bad bytes get a precise error."""

from __future__ import annotations

import json
from typing import Any, get_args

from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict, ValidationError

from huashu.compliance import Checker
from huashu.compliance.industry import choose_industries, parse_industries
from huashu.compliance.inputs import (
    ANY_SIGNATURE,
    MAX_BODY_BYTES,
    MAX_CHECK_CHARS,
    check_text_size,
    decode_utf8,
    generic_brand,
)
from huashu.domain import BrandPack, ChannelName, ComplianceReport, InputError
from huashu.services.brands import brand_pack
from huashu.web.auth import ALL_ROLES, allow
from huashu.web.backends import runtime_of, store_of
from huashu.web.schemas_check import CheckOut, RulesOut

router = APIRouter(tags=["compliance"])


class CheckRequest(BaseModel):
    """A check: ``text`` (one field) or ``fields`` (a creative's fields in reading order)."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = None
    fields: dict[str, str] | None = None
    channel: ChannelName = "home_card"
    brand_id: str | None = None
    #: finance, insurance, cosmetics, health_food or general (comma-separated); default: the
    #: brand's, else inferred from the copy, else all (compliance.industry).
    industry: str | None = None
    sms_route: str | None = None
    fix: bool = False

    def copy_fields(self) -> dict[str, str]:
        if (self.text is None) == (self.fields is None):
            raise InputError(
                "give either 'text' or 'fields'",
                message_zh="请提供 text 或 fields（二者选一）",
                code="text_or_fields",
            )
        fields = {"text": self.text} if self.text is not None else dict(self.fields or {})
        check_text_size("".join(fields.values()))
        return fields


def _invalid(err: ValidationError) -> InputError:
    errors = [{"loc": list(e["loc"]), "msg": e["msg"]} for e in err.errors()]
    first = errors[0]
    where = ".".join(str(p) for p in first["loc"]) or "-"
    return InputError(
        f"invalid check request: {where}: {first['msg']}",
        message_zh=f"检查请求有误：{where}：{first['msg']}",
        code="invalid_request",
        details={"errors": errors},
    )


async def _parse(request: Request) -> CheckRequest:
    raw = await request.body()
    if len(raw) > MAX_BODY_BYTES:
        raise InputError(
            f"the request body has {len(raw)} bytes; the limit is {MAX_BODY_BYTES}",
            message_zh=f"请求体共 {len(raw)} 字节，上限 {MAX_BODY_BYTES} 字节",
            code="text_too_large",
            details={"bytes": len(raw), "limit": MAX_BODY_BYTES, "chars": MAX_CHECK_CHARS},
        )
    body = decode_utf8(raw)
    try:
        if request.headers.get("content-type", "").startswith("text/plain"):
            return CheckRequest.model_validate({**request.query_params, "text": body})
        try:
            data = json.loads(body)
        except json.JSONDecodeError as err:
            raise InputError(
                f"the request body is not valid JSON: {err.msg} at line {err.lineno}",
                message_zh=f"请求体不是有效的 JSON：第 {err.lineno} 行 {err.msg}",
                code="invalid_json",
                details={"line": err.lineno, "column": err.colno},
            ) from err
        return CheckRequest.model_validate(data)
    except ValidationError as err:
        raise _invalid(err) from err


def _brand(
    request: Request, req: CheckRequest
) -> tuple[BrandPack | None, BrandPack, dict[str, str]]:
    if req.brand_id is None:
        return None, generic_brand(), dict(ANY_SIGNATURE)
    pack = brand_pack(store_of(request), req.brand_id)
    return pack, pack, {}


@router.post(
    "/check",
    response_model=CheckOut,
    response_model_exclude_unset=True,
    dependencies=[allow(ALL_ROLES)],
)
async def check(request: Request) -> dict[str, Any]:
    """Verdict and findings for ``text`` or ``fields``; with ``fix``, the fixed fields, the
    fixes applied, and the findings of checking them again. Also accepts a ``text/plain`` body
    with the options as query parameters."""
    req = await _parse(request)
    fields = req.copy_fields()
    asked = parse_industries(req.industry)
    given, pack, options = _brand(request, req)
    checker: Checker = runtime_of(request).checker
    chosen = choose_industries(asked, given, fields.values(), checker.normalizer)
    out: dict[str, Any] = {
        "ok": True,
        "channel": req.channel,
        "brand_id": pack.id,
        "industry": chosen.as_json(),
        "rule_packs": list(checker.packs),
    }
    kw: dict[str, Any] = {
        "sms_route": req.sms_route,
        "options": options,
        "industries": chosen.industries,
    }
    if req.fix:
        result = checker.fix(fields, req.channel, pack, **kw)
        findings = list(result.findings)
        out["fields"] = result.fields
        out["applied"] = [
            {
                "rule_id": a.rule_id,
                "field": a.field,
                "description_zh": a.description_zh,
                "description_en": a.description_en,
            }
            for a in result.applied
        ]
    else:
        findings = checker.check_fields(fields, req.channel, pack, **kw)
    out["verdict"] = ComplianceReport.verdict_of(findings).value
    out["findings"] = [f.model_dump(mode="json") for f in findings]
    return out


@router.get("/check/rules", response_model=RulesOut, dependencies=[allow(ALL_ROLES)])
def rules(request: Request) -> dict[str, Any]:
    """Every loaded rule with its legal basis, severity and scope."""
    checker: Checker = runtime_of(request).checker
    return {
        "ok": True,
        "rule_packs": list(checker.packs),
        "channels": list(get_args(ChannelName)),
        "rules": [
            r.model_dump(
                mode="json",
                include={"id", "basis", "severity", "channels", "industries", "kind", "message_zh"},
            )
            for r in checker.rules
        ],
    }
