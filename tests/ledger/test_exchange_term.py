"""The exchange term reads the ledger (issue 13, README term table): a cross-region posting is worth
50 + round(50 / (1 + m)), m the moves either way between the two regions in the look-back years;
where all else is equal, the posting that crosses a barrier wins."""
from __future__ import annotations

import pytest
from scenario_builder import ScenarioBuilder, fresh_highs_scheduler, openings_of, solve_checked  # noqa: F401


def two_ways(linked: str):
    """C1 at UA (region RA) must move (7 years there: R6); one seat at UB (RB), one at UC (RC),
    alike in every other respect. Two other cadres moved between RA and ``linked`` in 2024 and
    2025 (law specialists, who cannot take the environment-only seats): RA-``linked`` is no
    barrier, the other pair is."""
    b = ScenarioBuilder()
    b.unit("UA", region="RA").unit("UB", region="RB").unit("UC", region="RC")
    b.cadre("C1", unit="UA", since="2020-01")
    target = "UB" if linked == "RB" else "UC"
    b.cadre("K1", unit=target, since="2024-03", specialty="law")
    b.history("K1", "UA", "posting", "2019-01", "2024-02")
    b.cadre("K2", unit="UA", since="2025-06", specialty="law")
    b.history("K2", target, "posting", "2020-01", "2025-05")
    b.posting("PB", "UB", specialties=["environment"]).posting("PC", "UC", specialties=["environment"])
    return b.weights(exchange=1).build()


@pytest.mark.parametrize("linked, barrier_seat", [("RB", "PC"), ("RC", "PB")])
def test_the_posting_across_a_barrier_wins(linked, barrier_seat):
    sc = two_ways(linked)
    r = solve_checked(sc)
    assert r.status == "OPTIMAL"
    assert openings_of(r, "C1") == [barrier_seat]
    # 50 + 50 across the barrier; RA sends and the barrier region receives: 100 + 100.
    assert r.terms["exchange"] == 100 + 200


def test_between_regions_that_exchange_the_bonus_shrinks():
    # Force the linked seat: two moves either way in the look-back years, 50 + round(50 / 3) = 67.
    sc = two_ways("RB")
    from planner.edits import with_lock
    r = solve_checked(with_lock(sc, "C1", "PB", "require"))
    assert openings_of(r, "C1") == ["PB"]
    assert r.terms["exchange"] == 67 + 200
