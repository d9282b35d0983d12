"""Frozen dataclasses for a scenario (SPEC section 2).

The reader (``planner.io.read_scenario``) builds these from files after validating every row; the
constructors here still check the invariants that the rest of the code relies on, so that a
scenario built by hand in a notebook or a test cannot be silently inconsistent.
Lookups (by id, history by cadre, ...) are built once, lazily, as cached properties.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any, ClassVar

from models.months import MonthIndex

KINDS = ("posting", "temporary", "task")
RANKS = ("staff", "deputy_section", "section")
POST_TYPES = ("admin", "civil", "institution")
RATINGS = ("excellent", "competent", "basic", "incompetent")
# Higher is better: R2 compares a cadre's rating with an opening's min_rating.
RATING_ORDER = {"incompetent": 0, "basic": 1, "competent": 2, "excellent": 3}
LEVELS = ("bureau", "branch", "station", "brigade", "external")
LOCKS = ("require", "forbid")
TERMS = ("fairness", "shortage", "development", "preference", "exchange", "stability", "fit")
RULE_CODES = tuple(f"R{k}" for k in range(1, 12))


class FrozenMap(Mapping):
    """An immutable, hashable mapping, so that a frozen Scenario holding one still compares and
    hashes by value. Values must be hashable (str, int, tuples of them)."""

    __slots__ = ("_items", "_hash")

    def __init__(self, items: Mapping | None = None) -> None:
        self._items = dict(items or {})
        self._hash = None

    def __getitem__(self, key: Any) -> Any:
        return self._items[key]

    def __iter__(self) -> Iterator:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(frozenset(self._items.items()))
        return self._hash

    def __repr__(self) -> str:
        return f"FrozenMap({self._items!r})"


@dataclass(frozen=True)
class Region:
    region_id: str
    name: str
    remote: bool = False


@dataclass(frozen=True)
class Unit:
    unit_id: str
    name: str
    region_id: str
    level: str
    grassroots: bool = False
    hardship: int = 0
    key_shortage: bool = False

    def __post_init__(self):
        if self.level not in LEVELS:
            raise ValueError(f"unit {self.unit_id}: level {self.level!r} not in {LEVELS}")
        if not 0 <= self.hardship <= 3:
            raise ValueError(f"unit {self.unit_id}: hardship {self.hardship} outside 0-3")


@dataclass(frozen=True)
class Cadre:
    cadre_id: str
    name: str
    gender: str                      # "M" or "F"
    birth: MonthIndex
    entry: MonthIndex
    education: str
    specialty: str
    rank: str
    post_type: str
    unit_id: str | None           # None: a new recruit not yet posted
    unit_since: MonthIndex | None
    home_region: str
    rating: str
    talent_pool: bool = False
    certificates: frozenset = frozenset()
    exempt: bool = False
    # Further columns of cadres.csv (民族, 籍贯, ...), kept in file order for the committee export.
    extra: tuple = ()

    def __post_init__(self):
        if self.rank not in RANKS:
            raise ValueError(f"cadre {self.cadre_id}: rank {self.rank!r} not in {RANKS}")
        if self.post_type not in POST_TYPES:
            raise ValueError(f"cadre {self.cadre_id}: post_type {self.post_type!r}")
        if self.rating not in RATINGS:
            raise ValueError(f"cadre {self.cadre_id}: rating {self.rating!r}")
        if self.gender not in ("M", "F"):
            raise ValueError(f"cadre {self.cadre_id}: gender {self.gender!r}")
        if (self.unit_id is None) != (self.unit_since is None):
            raise ValueError(f"cadre {self.cadre_id}: unit_id and unit_since must be both set or both empty")

    @property
    def is_recruit(self) -> bool:
        """A new recruit not yet posted (empty unit_id)."""
        return self.unit_id is None


@dataclass(frozen=True)
class Opening:
    opening_id: str
    name: str
    kind: str
    unit_id: str
    start_month: int
    end_month: int
    seats: int
    min_seats: int = 0
    ranks: frozenset = frozenset()          # empty: any
    specialties: frozenset = frozenset()    # empty: any
    certificates: frozenset = frozenset()   # every holder must have all of these
    post_type: str | None = None         # None: any
    allow_transfer: bool = False
    min_rating: str = "competent"
    talent_pool_only: bool = False
    min_service_years: int = 0
    max_age: int | None = None
    team_needs: tuple = ()                  # ((code, k), ...)
    hardship: int | None = None          # None: the unit's hardship
    development: int = 0

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"opening {self.opening_id}: kind {self.kind!r} not in {KINDS}")
        if not 1 <= self.start_month <= self.end_month <= 12:
            raise ValueError(f"opening {self.opening_id}: months {self.start_month}-{self.end_month}")
        if self.kind == "posting" and self.end_month != 12:
            raise ValueError(f"opening {self.opening_id}: a posting ends in month 12")
        if not 0 <= self.min_seats <= self.seats:
            raise ValueError(f"opening {self.opening_id}: need 0 <= min_seats <= seats")

    @property
    def months(self) -> int:
        """Months the opening occupies: a posting counts 12 (SPEC 3.2), others their own span."""
        if self.kind == "posting":
            return 12
        return self.end_month - self.start_month + 1

    @property
    def is_away(self) -> bool:
        """Temporary assignments and tasks occupy months (R8); postings do not."""
        return self.kind != "posting"


@dataclass(frozen=True)
class HistoryRow:
    cadre_id: str
    unit_id: str
    kind: str
    start: MonthIndex
    end: MonthIndex


@dataclass(frozen=True)
class Relation:
    cadre_a: str
    cadre_b: str
    relation: str = ""


@dataclass(frozen=True)
class Preference:
    cadre_id: str
    opening_id: str
    rank: int


@dataclass(frozen=True)
class Fit:
    cadre_id: str
    opening_id: str
    score: int


@dataclass(frozen=True)
class Lock:
    cadre_id: str
    opening_id: str
    lock: str            # "require" or "forbid"
    note: str = ""


@dataclass(frozen=True)
class Rules:
    first_stop_years: int = 3
    no_return_years: int = 3
    max_tenure_years: int = 5
    max_away_months: int = 9
    hardship_lookback_years: int = 5
    allow_transfer: bool = True
    exchange_lookback_years: int = 5   # the ledger's window of past years (SPEC 8)


@dataclass(frozen=True)
class Weights:
    fairness: int = 10
    shortage: int = 5
    development: int = 3
    preference: int = 2
    exchange: int = 2
    stability: int = 1
    fit: int = 1

    def as_dict(self) -> dict:
        return {t: getattr(self, t) for t in TERMS}


@dataclass(frozen=True)
class SolverSettings:
    time_limit_s: float = 60
    seed: int = 0
    workers: int = 2


@dataclass(frozen=True)
class Scenario:
    """A whole scenario: the tables of SPEC 2 plus the settings of scenario.yaml."""
    name: str
    plan_year: int
    regions: tuple
    units: tuple
    cadres: tuple
    openings: tuple
    history: tuple = ()
    relations: tuple = ()
    preferences: tuple = ()
    fit: tuple = ()
    locks: tuple = ()
    target_specialties: frozenset = frozenset({"environment", "chemistry", "law", "finance"})
    rules: Rules = field(default_factory=Rules)
    weights: Weights = field(default_factory=Weights)
    solver: SolverSettings = field(default_factory=SolverSettings)
    # SHA-256 of the scenario folder (SPEC 6); empty for a scenario built in memory.
    sha256: str = ""
    # Column names of cadres.csv beyond the SPEC's, in file order.
    extra_columns: tuple = ()
    # scenario.yaml ``labels:``: specialty or certificate code -> Chinese name, over the built-in
    # SPECIALTY_ZH / CERTIFICATE_ZH of planner.labels.
    labels: FrozenMap = FrozenMap()
    # scenario.yaml ``policy:``: rule (R1..R11) or term code -> tuple of document titles, over
    # planner.labels.policy.POLICY_DEFAULT.
    policy: FrozenMap = FrozenMap()
    # Where the rows came from: table -> (file label, spreadsheet row of each object), so that a
    # warning can name ``cadres.csv:7``. Not a field (not compared, not copied by replace): the
    # reader sets it on the scenario it builds; empty for any other scenario.
    origin: ClassVar[FrozenMap] = FrozenMap()

    def __post_init__(self):
        # A dict given by hand becomes a FrozenMap (the scenario stays hashable); a single policy
        # title becomes a tuple of one.
        if not isinstance(self.labels, FrozenMap):
            object.__setattr__(self, "labels", FrozenMap(self.labels))
        policy = {code: (titles,) if isinstance(titles, str) else tuple(titles)
                  for code, titles in (self.policy or {}).items()}
        if not isinstance(self.policy, FrozenMap) or any(policy[c] != self.policy[c] for c in policy):
            object.__setattr__(self, "policy", FrozenMap(policy))

    # --- lookups, built once ---------------------------------------------------------------
    @cached_property
    def region_by_id(self) -> dict:
        return {r.region_id: r for r in self.regions}

    @cached_property
    def unit_by_id(self) -> dict:
        return {u.unit_id: u for u in self.units}

    @cached_property
    def cadre_by_id(self) -> dict:
        return {c.cadre_id: c for c in self.cadres}

    @cached_property
    def opening_by_id(self) -> dict:
        return {o.opening_id: o for o in self.openings}

    @cached_property
    def history_by_cadre(self) -> dict:
        out: dict = {}
        for h in self.history:
            out.setdefault(h.cadre_id, []).append(h)
        return {k: tuple(v) for k, v in out.items()}

    @cached_property
    def preference_rank(self) -> dict:
        """(cadre_id, opening_id) -> wish rank (1 best)."""
        return {(p.cadre_id, p.opening_id): p.rank for p in self.preferences}

    @cached_property
    def fit_score(self) -> dict:
        """(cadre_id, opening_id) -> fit score; a pair not listed scores 0."""
        return {(f.cadre_id, f.opening_id): f.score for f in self.fit}

    @cached_property
    def partners(self) -> dict:
        """cadre_id -> tuple of (other cadre_id, relation) that must be recused (R7)."""
        out: dict = {}
        for r in self.relations:
            out.setdefault(r.cadre_a, []).append((r.cadre_b, r.relation))
            out.setdefault(r.cadre_b, []).append((r.cadre_a, r.relation))
        return {k: tuple(v) for k, v in out.items()}

    def opening_hardship(self, opening: Opening) -> int:
        """The opening's hardship, else its unit's (SPEC 2, openings.hardship)."""
        if opening.hardship is not None:
            return opening.hardship
        return self.unit_by_id[opening.unit_id].hardship

    def opening_points(self, opening: Opening) -> int:
        """Hardship points of one assignment to this opening: hardship x months (SPEC 3.2)."""
        return self.opening_hardship(opening) * opening.months

    # --- edits that return a new scenario (what-if) -----------------------------------------
    def replace(self, **changes) -> Scenario:
        """A copy with some fields changed; the hash (and the origin of the rows) is cleared since
        the data is no longer the file's."""
        changes.setdefault("sha256", "")
        return replace(self, **changes)
