"""Names the command line shows before any work is done (option help and defaults), kept in a
module that imports nothing, so ``huashu --help`` need not load pandas, matplotlib or ibis.

The modules that use them re-export them (:mod:`huashu.analytics.service` keeps ``CHARTS`` and
``DEFAULT_STEPS``), so import them from there or from here alike.
"""

from __future__ import annotations

#: the charts :meth:`huashu.analytics.service.Metrics.chart` draws
CHARTS = ("cohorts", "funnel", "roi", "attribution")
#: the default ordered funnel steps
DEFAULT_STEPS = ("impression", "click", "register", "pay")
