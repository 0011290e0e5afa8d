"""The closed-loop demo against the market simulator, and its report."""

from huashu.demo.figures import DemoResult, RoundFigures
from huashu.demo.loop import DemoOptions, run_demo
from huashu.demo.report import write_report

__all__ = ["DemoOptions", "DemoResult", "RoundFigures", "run_demo", "write_report"]
