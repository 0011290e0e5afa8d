"""Text normalisation for matching: undo the usual evasions (full-width forms, traditional
characters, spaces, zero-width characters, symbols inserted between characters, repeated
characters) while remembering where each character came from, so that a finding points at the
span of the ORIGINAL text."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import opencc

from huashu.compliance.numerals import may_hold, replacements

ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e")
#: Structural punctuation kept in :attr:`Normalized.text` (canonical full-width forms).
PUNCTUATION = {
    ",": "，",
    "，": "，",
    "。": "。",
    "!": "！",
    "?": "？",
    ";": "；",
    ":": "：",
    "、": "、",
    # Quotes mark words mentioned rather than used (化妆品广告不能说“治痘”); kept in ``text``.
    "“": "“",
    "”": "”",
    "「": "「",
    "」": "」",
    "『": "『",
    "』": "』",
    '"': '"',
    # Single quotes mark a mention the same way (不信'包治''根治'); ’ and the ASCII ' as ".
    "‘": "“",
    "’": "”",
    "'": '"',
    # Title separators (春耕贷｜年化利率3.6%起) end a clause.
    "|": "；",
    "｜": "；",
}
#: Variant and Japanese forms OpenCC's t2s leaves alone but evasions use (保夲 for 保本, 袪斑 for
#: 祛斑, 収益 for 收益); 〇 reads as the numeral 零.
VARIANTS = str.maketrans(
    {
        "夲": "本",
        "収": "收",
        "薬": "药",
        "険": "险",
        "証": "证",
        "価": "价",
        "銭": "钱",
        "実": "实",
        "気": "气",
        "黒": "黑",
        "団": "团",
        "単": "单",
        "広": "广",
        "転": "转",
        "伝": "传",
        "亜": "亚",
        "悪": "恶",
        "袪": "祛",
        "稲": "稻",
        "鉄": "铁",
        "従": "从",
        "厳": "严",
        "効": "效",
        "乗": "乘",
        "剤": "剂",
        "験": "验",
        "〇": "零",
        # Emoji that stand for a character the reader reads in their place (对❤️脑血管病有效,
        # 💊都可以停了, 🈚利息): folded to it. Decorative emoji stay separators.
        "❤": "心",
        "♥": "心",
        "🫀": "心",
        "💊": "药",
        "🈚": "无",
        "🈶": "有",
        "🉑": "可",
        "🈲": "禁",
        "🔒": "锁",
        "🩸": "血",
        "🧠": "脑",
        "🏥": "医院",
        "🍷": "酒",
        "🚬": "烟",
        "🆓": "免费",
        # Rating, red-packet and car signs in promotions: 5⭐好评返🧧, 开🚗回家 (💰 stays a
        # separator: 保💰本 is 保本).
        "⭐": "星",
        "🌟": "星",
        "🧧": "红包",
        "🚗": "车",
        # Rank and praise signs: 🥇口碑 (first), 全网🔝1 (top 1), 最🐂 (最牛).
        "🥇": "第一",
        "🔝": "top",
        "🐂": "牛",
        # A rival masked by its logo (🍎家).
        "🍎": "苹果",
        # Signs read as words: 零利息≠零成本, 限🚺 (restroom signs for women and men), 🍺.
        "≠": "不等于",
        "=": "等于",
        "＝": "等于",
        "💯": "百",
        "🉐": "得",
        "🚺": "女",
        "🚹": "男",
        "🍺": "啤酒",
        # Financial numerals that are never anything else read as plain ones (柒天白贰个度);
        # 伍, 陆 and 拾 also write words (队伍, 大陆, 收拾): see ``_fold_numeral_words``.
        "壹": "一",
        "贰": "二",
        "貳": "二",
        "叁": "三",
        "叄": "三",
        "肆": "四",
        "柒": "七",
        "捌": "八",
        "玖": "九",
        "佰": "百",
        "仟": "千",
        # Characters of regional speech that standard Chinese does not write, read as the word
        # a reader hears (Cantonese 包你冇蚀 is 包你没亏, 唔查征信 is 不查征信; Wu 侬): a dialect
        # word counts as the word it stands for. 蚀 (to lose money) also writes 腐蚀, 侵蚀, which
        # no rule reads.
        "冇": "没",
        "唔": "不",
        "嘅": "的",
        "咗": "了",
        "佢": "他",
        "哋": "们",
        "啲": "些",
        "喺": "在",
        "嚟": "来",
        "睇": "看",
        "畀": "给",
        "嗰": "那",
        "啱": "对",
        "撳": "按",
        "揾": "找",
        "攞": "拿",
        "侬": "你",
        "蚀": "亏",
    }
)
#: 伍, 陆, 拾 as numerals: next to a numeral or digit, or before a unit (最后伍单, 伍厘米), unless
#: the character before makes a word of them (队伍, 大陆, 收拾).
_WORDY = {ord("伍"): ord("五"), ord("陆"): ord("六"), ord("拾"): ord("十")}
_NUMERAL_NEIGHBOURS = frozenset(map(ord, "零一二两三四五六七八九十百千万亿0123456789伍陆拾"))
_UNIT_AFTER = frozenset(map(ord, "岁厘米单个天元块倍%年月日期次件斤克号位层分毛角"))
_WORD_BEFORE = frozenset(map(ord, "队落入行大登着内水海收捡军"))
_PUNCT_CODES = tuple(sorted({ord(v) for v in PUNCTUATION.values()}))
_CONTEXT_CODES = tuple(map(ord, "%.-~/:,¥"))
_UNKNOWN = 0xFFFFFFFF
_RUN_RE = re.compile("([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f])\\1\\1")
#: Symbols whose fate depends on their neighbours: ``%`` after a digit, ``.-~/:`` between two
#: digits, ``,`` between digits (a thousands separator, dropped), ``¥`` before a digit.
_CONTEXTUAL = frozenset("%.-~/:,¥")

Offsets = npt.NDArray[np.int64]


def is_cjk(ch: str) -> bool:
    code = ord(ch)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0x20000 <= code <= 0x3134F
        or 0xF900 <= code <= 0xFAFF
    )


def _cjk_mask(codes: npt.NDArray[np.uint32]) -> npt.NDArray[np.bool_]:
    return (
        ((codes >= 0x4E00) & (codes <= 0x9FFF))
        | ((codes >= 0x3400) & (codes <= 0x4DBF))
        | ((codes >= 0x20000) & (codes <= 0x3134F))
        | ((codes >= 0xF900) & (codes <= 0xFAFF))
    )


def _is_word(ch: str) -> bool:
    return ("0" <= ch <= "9") or ("a" <= ch <= "z") or is_cjk(ch)


@dataclass(frozen=True, eq=False)
class View:
    """Normalised text; character ``k`` came from ``original[offsets[k]:ends[k]]``."""

    text: str
    offsets: Offsets
    ends: Offsets

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that the normalised span ``[start, end)`` came from."""
        if start >= len(self.text):
            tail = int(self.ends[-1]) if len(self.ends) else 0
            return tail, tail
        if end <= start:
            return int(self.offsets[start]), int(self.offsets[start])
        return int(self.offsets[start]), int(self.ends[end - 1])


@dataclass(frozen=True, eq=False)
class Normalized(View):
    """``text`` keeps structural punctuation (，。！？；：、); ``bare`` drops it too.

    Rules match on ``bare`` unless they ask for ``text``: punctuation inserted into a term
    (``无，风险``) must not hide it.
    """

    original: str
    bare: View


def _codes(text: str) -> npt.NDArray[np.uint32]:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def _text(codes: npt.NDArray[np.uint32]) -> str:
    return codes.astype(np.uint32).tobytes().decode("utf-32-le", "surrogatepass")


def _collapse(codes: npt.NDArray[np.uint32], offsets: Offsets, ends: Offsets) -> View:
    """A view of the characters; runs of 3+ identical CJK characters become one character."""
    n = len(codes)
    text = _text(codes)
    if n < 3 or not _RUN_RE.search(text):
        return View(text, offsets, ends)
    starts = np.flatnonzero(np.concatenate(([True], codes[1:] != codes[:-1])))
    lengths = np.diff(np.append(starts, n))
    long = (lengths >= 3) & _cjk_mask(codes[starts])
    if not long.any():
        return View(text, offsets, ends)
    keep = np.ones(n, dtype=bool)
    ends = ends.copy()
    for s, length in zip(starts[long].tolist(), lengths[long].tolist(), strict=True):
        keep[s + 1 : s + length] = False
        ends[s] = ends[s + length - 1]
    return View(_text(codes[keep]), offsets[keep], ends[keep])


class Normalizer:
    """Normalises text; holds the OpenCC converter and a per-character fold table.

    Build one per :class:`~huashu.compliance.Checker` and reuse it (the table grows with the
    characters seen; building an OpenCC converter takes a few milliseconds).
    """

    def __init__(self) -> None:
        self._t2s = opencc.OpenCC("t2s")
        self._fold: dict[int, str] = {}
        self._expanding: set[str] = set()
        #: code point -> folded code point (0 = dropped, _UNKNOWN = not folded yet or expanding).
        self._table = np.full(0x110000, _UNKNOWN, dtype=np.uint32)

    def fold(self, ch: str) -> str:
        """One original character as normalised characters ('' = dropped)."""
        code = ord(ch)
        cached = self._fold.get(code)
        if cached is not None:
            return cached
        out = self._fold_new(ch)
        self._fold[code] = out
        if len(out) > 1:
            self._expanding.add(ch)
        else:
            self._table[code] = ord(out) if out else 0
        return out

    def _fold_new(self, ch: str) -> str:
        if ch in ZERO_WIDTH or 0xD800 <= ord(ch) <= 0xDFFF:
            return ""
        # (ASCII too: = reads as 等于 like ＝)
        folded = (
            ch.translate(VARIANTS)
            if ch.isascii()
            else unicodedata.normalize("NFKC", ch).translate(VARIANTS)
        )
        if any(is_cjk(c) for c in folded):
            folded = self._t2s.convert(folded)
        elif not folded.isascii():
            # Pinyin with tone marks (fēng, zhuàn) reads as plain letters.
            bare = unicodedata.normalize("NFD", folded)
            stripped = "".join(c for c in bare if not unicodedata.combining(c))
            if stripped.isascii():
                folded = stripped
        out = []
        for c in folded.lower():
            if c.isspace() or c in ZERO_WIDTH or c == "\x00":
                continue
            if _is_word(c) or c in _CONTEXTUAL:
                out.append(c)
            elif c in PUNCTUATION:
                out.append(PUNCTUATION[c])
        return "".join(out)

    def _chars(self, text: str) -> tuple[npt.NDArray[np.uint32], Offsets, Offsets]:
        """Fold every character; codes and the original span of each folded character."""
        codes = _codes(text)
        folded = self._table[codes]
        # Code points not folded yet (or expanding ones) read _UNKNOWN in the table.
        unknown = np.flatnonzero(folded == _UNKNOWN)
        expanding = False
        if len(unknown):
            for code in np.unique(codes[unknown]).tolist():
                self.fold(chr(code))
            folded = self._table[codes]
            expanding = bool((folded == _UNKNOWN).any())
        if expanding:
            chars: list[str] = []
            starts: list[int] = []
            for i, ch in enumerate(text):
                for c in self.fold(ch):
                    chars.append(c)
                    starts.append(i)
            offsets = np.array(starts, dtype=np.int64)
            return _codes("".join(chars)).copy(), offsets, offsets + 1
        keep = np.flatnonzero(folded != 0)
        return folded[keep], keep.astype(np.int64), keep.astype(np.int64) + 1

    def normalize(self, original: str) -> Normalized:
        """Normalise ``original`` for matching.

        NFKC (full-width -> half-width), traditional -> simplified (OpenCC t2s, per character),
        lower case, no whitespace or zero-width characters, no symbols between characters
        (``保-本``, ``无@风@险``), numbers kept whole (``3.6%``, ``30,000`` -> ``30000``), runs of
        3+ identical CJK characters collapsed to one.
        """
        codes, offsets, ends = self._chars(original)
        if any(c in original for c in "伍陆拾"):
            codes = _fold_numeral_words(codes)
        codes, offsets, ends = _read_numerals(codes, offsets, ends)
        codes, offsets, ends = _resolve_symbols(codes, offsets, ends)
        if "|" in original or "｜" in original:
            codes, offsets, ends = _join_split_characters(original, codes, offsets, ends)
        if any(c in original for c in _COMPONENT_FIRSTS):
            codes, offsets, ends = _join_components(codes, offsets, ends)
        text = _collapse(codes, offsets, ends)
        words = ~_in(codes, _PUNCT_CODES)
        bare = (
            _collapse(codes[words], offsets[words], ends[words])
            if not words.all()
            else View(text.text, text.offsets, text.ends)
        )
        return Normalized(text.text, text.offsets, text.ends, original=original, bare=bare)


def _in(codes: npt.NDArray[np.uint32], values: tuple[int, ...]) -> npt.NDArray[np.bool_]:
    mask = np.zeros(len(codes), dtype=bool)
    for v in values:
        mask |= codes == v
    return mask


def _resolve_symbols(
    codes: npt.NDArray[np.uint32], offsets: Offsets, ends: Offsets
) -> tuple[npt.NDArray[np.uint32], Offsets, Offsets]:
    """Keep ``%`` after a digit, ``¥`` before one, ``.-~/:`` between two; a comma between
    digits is dropped (thousands), elsewhere ``,`` and ``:`` are punctuation."""
    n = len(codes)
    contextual = _in(codes, _CONTEXT_CODES)
    if not contextual.any():
        return codes, offsets, ends
    digit = (codes >= 0x30) & (codes <= 0x39)
    prev_digit = np.zeros(n, dtype=bool)
    prev_digit[1:] = digit[:-1]
    next_digit = np.zeros(n, dtype=bool)
    next_digit[:-1] = digit[1:]
    between = prev_digit & next_digit
    percent, yen = codes == ord("%"), codes == ord("¥")
    colon, comma = codes == ord(":"), codes == ord(",")
    joiner = _in(codes, tuple(map(ord, ".-~/")))
    keep = ~contextual | (percent & prev_digit) | (yen & next_digit) | (joiner & between)
    keep |= (colon & between) | (colon & ~between) | (comma & ~between)
    codes = codes.copy()
    codes[colon & ~between] = ord("：")
    codes[comma & ~between] = ord("，")
    if keep.all():
        return codes, offsets, ends
    return codes[keep], offsets[keep], ends[keep]


def _fold_numeral_words(codes: npt.NDArray[np.uint32]) -> npt.NDArray[np.uint32]:
    """伍, 陆, 拾 read as 五, 六, 十 where they are numerals (``_WORDY``)."""
    out = codes.copy()
    n = len(codes)
    for k in np.flatnonzero(np.isin(codes, list(_WORDY))).tolist():
        code = int(codes[k])
        before = int(codes[k - 1]) if k else -1
        after = int(codes[k + 1]) if k + 1 < n else -1
        if before in _WORD_BEFORE:
            continue
        if before in _NUMERAL_NEIGHBOURS or after in _NUMERAL_NEIGHBOURS or after in _UNIT_AFTER:
            out[k] = _WORDY[code]
    return out


def _read_numerals(
    codes: npt.NDArray[np.uint32], offsets: Offsets, ends: Offsets
) -> tuple[npt.NDArray[np.uint32], Offsets, Offsets]:
    """Amounts, rates and shares in Chinese numerals as digits (:mod:`numerals`: 零点五% ->
    0.5%); each digit written maps to the whole numeral run it came from."""
    if not may_hold(codes):
        return codes, offsets, ends
    reps = replacements(_text(codes))
    if not reps:
        return codes, offsets, ends
    parts_c: list[npt.NDArray[np.uint32]] = []
    parts_o: list[Offsets] = []
    parts_e: list[Offsets] = []
    pos = 0
    for start, end, digits in reps:
        parts_c.append(codes[pos:start])
        parts_o.append(offsets[pos:start])
        parts_e.append(ends[pos:start])
        parts_c.append(_codes(digits).copy())
        parts_o.append(np.full(len(digits), offsets[start], dtype=np.int64))
        parts_e.append(np.full(len(digits), ends[end - 1], dtype=np.int64))
        pos = end
    parts_c.append(codes[pos:])
    parts_o.append(offsets[pos:])
    parts_e.append(ends[pos:])
    return np.concatenate(parts_c), np.concatenate(parts_o), np.concatenate(parts_e)


_BARS = frozenset("|｜")
_CLAUSE = ord("；")


def _join_split_characters(
    original: str, codes: npt.NDArray[np.uint32], offsets: Offsets, ends: Offsets
) -> tuple[npt.NDArray[np.uint32], Offsets, Offsets]:
    """Drop a title bar that splits single characters (稳|赚|不|赔, 借|一|万|块): a bar between
    two Chinese characters where the one on either side stands alone between bars, clause
    marks or the ends of the text. A bar between words (低息｜快放｜秒批) still ends a clause."""
    n = len(codes)
    bar = np.zeros(n, dtype=bool)
    for k in np.flatnonzero(codes == _CLAUSE).tolist():
        bar[k] = original[int(offsets[k])] in _BARS
    if not bar.any():
        return codes, offsets, ends
    cjk = _cjk_mask(codes)
    word = cjk | ((codes >= 0x30) & (codes <= 0x39)) | ((codes >= 0x61) & (codes <= 0x7A))
    # whether each position is a mark (no character of a word), the text's ends included
    edge = np.concatenate(([True], ~word, [True]))
    drop = np.zeros(n, dtype=bool)
    for k in np.flatnonzero(bar).tolist():
        if 0 < k < n - 1 and cjk[k - 1] and cjk[k + 1]:
            # edge[i + 1] is position i's (edge[0]: before the text)
            alone_left = bool(edge[k - 1])
            alone_right = bool(edge[k + 3])
            drop[k] = alone_left or alone_right
    if not drop.any():
        return codes, offsets, ends
    keep = ~drop
    return codes[keep], offsets[keep], ends[keep]


#: A character written as its two components, side by side, to slip past a filter (亻呆本 for
#: 保本, 月旨肪 for 脂肪, 艹约 for 药): the pair reads as the character. Only pairs whose first
#: part is a radical that ordinary text never writes alone, or a pair no word holds except
#: before the character in :data:`_COMPONENT_NOT_BEFORE` (本月旨在 is 月 + 旨在).
COMPONENTS = {
    "亻呆": "保",
    "亻昔": "借",
    "亻言": "信",
    "亻氐": "低",
    "讠正": "证",
    "讠平": "评",
    "艹约": "药",
    "钅艮": "银",
    "钅戋": "钱",
    "氵舌": "活",
    "氵肖": "消",
    "扌旦": "担",
    "忄夬": "快",
    "礻畐": "福",
    "纟冬": "终",
    "纟屯": "纯",
    "饣反": "饭",
    "月旨": "脂",
    "氵台": "治",
    "疒丙": "病",
    "疒叟": "瘦",
    "冫咸": "减",
    "亻建": "健",
    "纟色": "绝",
    "扌亢": "抗",
    "彳正": "征",
    "贝兼": "赚",
    "禾急": "稳",
    "扌空": "控",
}
#: Two-character words of regional speech read as one standard character, joined the same
#: way: Wu 顶顶 (最: 收益全上海顶顶高) and 交关 (很), Sichuan 莫得 (没), Cantonese 稳阵 (稳).
DIALECT_PAIRS = {"顶顶": "最", "交关": "很", "莫得": "没", "稳阵": "稳"}
#: A pair is left apart before this character (月旨 before 在 is 月 + 旨在).
_COMPONENT_NOT_BEFORE = {"月旨": "在"}
_PAIRS = {**COMPONENTS, **DIALECT_PAIRS}
_COMPONENT_FIRSTS = frozenset(pair[0] for pair in _PAIRS)
_COMPONENT_CODES = {(ord(k[0]), ord(k[1])): ord(v) for k, v in _PAIRS.items()}
_COMPONENT_STOPS = {(ord(k[0]), ord(k[1])): ord(v) for k, v in _COMPONENT_NOT_BEFORE.items()}


def _join_components(
    codes: npt.NDArray[np.uint32], offsets: Offsets, ends: Offsets
) -> tuple[npt.NDArray[np.uint32], Offsets, Offsets]:
    """Read a character written as its two components (:data:`COMPONENTS`), or a regional
    word of two (:data:`DIALECT_PAIRS`), as the character; it spans both original characters."""
    n = len(codes)
    firsts = _in(codes, tuple(map(ord, _COMPONENT_FIRSTS)))
    drop = np.zeros(n, dtype=bool)
    codes, ends = codes.copy(), ends.copy()
    for k in np.flatnonzero(firsts[:-1]).tolist():
        if drop[k]:
            continue
        pair = (int(codes[k]), int(codes[k + 1]))
        joined = _COMPONENT_CODES.get(pair)
        stop = _COMPONENT_STOPS.get(pair)
        if joined is None or (stop is not None and k + 2 < n and codes[k + 2] == stop):
            continue
        codes[k] = joined
        ends[k] = ends[k + 1]
        drop[k + 1] = True
    if not drop.any():
        return codes, offsets, ends
    keep = ~drop
    return codes[keep], offsets[keep], ends[keep]


def normalize(original: str, normalizer: Normalizer | None = None) -> Normalized:
    """Normalise ``original`` (see :meth:`Normalizer.normalize`); pass a shared ``normalizer``
    when calling often."""
    return (normalizer or Normalizer()).normalize(original)
