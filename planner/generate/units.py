"""Step 1: regions and units - cities with their bureau departments, city detachment and
monitoring centre, and districts and counties (some remote) with a branch, a monitoring station
and an enforcement brigade; higher bodies receive cadres for 上派跟班学习."""
from __future__ import annotations

from models.scenario import Region
from planner.generate.drafts import Draft, UnitDraft, UnitPools
from planner.generate.vocabulary import (
    CITY_FIRST_CHARS,
    CITY_SECOND_CHARS,
    DEPARTMENTS,
    HIGHER_BODIES,
    REGION_FIRST_CHARS,
    REGION_SECOND_CHARS,
)

# The first city of the two smallest sizes keeps a fixed name (the demo reads 清江市).
_FIRST_CITY = {"municipal": "清江", "tiny": "清源"}


def _unique_names(draft: Draft, first: str, second: str, n: int, taken: set) -> list:
    """``n`` two-character names drawn from ``first`` x ``second``, none in ``taken`` (updated)."""
    rng, out = draft.rng, []
    while len(out) < n:
        a, b = rng.choice(first), rng.choice(second)
        if a == b or a + b in taken:
            continue
        taken.add(a + b)
        out.append(a + b)
    return out


def build_regions_and_units(draft: Draft) -> None:
    """Draw the cities, regions and units of ``draft`` and group the units into ``draft.pools``.

    Parameters
    ----------
    draft : Draft
        Gets ``city_names``, ``regions``, ``units`` and ``pools``.
    """
    params, rng = draft.params, draft.rng
    taken: set = set()
    cities = [_FIRST_CITY[draft.size]] if draft.size in _FIRST_CITY else []
    taken.update(cities)
    cities += _unique_names(draft, CITY_FIRST_CHARS, CITY_SECOND_CHARS, params.cities - len(cities), taken)
    draft.city_names = [c + "市" for c in cities]
    n_regions = params.cities * params.regions_per_city
    region_digits = max(2, len(str(n_regions)))
    shorts = _unique_names(draft, REGION_FIRST_CHARS, REGION_SECOND_CHARS, n_regions, set(taken))
    unit_digits = max(3, len(str(int(n_regions * 3.4 + params.cities * (params.depts_per_city + 2)
                                     + params.externals))))
    units = draft.units

    def add_unit(**columns) -> UnitDraft:
        unit = UnitDraft(unit_id=f"U{len(units) + 1:0{unit_digits}d}", **columns)
        units.append(unit)
        return unit

    several_cities = params.cities > 1
    higher_bodies = []
    for ci, city in enumerate(draft.city_names):
        city_regions = []
        for k in range(params.regions_per_city):
            short = shorts[ci * params.regions_per_city + k]
            central = k == 0
            # Each city keeps at least one remote county, so hard branches exist everywhere.
            remote = (not central) and (k == 1 or rng.random() < 0.35)
            suffix = "区" if central or (not remote and rng.random() < 0.4) else "县"
            region = Region(f"R{len(draft.regions) + 1:0{region_digits}d}", short + suffix, remote)
            draft.regions.append(region)
            city_regions.append((region, short, central))
        central_region = city_regions[0][0]
        prefix = "局机关" if not several_cities else f"{city}局"
        depts = (list(DEPARTMENTS[:params.depts_per_city]) if not several_cities
                 else rng.sample(DEPARTMENTS, params.depts_per_city))
        for dept_name, dept_specialty in depts:
            add_unit(name=prefix + dept_name, region=central_region, level="bureau", kind="bureau",
                     grassroots=False, hardship=0, key_shortage=False, city_index=ci,
                     dept_specialty=dept_specialty)
        if params.city_level:
            add_unit(name=f"{city}生态环境保护综合执法支队", region=central_region, level="brigade",
                     kind="detachment", grassroots=False, hardship=0, key_shortage=False, city_index=ci)
            add_unit(name=f"{city}生态环境监测中心", region=central_region, level="station",
                     kind="centre", grassroots=False, hardship=0, key_shortage=False, city_index=ci)
        if ci == 0:
            for name in HIGHER_BODIES[:params.externals]:
                higher_bodies.append(add_unit(
                    name=name, region=central_region, level="external", kind="external",
                    grassroots=False, hardship=0, key_shortage=False, city_index=ci))
        n_stations = max(1, round(params.station_share * len(city_regions)))
        n_brigades = max(1, round(params.brigade_share * len(city_regions)))
        with_station = set(rng.sample(range(len(city_regions)), n_stations))
        with_brigade = set(rng.sample(range(len(city_regions)), n_brigades))
        for k, (region, short, central) in enumerate(city_regions):
            _add_county_units(draft, add_unit, k, region, short, central, k in with_station, k in with_brigade, ci)
    # Make sure a key shortage unit exists even in the smallest scenario.
    grassroots = [u for u in units if u.grassroots]
    if not any(u.key_shortage for u in grassroots):
        max(grassroots, key=lambda u: (u.hardship, u.unit_id)).key_shortage = True
    branches = [u for u in units if u.kind == "branch"]
    postable = [u for u in units if u.level != "external"]
    draft.pools = UnitPools(
        grassroots=grassroots,
        postable=postable,
        non_grassroots=[u for u in postable if not u.grassroots],
        branches=branches,
        hard_branches=[u for u in branches if u.hardship >= 2] or sorted(branches, key=lambda u: -u.hardship)[:1],
        remote_branches=[u for u in branches if u.hardship >= 1] or branches,
        higher_bodies=higher_bodies)


def _add_county_units(draft: Draft, add_unit, k: int, region: Region, short: str, central: bool,
                      with_station: bool, with_brigade: bool, city_index: int) -> None:
    """The branch (分局), and where drawn the monitoring station and enforcement brigade, of a county."""
    rng = draft.rng
    if central:
        branch_hardship = 0
    elif region.remote:
        branch_hardship = rng.choice((2, 2, 3, 3, 1)) if k != 1 else rng.choice((2, 3))
    else:
        branch_hardship = rng.choice((0, 0, 1))
    key_shortage = rng.random() < (0.5 if region.remote else 0.15)
    add_unit(name=f"{short}分局", region=region, level="branch", kind="branch", grassroots=True,
             hardship=branch_hardship, key_shortage=key_shortage, city_index=city_index)
    if with_station:
        hardship = rng.choice((1, 2)) if region.remote else 0
        add_unit(name=f"{short}生态环境监测站", region=region, level="station", kind="station", grassroots=True,
                 hardship=hardship, key_shortage=rng.random() < (0.4 if region.remote else 0.1),
                 city_index=city_index)
    if with_brigade:
        hardship = rng.choice((1, 2)) if region.remote else rng.choice((0, 0, 1))
        add_unit(name=f"{short}生态环境执法大队", region=region, level="brigade", kind="brigade", grassroots=True,
                 hardship=hardship, key_shortage=rng.random() < (0.4 if region.remote else 0.15),
                 city_index=city_index)
