"""Brand packs: loading one (the one service behind ``POST /api/v1/brands`` and ``huashu brand
load``), listing the loaded brands, reading one's pack and the display names of segments."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from huashu.audience.segments import cross_segments
from huashu.brand.loader import load_brand_pack
from huashu.domain import BrandPack, InputError
from huashu.store import Store, repos


@dataclass(frozen=True)
class LoadedBrand:
    id: str
    name: str
    channels: tuple[str, ...]

    def as_dict(self) -> dict[str, object]:
        return {"id": self.id, "name": self.name, "channels": list(self.channels)}


def load_brand_text(store: Store, text: str, actor: str) -> LoadedBrand:
    """Validate a brand pack's YAML (the same checks as ``load_brand_pack``) and save it in the
    store with an audit entry, in one short transaction retried while another process holds
    the store busy."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "brand.yaml"
        path.write_text(text, encoding="utf-8")
        pack = load_brand_pack(path)

    def save(s: Session) -> None:
        repos.save_brand(s, pack, text)
        repos.audit(s, actor, "brand.load", "brand", pack.id, {"name": pack.brand.name})

    store.run(save)
    return LoadedBrand(id=pack.id, name=pack.brand.name, channels=tuple(pack.channels))


def list_brands(store: Store) -> list[dict[str, Any]]:
    """Every loaded brand: id, name, channels (a read: takes no write lock)."""
    with store.session(read_only=True) as s:
        return repos.list_brands(s)


def brand_pack(store: Store, brand_id: str) -> BrandPack:
    """The brand's pack as loaded; 404 ``not_found`` for an unknown brand."""
    with store.session() as s:
        return repos.get_brand_pack(s, brand_id)


@dataclass(frozen=True)
class BrandSegments:
    """A brand's pack and its segments' display names by key: the pack's own segments, then
    those its campaigns' plans stored (a stored name wins)."""

    pack: BrandPack
    names: dict[str, str]


def brand_segments(store: Store, brand_id: str) -> BrandSegments:
    """404 ``not_found`` for an unknown brand."""
    with store.session() as s:
        pack = repos.get_brand_pack(s, brand_id)
        return BrandSegments(pack=pack, names=_names(s, brand_id, pack))


def _names(s: Session, brand_id: str, pack: BrandPack | None) -> dict[str, str]:
    """The brand's segment names by key: the pack's own (when given), then those its
    campaigns' plans stored (a stored name wins)."""
    names = {seg.key: seg.name for seg in cross_segments(pack)} if pack is not None else {}
    names.update({seg.key: seg.name for seg in repos.get_segments(s, brand_id)})
    return names


def segment_names_in(s: Session) -> dict[str, str]:
    """:func:`segment_names` inside an open session (a read that needs them with others)."""
    names: dict[str, str] = {}
    for brand in repos.list_brands(s):
        try:
            pack = repos.get_brand_pack(s, brand["id"])
        except InputError:  # a brand row without a readable pack: its stored segments only
            pack = None
        names.update(_names(s, brand["id"], pack))
    return names


def segment_names(store: Store) -> dict[str, str]:
    """Display names of every brand's segments by key: each pack's own, then those plans
    stored."""
    with store.session() as s:
        return segment_names_in(s)
