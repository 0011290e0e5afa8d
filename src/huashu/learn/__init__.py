"""Learning from outcomes: the per-segment expression knowledge base (``distill``, priors for
the composer and the allocator, versions in ``store``) and off-policy evaluation of logged
decisions (``ope``)."""

from huashu.learn.distill import distill, phrase_features
from huashu.learn.kb import KBEntry, KnowledgeBase, Model

__all__ = ["KBEntry", "KnowledgeBase", "Model", "distill", "phrase_features"]
