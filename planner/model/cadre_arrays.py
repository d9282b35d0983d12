"""Per-cadre facts as numpy arrays, computed once (one pass over cadres, not over pairs); the
candidate filters (``planner.model.eligibility``, ``eligibility_blocks``) and the terms read them."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from models import facts
from models.scenario import RANKS, RATING_ORDER, Scenario


@dataclass(frozen=True)
class CadreArrays:
    """Per-cadre facts as numpy arrays, aligned with ``scenario.cadres``."""
    ids: tuple
    index: dict
    rank: np.ndarray          # index into RANKS
    specialty: np.ndarray     # object array of str
    certs: np.ndarray         # bit mask over cert_codes
    cert_codes: dict
    post_type: np.ndarray     # object array of str
    rating: np.ndarray        # RATING_ORDER value
    talent_pool: np.ndarray
    service: np.ndarray
    age: np.ndarray
    exempt: np.ndarray
    recruit: np.ndarray
    unit: np.ndarray          # object array: unit id or ""
    cur_region: np.ndarray    # object array: region id or ""
    home_region: np.ndarray   # object array
    first_stop: np.ndarray    # R4: may only be posted to a grassroots unit
    must_post: np.ndarray     # R4 recruit or R6 rotation due
    rotation_due: np.ndarray
    hist_points: np.ndarray
    grassroots_before: np.ndarray


def cadre_arrays(scenario: Scenario) -> CadreArrays:
    """Compute every per-cadre fact once (one pass over cadres, not over pairs)."""
    cadres = scenario.cadres
    y = scenario.plan_year
    units = scenario.unit_by_id
    cert_codes: dict = {}
    for c in cadres:
        for code in c.certificates:
            cert_codes.setdefault(code, len(cert_codes))
    for o in scenario.openings:
        for code in o.certificates:
            cert_codes.setdefault(code, len(cert_codes))
    if len(cert_codes) > 62:
        raise ValueError("more than 62 distinct certificate codes are not supported")
    certs = np.array([sum(1 << cert_codes[k] for k in c.certificates) for c in cadres], dtype=np.int64)
    recruit = np.array([c.is_recruit for c in cadres], dtype=bool)
    grass = np.array([facts.grassroots_record(scenario, c) for c in cadres], dtype=bool)
    service = np.array([facts.service_years(c, y) for c in cadres], dtype=np.int64)
    due = np.array([facts.rotation_due(scenario, c) for c in cadres], dtype=bool)
    return CadreArrays(
        ids=tuple(c.cadre_id for c in cadres),
        index={c.cadre_id: i for i, c in enumerate(cadres)},
        rank=np.array([RANKS.index(c.rank) for c in cadres], dtype=np.int64),
        specialty=np.array([c.specialty for c in cadres], dtype=object),
        certs=certs, cert_codes=cert_codes,
        post_type=np.array([c.post_type for c in cadres], dtype=object),
        rating=np.array([RATING_ORDER[c.rating] for c in cadres], dtype=np.int64),
        talent_pool=np.array([c.talent_pool for c in cadres], dtype=bool),
        service=service,
        age=np.array([facts.age(c, y) for c in cadres], dtype=np.int64),
        exempt=np.array([c.exempt for c in cadres], dtype=bool),
        recruit=recruit,
        unit=np.array([c.unit_id or "" for c in cadres], dtype=object),
        cur_region=np.array([units[c.unit_id].region_id if c.unit_id else "" for c in cadres], dtype=object),
        home_region=np.array([c.home_region for c in cadres], dtype=object),
        first_stop=recruit | (~grass & (service < scenario.rules.first_stop_years)),
        must_post=recruit | due,
        rotation_due=due,
        hist_points=np.array([facts.historical_points(scenario, c) for c in cadres], dtype=np.int64),
        grassroots_before=grass,
    )
