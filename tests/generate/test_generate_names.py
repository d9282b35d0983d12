"""Openings are named by what they accept (issue 12): a 新录用 (new recruit) posting is one that
no serving cadre can take, by the model's own eligibility filters."""
from __future__ import annotations

import dataclasses

import pytest

from planner.generate import generate_scenario
from planner.model.eligibility import Eligibility

CASES = [("tiny", s, "narrow") for s in range(8)] + [("municipal", s, "narrow") for s in range(3)] + \
    [("tiny", s, "broad") for s in range(4)] + [("municipal", 0, "broad")]


def _candidates(sc, eligibility, opening) -> list:
    return [sc.cadres[i] for i in eligibility.candidates(opening)]


@pytest.mark.parametrize("size,seed,breadth", CASES)
def test_recruit_postings_admit_only_recruits(size, seed, breadth):
    sc = generate_scenario(size, seed, breadth=breadth)
    eligibility = Eligibility(sc)
    for o in sc.openings:
        if "新录用" not in o.name:
            continue
        cands = _candidates(sc, eligibility, o)
        assert o.kind == "posting" and sc.unit_by_id[o.unit_id].grassroots
        assert cands, o.opening_id
        assert all(c.unit_id is None for c in cands), (o.opening_id, o.name)
        if "公务员" in o.name:
            assert all(c.post_type in ("admin", "civil") for c in cands)


@pytest.mark.parametrize("size,seed,breadth", CASES)
def test_postings_only_recruits_can_take_say_so(size, seed, breadth):
    """The converse: with the committee's locks aside, a posting only recruits can take is named so."""
    sc = generate_scenario(size, seed, breadth=breadth)
    unlocked = dataclasses.replace(sc, locks=())
    eligibility = Eligibility(unlocked)
    for o in sc.openings:
        cands = _candidates(unlocked, eligibility, o)
        if o.kind == "posting" and cands and all(c.unit_id is None for c in cands):
            assert "新录用" in o.name, (o.opening_id, o.name)


def test_some_generated_posting_is_recruit_only():
    """So the tests above are not vacuous: the tiny scenarios hold recruit-only postings."""
    names = [o.name for seed in range(8) for o in generate_scenario("tiny", seed).openings]
    assert any("新录用" in n for n in names)


@pytest.mark.parametrize("size,seed,breadth", [("municipal", 7, "narrow"), ("municipal", 1, "broad")])
def test_opening_names_are_unique(size, seed, breadth):
    sc = generate_scenario(size, seed, breadth=breadth)
    names = [o.name for o in sc.openings]
    assert len(set(names)) == len(names)
    assert all(o.name.startswith(sc.unit_by_id[o.unit_id].name) for o in sc.openings if o.kind == "posting")
