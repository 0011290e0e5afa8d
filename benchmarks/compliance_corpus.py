"""Precision and recall per rule family on the labelled corpus (tests/data), recall on block
labels and the false-positive rate on legal copy.

Run: ``python benchmarks/compliance_corpus.py``
"""

from __future__ import annotations

from pathlib import Path

from huashu.brand import load_brand_pack
from huashu.compliance import Checker
from huashu.compliance.evaluate import evaluate, load_corpus

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
BRANDS = {
    "bank": ROOT / "examples" / "rural_bank.yaml",
    "cos": ROOT / "examples" / "cosmetics_xhs.yaml",
    "app": DATA / "brands" / "credit_app.yaml",
    "shop": DATA / "brands" / "shop_app.yaml",
}


def main() -> None:
    brands = {key: load_brand_pack(path) for key, path in BRANDS.items()}
    samples = load_corpus(DATA / "compliance_corpus.yaml")
    result = evaluate(Checker.from_packs(), samples, brands)
    kinds = ", ".join(f"{k} {n}" for k, n in sorted(result.by_kind.items()))
    channels = ", ".join(f"{k} {n}" for k, n in sorted(result.by_channel.items()))
    print(f"samples: {result.samples} ({kinds}); channels: {channels}")
    print(
        f"block labels: {result.block_labels}, found {result.block_found}: "
        f"recall {result.block_recall:.3f}"
    )
    print(
        f"legal copy: {result.legal_samples} samples, {result.legal_flagged} flagged: "
        f"false-positive rate {result.clean_fpr:.3f}"
    )
    print(f"samples whose findings differ from the labels: {len(result.misses)}")
    for sample, got in result.misses:
        print(f"  {sample.text}: expected {sorted(sample.expected)}, got {sorted(got)}")
    print()
    print(result.table())


if __name__ == "__main__":
    main()
