"""AI backgrounds from an OpenAI-compatible images API (``POST {base_url}/images/generations``):
prompt without any copy, nearest supported size, retries on 429/5xx, cover-crop to the banner.

The API key is sent only in the Authorization header; it never appears in a repr, a log line,
an error message or the banner's metadata.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import logging
import time
from dataclasses import dataclass, field
from typing import Any

import httpx
from PIL import Image
from pydantic import SecretStr

from huashu.domain import HuashuError, InputError
from huashu.images.backgrounds import Background, BackgroundRequest, cover, open_image
from huashu.images.colors import to_hex

log = logging.getLogger(__name__)

RETRY_STATUS = frozenset({408, 409, 425, 429, 500, 502, 503, 504})
PROMPT_TEMPLATE = (
    "Abstract, premium marketing banner background for {subject}. Colour palette built on "
    "{primary} with {accent} highlights, soft light and depth, clean shapes, calm empty space "
    "on the left third for headline text. Absolutely no text, letters, numbers, logos or "
    "watermarks."
)


class ImageBackendError(HuashuError):
    """The images endpoint failed for good: rejected, unavailable, or an unusable answer."""

    def __init__(self, message: str, *, code: str, status: int | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.status = status


@dataclass(frozen=True)
class ImagesAPIConfig:
    """Where and how to call the images endpoint. ``sizes`` are those the model accepts; the
    one closest in aspect to the banner is requested. ``response_format`` None leaves the
    field out (gpt-image models always answer ``b64_json``)."""

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

    def __post_init__(self) -> None:
        if self.max_retries < 0:
            raise ValueError("max_retries must be >= 0")
        if not self.timeout_s > 0:
            raise ValueError("timeout_s must be > 0")
        if not self.sizes:
            raise ValueError("sizes must not be empty")

    @property
    def endpoint(self) -> str:
        return self.base_url.rstrip("/") + "/images/generations"


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
        self._client: httpx.Client | None = None
        self._images: dict[tuple[str, str, int], tuple[Image.Image, str]] = {}
        self.calls = 0

    def __enter__(self) -> OpenAIImagesBackend:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def _http(self) -> httpx.Client:
        if self._client is None:
            headers = {"Content-Type": "application/json"}
            if self.config.api_key is not None:
                headers["Authorization"] = f"Bearer {self.config.api_key.get_secret_value()}"
            self._client = httpx.Client(
                headers=headers,
                timeout=httpx.Timeout(self.config.timeout_s),
                transport=self._transport,
            )
        return self._client

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
        retries = 0
        while True:
            self.calls += 1
            try:
                response = client.post(self.config.endpoint, json=body)
            except (httpx.TimeoutException, httpx.TransportError) as err:
                failure, status, wait = type(err).__name__, None, None
            else:
                if response.status_code == 200:
                    return self._image_bytes(client, response)
                status = response.status_code
                failure = f"HTTP {status}: {response.text[:200]}"
                wait = _retry_after(response)
                if status not in RETRY_STATUS:
                    raise ImageBackendError(
                        f"image generation failed with {failure}",
                        code="images_rejected",
                        status=status,
                    )
            if retries >= self.config.max_retries:
                raise ImageBackendError(
                    f"image generation failed after {retries + 1} tries: {failure}",
                    code="images_unavailable",
                    status=status,
                )
            delay = min(
                wait if wait is not None else self.config.backoff_s * 2.0**retries,
                self.config.max_backoff_s,
            )
            log.warning("image generation retry %d in %.2fs: %s", retries + 1, delay, failure)
            retries += 1
            time.sleep(delay)

    def _image_bytes(self, client: httpx.Client, response: httpx.Response) -> bytes:
        try:
            item = response.json()["data"][0]
        except (ValueError, KeyError, IndexError, TypeError) as err:
            raise ImageBackendError(
                f"images API answer has no data[0]: {response.text[:200]}",
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
            fetched = client.get(str(item["url"]))
            if fetched.status_code != 200:
                raise ImageBackendError(
                    f"fetching the generated image failed with HTTP {fetched.status_code}",
                    code="images_bad_response",
                    status=fetched.status_code,
                )
            return fetched.content
        raise ImageBackendError(
            "images API answer has neither b64_json nor url", code="images_bad_response"
        )


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        return None
