"""Build the precedent model (``huashu.compliance.precedents``) from the development sets.

The threshold is the lowest of 0.70, 0.75, ..., 0.95 at which (1) leave-one-set-out over the
last twelve development sets blocks at most one in 500 of the held-back legal cases of 16+
characters (none, until dev69's 120 lawful texts joined the folds and one promotional banner
scored 0.91: zero lawful blocks would have forced 0.95), and
(2) no composition of the example brand packs' approved phrases (up to 5,000 per channel)
scores at or above it: lawful copy of both kinds stays unblocked. The floor (under which a
block by a context rule becomes a review, ``softening.py``) is the highest of 0.01, 0.02, 0.05,
0.10 at which the same folds turn at most one in 500 of the held-back cases the rules rightly
block into reviews. The held-out sets in
``tests/data/heldout/`` are never read. Then the model is trained on every development set and
written, with the blocked cases it cites, to ``src/huashu/compliance/data/``.

Run: ``python scripts/build_precedents.py`` (about a minute); ``--check`` only reports whether
the shipped data matches the development sets.
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
from pathlib import Path

import numpy as np

from huashu.brand import load_brand_pack
from huashu.channels import get_channel
from huashu.compliance import Checker
from huashu.compliance.evaluate_law import LawCase, case_findings, load_law_set
from huashu.compliance.precedents import (
    Precedent,
    PrecedentModel,
    data_digest,
    dev_set_paths,
    scorable,
    train,
)
from huashu.domain import Severity

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
GRID = (0.70, 0.75, 0.80, 0.85, 0.90, 0.95)
FOLDS = 12
PACKS = ("examples/rural_bank.yaml", "examples/cosmetics_xhs.yaml")
PER_CHANNEL = 5_000
FLOORS = (0.01, 0.02, 0.05, 0.10)
#: at most this share of held-back lawful cases may be blocked (threshold), and of the
#: held-back blocks the rules catch may become reviews (floor)
FLOOR_LOSS = 1 / 500


def pairs(cases: list[LawCase]) -> list[tuple[str, bool]]:
    return [(c.text, c.expect == "block") for c in cases]


def cross_validate(
    sets: dict[str, list[LawCase]],
) -> tuple[list[tuple[str, float]], list[tuple[str, bool, float]]]:
    """For the last ``FOLDS`` sets, each scored by a model trained without it: (expect,
    score) of each case (copy shorter than ``MIN_CHARS`` is never scored, so it is left out),
    and (expect, softenable, score) of each case the rules alone block, where softenable means
    every block is a context rule's."""
    names = list(sets)
    scored: list[tuple[str, float]] = []
    blocked: list[tuple[str, bool, float]] = []
    rules = Checker.from_packs()
    context = {r.id for r in rules.rules if r.context}
    for held in names[-FOLDS:]:
        rest = [case for name in names if name != held for case in sets[name]]
        weights, bias = train(pairs(rest))
        model = PrecedentModel(weights, bias, 1.0, "", [])
        for c in sets[held]:
            if not scorable(c.text):
                continue
            score = model.score(c.text)
            scored.append((c.expect, score))
            blocks = [f.rule_id for f in case_findings(rules, c) if f.severity == Severity.BLOCK]
            if blocks:
                blocked.append((c.expect, all(b in context for b in blocks), score))
    return scored, blocked


def choose_floor(blocked: list[tuple[str, bool, float]]) -> tuple[float, list[str]]:
    """The floor, and one report line per grid value."""
    caught = sum(e == "block" for e, _, _ in blocked)
    chosen, lines = 0.0, []
    for f in FLOORS:
        lost = sum(e == "block" and soft and s < f for e, soft, s in blocked)
        saved = sum(e == "pass" and soft and s < f for e, soft, s in blocked)
        lines.append(f"floor {f:.2f}: rightful blocks softened {lost}/{caught}, legal {saved}")
        if lost <= caught * FLOOR_LOSS:
            chosen = f
    return chosen, lines


def composition_texts() -> list[str]:
    """Up to ``PER_CHANNEL`` compositions per channel of the example packs' phrase banks."""
    from huashu.generate.compose import all_compositions, compose_fields

    texts = []
    for name in PACKS:
        pack = load_brand_pack(ROOT / name)
        for channel in pack.channels:
            spec = get_channel(channel)
            combos = list(itertools.islice(all_compositions(pack, spec), 100_000))
            random.Random(0).shuffle(combos)
            for combo in combos[:PER_CHANNEL]:
                fields = compose_fields(pack, spec, combo)
                texts.append("\n".join(t for t in fields.values() if t.strip()))
    return texts


def choose(scored: list[tuple[str, float]], own_max: float) -> tuple[float, list[str]]:
    """The threshold, and one report line per grid value."""
    lines = []
    chosen = GRID[-1]
    passes = sum(e == "pass" for e, _ in scored)
    for t in reversed(GRID):
        block = np.mean([s >= t for e, s in scored if e == "block"])
        legal = sum(s >= t for e, s in scored if e == "pass")
        review = np.mean([s >= t for e, s in scored if e == "review"])
        lines.append(
            f"threshold {t:.2f}: block {block:.3f}, legal blocked {legal}/{passes}, "
            f"review blocked {review:.3f}"
        )
        if legal <= passes * FLOOR_LOSS and own_max < t:
            chosen = t
    return chosen, lines[::-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="only compare digests")
    args = parser.parse_args()
    paths = dev_set_paths(DATA)
    digest = data_digest(paths)
    if args.check:
        shipped = PrecedentModel.load().digest
        print("up to date" if shipped == digest else "stale: run scripts/build_precedents.py")
        sys.exit(0 if shipped == digest else 1)
    sets = {p.stem: load_law_set(p) for p in paths}
    scored, rule_blocked = cross_validate(sets)
    floor, floor_lines = choose_floor(rule_blocked)
    cases = [case for cs in sets.values() for case in cs]
    weights, bias = train(pairs(cases))
    probe = PrecedentModel(weights, bias, 1.0, digest, [])
    own = composition_texts()
    own_max = max(probe.score(t) for t in own)
    threshold, lines = choose(scored, own_max)
    print("\n".join(lines))
    print(f"highest score of {len(own)} example compositions: {own_max:.3f}")
    print(f"threshold: {threshold:.2f}")
    print("\n".join(floor_lines))
    print(f"floor: {floor:.2f}")
    blocked = [Precedent(c.id, c.concept, c.basis, c.text) for c in cases if c.expect == "block"]
    PrecedentModel(weights, bias, threshold, digest, blocked, floor).save()
    print(f"{len(cases)} cases from {len(paths)} sets, {len(blocked)} blocked precedents")


if __name__ == "__main__":
    main()
