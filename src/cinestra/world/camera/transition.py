"""Which transition a shot comes in on when the Storyboard does not say."""

from __future__ import annotations

from typing import Literal

from cinestra.plan.storyboard import Shot

Transition = Literal["cut", "crossfade", "whip_pan"]


def shot_transition(previous: Shot | None, current: Shot) -> Transition:
    """The rule: a cut by default (the first shot's is ignored, so it is a cut too); a whip
    pan into a shot whose camera whips (its whip pan then lands at its start); a crossfade
    when time passes or the place changes between shots (another place, city or time of
    day), the way editors mark an ellipsis."""
    if previous is None:
        return "cut"
    if current.camera.move == "whip_pan":
        return "whip_pan"
    before, now = previous.setting, current.setting
    if (before.place, before.city, before.time_of_day) != (now.place, now.city, now.time_of_day):
        return "crossfade"
    return "cut"
