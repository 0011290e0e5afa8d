"""Loading a brand pack: the one service behind ``POST /api/v1/brands`` and ``huashu brand
load``."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from huashu.brand.loader import load_brand_pack
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
