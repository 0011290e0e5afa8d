"""Untrusted patterns, files and requests, played through the API of a real server on loopback:
take-down regexes (V4), take-down terms and copy in review (V15), segment files that expand
(V5), and bodies that are form-encoded, not UTF-8 or nested too deeply."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.security.input_support import BACKENDS, QUIET, Site, browser_login, seeded
from tests.web.server import serve

from huashu.audience import bounds
from huashu.config import Settings


@pytest.fixture(params=BACKENDS)
def site(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Site]:
    with seeded(request.param, tmp_path) as made:
        yield made


def _error(response: Any) -> dict[str, Any]:
    error: dict[str, Any] = response.json()["error"]
    return error


# --- V4: take-down regexes ---------------------------------------------------------------

#: (pattern, status, error code, what the reason says)
REGEXES = [
    (".*.*.*.*.*#", 200, None, None),  # froze the server (10 s, x10 per extra .*) before RE2
    ("(a+)+b", 200, None, None),
    (r"(a)\1", 422, "invalid_regex", "back-references"),
    ("(?=稳)赚", 422, "invalid_regex", "look-around"),
    ("a{1001}", 422, "invalid_regex", "repetition size"),
    ("(", 422, "invalid_regex", "missing )"),
    ("a" * 201, 422, "invalid_regex", "longer than 200"),
]


@pytest.mark.parametrize(("pattern", "status", "code", "reason"), REGEXES)
def test_takedown_regexes_run_in_linear_time_or_are_refused(
    site: Site, pattern: str, status: int, code: str | None, reason: str | None
) -> None:
    with serve(site.settings, role="reviewer") as legal:
        answer = legal.post(
            "/api/v1/takedowns",
            json={"by": "regex", "value": pattern, "reason": "probe", "dry_run": True},
        )
    assert answer.status_code == status, answer.text
    if code is None:
        assert answer.json()["incident"]["affected"] == []
    else:
        error = _error(answer)
        assert error["code"] == code and error["message"].startswith("正则表达式无效")
        assert reason in error["details"]["reason"]


def test_a_matching_regex_still_takes_copy_down(site: Site) -> None:
    with serve(site.settings, role="reviewer") as legal:
        answer = legal.post(
            "/api/v1/takedowns", json={"by": "regex", "value": "稳赚.*不赔", "reason": "通报"}
        )
    assert answer.status_code == 200
    assert answer.json()["incident"]["affected"] == ["c-live"]


# --- V15: take-down terms and copy still in review ---------------------------------------


def test_takedown_term_stops_copy_in_review_and_refuses_its_approval(site: Site) -> None:
    with serve(site.settings, role="reviewer") as legal:
        done = legal.post(
            "/api/v1/takedowns", json={"by": "term", "value": "稳赚", "reason": "监管通报"}
        )
        assert done.status_code == 200, done.text
        incident = done.json()["incident"]
        assert incident["affected"] == ["c-live"]
        assert incident["scope"]["in_review"] == ["c-review"]
        approval = legal.get(f"/api/v1/approvals/{site.approval_id}").json()["approval"]
        items = {i["creative_id"]: i for i in approval["items"]}
        assert items["c-review"]["decision"] == "rejected"
        assert "监管通报" in items["c-review"]["comment"]
        assert approval["status"] == "pending" and items["c-clean"]["decision"] is None
        clean = legal.post(
            f"/api/v1/approvals/{site.approval_id}/decide", json={"approve_all": True}
        )
        assert clean.status_code == 200 and clean.json()["approval"]["status"] == "approved"

        site.add_draft("c-new", "限时稳 赚！春耕贷")  # a spaced variant, written after the fact
        filed = legal.post(
            f"/api/v1/campaigns/{site.campaign_id}/submit", headers=site.token("operator")
        )
        assert filed.status_code == 200, filed.text
        new_approval = filed.json()["approval"]["id"]
        refused = legal.post(f"/api/v1/approvals/{new_approval}/decide", json={"approve_all": True})
    assert refused.status_code == 422
    error = _error(refused)
    assert error["code"] == "taken_down_copy" and error["details"]["incident_id"] == incident["id"]
    assert "不能审批通过" in error["message"]


def test_an_in_review_creative_is_rejected_by_id(site: Site) -> None:
    with serve(site.settings, role="admin") as admin:
        done = admin.post(
            "/api/v1/takedowns", json={"by": "creative", "value": "c-clean", "reason": "客诉"}
        )
        assert done.status_code == 200, done.text
        assert done.json()["incident"]["scope"]["in_review"] == ["c-clean"]
        approval = admin.get(f"/api/v1/approvals/{site.approval_id}").json()["approval"]
    assert {i["creative_id"]: i["decision"] for i in approval["items"]}["c-clean"] == "rejected"


# --- V5: segment files that expand -------------------------------------------------------


def _laughs(levels: int, width: int = 9) -> str:
    """Billion laughs in a segment file: each rule is ``width`` aliases of the one before."""
    lines = ["segments:", "- key: s0", '  rule: &r0 {field: age, op: ">", value: 1}']
    for n in range(1, levels + 1):
        refs = ", ".join([f"*r{n - 1}"] * width)
        lines += [f"- key: s{n}", f"  rule: &r{n} {{any: [{refs}]}}"]
    return "\n".join(lines) + "\n"


def _doubling(levels: int) -> dict[str, Any]:
    """Each segment is ``any`` of the previous one twice: 2**levels conditions in SQL."""
    segments: list[dict[str, Any]] = [
        {"key": "s0", "rule": {"field": "age", "op": ">", "value": 1}}
    ]
    for n in range(1, levels + 1):
        twice = [{"segment": f"s{n - 1}"}] * 2
        segments.append({"key": f"s{n}", "rule": {"any": twice}})
    return {"segments": segments}


def _cross(dimensions: int, values: int) -> dict[str, Any]:
    dims = [
        {
            "name": f"d{d}",
            "field": f"f{d}",
            "values": [{"value": v, "label": f"v{v}"} for v in range(values)],
        }
        for d in range(dimensions)
    ]
    return {"cross": {"dimensions": dims}}


def _nested(depth: int) -> dict[str, Any]:
    rule: dict[str, Any] = {"field": "age", "op": ">", "value": 1}
    for _ in range(depth):
        rule = {"not": rule}
    return {"segments": [{"key": "deep", "rule": rule}]}


#: (what, request body, the bound it hits)
BOMBS = [
    ("YAML aliases expanding 9**7-fold", {"text": _laughs(7)}, bounds.MAX_NODES),
    ("over 100 YAML aliases", {"text": _laughs(12, 10)}, bounds.MAX_ALIASES),
    ("segment references doubling 40 times", {"spec": _doubling(40)}, bounds.MAX_RULE_SIZE),
    ("6 dimensions of 10 values", {"spec": _cross(6, 10)}, bounds.MAX_CELLS),
    ("rules nested 60 deep", {"spec": _nested(60)}, bounds.MAX_DEPTH),
    ("text over the size bound", {"text": "#" * (bounds.MAX_TEXT_BYTES + 1)}, None),
]


@pytest.mark.parametrize(("what", "body", "limit"), BOMBS, ids=[b[0] for b in BOMBS])
def test_expanding_segment_files_are_refused_before_evaluation(
    site: Site, what: str, body: dict[str, Any], limit: int | None
) -> None:
    with serve(site.settings, role="analyst") as analyst:
        answer = analyst.post("/api/v1/segments/preview", json=body)
    assert answer.status_code == 422, answer.text
    error = _error(answer)
    assert error["code"] == "segment_file_too_large", error
    assert error["details"]["limit"] == (limit or bounds.MAX_TEXT_BYTES)
    assert "请拆分或简化" in error["message"]


def test_the_bounds_leave_an_ordinary_file_alone() -> None:
    from huashu.audience import read_spec_text

    spec = read_spec_text(_laughs(2, 3), "ok.yaml")
    assert [s.key for s in spec.segments] == ["s0", "s1", "s2"]
    assert read_spec_text(json.dumps(_doubling(5)), "ok.json").segments[-1].key == "s5"


def test_segment_evaluation_is_stopped_at_its_time_limit(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", segment_eval_seconds=0.001, **QUIET)
    users = "user_id,age,occupation\n" + "".join(
        f"{i},{20 + i % 40},{'crop' if i % 2 else 'smb'}\n" for i in range(2000)
    )
    spec = {"segments": [{"key": "young", "rule": {"field": "age", "op": "<", "value": 30}}]}
    with serve(settings, role="operator") as operator:
        loaded = operator.post(
            "/api/v1/segments/upload", params={"format": "csv"}, content=users.encode()
        )
        assert loaded.status_code == 200, loaded.text
        stopped = operator.post("/api/v1/segments/preview", json={"spec": spec})
        assert stopped.status_code == 422, stopped.text
        assert _error(stopped)["code"] == "segment_timeout"
        assert _error(stopped)["details"]["limit_seconds"] == 0.001
        after = operator.get("/api/v1/campaigns")  # the server is free again
    assert after.status_code == 200


# --- bodies: form-encoded, not UTF-8, nested too deeply ----------------------------------

JSON, CSV, FORM = "application/json", "text/csv", "application/x-www-form-urlencoded"
#: (what, path, content type, body, status, error code): a body the app cannot parse is a
#: 400; /check decodes its own body, so its bad UTF-8 is an InputError (422, with the offset)
BAD_BODIES = [
    ("check: not UTF-8", "/api/v1/check", JSON, b'{"text": "\xff\xfe"}', 422, "invalid_utf8"),
    ("login: not UTF-8", "/api/v1/auth/login", JSON, b'{"username": "\xff"}', 400, "invalid_utf8"),
    ("login page: not UTF-8", "/login", FORM, b"username=\xff&password=x", 400, "invalid_utf8"),
    (
        "metrics: not UTF-8",
        "/api/v1/metrics/import/impressions",
        CSV,
        b"a,b\n1,\xff\n",
        400,
        "invalid_utf8",
    ),
    (
        "upload: not UTF-8",
        "/api/v1/segments/upload?format=csv",
        CSV,
        b"user_id,name\n1,\xff\n",
        400,
        "invalid_utf8",
    ),
    ("check: nested", "/api/v1/check", JSON, b"[" * 100_000, 400, "too_deeply_nested"),
    (
        "segments: nested",
        "/api/v1/segments/preview",
        JSON,
        b'{"spec": ' + b'{"a": ' * 100_000,
        400,
        "too_deeply_nested",
    ),
]


@pytest.mark.parametrize(
    ("what", "path", "kind", "body", "status", "code"), BAD_BODIES, ids=[b[0] for b in BAD_BODIES]
)
def test_bad_bodies_get_a_4xx_with_a_clear_message(
    tmp_path: Path, what: str, path: str, kind: str, body: bytes, status: int, code: str
) -> None:
    settings = Settings(data_dir=tmp_path / "data", **QUIET)
    with serve(settings, role="admin") as admin:
        answer = admin.post(path, content=body, headers={"Content-Type": kind})
    assert answer.status_code == status, answer.text
    assert _error(answer)["code"] == code


def _form(fields: dict[str, str], multipart: str) -> dict[str, Any]:
    """Request arguments posting ``fields`` as a browser form would (``multipart``: "no",
    "yes", or "file": with a file part too, whose temporary file must be closed)."""
    if multipart == "no":
        return {"data": fields}
    parts = [
        f'--b0undary\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'
        for k, v in fields.items()
    ]
    if multipart == "file":
        parts.append(
            '--b0undary\r\nContent-Disposition: form-data; name="f"; filename="a.txt"\r\n'
            "Content-Type: text/plain\r\n\r\n" + "x" * 2048 + "\r\n"
        )
    return {
        "content": ("".join(parts) + "--b0undary--\r\n").encode(),
        "headers": {"Content-Type": "multipart/form-data; boundary=b0undary"},
    }


@pytest.mark.parametrize(
    "multipart", ["no", "yes", "file"], ids=["urlencoded", "multipart", "multipart-file"]
)
def test_form_posts_carry_the_csrf_token_field(tmp_path: Path, multipart: str) -> None:
    settings = Settings(data_dir=tmp_path / "data", **QUIET)
    with (
        serve(settings, role=None) as anonymous,
        browser_login(str(anonymous.base_url), "operator", settings) as (browser, csrf),
    ):
        forged = browser.post("/api/v1/auth/logout", **_form({"csrf_token": "x" * 32}, multipart))
        assert forged.status_code == 403 and _error(forged)["code"] == "csrf_failed"
        done = browser.post("/api/v1/auth/logout", **_form({"csrf_token": csrf}, multipart))
        assert done.status_code == 200, done.text
        assert browser.get("/api/v1/auth/me").status_code == 401
