"""Compliance engine throughput: MB/s of Chinese copy through every built-in rule plus a
10,000-term dictionary rule, and the Aho-Corasick term matcher against a plain ``re``
alternation of the same terms, on the same normalised text in the same run.

The engine memoises claims per clause text across checks; the "fresh numbers" text (every digit
of the copy redrawn at random) keeps that memo from hitting, and the first call on a new
checker runs with it empty.

Run: ``python benchmarks/compliance_speed.py [--mb 5] [--terms 10000] [--seed 7]``
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import re
import sys
import tempfile
import time
from pathlib import Path

import yaml

from huashu.brand import load_brand_pack
from huashu.compliance import Checker, Normalizer, TermMatcher, term_regex
from huashu.compliance.evaluate import load_corpus

ROOT = Path(__file__).resolve().parents[1]


def corpus_text(
    megabytes: float, seed: int, legal_only: bool = False, fresh_numbers: bool = False
) -> str:
    """Realistic copy: the labelled corpus samples (all of them, or only the bank's legal
    ones, which pass against the bank's brand pack), shuffled and repeated to ``megabytes``;
    with ``fresh_numbers`` every digit is redrawn at random (few clauses repeat)."""
    samples = load_corpus(ROOT / "tests" / "data" / "compliance_corpus.yaml")
    if legal_only:
        samples = [s for s in samples if not s.expected and s.brand == "bank"]
    texts = [s.text for s in samples]
    rng = random.Random(seed)
    out: list[str] = []
    size = 0
    while size < megabytes * 1e6:
        text = rng.choice(texts)
        if fresh_numbers:
            text = "".join(str(rng.randrange(10)) if c.isdigit() else c for c in text)
        out.append(text)
        size += len(text.encode()) + 1
    return "\n".join(out)


def dictionary(text: str, n: int, seed: int, ngrams: float = 0.01) -> list[str]:
    """``n`` distinct terms like a sensitive-word list: a share ``ngrams`` are 3-5 character
    n-grams of the text (they hit, often), the rest random 3-6 character strings of the text's
    characters (frequent characters, so they hit too, less often)."""
    rng = random.Random(seed)
    cjk = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    terms: set[str] = set()
    while len(terms) < int(n * ngrams):
        i = rng.randrange(len(text) - 5)
        gram = text[i : i + rng.randint(3, 5)]
        if all("\u4e00" <= c <= "\u9fff" for c in gram):
            terms.add(gram)
    while len(terms) < n:
        terms.add("".join(rng.choice(cjk) for _ in range(rng.randint(3, 6))))
    return sorted(terms)


def best_of(fn: object, repeat: int = 3) -> float:
    """The least CPU time of ``repeat`` runs (the machine may be shared: CPU time, not wall)."""
    assert callable(fn)
    times = []
    for _ in range(repeat):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=float, default=5.0)
    parser.add_argument("--terms", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--ngrams", type=float, default=0.01, help="share of terms that hit")
    args = parser.parse_args()

    text = corpus_text(args.mb, args.seed)
    mb = len(text.encode()) / 1e6
    terms = dictionary(text, args.terms, args.seed, args.ngrams)
    bank = load_brand_pack(ROOT / "examples" / "rural_bank.yaml")
    with tempfile.TemporaryDirectory() as tmp:
        pack = Path(tmp) / "dictionary.yaml"
        rule = {
            "id": "house-dictionary",
            "basis": "benchmark",
            "severity": "review",
            "kind": "terms",
            "terms": terms,
            "message_zh": "词典命中",
            "message_en": "dictionary hit",
        }
        pack.write_text(
            yaml.safe_dump({"id": "house", "version": "1", "rules": [rule]}, allow_unicode=True),
            encoding="utf-8",
        )
        build = time.perf_counter()
        checker = Checker.from_packs([pack])
        build_s = time.perf_counter() - build

    normalizer = Normalizer()
    normalize_s = best_of(lambda: normalizer.normalize(text))
    bare = normalizer.normalize(text).bare.text
    norm_terms = sorted({normalizer.normalize(t).bare.text for t in terms} - {""})
    matcher = TermMatcher(norm_terms)
    start = time.perf_counter()
    regex = re.compile(term_regex(norm_terms))
    regex_build_s = time.perf_counter() - start
    ac_spans = matcher.spans(bare)
    re_spans = [m.span() for m in regex.finditer(bare)]
    assert ac_spans == re_spans, "Aho-Corasick and re disagree"
    ac_s = best_of(lambda: matcher.spans(bare))
    re_s = best_of(lambda: [m.span() for m in regex.finditer(bare)], repeat=1)

    def engine(doc: str, check: Checker = checker) -> tuple[float, float, int]:
        """CPU seconds of the first call, the best of 3 after it, and the findings."""
        start = time.process_time()
        found = check.check_text(doc, "home_card", bank)
        first = time.process_time() - start
        return first, best_of(lambda: check.check_text(doc, "home_card", bank)), len(found)

    fresh = corpus_text(args.mb, args.seed + 1, fresh_numbers=True)
    legal = corpus_text(args.mb, args.seed, legal_only=True)
    runs = {
        "violation-dense copy": (text, checker),
        "violation-dense copy, every hit listed": (text, checker.with_repeat_limit(None)),
        "violation-dense copy, fresh numbers": (fresh, checker),
        "the bank's legal copy": (legal, checker),
    }
    results = {name: (len(doc.encode()) / 1e6, *engine(doc, c)) for name, (doc, c) in runs.items()}
    lines = text.split("\n")[:20_000]
    lines_mb = sum(len(s.encode()) + 1 for s in lines) / 1e6
    per_line_s = best_of(lambda: [checker.check_text(s, "home_card", bank) for s in lines], 1)

    load = os.getloadavg()[0]
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {sys.version.split()[0]}, "
        f"load average {load:.1f}; times are CPU seconds of this process (time.process_time)"
    )
    print(f"text: {mb:.2f} MB UTF-8, {len(text):,} characters, {len(lines):,}+ creatives")
    print(f"dictionary: {len(terms):,} terms; {len(checker.rules)} rules in total")
    print(f"checker build (all packs + dictionary): {build_s:.2f} s")
    print(f"normalise: {mb / normalize_s:.1f} MB/s")
    for name, (size, first, best, found) in results.items():
        print(
            f"engine, {name} ({size:.2f} MB, one document, all rules): {size / best:.1f} MB/s "
            f"best of 3 ({size / first:.1f} MB/s first call on a new checker; {found:,} findings)"
        )
    print(
        f"engine, {len(lines):,} creatives one by one: {lines_mb / per_line_s:.2f} MB/s "
        f"({per_line_s / len(lines) * 1e6:.0f} us per creative)"
    )
    engine_mbs = results["violation-dense copy"][0] / results["violation-dense copy"][2]
    print(f"term matching, Aho-Corasick: {mb / ac_s:.1f} MB/s ({len(ac_spans):,} hits)")
    print(f"term matching, re alternation: {mb / re_s:.2f} MB/s (compile {regex_build_s:.2f} s)")
    print(f"ratio Aho-Corasick / re: {re_s / ac_s:.1f}x")
    print(
        f"ratio engine (all rules, violation-dense) / re alternation alone: "
        f"{engine_mbs / (mb / re_s):.1f}x"
    )


if __name__ == "__main__":
    main()
