"""Do blocks survive the evasions sellers use? Every block case of the law sets that the checker
blocks is rewritten inside the span of its first blocking finding by one transform and checked
again (same industry and channel): a separator between two characters (space, ·, *, |, /, an
emoji, a zero-width space ...), a separator between every two characters, one character spelled
in toneless pinyin, the span in traditional characters, digits and letters full-width, numbers
written in Chinese or financial numerals (2.7 -> 二点七, 32 -> 叁拾贰). A
transform that leaves the text unchanged is skipped; each applicable one is drawn twice
(seeded). The figure is the share still blocked.

The same blocked lines are then quoted in warnings (警惕“…”这类宣传, 凡是说“…”的都是骗子,
广告里不能写“…”, 有客户问“…”, 我们从不宣传“…”): legal copy, so the rule that blocked the line must
not fire on it (personal data excepted: a number printed in a warning is still published).

The transforms and frames are generic: they were not written from any case, and the held-out
set is scored by totals only (its texts are never printed).

Run: ``python benchmarks/compliance_evasions.py [--seed 1] [--write]``
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import random
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import opencc
from compliance_law import SETS
from docs_section import replace_section
from pypinyin import lazy_pinyin

from huashu.compliance import Checker
from huashu.compliance.evaluate_law import LawCase, case_findings, load_law_set
from huashu.domain import ComplianceReport, Severity

START, END = "<!-- compliance-evasions:start -->", "<!-- compliance-evasions:end -->"
#: Separators dropped between characters (sentence punctuation is not one: it ends a claim).
SEPARATORS = (" ", "·", "*", "|", "/", "💰", "\u200b", "-", "_", "~", "✨")
DRAWS = 2

Transform = Callable[[str, random.Random], str | None]


def _cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def one_separator(span: str, rng: random.Random) -> str | None:
    cuts = [i for i in range(1, len(span)) if _cjk(span[i - 1]) and _cjk(span[i])]
    if not cuts:
        return None
    i = rng.choice(cuts)
    return span[:i] + rng.choice(SEPARATORS) + span[i:]


def every_separator(span: str, rng: random.Random) -> str | None:
    sep = rng.choice((" ", "·", "*", "|", "\u200b"))
    out = []
    for i, ch in enumerate(span):
        out.append(ch)
        if i + 1 < len(span) and _cjk(ch) and _cjk(span[i + 1]):
            out.append(sep)
    joined = "".join(out)
    return joined if joined != span else None


def one_pinyin(span: str, rng: random.Random) -> str | None:
    spots = [i for i, ch in enumerate(span) if _cjk(ch)]
    if not spots:
        return None
    i = rng.choice(spots)
    return span[:i] + lazy_pinyin(span[i])[0] + span[i + 1 :]


def traditional(converter: opencc.OpenCC) -> Transform:
    def convert(span: str, rng: random.Random) -> str | None:
        out = converter.convert(span)
        return out if out != span else None

    return convert


def full_width(span: str, rng: random.Random) -> str | None:
    out = "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c.isalnum() else c for c in span)
    return out if out != span else None


PLAIN = "零一二三四五六七八九"
FINANCIAL = "零壹贰叁肆伍陆柒捌玖"


def chinese_number(n: int, financial: bool = False) -> str:
    """``36000`` -> 三万六千 (叁万陆仟 in financial numerals), below 10**8."""
    digits = FINANCIAL if financial else PLAIN
    units = ("", "拾", "佰", "仟") if financial else ("", "十", "百", "千")
    if n == 0:
        return digits[0]

    def four(x: int) -> str:
        out, gap = "", False
        for power in (3, 2, 1, 0):
            q = x // 10**power % 10
            if q:
                out += (digits[0] if gap and out else "") + digits[q] + units[power]
                gap = False
            else:
                gap = True
        return out

    high, low = divmod(n, 10_000)
    text = (four(high) + "万" if high else "") + (
        (digits[0] if high and low < 1000 else "") + four(low) if low else ""
    )
    return text[1:] if not financial and text.startswith("一十") else text


def numerals(financial: bool) -> Transform:
    """Every number of the span written in Chinese or financial numerals (二点七, 叁拾贰); not
    applied to a span of 11 digits or more (a phone, ID or card number is read digit by digit,
    which the PII rules know, not as 一百三十八亿…)."""

    def write(m: re.Match[str]) -> str:
        whole, _, decimals = m.group().partition(".")
        if len(whole) >= 7:
            return m.group()
        digits = FINANCIAL if financial else PLAIN
        tail = "点" + "".join(digits[int(c)] for c in decimals) if decimals else ""
        return chinese_number(int(whole), financial) + tail

    def convert(span: str, rng: random.Random) -> str | None:
        if sum(c.isdigit() for c in span) >= 11:
            return None
        out = re.sub(r"[0-9]+(?:\.[0-9]+)?", write, span)
        return out if out != span else None

    return convert


def sweep(
    checker: Checker, cases: list[LawCase], transforms: dict[str, Transform], seed: int
) -> tuple[Counter[str], Counter[str], int]:
    """Per transform: texts tried and texts still blocked; and the block cases blocked."""
    rng = random.Random(seed)
    tried: Counter[str] = Counter()
    kept: Counter[str] = Counter()
    blocked = 0
    for case in cases:
        if case.expect != "block":
            continue
        hits = [f for f in case_findings(checker, case) if f.severity == Severity.BLOCK]
        if not hits:
            continue
        blocked += 1
        first = hits[0]
        span = case.text[first.start : first.end]
        for name, transform in transforms.items():
            for _ in range(DRAWS):
                new = transform(span, rng)
                if new is None:
                    continue
                text = case.text[: first.start] + new + case.text[first.end :]
                tried[name] += 1
                verdict = ComplianceReport.verdict_of(case_findings(checker, case, text))
                kept[name] += verdict.value == "block"
    return tried, kept, blocked


FRAMES = {
    "a warning": "警惕“{s}”这类宣传，正规机构不会这样说。",
    "a scam alert": "凡是说“{s}”的，都是骗子。",
    "a rule for colleagues": "提醒各位同行：广告里不能写“{s}”。",
    "a customer's question": "有客户问“{s}”，我们的回答是：不能这么说。",
    "a denial": "我们从不宣传“{s}”。",
}


def quoted(checker: Checker, cases: list[LawCase]) -> tuple[Counter[str], Counter[str]]:
    """Per frame: blocked lines quoted in it, and those its blocking rule lets pass."""
    tried: Counter[str] = Counter()
    cleared: Counter[str] = Counter()
    for case in cases:
        if case.expect != "block":
            continue
        hits = [
            f
            for f in case_findings(checker, case)
            if f.severity == Severity.BLOCK and f.end > f.start
        ]
        if not hits or hits[0].rule_id.startswith("pii"):
            continue
        line = case.text[hits[0].start : hits[0].end].strip('“”"「」 ，。')
        if len(line) < 2:
            continue
        for name, frame in FRAMES.items():
            found = case_findings(checker, case, frame.format(s=line))
            tried[name] += 1
            cleared[name] += not any(
                f.rule_id == hits[0].rule_id and f.severity == Severity.BLOCK for f in found
            )
    return tried, cleared


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--write", action="store_true", help="write docs/benchmarks.md")
    args = parser.parse_args()
    checker = Checker.from_packs()
    transforms: dict[str, Transform] = {
        "one separator": one_separator,
        "separator between every two characters": every_separator,
        "one character in pinyin": one_pinyin,
        "traditional characters": traditional(opencc.OpenCC("s2t")),
        "full-width digits and letters": full_width,
        "numbers in Chinese numerals": numerals(financial=False),
        "numbers in financial numerals": numerals(financial=True),
    }
    groups: dict[str, list[LawCase]] = {"development sets": [], "held-out": []}
    for name, path in SETS.items():
        key = "held-out" if name.startswith("held-out") else "development sets"
        groups[key] += load_law_set(Path(path))
    results = {key: sweep(checker, cases, transforms, args.seed) for key, cases in groups.items()}
    rows = [
        "| transform | " + " | ".join(f"{k}: still blocked" for k in results) + " |",
        "|---|" + "---:|" * len(results),
    ]
    for name in transforms:
        cells = []
        for tried, kept, _ in results.values():
            share = kept[name] / tried[name] if tried[name] else float("nan")
            cells.append(f"{kept[name]}/{tried[name]} ({share:.3f})")
        rows.append(f"| {name} | " + " | ".join(cells) + " |")
    totals = []
    for tried, kept, _ in results.values():
        t, k = sum(tried.values()), sum(kept.values())
        totals.append(f"**{k}/{t} ({k / t:.3f})**")
    rows.append("| all | " + " | ".join(totals) + " |")
    frames = {key: quoted(checker, cases) for key, cases in groups.items()}
    rows += [
        "",
        "| blocked line quoted in | " + " | ".join(f"{k}: not blocked" for k in frames) + " |",
        "|---|" + "---:|" * len(frames),
    ]
    for name in FRAMES:
        cells = [
            f"{c[name]}/{t[name]} ({c[name] / t[name]:.3f})" if t[name] else "-"
            for t, c in frames.values()
        ]
        rows.append(f"| {name} | " + " | ".join(cells) + " |")
    table = "\n".join(rows)
    print(table)
    if not args.write:
        return
    blocked = ", ".join(f"{key} {r[2]}" for key, r in results.items())
    block = "\n".join(
        [
            START,
            f"**Evasions of blocked copy** — date: {dt.date.today().isoformat()}; machine: "
            f"{platform.machine()}, Python {platform.python_version()}; command: "
            f"`python benchmarks/compliance_evasions.py --seed {args.seed} --write`.",
            "",
            "Every block case the checker blocks (" + blocked + ") is rewritten inside the span "
            "of its first blocking finding by one generic transform, drawn twice per case "
            "(seeded), and checked again; the figure is the share still blocked. Then the "
            "same lines (personal data excepted) are quoted in five warning frames, legal copy "
            "the rule that blocked the line must let pass. The transforms and frames were not "
            "written from any case; the held-out sets (both, together) are scored by totals.",
            "",
            table,
            END,
        ]
    )
    replace_section(block, START, END)


if __name__ == "__main__":
    main()
