"""Compliance engine throughput: MB/s of Chinese copy through every built-in rule plus a
10,000-term dictionary rule, and the Aho-Corasick term matcher against a plain ``re``
alternation of the same terms, on the same normalised text in the same run.

The engine memoises claims per clause text across checks; the "fresh numbers" text (every digit
of the copy redrawn at random) keeps that memo from hitting, and the first call on a new
checker runs with it empty.

Run: ``python benchmarks/compliance_speed.py [--mb 5] [--terms 10000] [--seed 7] [--write]``
(``--write``: replace this benchmark's part of docs/benchmarks.md).
"""

from __future__ import annotations

import argparse
import copy
import datetime
import os
import platform
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml
from docs_section import replace_section

from huashu.brand import load_brand_pack
from huashu.compliance import Checker, Normalizer, TermMatcher, term_regex
from huashu.compliance.checks import CheckContext, FieldText
from huashu.compliance.claims import extract_claims
from huashu.compliance.evaluate import load_corpus
from huashu.compliance.factcheck import judged_claims

ROOT = Path(__file__).resolve().parents[1]
#: This script's part of the compliance section of docs/benchmarks.md (the corpus part is
#: written by compliance_corpus.py between its own markers).
START, END = "<!-- compliance-speed:start -->", "<!-- compliance-speed:end -->"


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


def cpu_times(fn: object, repeat: int = 3) -> list[float]:
    """CPU seconds of ``repeat`` runs (the machine may be shared: CPU time, not wall)."""
    assert callable(fn)
    times = []
    for _ in range(repeat):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return times


def best_of(fn: object, repeat: int = 3) -> float:
    """The least CPU time of ``repeat`` runs."""
    return min(cpu_times(fn, repeat))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=float, default=5.0)
    parser.add_argument("--terms", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--ngrams", type=float, default=0.01, help="share of terms that hit")
    parser.add_argument("--repeat", type=int, default=5, help="warm calls per run")
    parser.add_argument("--write", action="store_true", help="update docs/benchmarks.md")
    args = parser.parse_args()
    load_before = os.getloadavg()[0]

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
    automaton = copy.copy(matcher)
    automaton._hashed = None  # the Aho-Corasick walk alone
    start = time.perf_counter()
    regex = re.compile(term_regex(norm_terms))
    regex_build_s = time.perf_counter() - start
    spans = matcher.spans(bare)
    re_spans = [m.span() for m in regex.finditer(bare)]
    assert spans == re_spans == automaton.spans(bare), "term matchers and re disagree"
    match_s = best_of(lambda: matcher.spans(bare))
    ac_s = best_of(lambda: automaton.spans(bare))
    re_s = best_of(lambda: [m.span() for m in regex.finditer(bare)], repeat=1)

    def engine(doc: str, check: Checker = checker) -> tuple[float, list[float], int]:
        """CPU seconds of the first call, of ``args.repeat`` calls after it, and the findings."""
        start = time.process_time()
        found = check.check_text(doc, "home_card", bank)
        first = time.process_time() - start
        warm = cpu_times(lambda: check.check_text(doc, "home_card", bank), args.repeat)
        return first, warm, len(found)

    fresh = corpus_text(args.mb, args.seed + 1, fresh_numbers=True)
    legal = corpus_text(args.mb, args.seed, legal_only=True)
    runs = {
        "violation-dense copy": (text, checker),
        "violation-dense copy, every hit listed (`repeat_limit=None`)": (
            text,
            checker.with_repeat_limit(None),
        ),
        "violation-dense copy, fresh numbers": (fresh, checker),
        "the bank's legal copy": (legal, checker),
    }
    results = {name: (len(doc.encode()) / 1e6, *engine(doc, c)) for name, (doc, c) in runs.items()}
    fresh_view = normalizer.normalize(fresh)
    fresh_mb = len(fresh.encode()) / 1e6
    n_claims = len(extract_claims(fresh_view.text))
    claims_s = best_of(lambda: extract_claims(fresh_view.text))

    def judge() -> None:
        """Claims read and judged against the bank's facts, with memos empty."""
        field = FieldText("text", fresh_view)
        judged_claims(CheckContext("home_card", bank, (field,), normalizer))

    judge_s = best_of(judge)
    lines = text.split("\n")[:20_000]
    lines_mb = sum(len(s.encode()) + 1 for s in lines) / 1e6
    per_line_s = best_of(lambda: [checker.check_text(s, "home_card", bank) for s in lines], 1)
    load_after = os.getloadavg()[0]

    machine = (
        f"{platform.machine()}, {os.cpu_count()} cores shared with other test runs (load average "
        f"{load_before:.1f} at the start, {load_after:.1f} at the end), Python "
        f"{sys.version.split()[0]}"
    )
    dense_mb, _, dense_warm, _ = results["violation-dense copy"]
    out = [
        START,
        f"**Throughput** — date: {datetime.date.today()}; machine: {machine}; figures are CPU "
        "seconds of the process (`time.process_time`, one process, garbage collection "
        f"included); command: `python benchmarks/compliance_speed.py --mb {args.mb:g} --write`.",
        f"Text: the corpus samples shuffled and repeated to {mb:.1f} MB ({len(text):,} "
        "characters; all samples: violation-dense, a number every ~24 characters; only the "
        "bank's legal samples; or all samples with every digit redrawn at random, \"fresh "
        'numbers", so that the claim memo rarely hits), checked as one document on `home_card` '
        f"for the bank brand with all {len(checker.rules)} rules: the built-in ones plus a "
        f"`terms` rule of a {len(terms):,}-term dictionary ({args.ngrams:.0%} n-grams of the "
        'text). "first call": the first check of that text on the checker (memos empty for '
        f"the first row); then {args.repeat} calls: best, median and worst.",
        "",
        "| run | best | median | worst | first call | findings |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, (size, first, warm, found) in results.items():
        best, median, worst = min(warm), statistics.median(warm), max(warm)
        out.append(
            f"| engine, {name} | **{size / best:.1f} MB/s** | {size / median:.1f} MB/s | "
            f"{size / worst:.1f} MB/s | {size / first:.1f} MB/s | {found:,} |"
        )
    out += [
        "",
        "| other figures | |",
        "|---|---:|",
        f"| engine, {len(lines):,} creatives one by one | {lines_mb / per_line_s:.2f} MB/s "
        f"({per_line_s / len(lines) * 1e6:.0f} µs each) |",
        f"| normalise | {mb / normalize_s:.1f} MB/s |",
        f"| claims read (`extract_claims`), fresh numbers, no memo | {fresh_mb / claims_s:.1f} "
        f"MB/s ({n_claims:,} claims) |",
        "| claims read and judged against the bank's facts (`judged_claims`), fresh numbers, "
        f"memos empty | {fresh_mb / judge_s:.1f} MB/s |",
        f"| term matching, `TermMatcher` (window hashes) | {mb / match_s:.1f} MB/s "
        f"({len(spans):,} hits) |",
        f"| term matching, the same with its Aho-Corasick automaton | {mb / ac_s:.1f} MB/s |",
        f"| term matching, `re` alternation (peer) | {mb / re_s:.2f} MB/s "
        f"(compile {regex_build_s:.2f} s) |",
        f"| ratio `TermMatcher` / `re` | **{re_s / match_s:.0f}x** |",
        f"| ratio engine (all rules, violation-dense, best) / `re` alternation alone | "
        f"**{dense_mb / min(dense_warm) / (mb / re_s):.1f}x** |",
        f"| checker build (all packs + dictionary) | {build_s:.2f} s |",
        END,
    ]
    block = "\n".join(out)
    print(block)
    if args.write:
        replace_section(block, START, END)


if __name__ == "__main__":
    main()
