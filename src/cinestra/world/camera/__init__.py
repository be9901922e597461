"""The camera: shot sizes, angles, lenses, focus and moves that keep the named subjects in
frame (`camera_path`), the boxes it frames (`subject_boxes`) and the transition rule
between shots (`shot_transition`)."""

from cinestra.world.camera.framing import FIGURE_FILL as FILL
from cinestra.world.camera.framing import SHOT_SIZES
from cinestra.world.camera.path import camera_path
from cinestra.world.camera.placement import ELEVATION
from cinestra.world.camera.subjects import SubjectBoxes, subject_boxes
from cinestra.world.camera.transition import Transition, shot_transition

__all__ = ["ELEVATION", "FILL", "SHOT_SIZES", "SubjectBoxes", "Transition",
           "camera_path", "shot_transition", "subject_boxes"]
