"""huashu (话术): closed-loop AI-generated marketing copy for a brand's operations team.

The loop: brief -> segments x channels -> drafts -> compliance -> approval -> channel tasks ->
bandit delivery with logged propensities -> events -> knowledge base -> better drafts.
"""

__version__ = "0.1.0"
