"""PrevizEngine: the default render engine, Timeline -> RGB frames with moderngl over EGL.

Each frame runs these passes:

1. sun shadow maps: the static bodies' map once per timeline, the moving bodies' map (a
   small footprint around their whole path) every frame;
2. the scene mirrored about the wet floor, at reduced size, for the floor's reflection;
3. the scene and the sky into the colour buffer (gamma-encoded sRGB), multisampled if asked;
4. resolve, then the post pass (`post.py`): upscale, grade (look, letterbox, vignette,
   grain), flip and read back.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from types import TracebackType

import moderngl
import numpy as np
from numpy.typing import NDArray

from cinestra.errors import InvalidRequest
from cinestra.render.previz import shaders
from cinestra.render.previz.camera import gl_bytes, view_projection
from cinestra.render.previz.context import GLContext
from cinestra.render.previz.grade import Grade, grade_for
from cinestra.render.previz.lighting import Lighting, encode_srgb, lighting_for
from cinestra.render.previz.meshes import MESH_BUILDERS
from cinestra.render.previz.post import PostPass
from cinestra.render.previz.programs import FULL_SCREEN, Program, shadow_target
from cinestra.render.previz.scene import PreparedBody, Scene, ShadowFrustum, prepare_scene
from cinestra.world.timeline import CameraKey, Timeline, Vec3

MAX_SIZE = 8192
GL_CLIP_DISTANCE0 = 0x3000
LAMP_HEIGHT = 2.0  # metres above the lowest point of the action (indoor evening light)
SMALL_SPHERE_PX = 12.0  # spheres with a smaller on-screen radius use the coarse mesh
MAX_REFLECTION_WIDTH = 480  # pixels; a wet floor's reflection is soft anyway
# On a software rasteriser (llvmpipe) the scene is drawn at about this many pixels at most and
# upscaled in the post pass: 720p draws at ~77% per axis, which keeps 10 s of 720p under
# 30 s on 2 cores. GPUs draw at full size. `render_scale` overrides.
SOFTWARE_PIXELS = 540_000
SOFTWARE_RENDERERS = ("llvmpipe", "softpipe", "swrast")


class PrevizEngine:
    """Rasterises a Timeline into (height, width, 3) uint8 sRGB frames, top row first.

    Example:
        >>> with PrevizEngine(width=640, height=360) as engine:
        ...     frames = list(engine.render(timeline))

    GL objects are created once in `__enter__` and freed in `__exit__`; `render` can be called
    any number of times in between (one shot after another), and engines may be interleaved.

    Args:
        width, height: frame size in pixels.
        antialias: smooth edges with FXAA in the post pass, when the scene is drawn at full
            size (below it, the upscale softens edges and FXAA would double the frame cost).
        samples: 2, 4 or 8 for MSAA instead of FXAA; off by default because on llvmpipe it
            roughly doubles the cost of a frame (cheap on a GPU).
        shadow_size: texels per side of the static bodies' shadow map (the moving bodies'
            map has half as many).
        render_scale: share of the output size, per axis, the scene is drawn at before the
            post pass upscales it (0.25 to 1). None: 1 on a GPU, fewer pixels on a software
            rasteriser (see SOFTWARE_PIXELS).
    """

    def __init__(
        self, *, width: int, height: int, antialias: bool = True, samples: int = 0,
        shadow_size: int = 2048, render_scale: float | None = None,
    ) -> None:
        for name, value in (("width", width), ("height", height)):
            if not isinstance(value, int) or not 1 <= value <= MAX_SIZE:
                raise InvalidRequest(f"{name} must be an int in [1, {MAX_SIZE}], got {value!r}")
        if samples not in (0, 2, 4, 8):
            raise InvalidRequest(f"samples must be 0, 2, 4 or 8, got {samples!r}")
        if shadow_size not in (512, 1024, 2048, 4096):
            raise InvalidRequest(
                f"shadow_size must be 512, 1024, 2048 or 4096, got {shadow_size!r}"
            )
        if render_scale is not None and not 0.25 <= render_scale <= 1.0:
            raise InvalidRequest(f"render_scale must be in [0.25, 1], got {render_scale!r}")
        self.width = width
        self.height = height
        self.render_scale = render_scale
        self.scene_size = (width, height)  # the drawn size, known once the context is open
        self.antialias = antialias
        self.samples = samples
        self.shadow_size = shadow_size
        self._gl: GLContext | None = None
        self._ctx: moderngl.Context | None = None

    # -- lifetime -------------------------------------------------------------------------

    def __enter__(self) -> PrevizEngine:
        gl = GLContext()
        ctx = gl.__enter__()
        try:
            with ctx:
                self._build(ctx)
        except BaseException:
            gl.__exit__(None, None, None)
            raise
        self._gl, self._ctx = gl, ctx
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._gl is not None:
            self._gl.__exit__(exc_type, exc, traceback)
        self._gl, self._ctx = None, None

    def _scene_size(self, ctx: moderngl.Context) -> tuple[int, int]:
        scale = self.render_scale
        if scale is None:
            renderer = str(ctx.info.get("GL_RENDERER", "")).lower()
            software = any(name in renderer for name in SOFTWARE_RENDERERS)
            scale = min(1.0, math.sqrt(SOFTWARE_PIXELS / (self.width * self.height))) \
                if software else 1.0
        return max(1, round(self.width * scale)), max(1, round(self.height * scale))

    def _build(self, ctx: moderngl.Context) -> None:
        # 1. Programs.
        self._shadow = Program(ctx, vertex=shaders.SHADOW_VS, fragment=shaders.SHADOW_FS)
        self._scene = Program(ctx, vertex=shaders.SCENE_VS, fragment=shaders.SCENE_FS)
        self._mirror = Program(
            ctx, vertex=shaders.with_defines(shaders.SCENE_VS, "MIRROR"),
            fragment=shaders.with_defines(shaders.SCENE_FS, "MIRROR"),
        )
        self._sky = Program(ctx, vertex=shaders.SKY_VS, fragment=shaders.SKY_FS)
        size = self._scene_size(ctx)
        self.scene_size = size
        # 2. Meshes: one vertex array per (pass, mesh), built once.
        self._vaos: dict[tuple[str, str], moderngl.VertexArray] = {}
        for mesh_name, build in MESH_BUILDERS.items():
            mesh = build()
            vbo = ctx.buffer(mesh.vertices.tobytes())
            ibo = ctx.buffer(mesh.indices.tobytes())
            self._vaos["shadow", mesh_name] = ctx.vertex_array(
                self._shadow.program, [(vbo, "3f 12x", "in_pos")], ibo
            )
            for pass_name, program_pass in (("scene", self._scene), ("mirror", self._mirror)):
                self._vaos[pass_name, mesh_name] = ctx.vertex_array(
                    program_pass.program, [(vbo, "3f 3f", "in_pos", "in_normal")], ibo
                )
        quad = ctx.buffer(FULL_SCREEN.tobytes())
        self._sky_vao = ctx.vertex_array(self._sky.program, [(quad, "2f", "in_pos")])
        # 3. Render targets.
        self._static_map, self._static_fbo = shadow_target(ctx, self.shadow_size)
        self._moving_map, self._moving_fbo = shadow_target(ctx, self.shadow_size // 2)
        scale = min(0.5, MAX_REFLECTION_WIDTH / size[0])
        mirror_size = (max(1, round(size[0] * scale)), max(1, round(size[1] * scale)))
        self._reflection = ctx.texture(mirror_size, 4)
        self._reflection.repeat_x = self._reflection.repeat_y = False
        self._reflection_fbo = ctx.framebuffer(
            color_attachments=[self._reflection],
            depth_attachment=ctx.depth_renderbuffer(mirror_size),
        )
        self._picture = ctx.texture(size, 4)
        self._picture.filter = (moderngl.LINEAR, moderngl.LINEAR)  # FXAA samples between texels
        self._picture.repeat_x = self._picture.repeat_y = False
        samples = min(self.samples, ctx.max_samples)
        self._picture_fbo: moderngl.Framebuffer | None = None
        if samples > 0:
            self._draw_fbo = ctx.framebuffer(
                color_attachments=[ctx.renderbuffer(size, 4, samples=samples)],
                depth_attachment=ctx.depth_renderbuffer(size, samples=samples),
            )
            self._picture_fbo = ctx.framebuffer(color_attachments=[self._picture])
        else:
            self._draw_fbo = ctx.framebuffer(
                color_attachments=[self._picture], depth_attachment=ctx.depth_renderbuffer(size)
            )
        # Below render scale 1 the bilinear upscale already softens edges, and FXAA over
        # the full output would cost as much as the scene itself.
        fxaa = self.antialias and self.samples == 0 and size == (self.width, self.height)
        self._post = PostPass(ctx, picture_unit=3, scene_size=size,
                              output_size=(self.width, self.height), fxaa=fxaa)
        # 4. Texture units, fixed for the engine's life.
        self._static_map.use(location=0)
        self._moving_map.use(location=1)
        self._reflection.use(location=2)
        self._picture.use(location=3)
        for program_pass in (self._scene, self._mirror):
            program_pass.set("u_shadow_map", 0)
            program_pass.set("u_shadow_map_moving", 1)
            program_pass.set("u_reflection", 2)
        self._scene.set("u_inv_viewport", (1.0 / size[0], 1.0 / size[1]))

    # -- rendering ------------------------------------------------------------------------

    def render(self, timeline: Timeline) -> Iterator[NDArray[np.uint8]]:
        """Frames of `timeline`, in order: fresh (height, width, 3) uint8 sRGB arrays, row 0 on top.

        The inputs are checked here, before the first frame: an unknown look or time of day
        raises InvalidRequest (a ValueError), a malformed timeline ValueError.
        """
        if self._ctx is None:
            raise RuntimeError("PrevizEngine.render needs an open engine: `with PrevizEngine(...)`")
        grade = grade_for(timeline.environment.look, width=self.width, height=self.height)
        lighting = lighting_for(timeline.environment)
        scene = prepare_scene(
            timeline, lighting, static_map=self.shadow_size, moving_map=self.shadow_size // 2
        )
        return self._frames(timeline, scene=scene, lighting=lighting, grade=grade)

    def _frames(
        self, timeline: Timeline, *, scene: Scene, lighting: Lighting, grade: Grade
    ) -> Iterator[NDArray[np.uint8]]:
        ctx = self._ctx
        if ctx is None:
            raise RuntimeError("PrevizEngine closed while rendering")
        # Indoors the backdrop is a flat interior colour: a clear is cheaper than the sky pass.
        backdrop = encode_srgb(lighting.sky_horizon, exposure=lighting.exposure)
        sky = not timeline.environment.indoor
        # `with ctx` makes this engine's context current (another engine may have been used
        # in between) and restores the previous one, so the caller may interleave engines.
        with ctx:
            self._set_lighting(scene, lighting=lighting, grade=grade)
            self._shadow_pass(
                ctx, scene, frustum=scene.static_shadow, fbo=self._static_fbo, moving=False, index=0
            )
        for index in range(timeline.frame_count):
            with ctx:
                frame = self._render_frame(
                    ctx, scene, index=index, camera=timeline.camera[index], sky=sky,
                    backdrop=backdrop,
                )
            yield frame

    def _render_frame(
        self, ctx: moderngl.Context, scene: Scene, *, index: int, camera: CameraKey, sky: bool,
        backdrop: Vec3,
    ) -> NDArray[np.uint8]:
        # 1. Moving bodies' shadow map.
        if scene.moving_shadow is not None:
            self._shadow_pass(
                ctx, scene, frustum=scene.moving_shadow, fbo=self._moving_fbo, moving=True,
                index=index,
            )
        # 2. Mirrored scene for the wet floor, when the camera is above it.
        reflect = scene.mirror_z is not None and camera.position[2] > scene.mirror_z + 1e-3
        if reflect:
            self._mirror_pass(ctx, scene, index=index, camera=camera, sky=sky, backdrop=backdrop)
        # 3. Scene and sky.
        self._draw_fbo.use()
        ctx.clear(*backdrop, depth=1.0)
        view_proj = view_projection(camera, width=self.width, height=self.height)
        self._draw_bodies(ctx, scene, program_pass=self._scene, index=index, camera=camera,
                          view_proj=view_proj, eye=camera.position, reflect=reflect)
        if sky:
            self._draw_sky(ctx, view_proj, eye=camera.position)
        # 4. Resolve, grade, flip, read back.
        if self._picture_fbo is not None:
            ctx.copy_framebuffer(self._picture_fbo, self._draw_fbo)
        return self._post.run(ctx, index=index)

    def _set_lighting(self, scene: Scene, *, lighting: Lighting, grade: Grade) -> None:
        static, moving = scene.static_shadow, scene.moving_shadow
        static_radius = scene.shadow_softness_m / static.extent_m
        static_offset = (static_radius + 2.0 / self.shadow_size) * static.extent_m
        moving_radius = moving_offset = 0.0
        if moving is not None:
            moving_radius = scene.shadow_softness_m / moving.extent_m
            moving_offset = (moving_radius + 4.0 / self.shadow_size) * moving.extent_m
        for program_pass in (self._scene, self._mirror):
            program_pass.write("u_light_view_proj", gl_bytes(static.view_proj))
            if moving is not None:
                program_pass.write("u_light_view_proj_moving", gl_bytes(moving.view_proj))
            program_pass.set("u_shadow_radius", (static_radius, moving_radius))
            program_pass.set("u_normal_offset", (static_offset, moving_offset))
            program_pass.set("u_shadow_depth", (static.depth_m, moving.depth_m if moving else 1.0))
            program_pass.set("u_sun_direction", lighting.sun_direction)
            program_pass.set("u_sun_color", lighting.sun_color)
            program_pass.set("u_ambient_sky", lighting.ambient_sky)
            program_pass.set("u_ambient_ground", lighting.ambient_ground)
            x, y, z = scene.focus
            program_pass.set("u_lamp", (x, y, z + LAMP_HEIGHT, lighting.lamp_reach_m))
            program_pass.set("u_lamp_height", LAMP_HEIGHT)
            program_pass.set("u_fog_color", lighting.fog_color)
            program_pass.set("u_fog_density", lighting.fog_density)
            program_pass.set("u_exposure", lighting.exposure)
        self._mirror.set("u_mirror_z", (scene.mirror_z or 0.0) + 1e-3)
        self._sky.set("u_zenith", lighting.sky_zenith)
        self._sky.set("u_horizon", lighting.sky_horizon)
        self._sky.set("u_ground", lighting.sky_ground)
        self._sky.set("u_sun_direction", lighting.sun_direction)
        self._sky.set("u_sun_color", lighting.sun_color)
        self._sky.set("u_sun_disc", lighting.sun_disc)
        self._sky.set("u_stars", lighting.stars)
        self._sky.set("u_exposure", lighting.exposure)
        self._post.set_grade(grade)

    def _shadow_pass(
        self, ctx: moderngl.Context, scene: Scene, *, frustum: ShadowFrustum,
        fbo: moderngl.Framebuffer, moving: bool, index: int,
    ) -> None:
        fbo.use()
        ctx.clear(depth=1.0)
        ctx.enable(moderngl.DEPTH_TEST)
        ctx.disable(moderngl.CULL_FACE)
        ctx.depth_func = "<"
        ctx.polygon_offset = (1.0, 1.0)  # with the normal offset and bias: no acne
        self._shadow.write("u_light_view_proj", gl_bytes(frustum.view_proj))
        for prepared in scene.bodies:
            if prepared.casts_shadow and prepared.moving == moving:
                mesh = "sphere_low" if prepared.body.shape == "sphere" else str(prepared.body.shape)
                self._shadow.write("u_model", prepared.models[prepared.index(index)].tobytes())
                self._vaos["shadow", mesh].render(moderngl.TRIANGLES)
        ctx.polygon_offset = (0.0, 0.0)

    def _mirror_pass(
        self, ctx: moderngl.Context, scene: Scene, *, index: int, camera: CameraKey, sky: bool,
        backdrop: Vec3,
    ) -> None:
        assert scene.mirror_z is not None, "mirror pass without a mirror plane"
        mirror = np.eye(4)
        mirror[2, 2] = -1.0
        mirror[2, 3] = 2.0 * scene.mirror_z
        eye = camera.position
        mirrored_eye = (eye[0], eye[1], 2.0 * scene.mirror_z - eye[2])
        view_proj = view_projection(camera, width=self.width, height=self.height) @ mirror
        self._reflection_fbo.use()
        ctx.clear(*backdrop, depth=1.0)
        ctx.front_face = "cw"  # the mirror turns every triangle over
        ctx.enable_direct(GL_CLIP_DISTANCE0)
        self._draw_bodies(ctx, scene, program_pass=self._mirror, index=index, camera=camera,
                          view_proj=view_proj, eye=mirrored_eye, reflect=False)
        ctx.disable_direct(GL_CLIP_DISTANCE0)
        ctx.front_face = "ccw"
        if sky:
            self._draw_sky(ctx, view_proj, eye=mirrored_eye)

    def _draw_bodies(
        self, ctx: moderngl.Context, scene: Scene, *, program_pass: Program, index: int,
        camera: CameraKey, view_proj: NDArray[np.float64], eye: Vec3, reflect: bool,
    ) -> None:
        ctx.enable(moderngl.DEPTH_TEST)
        ctx.depth_func = "<"
        program_pass.write("u_view_proj", gl_bytes(view_proj))
        program_pass.set("u_eye", eye)
        mirrored = program_pass is self._mirror
        pass_name = "mirror" if mirrored else "scene"
        # Nearest first, so the depth test rejects hidden fragments before they are shaded.
        focal_px = 0.5 * self.scene_size[1] / math.tan(math.radians(camera.fov_deg) / 2.0)
        for distance, prepared in _front_to_back(scene.bodies, index=index, eye=eye):
            if prepared.two_sided:
                ctx.disable(moderngl.CULL_FACE)
            else:
                ctx.enable(moderngl.CULL_FACE)
            mesh: str = prepared.body.shape
            if mesh == "sphere" and prepared.body.size[0] * focal_px < SMALL_SPHERE_PX * distance:
                mesh = "sphere_low"
            row = prepared.index(index)
            program_pass.write("u_model", prepared.models[row].tobytes())
            program_pass.write("u_normal_matrix", prepared.normals[row].tobytes())
            program_pass.write("u_color", prepared.color)
            program_pass.set("u_planks", prepared.planks)
            material = prepared.material if reflect else prepared.mirrored_material
            program_pass.write("u_material", material)
            self._vaos[pass_name, mesh].render(moderngl.TRIANGLES)

    def _draw_sky(
        self, ctx: moderngl.Context, view_proj: NDArray[np.float64], *, eye: Vec3
    ) -> None:
        ctx.disable(moderngl.CULL_FACE)
        ctx.depth_func = "<="
        inverse = np.asarray(np.linalg.inv(view_proj), dtype=np.float64)
        self._sky.write("u_inv_view_proj", gl_bytes(inverse))
        self._sky.set("u_eye", eye)
        self._sky_vao.render(moderngl.TRIANGLES)


def _front_to_back(
    bodies: list[PreparedBody], *, index: int, eye: Vec3
) -> list[tuple[float, PreparedBody]]:
    """(distance, body) pairs sorted nearest first; ties keep the timeline's order."""
    position = np.asarray(eye)
    ranked = [
        (float(np.linalg.norm(prepared.centres[prepared.index(index)] - position)), order, prepared)
        for order, prepared in enumerate(bodies)
    ]
    ranked.sort(key=lambda item: (item[0], item[1]))
    return [(distance, prepared) for distance, _, prepared in ranked]
