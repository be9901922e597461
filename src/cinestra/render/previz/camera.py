"""Camera and pose maths shared by the engine and by tests (`project`).

Matrices are float64 numpy arrays in the usual column-vector convention (``clip = P @ V @ p``);
`gl_bytes` turns one into the column-major float32 bytes that GLSL expects.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

from cinestra.world.timeline import CameraKey, Pose, Quat, Vec3

NEAR = 0.05  # metres
FAR = 200.0  # metres

Matrix = NDArray[np.float64]


def gl_bytes(matrix: Matrix) -> bytes:
    """Column-major float32 bytes of a matrix, as `moderngl.Uniform.write` wants them."""
    return np.ascontiguousarray(matrix.T, dtype=np.float32).tobytes()


def quat_matrix(quat: Quat) -> Matrix:
    """3x3 rotation of a (w, x, y, z) quaternion (normalised first; zero means identity)."""
    q = np.asarray(quat, dtype=np.float64)
    norm = float(np.linalg.norm(q))
    if norm < 1e-12:
        return np.eye(3)
    w, x, y, z = q / norm
    return np.array(
        [
            [1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y)],
            [2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x)],
            [2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y)],
        ]
    )


def pose_matrix(pose: Pose, scale: Vec3) -> Matrix:
    """4x4 model matrix: scale the unit mesh, rotate it by the pose quaternion, move it to pos."""
    matrix = np.eye(4)
    matrix[:3, :3] = quat_matrix(pose.quat) * np.asarray(scale, dtype=np.float64)
    matrix[:3, 3] = pose.pos
    return matrix


def view_matrix(camera: CameraKey) -> Matrix:
    """World to camera (OpenGL: the camera looks down -z, +y is up on screen).

    The world is z-up. `roll_deg` turns the camera clockwise about its viewing axis, so the
    horizon tilts counter-clockwise in the picture. Looking straight up or down, screen-up
    falls back to world +y.
    """
    eye = np.asarray(camera.position, dtype=np.float64)
    forward = np.asarray(camera.target, dtype=np.float64) - eye
    distance = float(np.linalg.norm(forward))
    forward = forward / distance if distance > 1e-9 else np.array([1.0, 0.0, 0.0])
    up = np.array([0.0, 0.0, 1.0])
    if abs(float(forward @ up)) > 0.9999:
        up = np.array([0.0, 1.0, 0.0])
    right = np.cross(forward, up)
    right /= np.linalg.norm(right)
    true_up = np.cross(right, forward)
    roll = math.radians(camera.roll_deg)
    right, true_up = (
        math.cos(roll) * right - math.sin(roll) * true_up,
        math.sin(roll) * right + math.cos(roll) * true_up,
    )
    view = np.eye(4)
    view[0, :3] = right
    view[1, :3] = true_up
    view[2, :3] = -forward
    view[:3, 3] = -view[:3, :3] @ eye
    return view


def projection_matrix(fov_deg: float, aspect: float) -> Matrix:
    """OpenGL perspective projection with a vertical field of view."""
    f = 1.0 / math.tan(math.radians(fov_deg) / 2.0)
    projection = np.zeros((4, 4))
    projection[0, 0] = f / aspect
    projection[1, 1] = f
    projection[2, 2] = (FAR + NEAR) / (NEAR - FAR)
    projection[2, 3] = 2.0 * FAR * NEAR / (NEAR - FAR)
    projection[3, 2] = -1.0
    return projection


def view_projection(camera: CameraKey, *, width: int, height: int) -> Matrix:
    return projection_matrix(camera.fov_deg, width / height) @ view_matrix(camera)


def project(camera: CameraKey, point: Vec3, *, width: int, height: int) -> tuple[float, float]:
    """Pixel coordinates (x right, y down, origin at the top-left corner) of a world point.

    Pixel ``(col, row)`` covers ``[col, col + 1) x [row, row + 1)``, so its centre projects
    to ``(col + 0.5, row + 0.5)``. Points behind the camera give ``(nan, nan)``.
    """
    world = np.append(np.asarray(point, dtype=np.float64), 1.0)
    clip = view_projection(camera, width=width, height=height) @ world
    if clip[3] <= 1e-9:
        return (math.nan, math.nan)
    ndc_x = clip[0] / clip[3]
    ndc_y = clip[1] / clip[3]
    return (float((ndc_x + 1.0) * 0.5 * width), float((1.0 - ndc_y) * 0.5 * height))
