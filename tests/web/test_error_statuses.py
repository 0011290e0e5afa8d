"""The error hierarchy (huashu.domain.errors) answers with its status in one place: not found
404, conflict 409, forbidden 403, bad input 422, an upstream failure 502 — as JSON on the API,
as a page in the UI's language for a browser; the upstream's own status and the code survive,
its secrets do not."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import httpx
import pytest

from huashu.config import Settings
from huashu.domain import Conflict, Forbidden, HuashuError, InputError, NotFound
from huashu.generate import LLMError
from huashu.web import create_app
from huashu.web.auth import PUBLIC
from tests.loopback import run_asgi

RAISED: dict[str, HuashuError] = {
    "not-found": NotFound("campaign 'x' not found", message_zh="活动 x 不存在"),
    "conflict": Conflict("already decided", message_zh="审批单已处理", code="already_decided"),
    "forbidden": Forbidden("not yours", message_zh="不能审批自己提交的素材", code="self_approval"),
    "bad": InputError("bad count", message_zh="数量有误", code="bad_count"),
    "upstream": LLMError(
        "chat endpoint answered HTTP 503", code="llm_unavailable", upstream_status=503
    ),
}
STATUS = {"not-found": 404, "conflict": 409, "forbidden": 403, "bad": 422, "upstream": 502}


def _raiser(err: HuashuError) -> Callable[[], None]:
    def fail() -> None:
        raise err

    return fail


def _count(n: int) -> dict[str, int]:
    return {"n": n}


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    app = create_app(Settings(data_dir=tmp_path_factory.mktemp("statuses")))
    for name, err in RAISED.items():
        app.add_api_route(f"/api/v1/raise/{name}", _raiser(err), dependencies=[PUBLIC])
        app.add_api_route(f"/raise/{name}", _raiser(err), dependencies=[PUBLIC])
    app.add_api_route("/api/v1/count", _count, dependencies=[PUBLIC])
    with run_asgi(app) as url:
        yield url


@pytest.mark.parametrize("name", sorted(RAISED))
def test_api_answers_the_class_status_with_the_envelope(base: str, name: str) -> None:
    answer = httpx.get(f"{base}/api/v1/raise/{name}", timeout=10)
    assert answer.status_code == STATUS[name]
    error = answer.json()["error"]
    assert error["code"] == RAISED[name].code
    assert error["message"] == RAISED[name].message_zh


def test_upstream_failure_keeps_its_status_in_details_and_speaks_chinese(base: str) -> None:
    error = httpx.get(f"{base}/api/v1/raise/upstream", timeout=10).json()["error"]
    assert error["details"] == {"upstream_status": 503}
    assert "外部服务" in error["message"]


@pytest.mark.parametrize("name", sorted(RAISED))
def test_browser_gets_a_page_with_the_same_status(base: str, name: str) -> None:
    answer = httpx.get(f"{base}/raise/{name}", headers={"Accept": "text/html"}, timeout=10)
    assert answer.status_code == STATUS[name]
    assert answer.headers["content-type"].startswith("text/html")
    assert RAISED[name].message_zh in answer.text


def test_input_errors_answer_422_like_fastapi_validation(base: str) -> None:
    """Bad input is a 422 whether huashu or FastAPI finds it (never a 400), in one envelope."""
    ours = httpx.get(f"{base}/api/v1/raise/bad", timeout=10)
    theirs = httpx.get(f"{base}/api/v1/count", params={"n": "many"}, timeout=10)
    assert ours.status_code == theirs.status_code == 422
    assert theirs.json()["error"]["code"] == "invalid_request"
    for answer in (ours, theirs):
        assert answer.json()["ok"] is False
        assert set(answer.json()["error"]) == {"code", "message", "details"}
    english = httpx.get(f"{base}/api/v1/raise/bad", params={"lang": "en"}, timeout=10)
    assert english.status_code == 422 and english.json()["error"]["message"] == "bad count"
