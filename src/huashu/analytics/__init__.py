"""Growth metrics (new users, retention, funnels, ARPU, CAC, ROI, payback) on the events engine
and multi-touch attribution (heuristics, exact Markov removal effects, Shapley values)."""

from huashu.analytics.attribution import Attribution, attribute
from huashu.analytics.economics import unit_economics
from huashu.analytics.growth import cohorts, funnel, new_users, retention
from huashu.analytics.markov import MarkovChain, MarkovResult
from huashu.analytics.paths import PathSet, aggregate, from_events, from_strings
from huashu.analytics.tables import SCHEMAS, AnalyticsTables, ImportResult

__all__ = [
    "SCHEMAS",
    "AnalyticsTables",
    "Attribution",
    "ImportResult",
    "MarkovChain",
    "MarkovResult",
    "PathSet",
    "aggregate",
    "attribute",
    "cohorts",
    "from_events",
    "from_strings",
    "funnel",
    "new_users",
    "retention",
    "unit_economics",
]
