"""Learning from outcomes: the per-segment expression knowledge base (off-policy evaluation
will live here too)."""

from huashu.learn.distill import distill, phrase_features
from huashu.learn.kb import KBEntry, KnowledgeBase, Model

__all__ = ["KBEntry", "KnowledgeBase", "Model", "distill", "phrase_features"]
