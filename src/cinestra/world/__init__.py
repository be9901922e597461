"""World stage: Storyboard shot -> Timeline (MuJoCo physics, set, camera path, impacts)."""

from cinestra.world.simulate import frame_range, simulate
from cinestra.world.timeline import Timeline

__all__ = ["Timeline", "frame_range", "simulate"]
