"""Plan stage: prompt text -> Storyboard."""

from cinestra.plan.llm import plan_storyboard
from cinestra.plan.parser import make_storyboard
from cinestra.plan.storyboard import Storyboard

__all__ = ["Storyboard", "make_storyboard", "plan_storyboard"]
