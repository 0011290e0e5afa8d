"""The checker on copy written from the law by helpers who never saw the rules: the development
sets it was tuned on and the frozen held-out set (docs/benchmarks.md, "Copy written from the
law"). Floors sit just under the figures reported there, so a change that loses coverage or
adds false blocks fails here."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from huashu.compliance import Checker
from huashu.compliance.evaluate_law import LawEvaluation, evaluate_law, load_law_set
from huashu.domain import InputError

DATA = Path(__file__).resolve().parents[1] / "data"
HELD_OUT = DATA / "heldout" / "compliance_law.yaml"
#: The held-out file as committed before any tuning (7dfe78a); it is never edited.
HELD_OUT_SHA256 = "9e080b5db2e3b92f9e54a9d2eb6225c0fb89809178cf366754246f73e2bbe0ed"
#: The second held-out set (2026-12-07), frozen the same way.
HELD_OUT_2 = DATA / "heldout" / "compliance_law_2.yaml"
HELD_OUT_2_SHA256 = "e34032e9c6aeae368ebcbcdec51e02e59eb59dd6ba89949df5b8320264f06dd2"

#: set -> (block recall, flag recall, false blocks) floors/ceiling, industry from the case.
FLOORS = {
    "compliance_law_dev.yaml": (0.98, 0.90, 0.0),
    "compliance_law_dev2.yaml": (0.97, 0.95, 0.0),
    "compliance_law_dev3.yaml": (0.98, 0.70, 0.02),
    "compliance_law_dev4.yaml": (0.98, 0.90, 0.0),
    "compliance_law_dev5.yaml": (0.98, 0.93, 0.0),
    "compliance_law_dev6.yaml": (0.98, 0.95, 0.0),
    "compliance_law_dev7.yaml": (0.98, 0.95, 0.02),
    "compliance_law_dev8.yaml": (0.98, 0.95, 0.01),
    "compliance_law_dev9.yaml": (0.98, 0.95, 0.01),
    "compliance_law_dev10.yaml": (0.98, 0.95, 0.01),
    "compliance_law_dev11.yaml": (0.98, 0.95, 0.02),
    "compliance_law_dev12.yaml": (0.98, 0.95, 0.02),
    "compliance_law_dev13.yaml": (0.98, 0.95, 0.03),
    #: homophones inside pattern rules are left (docs/compliance.md)
    "compliance_law_dev14.yaml": (0.97, 0.95, 0.02),
    #: awards with issuer and year, sourced data, a patent with its number and a priced
    #: Xiaohongshu note are left as the labelled corpus holds them (docs/compliance.md)
    "compliance_law_dev15.yaml": (0.98, 0.85, 0.02),
    #: licences, regulatory filings and partners stated as facts are left unflagged
    #: (docs/compliance.md)
    "compliance_law_dev16.yaml": (0.98, 0.78, 0.01),
    #: an unspecified gift, a beneficiary testimonial and planned facilities stay reviews or
    #: passes (docs/compliance.md)
    "compliance_law_dev17.yaml": (0.95, 0.75, 0.01),
    "compliance_law_dev18.yaml": (0.95, 0.9, 0.05),
    "compliance_law_dev19.yaml": (0.95, 0.9, 0.02),
    #: a licensed host, an agent's own plan and a disclosed planned metro stay unflagged
    "compliance_law_dev20.yaml": (0.95, 0.85, 0.02),
    #: a fund under six months old, a minor's death-benefit cap, PA+++++ and split characters
    #: are left (docs/compliance.md)
    "compliance_law_dev21.yaml": (0.88, 0.9, 0.02),
    #: agents who dodge the annual rate in a call, a fund under six months old and deposits sold
    #: on a payment platform are left (docs/compliance.md)
    "compliance_law_dev22.yaml": (0.88, 0.85, 0.01),
    #: region-limited superlatives, unsourced figures and comparisons stay reviews; awards,
    #: official designations and sourced data stay unflagged (docs/compliance.md)
    "compliance_law_dev23.yaml": (0.95, 0.7, 0.01),
    #: a patent without its number, unsourced survey figures and region-limited superlatives
    #: stay reviews; star ratings, test grades and planned facilities with a disclaimer stay
    #: unflagged (docs/compliance.md)
    "compliance_law_dev24.yaml": (0.9, 0.65, 0.01),
    #: look-alike characters (稳嫌), a priced Xiaohongshu note and a nutrient supplement's
    #: missing notice are left (docs/compliance.md)
    "compliance_law_dev25.yaml": (0.95, 0.75, 0.03),
    "compliance_law_dev26.yaml": (0.98, 0.85, 0.01),
    #: lectures' free gifts, imported goods' filings and award claims stay unflagged where the
    #: set says review (docs/compliance.md)
    "compliance_law_dev27.yaml": (0.93, 0.5, 0.04),
    #: fees shown per instalment in general copy, 培训贷 disguised as 0元入学 and penalty rates
    #: in reminders are left (docs/compliance.md)
    "compliance_law_dev28.yaml": (0.85, 0.78, 0.01),
    #: a region-limited "first", a famous person's made-up quote, look-alike packaging and
    #: patents without their number (review) are left (docs/compliance.md)
    "compliance_law_dev29.yaml": (0.88, 0.7, 0.02),
    "compliance_law_dev30.yaml": (0.96, 0.82, 0.01),
    #: a supplement's memory and whitening claims, Japanese drugs bought abroad, stage-2
    #: formula without a claim and most reviews (agency services, foreign honours) are left
    "compliance_law_dev31.yaml": (0.88, 0.45, 0.02),
    #: tax savings and disease counts stay reviews; a store giving insurance away, mutual-aid
    #: schemes and a self-made ranking are left (docs/compliance.md)
    "compliance_law_dev32.yaml": (0.9, 0.55, 0.01),
    #: fundraising pitches told as a pensioner's story, a guarantee company lending, and
    #: warnings in Xiaohongshu's own words are left (docs/compliance.md)
    "compliance_law_dev33.yaml": (0.82, 0.65, 0.03),
    #: K-12 course bundles, origin contradictions and anxiety copy are left
    "compliance_law_dev34.yaml": (0.83, 0.5, 0.01),
    "compliance_law_dev35.yaml": (0.92, 0.78, 0.02),
    "compliance_law_dev36.yaml": (0.93, 0.75, 0.02),
    "compliance_law_dev37.yaml": (0.95, 0.8, 0.03),
    #: a daily rate for loans converted by the month, T+0 cash with no limit, a platform
    #: selling another bank's deposits and a structured deposit's top rate are left
    "compliance_law_dev38.yaml": (0.81, 0.9, 0.03),
    #: most reviews left: consent, sources, honours; and emoji inside words
    "compliance_law_dev39.yaml": (0.87, 0.6, 0.01),
    "compliance_law_dev40.yaml": (0.84, 0.82, 0.01),
    #: pesticide ads without their review number, most reviews, an agent's mobile number
    #: given as a contact (a mobile number in copy stays a block) and loan ads with no
    #: price at all are left
    "compliance_law_dev41.yaml": (0.96, 0.7, 0.03),
    #: most reviews left (nutrition figures, premium discounts, fear scores)
    "compliance_law_dev42.yaml": (0.98, 0.75, 0.0),
    "compliance_law_dev43.yaml": (0.98, 0.92, 0.04),
    "compliance_law_dev44.yaml": (0.96, 0.92, 0.02),
    "compliance_law_dev45.yaml": (0.96, 0.9, 0.0),
    "compliance_law_dev46.yaml": (0.98, 0.95, 0.0),
    "compliance_law_dev47.yaml": (0.96, 0.82, 0.05),
    "compliance_law_dev48.yaml": (0.96, 0.77, 0.06),
    #: left: a live host's pause-split 最——耐——用 and stop-sale hype the set calls a time order
    "compliance_law_dev49.yaml": (0.98, 0.97, 0.02),
    #: left: 焕颜粉底 > 所有大牌 (the sign is dropped), big brands' premium told at length, a
    #: monthly payout "never late, never less" (review here), and sourced tests the set passes
    "compliance_law_dev50.yaml": (0.97, 0.85, 0.0),
    #: legal copy only (no block cases); left: own-store and city sales ranks the set reviews
    "compliance_law_dev51.yaml": (1.0, 0.7, 0.0),
    #: left: an offer to borrowers refused elsewhere (也可申请), 首选 (review), 顶🔝级 (the
    #: sign read as top) and a phone menu with no way to decline (review)
    "compliance_law_dev52.yaml": (0.96, 0.95, 0.0),
    #: left: a story of a doctor surprised at a test result, a child catching up in height,
    #: a scene described in words (a leader in a field, a rival's kettle), a daily rate first
    "compliance_law_dev53.yaml": (0.9, 0.95, 0.02),
    #: left: a child catching up in height or at school told as a story, slimming and eyesight
    #: told by their signs, a flat's distance told in songs, bank funding as an endorsement
    "compliance_law_dev54.yaml": (0.9, 0.8, 0.0),
    #: left: a daily rate with its annual rate in brackets after it (blocked), 第一 in pinyin
    #: inside a longer phrase, a sourced app ranking (review in the set)
    "compliance_law_dev55.yaml": (0.98, 0.95, 0.02),
    #: legal copy only; left: an agent's note that offers the policy terms by private message
    "compliance_law_dev56.yaml": (1.0, 0.9, 0.02),
    #: left: a gift with no terms, a loan sold as a government programme; reviews of
    #: licences and certificates claimed (flag 0.833)
    "compliance_law_dev57.yaml": (0.98, 0.8, 0.02),
    "compliance_law_dev58.yaml": (0.96, 0.8, 0.02),
    #: left: unsourced statistics and fear for insurance, a food compared with a laxative, a
    #: top scorer's endorsement, a tour that contradicts itself; false blocks: a brand's own
    #: note without 广告 (xhs-ad-label), a flat's distance in minutes (the law forbids it)
    "compliance_law_dev59.yaml": (0.92, 0.8, 0.04),
    #: legal copy only (reviews of facts outside the text: 0.6)
    "compliance_law_dev60.yaml": (1.0, 0.6, 0.02),
    #: left: a return as a rhetorical question (到手的钱还能飞了不成), fear of inflation with a
    #: made-up figure, unsourced statistics, a rival masked by a nickname (小棕瓶)
    "compliance_law_dev61.yaml": (0.88, 0.8, 0.02),
    #: left: a patent with no number and a top scorer's endorsement (reviews here)
    "compliance_law_dev62.yaml": (0.95, 0.8, 0.02),
    #: left: headline and small print, impersonating and personal-name signatures, a
    #: sender that disowns the bank it signs as; reviews of licences and data (flag 0.7)
    "compliance_law_dev63.yaml": (0.94, 0.65, 0.02),
    #: legal copy only (the lawful twins)
    "compliance_law_dev64.yaml": (1.0, 0.7, 0.02),
    #: the second held-out set's brief again; first contact 0.754 / 0.880 / 0.046. Left: a
    #: training loan promising a job, a beneficiary's story, an unsourced homophone acne cure
    "compliance_law_dev65.yaml": (0.93, 0.95, 0.02),
    #: the same brief a third time, round 65's first contact: 0.815 / 1.000 / 0.123. Left:
    #: stories of a cure, a clinic's story, immunity claims for an ordinary food (review)
    "compliance_law_dev66.yaml": (0.96, 0.95, 0.02),
    #: the same brief a fourth time; first contact 0.746 / 0.880 / 0.077. Left: e-CNY wallets
    #: that "earn" (interest on real-name wallets began in 2026), three reviews
    "compliance_law_dev67.yaml": (0.97, 0.85, 0.02),
    #: more lawful copy; first contact 0.960 / 0.900 / 0.067 (rules alone 0.840). Left: a
    #: device's comparison with finger pricks (review here), reviews of licences and seeds
    "compliance_law_dev68.yaml": (0.97, 0.85, 0.02),
    #: mostly lawful copy; first contact 0.914 / 0.967 / 0.142 (rules alone 0.829): 17 of 120
    #: lawful texts blocked, warnings and explainers nearly all, which the model's second
    #: reading (softening.py) now sends to review
    "compliance_law_dev69.yaml": (0.97, 0.9, 0.01),
    #: with the precedent model and its second reading of rule blocks: 0.954 / 1.000 / 0.000
    #: (rules alone 0.938 / 0.960 / 0.033)
    "heldout/compliance_law.yaml": (0.95, 0.95, 0.0),
    #: written on 2026-12-07 after 64 rounds; first figures 0.815 / 0.920 / 0.046; rules
    #: after dev68 0.846; with the precedent model 0.908 / 0.920 / 0.046, and with its second
    #: reading (69 sets) 0.892 / 0.920 / 0.000
    "heldout/compliance_law_2.yaml": (0.88, 0.9, 0.0),
}


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker.from_packs(precedents=True)


def test_held_out_set_is_frozen() -> None:
    assert hashlib.sha256(HELD_OUT.read_bytes()).hexdigest() == HELD_OUT_SHA256
    assert hashlib.sha256(HELD_OUT_2.read_bytes()).hexdigest() == HELD_OUT_2_SHA256


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_law_set_figures(checker: Checker, name: str) -> None:
    result: LawEvaluation = evaluate_law(checker, load_law_set(DATA / name))
    block, flag, false_blocks = FLOORS[name]
    assert result.block_recall >= block
    assert result.flag_recall >= flag
    assert result.false_block_rate <= false_blocks


def test_inferred_industry_close_to_given(checker: Checker) -> None:
    """Without any industry (no brand pack), the copy's own words pick the packs."""
    cases = load_law_set(DATA / "compliance_law_dev2.yaml")
    given, inferred = evaluate_law(checker, cases), evaluate_law(checker, cases, infer=True)
    assert inferred.block_recall >= given.block_recall - 0.03
    assert inferred.false_block_rate <= given.false_block_rate + 0.02


def test_bad_law_set(tmp_path: Path) -> None:
    path = tmp_path / "set.yaml"
    path.write_text("cases: [{id: a, industry: finance, channel: sms, text: x}]", "utf-8")
    with pytest.raises(InputError, match="cannot be read"):
        load_law_set(path)
    path.write_text(
        "cases: [{id: a, industry: finance, channel: sms, text: x, expect: maybe}]", "utf-8"
    )
    with pytest.raises(InputError, match="unknown expect"):
        load_law_set(path)
