"""What the ``openai`` backend's prompts are rendered with, per segment and channel: the
persona, the offers and what a segment may not be told, the reference phrases and
call-to-action texts that fit it, the knowledge base's evidence narrowed to what fits, and the
system and user contexts built from them. Reference phrases and knowledge-base phrases reach a
prompt only when they are written for the segment and channel and pass the compliance checker
and the copy gate's segment rules."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from huashu.channels import ChannelSpec
from huashu.compliance import Checker
from huashu.domain import BrandPack, Phrase, Segment, Severity, holds
from huashu.generate.copycheck import copy_findings
from huashu.generate.plan import CHANNEL_ACTIONS, TONES, ContentPlan
from huashu.generate.prompts import _parts, knowledge_texts

#: copy-gate rules a reference phrase must not trip (the rest judge a whole draft)
_PHRASE_GATE = ("copy.other_segment", "copy.ineligible_offer", "copy.cta_channel")
#: reference phrases per composer slot at most
REFERENCES_PER_SLOT = 3


def _attributes(segment: Segment | None) -> dict[str, Any]:
    return dict(segment.rule) if segment is not None else {}


def persona(pack: BrandPack, segment: Segment | None) -> dict[str, Any] | None:
    """Who the draft speaks to: per dimension the segment fixes, its label, identity words and
    scene; and the identity words of every other value of those dimensions, which the draft
    must not use (a word the segment shares is its own)."""
    if segment is None:
        return None
    own: list[dict[str, Any]] = []
    others: list[str] = []
    for d in pack.dimensions:
        label = segment.labels.get(d.name)
        value = next((v for v in d.values if v.label == label), None)
        if value is None:
            continue
        own.append({"label": value.label, "words": list(value.words), "scene": value.scene})
        others += [w for v in d.values if v is not value for w in v.words if w not in value.words]
    return {
        "name": segment.name,
        "description": segment.description,
        "own": own,
        "words": [w for o in own for w in o["words"]],
        "scenes": [o["scene"] for o in own if o["scene"]],
        "others": list(dict.fromkeys(others)),
    }


def offer_context(pack: BrandPack, segment: Segment | None) -> list[dict[str, Any]]:
    """The pack's offers and whether ``segment`` qualifies (None: no segment given): the facts
    a qualifying reader may be told, the words and figures kept from everyone else."""
    out = []
    for o in pack.offers:
        facts = [pack.fact(k) for k in o.facts]
        out.append(
            {
                "name": o.name,
                "description": o.description,
                "eligible": o.eligible(_attributes(segment)) if segment is not None else None,
                "facts": [f"{f.label}{f.value}" for f in facts],
                "kept": list(dict.fromkeys([*o.mentions(), *(f.value for f in facts)])),
            }
        )
    return out


def withheld_facts(pack: BrandPack, segment: Segment | None) -> set[str]:
    """Fact keys ``segment`` may not be told: those of offers it does not qualify for."""
    if segment is None:
        return set()
    attributes = _attributes(segment)
    return {k for o in pack.offers if not o.eligible(attributes) for k in o.facts}


def forbidden_words(pack: BrandPack, segment: Segment | None) -> tuple[str, ...]:
    """Words a draft for ``segment`` must not carry: other segments' identity words and the
    wording and figures of offers it does not qualify for."""
    p = persona(pack, segment)
    offers = [w for o in offer_context(pack, segment) if o["eligible"] is False for w in o["kept"]]
    return tuple(dict.fromkeys([*(p["others"] if p else ()), *offers]))


def phrase_fits(
    pack: BrandPack,
    phrase: Phrase,
    segment: Segment | None,
    channel: ChannelSpec,
    checker: Checker | None,
    *,
    any_channel: bool = False,
) -> bool:
    """Whether ``phrase`` may be shown to the model as a reference for ``segment`` on
    ``channel``: the pack says it fits (its conditions hold, the segment qualifies for every
    offer it states, it is written for the channel; ``any_channel``: for any channel), its
    rendered text trips none of the copy gate's segment and action rules, and the compliance
    checker finds nothing in its words (findings about the whole message, such as a missing
    SMS signature, do not count: a phrase is a part of a message)."""
    attributes = _attributes(segment)
    if any_channel:
        if not holds(phrase.when, attributes) or not all(
            pack.offer(k).eligible(attributes) for k in phrase.offers
        ):
            return False
    elif not pack.fits(phrase, attributes, channel.name):
        return False
    text = pack.render(phrase)
    gate = copy_findings({"text": text}, channel.name, pack, segment)
    if any(f.rule_id in _PHRASE_GATE and f.severity == Severity.BLOCK for f in gate):
        return False
    if checker is None:
        return True
    return not any(
        f.matched and f.severity != Severity.WARN
        for f in checker.check_text(text, channel.name, pack)
    )


def reference_phrases(
    pack: BrandPack,
    segment: Segment | None,
    channel: ChannelSpec,
    checker: Checker | None,
    tone: str = "neutral",
    per_slot: int = REFERENCES_PER_SLOT,
    avoid_angles: Sequence[str] = (),
) -> list[str]:
    """Rendered pack phrases for the channel's slots that fit ``segment`` (see
    :func:`phrase_fits`) and carry none of ``avoid_angles`` (the brief said 别提利率),
    ``per_slot`` per slot: those stating an offer first (a fitting one is an offer the segment
    qualifies for), then those in ``tone`` (or neutral)."""
    out: list[str] = []
    for slot in dict.fromkeys(channel.slots()):
        fitting = [
            p
            for p in pack.phrases.get(slot, ())
            if not set(p.angles) & set(avoid_angles)
            and phrase_fits(pack, p, segment, channel, checker)
        ]
        ranked = sorted(fitting, key=lambda p: (not p.offers, p.tone not in (tone, "neutral")))
        out += [pack.render(p) for p in ranked[:per_slot]]
    return list(dict.fromkeys(out))


def channel_actions(
    pack: BrandPack,
    segment: Segment | None,
    channel: ChannelSpec,
    plan: ContentPlan | None,
    checker: Checker | None,
) -> tuple[str, list[str]]:
    """(what the reader can do on the channel, the pack's call-to-action texts for it): the
    plan's when it covers the channel, narrowed to texts that fit the segment."""
    own = next((c for c in plan.channels if c.channel == channel.name), None) if plan else None
    fitting = [
        pack.render(p)
        for p in pack.phrases.get("cta", ())
        if phrase_fits(pack, p, segment, channel, checker)
    ]
    if own is None:
        return CHANNEL_ACTIONS.get(channel.name, ""), list(dict.fromkeys(fitting))
    ctas = [c for c in own.ctas if c in fitting] or list(dict.fromkeys(fitting))
    return own.action_zh or CHANNEL_ACTIONS.get(channel.name, ""), ctas


def system_context(
    pack: BrandPack,
    channel: ChannelSpec,
    segment: Segment | None = None,
    *,
    plan: ContentPlan | None = None,
    checker: Checker | None = None,
) -> dict[str, Any]:
    """What a system prompt is rendered with. Without a ``segment`` (a refinement that does
    not say whom it is for) the persona and the offers' eligibility are left out."""
    withheld = withheld_facts(pack, segment)
    action, ctas = channel_actions(pack, segment, channel, plan, checker)
    tone = plan.tone if plan is not None else "neutral"
    ctas_shown = set(ctas)
    signature = f"【{pack.brand.sms_signature}】"
    # the SMS frame the channel adds: 【signature】 before, "。拒收请回复R" after
    frame = len(signature) + len("。") + len(str(getattr(channel, "opt_out", "")))
    return {
        "brand": pack.brand,
        "facts": [f for f in pack.facts if f.key not in withheld],
        "channel": channel,
        "channel_lines": channel.describe_zh(),
        "schema": json.dumps(channel.json_schema(), ensure_ascii=False),
        "product": pack.product,
        "segment": segment,
        "persona": persona(pack, segment),
        "offers": offer_context(pack, segment),
        "angles": [plan.angle_labels.get(a, a) for a in plan.angles] if plan else [],
        "avoid_angles": [plan.angle_labels.get(a, a) for a in plan.avoid_angles] if plan else [],
        "tone": TONES[tone][0] if tone in TONES else "",
        "action": action,
        "ctas": ctas,
        "references": [
            t
            for t in reference_phrases(
                pack,
                segment,
                channel,
                checker,
                tone,
                avoid_angles=plan.avoid_angles if plan else (),
            )
            if t not in ctas_shown
        ],
        "signature": signature,
        "sms_room": (70 - frame, 2 * 67 - frame),
    }


def fitting_knowledge(
    pack: BrandPack,
    segment: Segment | None,
    channel: ChannelSpec,
    knowledge: Mapping[str, tuple[float, float]],
    checker: Checker | None,
) -> dict[str, tuple[float, float]]:
    """``knowledge`` less what a prompt for ``segment`` must not suggest: phrases not written
    for it (another segment's, an offer it does not qualify for) or that fail the checks, and
    words that are another segment's or an ineligible offer's."""
    banned = forbidden_words(pack, segment)
    out: dict[str, tuple[float, float]] = {}
    for feature, value in knowledge.items():
        ok = True
        for part in _parts(feature):
            kind, _, name = part.partition(":")
            if kind == "phrase":
                try:
                    phrase = pack.phrase(name)
                except KeyError:
                    ok = False
                    break
                ok = phrase_fits(pack, phrase, segment, channel, checker, any_channel=True)
            elif kind == "word":
                ok = not any(b in w or w in b for w in name.split("+") for b in banned)
            if not ok:
                break
        if ok:
            out[feature] = value
    return out


def user_context(
    pack: BrandPack,
    segment: Segment,
    channel: ChannelSpec,
    brief: str | None,
    knowledge: Mapping[str, tuple[float, float]],
    variant: int,
    angles: Sequence[str],
    *,
    checker: Checker | None = None,
) -> dict[str, Any]:
    """What a user prompt is rendered with: the segment, the brief, the knowledge base's
    evidence (only what fits the segment), reference phrases (likewise) and the variant's
    angle with the angles earlier variants took."""
    preferred, avoid = knowledge_texts(
        pack, fitting_knowledge(pack, segment, channel, knowledge, checker)
    )
    return {
        "segment": segment,
        "channel": channel,
        "labels": [f"{k}={v}" for k, v in segment.labels.items()],
        "brief": brief or "",
        "preferred": preferred,
        "avoid": avoid,
        "examples": reference_phrases(pack, segment, channel, checker, per_slot=2),
        **variant_context(variant, angles),
    }


def variant_context(variant: int, angles: Sequence[str]) -> dict[str, Any]:
    """The part of the user context that differs per variant: its number, its angle and the
    angles earlier variants took."""
    angle = angles[variant % len(angles)]
    earlier = [angles[i % len(angles)] for i in range(variant)]
    return {
        "variant": variant,
        "angle": angle,
        "earlier_angles": [a for a in dict.fromkeys(earlier) if a != angle],
    }
