"""The OpenAI-compatible images backend over real HTTP against a loopback server: request
shape, b64 and URL answers, reuse across sizes, retries, errors, and a banner on top."""

from __future__ import annotations

import base64
import io

import pytest
from PIL import Image
from pydantic import SecretStr

from huashu.domain import BrandPack, Creative
from huashu.images import (
    BackgroundRequest,
    BannerRenderer,
    CjkFonts,
    ImageBackendError,
    ImagesAPIConfig,
    OpenAIImagesBackend,
    Palette,
    encode,
    read_metadata,
)
from tests.images.images_server import Reply, images_server


def _png(size: tuple[int, int], colour: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    image = Image.new("RGB", size, colour)
    image.paste((250, 250, 250), (0, 0, size[0] // 2, size[1]))
    image.save(out, "PNG")
    return out.getvalue()


def _b64_reply(body: dict[str, object], index: int) -> Reply:
    w, h = (int(v) for v in str(body["size"]).split("x"))
    data = base64.b64encode(_png((w // 8, h // 8), (20, 90, 40))).decode()
    return Reply({"created": 1, "data": [{"b64_json": data}]})


def _config(base_url: str, **kw: object) -> ImagesAPIConfig:
    return ImagesAPIConfig(base_url, model="test-image", backoff_s=0.01, **kw)  # type: ignore[arg-type]


def _request(pack: BrandPack, w: int = 750, h: int = 300, seed: int = 0) -> BackgroundRequest:
    return BackgroundRequest(w, h, Palette.of(pack), seed, "春田农商银行，春耕贷")


def test_request_shape_and_cover_crop(bank_pack: BrandPack) -> None:
    with images_server(_b64_reply) as (url, rec):
        config = _config(url, api_key=SecretStr("sk-test-123"))
        with OpenAIImagesBackend(config) as backend:
            made = backend.background(_request(bank_pack, seed=5))
    (body,) = rec.bodies
    assert body["model"] == "test-image" and body["n"] == 1 and body["seed"] == 5
    assert body["size"] == "1536x1024" and body["response_format"] == "b64_json"
    assert "#1B7F3B" in body["prompt"] and "春田农商银行" in body["prompt"]
    assert "no text" in body["prompt"]
    assert rec.headers[0]["authorization"] == "Bearer sk-test-123"
    assert made.image.size == (750, 300)
    assert made.image.getpixel((10, 150)) == (250, 250, 250)
    assert made.image.getpixel((740, 150)) == (20, 90, 40)
    assert made.source["backend"] == "openai" and made.source["api_size"] == "1536x1024"
    assert "sk-test" not in repr(config) and "sk-test" not in str(made.source)


def test_one_call_serves_every_size_of_a_shape(bank_pack: BrandPack) -> None:
    with images_server(_b64_reply) as (url, rec), OpenAIImagesBackend(_config(url)) as backend:
        for w, h in ((750, 300), (1080, 450), (690, 240), (800, 800), (720, 1280)):
            assert backend.background(_request(bank_pack, w, h)).image.size == (w, h)
    assert [b["size"] for b in rec.bodies] == ["1536x1024", "1024x1024", "1024x1536"]
    assert backend.calls == 3


def test_url_answers_are_fetched(bank_pack: BrandPack) -> None:
    files = {"bg.png": _png((300, 200), (200, 30, 30))}

    def by_url(body: dict[str, object], index: int) -> Reply:
        return Reply({"data": [{"url": f"{root}/files/bg.png"}]})

    with images_server(by_url, files) as (url, rec):
        root = url.removesuffix("/v1")
        config = _config(url, response_format=None)
        with OpenAIImagesBackend(config) as backend:
            made = backend.background(_request(bank_pack))
    assert "response_format" not in rec.bodies[0]
    assert rec.fetched == ["/files/bg.png"]
    assert made.image.getpixel((740, 150)) == (200, 30, 30)


def test_the_api_key_goes_to_the_api_host_only(bank_pack: BrandPack) -> None:
    files = {"bg.png": _png((300, 200), (200, 30, 30))}

    def elsewhere(body: dict[str, object], index: int) -> Reply:
        return Reply({"data": [{"url": f"{cdn.removesuffix('/v1')}/files/bg.png"}]})

    with images_server(_b64_reply, files) as (cdn, cdn_rec), images_server(elsewhere) as (url, _):
        config = _config(url, response_format=None, api_key=SecretStr("sk-test-123"))
        with OpenAIImagesBackend(config) as backend:
            made = backend.background(_request(bank_pack))
    assert cdn_rec.fetched == ["/files/bg.png"] and backend.calls == 1
    assert "authorization" not in cdn_rec.fetch_headers[0]
    assert made.image.getpixel((740, 150)) == (200, 30, 30)


def test_retries_on_429_and_5xx(bank_pack: BrandPack) -> None:
    def flaky(body: dict[str, object], index: int) -> Reply:
        if index == 0:
            return Reply({"error": "slow down"}, status=429, headers={"retry-after": "0"})
        if index == 1:
            return Reply({"error": "oops"}, status=503)
        return _b64_reply(body, index)

    with images_server(flaky) as (url, rec), OpenAIImagesBackend(_config(url)) as backend:
        backend.background(_request(bank_pack))
    assert len(rec.bodies) == 3 and backend.calls == 3


@pytest.mark.parametrize(
    ("reply", "code", "message"),
    [
        (
            Reply({"error": {"message": "bad prompt"}}, status=400),
            "images_rejected",
            'image generation failed with HTTP 400: {"error": {"message": "bad prompt"}}',
        ),
        (
            Reply({"error": "down"}, status=500),
            "images_unavailable",
            'image generation failed after 2 tries: HTTP 500: {"error": "down"}',
        ),
        (
            Reply({"data": []}),
            "images_bad_response",
            'images API answer has no data[0]: {"data": []}',
        ),
        (
            Reply({"data": [{"b64_json": "!!!"}]}),
            "images_bad_response",
            "images API answer has invalid base64 in b64_json",
        ),
        (
            Reply({"data": [{"b64_json": base64.b64encode(b"not a png").decode()}]}),
            "images_bad_response",
            "image from the images API is not a readable image: "
            "cannot identify image file <_io.BytesIO object at {addr}>",
        ),
        (
            Reply({"data": [{}]}),
            "images_bad_response",
            "images API answer has neither b64_json nor url",
        ),
    ],
)
def test_endpoint_failures(bank_pack: BrandPack, reply: Reply, code: str, message: str) -> None:
    with (
        images_server(lambda body, index: reply) as (url, _rec),
        OpenAIImagesBackend(_config(url, max_retries=1)) as backend,
        pytest.raises(ImageBackendError) as info,
    ):
        backend.background(_request(bank_pack))
    assert info.value.code == code
    text = str(info.value)
    if "{addr}" in message:
        assert text.startswith(message.split("{addr}")[0])
    else:
        assert text == message


def test_an_unreachable_endpoint(bank_pack: BrandPack) -> None:
    with images_server(_b64_reply) as (url, _):
        pass
    with (
        OpenAIImagesBackend(_config(url, max_retries=1)) as backend,
        pytest.raises(ImageBackendError) as info,
    ):
        backend.background(_request(bank_pack))
    assert info.value.code == "images_unavailable"
    assert str(info.value) == "image generation failed after 2 tries: ConnectError"


def test_banner_over_an_ai_background(
    fonts: CjkFonts, bank_pack: BrandPack, bank_card: Creative
) -> None:
    with images_server(_b64_reply) as (url, rec), OpenAIImagesBackend(_config(url)) as backend:
        renderer = BannerRenderer(fonts, backend)
        banners = renderer.render_all(bank_pack, bank_card)
    assert len(rec.bodies) == 1
    assert all(b.fits for b in banners)
    meta = read_metadata(encode(banners[0]).data)
    assert meta["background"]["backend"] == "openai"
    assert meta["background"]["model"] == "test-image"
    assert bank_card.fields["title"] not in meta["background"]["prompt"]
    assert meta["min_contrast"] >= 4.5
