"""Safety: prompt, dialogue and frame screening, likeness protection, review queue.

    from cinestra.safety import screen_prompt
    verdict = screen_prompt("a chef cutting bread with a knife")
    verdict.decision  # "allow" | "review" | "block"

See docs/safety.md for what is screened, how, and the known limits.
"""

from cinestra.safety.frames import screen_frames
from cinestra.safety.policy import Policy, load_policy
from cinestra.safety.prompt import screen_dialogue, screen_prompt
from cinestra.safety.verdict import CATEGORIES, Category, Decision, ModerationBlocked, Verdict

__all__ = [
    "CATEGORIES",
    "Category",
    "Decision",
    "ModerationBlocked",
    "Policy",
    "Verdict",
    "load_policy",
    "screen_dialogue",
    "screen_frames",
    "screen_prompt",
]
