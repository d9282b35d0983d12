"""Who works where: the mix of specialties, post types, certificates and entry ages by kind of unit.

A unit's *kind* refines its SPEC level: ``bureau``, ``branch``, ``station`` and ``brigade`` at
district level, ``centre`` (the city monitoring centre) and ``detachment`` (the city
enforcement detachment), ``external`` (a higher body); ``recruit`` is the profile of new
recruits, who have no unit yet. Weights are in the order of :data:`sizes.SPECIALTIES` and
:data:`sizes.CERTIFICATES`.
"""
from __future__ import annotations

# Specialties that an opening for one specialty plausibly also accepts.
RELATED_SPECIALTIES = {"environment": ("ecology", "chemistry", "biology", "law"),
                       "chemistry": ("environment", "biology"),
                       "law": ("management", "environment"),
                       "finance": ("management", "it"),
                       "it": ("management", "finance"),
                       "ecology": ("biology", "environment"),
                       "biology": ("ecology", "environment", "chemistry"),
                       "management": ("law", "finance", "it")}
# Specialty mix by kind of unit (weights over SPECIALTIES).
SPECIALTY_MIX = {
    "bureau": (20, 5, 15, 15, 10, 10, 5, 20),
    "branch": (30, 10, 15, 5, 5, 15, 5, 15),
    "station": (30, 35, 2, 2, 6, 10, 13, 2),
    "brigade": (35, 10, 35, 2, 3, 5, 2, 8),
    "centre": (30, 35, 2, 2, 10, 8, 10, 3),
    "detachment": (35, 10, 35, 2, 5, 5, 2, 6),
    "recruit": (25, 12, 15, 10, 10, 12, 8, 8),
}
POST_TYPE_MIX = {
    "bureau": (("admin", 85), ("civil", 15)),
    "branch": (("admin", 60), ("civil", 35), ("institution", 5)),
    "station": (("institution", 85), ("civil", 15)),
    "brigade": (("civil", 85), ("admin", 15)),
    "centre": (("institution", 85), ("civil", 15)),
    "detachment": (("civil", 80), ("admin", 20)),
    "recruit": (("admin", 50), ("civil", 40), ("institution", 10)),
}
# Probability of holding the enforcement, monitoring and eia certificates, by kind of unit.
CERTIFICATE_CHANCE = {
    "bureau": (0.10, 0.05, 0.10), "branch": (0.55, 0.15, 0.10), "station": (0.08, 0.75, 0.05),
    "brigade": (0.85, 0.05, 0.05), "centre": (0.05, 0.75, 0.05), "detachment": (0.85, 0.05, 0.05),
    "recruit": (0.0, 0.0, 0.0),
}
# Age at entry into service by education: (youngest, typical oldest).
ENTRY_AGE = {"大专": (20, 21), "本科": (22, 23), "硕士": (25, 26), "博士": (28, 30)}
# How many cadres a unit of each kind holds, relatively (higher bodies hold none of ours).
UNIT_HEADCOUNT_WEIGHT = {"bureau": 4, "detachment": 8, "centre": 8, "branch": 10, "station": 6, "brigade": 6,
                         "external": 0}
