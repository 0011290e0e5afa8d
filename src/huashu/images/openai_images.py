"""AI backgrounds from an OpenAI-compatible images API (``POST {base_url}/images/generations``):
prompt without any copy, nearest supported size, cover-crop to the banner; calls go through the
shared HTTP layer (:mod:`huashu.net`: timeouts, retries on 429/5xx with backoff).

The API key is sent only in the Authorization header; it never appears in a repr, a log line,
an error message or the banner's metadata.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass, field
from typing import Any

import httpx
from PIL import Image
from pydantic import SecretStr

from huashu.domain import InputError, UpstreamError
from huashu.images.backgrounds import Background, BackgroundRequest, cover, open_image
from huashu.images.colors import to_hex
from huashu.net import (
    HttpClient,
    HttpPolicy,
    UpstreamHTTPError,
    api_policy,
    check_api_call_settings,
    excerpt,
    host_key,
)

PROMPT_TEMPLATE = (
    "Abstract, premium marketing banner background for {subject}. Colour palette built on "
    "{primary} with {accent} highlights, soft light and depth, clean shapes, calm empty space "
    "on the left third for headline text. Absolutely no text, letters, numbers, logos or "
    "watermarks."
)


class ImageBackendError(UpstreamError):
    """The images endpoint failed for good: ``images_rejected``, ``images_unavailable``, or
    ``images_bad_response`` (an unusable answer). ``upstream_status`` is the endpoint's HTTP
    status, when it answered."""

    def __init__(self, message: str, *, code: str, upstream_status: int | None = None) -> None:
        super().__init__(message, code=code, details={"upstream_status": upstream_status})
        self.upstream_status = upstream_status


@dataclass(frozen=True)
class ImagesAPIConfig:
    """Where and how to call the images endpoint. ``sizes`` are those the model accepts; the
    one closest in aspect to the banner is requested. ``response_format`` None leaves the
    field out (gpt-image models always answer ``b64_json``). ``timeout_s`` bounds reading an
    answer, ``connect_timeout_s`` connecting; backoff doubles from ``backoff_s`` up to
    ``max_backoff_s``, with jitter."""

    base_url: str
    model: str = "gpt-image-1"
    api_key: SecretStr | None = field(default=None, repr=False)
    timeout_s: float = 120.0
    max_retries: int = 3
    backoff_s: float = 0.5
    max_backoff_s: float = 20.0
    sizes: tuple[str, ...] = ("1024x1024", "1536x1024", "1024x1536")
    response_format: str | None = "b64_json"
    prompt_template: str = PROMPT_TEMPLATE
    connect_timeout_s: float = 10.0

    def __post_init__(self) -> None:
        check_api_call_settings(self)
        if not self.sizes:
            raise ValueError("sizes must not be empty")

    @property
    def endpoint(self) -> str:
        return self.base_url.rstrip("/") + "/images/generations"

    @property
    def http_policy(self) -> HttpPolicy:
        return api_policy(self)


def _aspect(size: str) -> float:
    w, _, h = size.partition("x")
    return int(w) / int(h)


class OpenAIImagesBackend:
    """Backgrounds drawn by an image model; one call per (prompt, size, seed), reused for
    every banner size of the same shape."""

    name = "openai"

    def __init__(
        self, config: ImagesAPIConfig, transport: httpx.BaseTransport | None = None
    ) -> None:
        self.config = config
        self._transport = transport
        self._client: HttpClient | None = None
        self._plain: HttpClient | None = None
        self._images: dict[tuple[str, str, int], tuple[Image.Image, str]] = {}
        self.calls = 0

    def __enter__(self) -> OpenAIImagesBackend:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        for client in (self._client, self._plain):
            if client is not None:
                client.close()
        self._client = self._plain = None

    def _http(self) -> HttpClient:
        if self._client is None:
            headers = {"Content-Type": "application/json"}
            secrets: tuple[str, ...] = ()
            if self.config.api_key is not None:
                key = self.config.api_key.get_secret_value()
                headers["Authorization"] = f"Bearer {key}"
                secrets = (key,)
            self._client = HttpClient(
                self.config.http_policy,
                name="image generation",
                headers=headers,
                secrets=secrets,
                transport=self._transport,
            )
        return self._client

    def _fetcher(self) -> HttpClient:
        """A client without the API key, for image URLs on another host."""
        if self._plain is None:
            self._plain = HttpClient(
                self.config.http_policy, name="image download", transport=self._transport
            )
        return self._plain

    def prompt(self, request: BackgroundRequest) -> str:
        hexes = request.palette.as_hex()
        return self.config.prompt_template.format(
            subject=request.subject or "a brand", primary=hexes["primary"], accent=hexes["accent"]
        )

    def api_size(self, request: BackgroundRequest) -> str:
        aspect = request.width / request.height
        return min(self.config.sizes, key=lambda s: abs(_aspect(s) - aspect))

    def background(self, request: BackgroundRequest) -> Background:
        prompt, size = self.prompt(request), self.api_size(request)
        key = (prompt, size, request.seed)
        if key not in self._images:
            data = self._generate(prompt, size, request.seed)
            try:
                image = open_image(data, "image from the images API")
            except InputError as err:
                raise ImageBackendError(str(err), code="images_bad_response") from err
            self._images[key] = (image, hashlib.sha256(data).hexdigest())
        image, digest = self._images[key]
        return Background(
            cover(image, request.width, request.height, (0.5, 0.5)),
            {
                "backend": self.name,
                "model": self.config.model,
                "endpoint": self.config.endpoint,
                "api_size": size,
                "prompt": prompt,
                "seed": str(request.seed),
                "sha256": digest,
                "primary": to_hex(request.palette.primary),
            },
        )

    def _generate(self, prompt: str, size: str, seed: int) -> bytes:
        body: dict[str, Any] = {"model": self.config.model, "prompt": prompt, "n": 1, "size": size}
        if self.config.response_format is not None:
            body["response_format"] = self.config.response_format
        if seed:
            body["seed"] = seed
        client = self._http()
        try:
            sent = client.request("POST", self.config.endpoint, json=body)
        except UpstreamHTTPError as err:
            self.calls += err.attempts
            raise ImageBackendError(
                err.summary("image generation"),
                code="images_unavailable" if err.transient else "images_rejected",
                upstream_status=err.upstream_status,
            ) from err
        self.calls += sent.attempts
        return self._image_bytes(client, sent.response)

    def _image_bytes(self, client: HttpClient, response: httpx.Response) -> bytes:
        try:
            item = response.json()["data"][0]
        except (ValueError, KeyError, IndexError, TypeError) as err:
            key = self.config.api_key
            secrets = (key.get_secret_value(),) if key is not None else ()
            raise ImageBackendError(
                f"images API answer has no data[0]: {excerpt(response.text, 200, secrets)}",
                code="images_bad_response",
            ) from err
        if isinstance(item, dict) and item.get("b64_json"):
            try:
                return base64.b64decode(item["b64_json"], validate=True)
            except (binascii.Error, ValueError) as err:
                raise ImageBackendError(
                    "images API answer has invalid base64 in b64_json",
                    code="images_bad_response",
                ) from err
        if isinstance(item, dict) and item.get("url"):
            url = str(item["url"])
            if host_key(url) != host_key(self.config.endpoint):
                client = self._fetcher()  # the API key goes to the API's host only
            try:
                fetched = client.request("GET", url)
            except UpstreamHTTPError as err:
                failure = f"HTTP {err.upstream_status}" if err.upstream_status else err.reason
                raise ImageBackendError(
                    f"fetching the generated image failed with {failure}",
                    code="images_bad_response",
                    upstream_status=err.upstream_status,
                ) from err
            return fetched.response.content
        raise ImageBackendError(
            "images API answer has neither b64_json nor url", code="images_bad_response"
        )
