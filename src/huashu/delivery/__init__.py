"""Bandit delivery: Thompson allocation with burn-in, a floor budget and retirement, drawing
choices with exact propensities, policy snapshots the decide path reads and their incremental
updates; the baselines (UCB1, epsilon-greedy, uniform, Beta(1,1) Thompson) and the benchmark
harness that compares them."""

from huashu.delivery.decide import DecideService, Decision, decisions_frame
from huashu.delivery.draws import key_seed
from huashu.delivery.freeze import build_snapshot
from huashu.delivery.lists import allocate_list
from huashu.delivery.live import LivePolicy
from huashu.delivery.params import checked_stats
from huashu.delivery.registry import SnapshotRegistry
from huashu.delivery.shares import allocate, with_minimums
from huashu.delivery.snapshot import GroupAllocation, PolicySnapshot
from huashu.delivery.thompson import ThompsonAllocator, prior_strength
from huashu.delivery.ucb import UCB1

__all__ = [
    "UCB1",
    "DecideService",
    "Decision",
    "GroupAllocation",
    "LivePolicy",
    "PolicySnapshot",
    "SnapshotRegistry",
    "ThompsonAllocator",
    "allocate",
    "allocate_list",
    "build_snapshot",
    "checked_stats",
    "decisions_frame",
    "key_seed",
    "prior_strength",
    "with_minimums",
]
