"""What an operator reads on a page, and what must never be there: the visible text nodes and
text attributes of an HTML page (with the elements around each), and the checks the crawl of
every page applies to them in Chinese and in English.

User content (copy, briefs, brand, segment and campaign names, people's names, legal citations)
is exempt from the language checks: templates mark it with ``data-user``; a few long-standing
containers are known by their markup (``USER_CONTENT``). Ids and rule ids may appear as meta,
inside ``<code>`` (ids) or ``<small>`` (rule ids).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

#: elements whose text nobody reads on the page
HIDDEN_TAGS = frozenset({"script", "style", "template", "noscript"})
VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)
#: attributes a reader sees (tooltips, placeholders, labels) or a script shows as text
TEXT_ATTRS = frozenset(
    {
        "title",
        "placeholder",
        "aria-label",
        "alt",
        "data-reconnecting",
        "data-finished",
        "data-template",
    }
)
#: (tag, attribute, value) marking user content in templates that predate ``data-user``:
#: an attribute's presence (value None), a set of classes (attribute "class"), or, with
#: attribute None, any element inside an element of class ``value``
USER_CONTENT: tuple[tuple[str, str | None, str | None], ...] = (
    ("*", "data-user", None),
    ("dd", "data-field", None),  # a creative's copy, by field (对话 cards)
    ("div", "class", "copy"),  # a creative's copy (审批)
    ("td", "class", "copy-cell"),  # a creative's copy (应急)
    ("span", "class", "clip"),  # a creative's copy (投放)
    ("b", None, "findings"),  # the words a finding matched
    ("small", None, "findings"),  # a finding's legal basis (a Chinese law) and rule id
    ("div", "class", "bubble op"),  # the operator's own brief and turns
    ("span", "class", "said"),  # a line of a call or live script (审批 preview)
    ("p", "class", "sms-bubble"),  # an SMS as the phone shows it (审批 preview)
    ("dd", None, "copy-diff"),  # the copy before and after an edit (审批)
    ("q", None, None),  # calls to action quoted from the brand pack
    ("span", None, "facts"),  # the brand pack's facts a creative cites
)
#: elements holding raw records or ids: meta, not prose
CODE_TAGS = frozenset({"code", "pre", "kbd"})

#: a run of letters, digits and the joiners of keys and ids (home_card, apr-3f0a, crop.no);
#: one with a digit is a number or an id, never a word
TOKEN = re.compile(r"[A-Za-z0-9]+(?:[._'-][A-Za-z0-9]+)*")
#: a slot a script fills in a template kept in an attribute ({n}, {channels})
PLACEHOLDER = re.compile(r"\{\w+\}")
HAN = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff01-\uff5e]")
#: a kebab-case rule id (sms-finance-route)
RULE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)+$")
#: words a Chinese page may show: abbreviations marketers use, units, names of things
ZH_ALLOWED = frozenset(
    {
        *("CTR", "SMS", "API", "KB", "ID", "IDs", "ROI", "ARPU", "ARPPU", "CAC", "DSP", "UTC"),
        *("App", "APP", "CSRF"),  # 手机银行 App; CSRF 校验失败
        "English",  # the language switch, in its own language
    }
)
#: the Chinese an English page may show: the language switch in its own language, the logo
EN_ALLOWED = frozenset({"中文", "话"})


@dataclass(frozen=True)
class Node:
    """One piece of visible text: an element's text or a text attribute's value."""

    text: str
    path: tuple[str, ...]  # the enclosing elements, outermost first, as ``tag.class``
    attr: str = ""  # the attribute it came from ('' for element text)
    user: bool = False  # inside user content
    code: bool = False  # inside <code> or <pre>
    small: bool = False  # inside <small>

    def where(self) -> str:
        place = " > ".join(self.path[-4:])
        return f"{place}[{self.attr}]" if self.attr else place


def _is_user(tag: str, attrs: dict[str, str], ancestors: list[tuple[str, dict[str, str]]]) -> bool:
    classes = set(attrs.get("class", "").split())
    for want_tag, attr, value in USER_CONTENT:
        if want_tag not in ("*", tag):
            continue
        if attr is None and value is None:
            return True
        if attr is None and value is not None:  # inside an element of class ``value``
            if any(value in a.get("class", "").split() for _, a in ancestors):
                return True
            continue
        if attr == "class" and value is not None:
            if set(value.split()) <= classes:
                return True
        elif attr is not None and attr in attrs:
            return True
    return False


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str], bool]] = []  # tag, attrs, user content
        self.nodes: list[Node] = []
        self.links: list[str] = []

    def _path(self) -> tuple[str, ...]:
        out = []
        for tag, attrs, _ in self.stack:
            cls = attrs.get("class", "").split()
            out.append(tag + "".join(f".{c}" for c in cls[:2]))
        return tuple(out)

    def _flags(self) -> tuple[bool, bool, bool]:
        tags = [t for t, _, _ in self.stack]
        return any(u for _, _, u in self.stack), bool(CODE_TAGS & set(tags)), "small" in tags

    def _hidden(self) -> bool:
        tags = [t for t, _, _ in self.stack]
        if any(t in HIDDEN_TAGS for t in tags):
            return True
        return "head" in tags and "title" not in tags

    def handle_starttag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        attrs = {k: v or "" for k, v in attrs_list}
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        ancestors = [(t, a) for t, a, _ in self.stack]
        user = _is_user(tag, attrs, ancestors)
        if tag not in VOID:
            self.stack.append((tag, attrs, user))
        if self._hidden():
            return
        inherited_user, code, small = self._flags()
        for name in TEXT_ATTRS & attrs.keys():
            value = attrs[name].strip()
            if value:
                path = (*self._path(), tag) if tag in VOID else self._path()
                self.nodes.append(Node(value, path, name, user or inherited_user, code, small))
        if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
            path = (*self._path(), tag)
            self.nodes.append(
                Node(attrs["value"], path, "value", user or inherited_user, code, small)
            )

    def handle_startendtag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs_list)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        text = data.strip()
        if not text or self._hidden():
            return
        user, code, small = self._flags()
        self.nodes.append(Node(text, self._path(), "", user, code, small))


def read(page: str) -> tuple[list[Node], list[str]]:
    """The visible text nodes of ``page`` and the targets of its links."""
    reader = _Reader()
    reader.feed(page)
    reader.close()
    return reader.nodes, reader.links


def problems(page: str, lang: str, vocabulary: Vocabulary) -> list[str]:
    """What a reader of ``page`` in ``lang`` must not see (see :func:`node_problems`)."""
    nodes, _ = read(page)
    return [
        f"{problem} at {node.where()}: {node.text[:80]!r}"
        for node in nodes
        for problem in node_problems(node, lang, vocabulary)
    ]


@dataclass(frozen=True)
class Vocabulary:
    """What the checks know: ``keys`` of the page dictionary, ``internal`` keys (segments,
    channels) and ``data``: names and words people gave (users, brands, campaigns, segments,
    comments), which are shown as written in either language."""

    keys: frozenset[str]
    internal: frozenset[str]
    data: frozenset[str]

    def without_data(self, text: str) -> str:
        for value in sorted(self.data, key=len, reverse=True):
            if value in text:
                text = text.replace(value, " ")
        return text


def node_problems(node: Node, lang: str, vocabulary: Vocabulary) -> list[str]:
    """A raw dictionary key anywhere; outside user content and ``<code>``: an internal key,
    English words in a Chinese page (rule ids allowed in ``<small>``), Chinese in an English
    one. A word is told once: a key is not English as well."""
    tokens = set(TOKEN.findall(PLACEHOLDER.sub(" ", node.text)))
    out = []
    raw = tokens & vocabulary.keys
    if raw:
        out.append(f"raw key {sorted(raw)}")
    if node.code or node.user:
        return out
    text = vocabulary.without_data(PLACEHOLDER.sub(" ", node.text))
    tokens = set(TOKEN.findall(text)) - raw
    leaked = tokens & vocabulary.internal
    if leaked:
        out.append(f"internal key {sorted(leaked)}")
    if lang == "zh":
        english = sorted(
            w
            for w in tokens - leaked - ZH_ALLOWED
            if not any(c.isdigit() for c in w)  # numbers and ids (apr-3f0a, v1)
            and not (node.small and RULE_ID.match(w))
        )
        if english:
            out.append(f"English {english[:6]}")
    elif HAN.search(text) and text.strip() not in EN_ALLOWED:
        out.append("Chinese")
    return out
