"""What the knowledge base learns from: the features of one creative.

- ``phrase:<id>``: the composer's phrase in each slot (hook / benefit / offer / CTA ...), with
  the slot as its group (each creative has exactly one phrase per slot, so the knowledge base
  reports a phrase's effect relative to its slot's average);
- ``channel:<name>``: the channel, a control (group ``channel``);
- ``word:<token>``: Chinese words and phrases of the text, cut by jieba with the brand pack's
  terms (brand name, required and forbidden terms, fact labels and values, offer names, audience
  labels) added to the tokenizer's dictionary;
- ``struct:<name>``: structure: length bucket, has a number, asks a question, urgency words
  (限时 / 仅剩 / 今天 ...), emoji.

Phrases and the channel feed the predictive model (the composer and the bandit use it); words
and structure are fitted beside it, as a description that works for any text (the ``openai``
backend's prompt uses it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from huashu import worddict
from huashu.domain import BrandPack, Creative

if TYPE_CHECKING:
    import jieba

PREDICTIVE = ("phrase:", "channel:")
DESCRIPTIVE = ("word:", "struct:")
URGENCY = ("限时", "仅剩", "今天", "今日", "马上", "立即", "赶快", "抓紧", "截止", "最后", "倒计时")
LENGTH_BUCKETS = ((20, "≤20"), (40, "21-40"), (70, "41-70"))
_NUMBER = re.compile(r"\d")
_EMOJI = re.compile("[\U0001f300-\U0001faff\u2600-\u27bf\u2b50\u2b55]")
_WORD = re.compile(r"[\u4e00-\u9fffA-Za-z0-9%.]")


def structure_features(text: str) -> list[str]:
    """``struct:`` features of ``text``: its length bucket and which markers it has."""
    length = len(text)
    bucket = next((name for top, name in LENGTH_BUCKETS if length <= top), ">70")
    out = [f"struct:length{bucket}"]
    if _NUMBER.search(text):
        out.append("struct:number")
    if "？" in text or "?" in text or "吗" in text:
        out.append("struct:question")
    if any(w in text for w in URGENCY):
        out.append("struct:urgency")
    if _EMOJI.search(text):
        out.append("struct:emoji")
    return out


class WordTokenizer:
    """A jieba tokenizer of its own (not jieba's global one), with the pack's terms added.

    The dictionary loads on first use, a first character at a time (:mod:`huashu.worddict`);
    jieba's logger is silenced (it logs the load at DEBUG to stderr by default).
    """

    def __init__(self, terms: Iterable[str] = ()) -> None:
        self.terms = tuple(dict.fromkeys(t.strip() for t in terms if t and t.strip()))
        self._tokenizer: jieba.Tokenizer | None = None

    @classmethod
    def for_pack(cls, pack: BrandPack) -> WordTokenizer:
        terms = [pack.brand.name, *pack.brand.required_terms, *pack.brand.forbidden_terms]
        terms += [t for f in pack.facts for t in (f.label, f.value)]
        terms += [o.name for o in pack.offers]
        terms += [v.label for d in pack.dimensions for v in d.values]
        return cls(terms)

    def _loaded(self) -> jieba.Tokenizer:
        if self._tokenizer is None:
            tokenizer = worddict.tokenizer()
            for term in self.terms:
                tokenizer.add_word(term)
            self._tokenizer = tokenizer
        return self._tokenizer

    def words(self, text: str) -> list[str]:
        """Distinct words of ``text`` in order: jieba's cut without punctuation, whitespace,
        single characters or bare numbers."""
        out: list[str] = []
        for token in self._loaded().lcut(text):
            token = token.strip()
            if len(token) < 2 or not _WORD.search(token):
                continue
            if re.fullmatch(r"[\d.%]+", token):
                continue
            out.append(token)
        return list(dict.fromkeys(out))


def creative_features(creative: Creative, tokenizer: WordTokenizer | None = None) -> list[str]:
    """Every feature of ``creative``: phrases and channel, then (with a tokenizer) words and
    structure of its text."""
    out = [f"phrase:{pid}" for pid in creative.phrase_ids.values()]
    out.append(f"channel:{creative.channel}")
    if tokenizer is not None:
        out += [f"word:{w}" for w in tokenizer.words(creative.text)]
        out += structure_features(creative.text)
    return list(dict.fromkeys(out))


def feature_groups(creatives: Iterable[Creative]) -> dict[str, str]:
    """feature -> group for the features that come one per creative: a phrase's slot
    (``slot:hook``) and ``channel`` for the channel."""
    groups: dict[str, str] = {}
    for c in creatives:
        for slot, pid in c.phrase_ids.items():
            groups[f"phrase:{pid}"] = f"slot:{slot}"
        groups[f"channel:{c.channel}"] = "channel"
    return groups


def slot_groups(compositions: Iterable[Mapping[str, str]]) -> dict[str, str]:
    """feature -> ``slot:<slot>`` for compositions given as slot -> phrase id."""
    return {
        f"phrase:{pid}": f"slot:{slot}" for combo in compositions for slot, pid in combo.items()
    }
