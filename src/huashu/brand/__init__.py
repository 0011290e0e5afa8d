"""Brand-pack files: load a YAML pack into a :class:`~huashu.domain.BrandPack`, or list every
problem in it with its file, line and field (format: docs/brand-pack.md)."""

from huashu.brand.loader import load_brand_pack, validate_brand_pack
from huashu.brand.problems import PackProblem

__all__ = ["PackProblem", "load_brand_pack", "validate_brand_pack"]
