"""Working records of the generator: mutable drafts of units, cadres and openings, and the draft
scenario that holds them while it is built (frozen :mod:`models.scenario` records come last).

Drafts compare by identity (``eq=False``): a cadre draft points at its relatives and its
witness openings, and an opening draft at its witness holders.
"""
from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass, field

from models.scenario import Cadre, Region, Rules
from planner.generate.sizes import CERTIFICATES, SizeParams


@dataclass(eq=False, repr=False)
class UnitDraft:
    """A unit while generating; ``kind`` refines ``level`` (see :mod:`planner.generate.profiles`)."""
    unit_id: str
    name: str
    region: Region
    level: str
    kind: str
    grassroots: bool
    hardship: int
    key_shortage: bool
    city_index: int
    dept_specialty: str | None = None     # the specialty a bureau department mostly employs


@dataclass(eq=False, repr=False)
class PastRow:
    """A history row while generating (SPEC 2 history.csv): kind, unit, first and last month."""
    kind: str
    unit: UnitDraft
    start: int
    end: int


@dataclass(eq=False, repr=False)
class CadreDraft:
    """A cadre while generating, with the derived facts and the witness state the plan needs."""
    index: int
    cadre_id: str
    gender: str = ""
    surname: str = ""
    given_name: str = ""
    ethnicity: str = ""
    birth: int = 0
    entry: int = 0
    education: str = ""
    specialty: str = ""
    rank: str = "staff"
    post_type: str = ""
    unit: UnitDraft | None = None
    unit_since: int | None = None
    home_region: str = ""
    rating: str = "competent"
    talent_pool: bool = False
    certificates: frozenset = frozenset()
    exempt: bool = False
    title: str = ""
    lacks_grassroots: bool = False          # never served at a grassroots unit (drawn, then history follows)
    history: list = field(default_factory=list)     # PastRow, in time order
    relatives: list = field(default_factory=list)   # CadreDraft kin (R7)
    # Facts (models.facts on the frozen cadre), set once the cadres are frozen.
    cadre: Cadre | None = None
    service_years: int = 0
    age: int = 0
    rating_rank: int = 0
    region_id: str | None = None            # region of the current unit; None for a recruit
    first_stop_restricted: bool = False     # R4: may only be posted to a grassroots unit
    rotation_due: bool = False              # R6
    no_return_units: frozenset = frozenset()   # R5
    # Witness state.
    posting: OpeningDraft | None = None
    busy_months: int = 0                    # bit m set: month m taken by a temporary assignment or task
    away_months: int = 0
    away_openings: list = field(default_factory=list)

    @property
    def recruit(self) -> bool:
        """A new recruit (no current unit)."""
        return self.unit is None

    def based_unit(self) -> UnitDraft | None:
        """Unit the cadre is based in after the witness: the new posting's, else the current unit."""
        if self.posting is not None:
            return self.posting.unit
        return self.unit


@dataclass(eq=False, repr=False)
class OpeningDraft:
    """An opening while generating; ``holders`` are the cadres holding it in the witness plan."""
    sequence: int
    kind: str
    unit: UnitDraft
    start: int
    end: int
    name: str = ""
    ranks: frozenset = frozenset()
    specialties: frozenset = frozenset()
    certificates: frozenset = frozenset()
    post_type: str | None = None
    allow_transfer: bool = False
    min_rating: str = "competent"
    talent_pool_only: bool = False
    min_service_years: int = 0
    max_age: int | None = None
    team_needs: tuple = ()
    hardship: int | None = None
    development: int = 0
    for_recruits: bool = False              # tailored to a new recruit (R4 基层第一站)
    seed: CadreDraft | None = None          # the cadre it was tailored to
    holders: list = field(default_factory=list)
    opening_id: str = ""
    seats: int = 0
    min_seats: int = 0

    def effective_hardship(self) -> int:
        """The opening's hardship, else its unit's."""
        return self.unit.hardship if self.hardship is None else self.hardship

    def month_mask(self) -> int:
        """Bit m set for each month m in start..end."""
        return ((1 << (self.end + 1)) - 1) ^ ((1 << self.start) - 1)

    def restrictions(self) -> dict:
        """The R2 columns of the opening, by their SPEC name."""
        return dict(ranks=self.ranks, specialties=self.specialties, certificates=self.certificates,
                    post_type=self.post_type, allow_transfer=self.allow_transfer, min_rating=self.min_rating,
                    talent_pool_only=self.talent_pool_only, min_service_years=self.min_service_years,
                    max_age=self.max_age)


@dataclass(eq=False, repr=False)
class UnitPools:
    """Units grouped by what the generator draws them for."""
    grassroots: list            # postings of recruits and first-stop cadres (R4)
    postable: list              # every unit but the higher bodies
    non_grassroots: list        # past postings of cadres who never served at grassroots
    branches: list              # 督察 and "四进" tasks
    hard_branches: list         # 挂职锻炼
    remote_branches: list       # 帮扶执法
    higher_bodies: list         # 上派跟班学习


@dataclass(eq=False, repr=False)
class Headcounts:
    """How many cadres pass each filter, to estimate an opening's reach without a loop over cadres."""
    by_specialty_rank: dict     # (specialty, rank) -> tuple of (post type, certificate mask, count)
    ages: list                  # sorted
    service_years: list         # sorted
    rating_share: dict          # min rating -> share of cadres at least that good
    talent_share: float
    admit_cap: int              # a narrow opening admits at most this many cadres (by estimate)


@dataclass(eq=False, repr=False)
class Draft:
    """The scenario while it is built: settings, the random stream, and every draft made so far."""
    size: str
    params: SizeParams
    rng: random.Random
    year: int
    rules: Rules = field(default_factory=Rules)
    city_names: list = field(default_factory=list)
    regions: list = field(default_factory=list)         # models.Region
    units: list = field(default_factory=list)           # UnitDraft
    pools: UnitPools | None = None
    cadres: list = field(default_factory=list)          # CadreDraft
    relations: list = field(default_factory=list)       # (CadreDraft, CadreDraft, relation)
    headcounts: Headcounts | None = None
    openings: list = field(default_factory=list)        # OpeningDraft
    opening_sequence: int = 0
    inspection_round: int = 0                           # 督察 rounds are numbered 一, 二, 三
    wish_pairs: list = field(default_factory=list)      # (CadreDraft, OpeningDraft) of preferences.csv

    def new_opening(self, kind: str, unit: UnitDraft, start: int, end: int, name: str, **columns) -> OpeningDraft:
        """A new opening draft, appended to ``openings``.

        Parameters
        ----------
        kind : {"posting", "temporary", "task"}
        unit : UnitDraft
        start, end : int
            First and last month (1-12).
        name : str
        **columns
            Further :class:`OpeningDraft` fields.

        Returns
        -------
        OpeningDraft
        """
        self.opening_sequence += 1
        opening = OpeningDraft(sequence=self.opening_sequence, kind=kind, unit=unit, start=start, end=end,
                               name=name, **columns)
        self.openings.append(opening)
        return opening


def certificate_mask(certificates: Iterable[str]) -> int:
    """Bit i set for each certificate ``CERTIFICATES[i]`` held.

    Parameters
    ----------
    certificates : iterable of str

    Returns
    -------
    int
    """
    return sum(1 << i for i, c in enumerate(CERTIFICATES) if c in certificates)
