"""The solver-neutral model: candidates (eligibility), rules, terms, counting checks."""
