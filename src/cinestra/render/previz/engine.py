"""PrevizEngine: the default render engine, Timeline -> RGB frames with moderngl over EGL.

Bodies are drawn instanced, one call per mesh shape and pass (`batches.py`): the rows of
the bodies in view, nearest first. Each frame runs these passes:

1. sun shadow maps: the static bodies' map once per timeline, the moving bodies' and
   cloths' map (a small footprint around their whole path) every frame;
2. the scene mirrored about the wet floor, at reduced size, for the floor's reflection;
3. the scene (sun, sky, point lights, emissive parts, cloths), the sky, then the particles
   blended on top, into the colour buffer (gamma-encoded sRGB), multisampled if asked;
4. resolve, then the post pass (`post.py`): upscale, depth of field, outlines, grade
   (look, letterbox, vignette, grain), flip and read back.

`render_ids` draws the same bodies as flat subject indices for tests and framing (`ids.py`).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterator
from types import TracebackType

import moderngl
import numpy as np
from numpy.typing import NDArray

from cinestra.errors import InvalidRequest
from cinestra.render.engines import RenderedShot, ShotInput
from cinestra.render.previz import shaders
from cinestra.render.previz.batches import (
    INSTANCE_ATTRIBUTES,
    INSTANCE_FLOATS,
    INSTANCE_FORMAT,
    SHADOW_FORMAT,
    frustum_planes,
    in_view,
)
from cinestra.render.previz.camera import gl_bytes, view_matrix, view_projection
from cinestra.render.previz.context import GLContext
from cinestra.render.previz.depth import read_depth
from cinestra.render.previz.effects import QUAD, ClothMesh, particle_rows, particle_style
from cinestra.render.previz.features import scene_defines
from cinestra.render.previz.grade import Grade, grade_for
from cinestra.render.previz.lighting import Lighting, encode_srgb, lighting_for
from cinestra.render.previz.meshes import LOW_MESHES, MESH_BUILDERS, MESH_LEVELS, detail_levels
from cinestra.render.previz.post import PostPass
from cinestra.render.previz.programs import FULL_SCREEN, Program, shadow_target, used_attributes
from cinestra.render.previz.scene import Scene, ShadowFrustum, prepare_scene
from cinestra.world.timeline import CameraKey, Light, Timeline, Vec3

logger = logging.getLogger(__name__)

MAX_SIZE = 8192
GL_CLIP_DISTANCE0 = 0x3000
LAMP_HEIGHT = 2.0  # metres above the lowest point of the action (indoor evening light)
# Spheres and cylinders are drawn with the coarsest mesh whose silhouette stays within this
# many drawn pixels of the true curve (the finest mesh is within 0.4 px at 180 px radius).
LOD_TOLERANCE_PX = 0.5
MAX_REFLECTION_WIDTH = 480  # pixels; a wet floor's reflection is soft anyway
# On a software rasteriser (llvmpipe) the scene is drawn at about this many pixels at most and
# upscaled in the post pass: 720p draws at ~68% per axis (874x492). Shading the pixels is
# most of a frame's cost on 2 cores; GPUs draw at full size. `render_scale` overrides.
SOFTWARE_PIXELS = 420_000
SOFTWARE_LIGHTS = 4  # point lights shaded per pixel on a software rasteriser
SOFTWARE_RENDERERS = ("llvmpipe", "softpipe", "swrast")
HAZE_FOG = 0.1  # exp2 fog density added at haze 1 (a smoky club: half the light gone at 8 m)
LIT_INDOOR_KEY = 0.4  # indoors with its own lights, the overall key and ambient are dimmed
SHADINGS = {"standard": (), "toon": ("TOON",), "flat": ("TOON", "FLAT"), "clay": ("CLAY",)}
# Passes that draw bodies, each with its own instance buffers (a buffer is not rewritten
# while an earlier draw of the same frame may still read it).
PASSES = ("shadow", "mirror", "scene", "ids")


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
        self.max_lights = shaders.MAX_LIGHTS  # fewer on a software rasteriser (see _build)
        self.software = False  # drawn by a CPU rasteriser (llvmpipe), known once open
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
        renderer = str(ctx.info.get("GL_RENDERER", "")).lower()
        software = self.software = any(name in renderer for name in SOFTWARE_RENDERERS)
        # Every point light is a loop iteration for every pixel: a CPU shades the few that
        # light the action most, a GPU all of them.
        self.max_lights = SOFTWARE_LIGHTS if software else shaders.MAX_LIGHTS
        scale = self.render_scale
        if scale is None:
            scale = min(1.0, math.sqrt(SOFTWARE_PIXELS / (self.width * self.height))) \
                if software else 1.0
        return max(1, round(self.width * scale)), max(1, round(self.height * scale))

    def _build(self, ctx: moderngl.Context) -> None:
        # 1. Programs (scene shading variants are compiled when a look first needs them).
        self._shadow = Program(ctx, vertex=shaders.SHADOW_VS, fragment=shaders.SHADOW_FS)
        self._ids = Program(ctx, vertex=shaders.ID_VS, fragment=shaders.ID_FS)
        self._sky = Program(ctx, vertex=shaders.SKY_VS, fragment=shaders.SKY_FS)
        self._particles = Program(ctx, vertex=shaders.PARTICLE_VS, fragment=shaders.PARTICLE_FS)
        self._scenes: dict[tuple[str, ...], Program] = {}
        size = self._scene_size(ctx)
        self.scene_size = size
        # 2. Meshes, and per pass an instance buffer per mesh, rewritten as needed.
        self._meshes = {name: build() for name, build in MESH_BUILDERS.items()}
        self._mesh_buffers = {
            name: (ctx.buffer(mesh.vertices.tobytes()), ctx.buffer(mesh.indices.tobytes()))
            for name, mesh in self._meshes.items()
        }
        self._instances = {
            (pass_name, mesh): ctx.buffer(reserve=64 * INSTANCE_FLOATS * 4)
            for pass_name in PASSES for mesh in self._meshes
        }
        self._vaos: dict[tuple[str, str], moderngl.VertexArray] = {}
        quad = ctx.buffer(FULL_SCREEN.tobytes())
        self._sky_vao = ctx.vertex_array(self._sky.program, [(quad, "2f", "in_pos")])
        self._particle_rows = ctx.buffer(reserve=4096 * 16)
        self._particle_vao = ctx.vertex_array(self._particles.program, [
            (ctx.buffer(QUAD.tobytes()), "2f", "in_corner"),
            (self._particle_rows, "4f/i", "in_particle"),
        ])
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
        self._depth: moderngl.Texture | None = None
        if samples > 0:
            self._draw_fbo = ctx.framebuffer(
                color_attachments=[ctx.renderbuffer(size, 4, samples=samples)],
                depth_attachment=ctx.depth_renderbuffer(size, samples=samples),
            )
            self._picture_fbo = ctx.framebuffer(color_attachments=[self._picture])
        else:
            # The post pass reads the depth for outlines and depth of field.
            self._depth = ctx.depth_texture(size)
            self._depth.compare_func = ""
            self._depth.repeat_x = self._depth.repeat_y = False
            self._draw_fbo = ctx.framebuffer(
                color_attachments=[self._picture], depth_attachment=self._depth
            )
        self._id_fbo: moderngl.Framebuffer | None = None
        # Below render scale 1 the bilinear upscale already softens edges, and FXAA over
        # the full output would cost as much as the scene itself.
        fxaa = self.antialias and self.samples == 0 and size == (self.width, self.height)
        self._post = PostPass(ctx, picture_unit=3, depth_unit=4 if self._depth else None,
                              scene_size=size, output_size=(self.width, self.height), fxaa=fxaa)
        # 4. Texture units, fixed for the engine's life.
        self._static_map.use(location=0)
        self._moving_map.use(location=1)
        self._reflection.use(location=2)
        self._picture.use(location=3)
        if self._depth is not None:
            self._depth.use(location=4)

    def _prepare_program(self, program_pass: Program) -> None:
        program_pass.set("u_shadow_map", 0)
        program_pass.set("u_shadow_map_moving", 1)
        program_pass.set("u_reflection", 2)
        size = self.scene_size
        program_pass.set("u_inv_viewport", (1.0 / size[0], 1.0 / size[1]))

    def _scene_program(self, defines: tuple[str, ...]) -> Program:
        """The scene shader compiled with `defines` (shading, the timeline's features, and
        MIRROR for the wet floor's reflection); compiled once per engine."""
        program_pass = self._scenes.get(defines)
        if program_pass is None:
            assert self._ctx is not None, "scene programs are built inside an open engine"
            vertex = shaders.SCENE_VS
            if "MIRROR" in defines:
                vertex = shaders.with_defines(vertex, "MIRROR")
            program_pass = Program(self._ctx, vertex=vertex,
                                   fragment=shaders.with_defines(shaders.SCENE_FS, *defines))
            self._prepare_program(program_pass)
            self._scenes[defines] = program_pass
        return program_pass

    def _vao(self, program_pass: Program, *, pass_name: str, mesh: str) -> moderngl.VertexArray:
        key = (f"{pass_name}:{id(program_pass)}", mesh)
        vao = self._vaos.get(key)
        if vao is None:
            assert self._ctx is not None, "vertex arrays are built inside an open engine"
            vbo, ibo = self._mesh_buffers[mesh]
            instances = self._instances[pass_name, mesh]
            vertex: tuple[str, ...]  # format, then attribute names
            instance: tuple[str, ...]
            if pass_name in ("scene", "mirror"):
                vertex = ("3f 3f", "in_pos", "in_normal")
                instance = (INSTANCE_FORMAT, *INSTANCE_ATTRIBUTES)
            elif pass_name == "ids":
                vertex = ("3f 12x", "in_pos")
                instance = ("16f 64x 4f/i", "in_model", "in_extra")
            else:
                vertex = ("3f 12x", "in_pos")
                instance = (SHADOW_FORMAT, "in_model")
            program = program_pass.program
            vao = self._ctx.vertex_array(program, [
                (vbo, *used_attributes(program, *vertex)),
                (instances, *used_attributes(program, *instance)),
            ], ibo)
            self._vaos[key] = vao
        return vao

    def _draw_rows(self, program_pass: Program, *, pass_name: str, mesh: str,
                   rows: NDArray[np.float32]) -> None:
        """One instanced draw of `rows` with `mesh`."""
        if len(rows) == 0:
            return
        buffer = self._instances[pass_name, mesh]
        if rows.nbytes > buffer.size:
            buffer.orphan(max(rows.nbytes, 2 * buffer.size))
        buffer.write(rows.tobytes())
        self._vao(program_pass, pass_name=pass_name, mesh=mesh).render(
            moderngl.TRIANGLES, instances=len(rows)
        )

    # -- rendering ------------------------------------------------------------------------

    name = "previz"
    makes_sound = False

    def render_shot(self, shot: ShotInput) -> RenderedShot:
        """The `RenderEngine` side of `render`: the shot's Timeline drawn, without sound."""
        return RenderedShot(frames=self.render(shot.timeline))

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

    def render_ids(self, timeline: Timeline) -> Iterator[tuple[NDArray[np.int32], list[str]]]:
        """Per frame, an (height, width) map of subject indices and its legend.

        Index 0 is no subject; index i is `legend[i - 1]`, the i-th distinct `Body.subject`
        or `Cloth.subject` of the timeline. Drawn at the output size with the depth test (a
        hidden subject is not counted), without post effects or letterbox.
        """
        if self._ctx is None:
            raise RuntimeError("PrevizEngine.render_ids needs an open engine")
        lighting = lighting_for(timeline.environment)
        scene = prepare_scene(timeline, lighting, static_map=self.shadow_size,
                              moving_map=self.shadow_size // 2)
        return self._id_frames(timeline, scene=scene)

    def render_depth(self, timeline: Timeline) -> Iterator[NDArray[np.float32]]:
        """Per frame, an (height, width) map of distance along the view axis in metres (inf
        where nothing is drawn: the sky), read from the ID pass's depth (`depth.py`)."""
        for _ in self.render_ids(timeline):  # the frame just drawn is still in the ID target
            assert self._ctx is not None and self._id_fbo is not None, "drawn in an open engine"
            with self._ctx:
                depth = read_depth(self._id_fbo, width=self.width, height=self.height)
            yield depth

    def _id_frames(
        self, timeline: Timeline, *, scene: Scene
    ) -> Iterator[tuple[NDArray[np.int32], list[str]]]:
        ctx = self._ctx
        if ctx is None:
            raise RuntimeError("PrevizEngine closed while rendering")
        with ctx:
            if self._id_fbo is None:
                size = (self.width, self.height)
                self._id_fbo = ctx.framebuffer(
                    color_attachments=[ctx.renderbuffer(size, 4)],
                    depth_attachment=ctx.depth_renderbuffer(size),
                )
            cloths = self._cloth_meshes(ctx, timeline, scene=scene)
        try:
            for index in range(timeline.frame_count):
                with ctx:
                    ids = self._id_frame(ctx, scene, cloths=cloths, index=index,
                                         camera=timeline.camera[index])
                yield ids, list(scene.subjects)
        finally:
            self._release(ctx, cloths)

    def _id_frame(self, ctx: moderngl.Context, scene: Scene, *, cloths: list[ClothMesh],
                  index: int, camera: CameraKey) -> NDArray[np.int32]:
        assert self._id_fbo is not None, "the ID target is made before the first ID frame"
        self._id_fbo.use()
        ctx.clear(0.0, 0.0, 0.0, 1.0, depth=1.0)
        ctx.enable(moderngl.DEPTH_TEST)
        ctx.depth_func = "<"
        view_proj = view_projection(camera, width=self.width, height=self.height)
        self._ids.write("u_view_proj", gl_bytes(view_proj))
        planes = frustum_planes(view_proj)
        eye = np.asarray(camera.position)
        for batch in scene.batches:
            rows, spheres = batch.rows(index)
            rows, _ = in_view(rows, spheres, planes=planes, eye=eye)
            self._set_culling(ctx, batch.mesh)
            mesh = LOW_MESHES.get(batch.mesh, batch.mesh)
            self._draw_rows(self._ids, pass_name="ids", mesh=mesh, rows=rows)
        ctx.disable(moderngl.CULL_FACE)
        for cloth in cloths:
            cloth.update(index)
            cloth.vaos["ids"].render(moderngl.TRIANGLES)
        raw = np.empty((self.height, self.width, 4), dtype=np.uint8)
        self._id_fbo.read_into(raw, components=4, alignment=1)
        ids = raw[::-1, :, 0].astype(np.int32) + 256 * raw[::-1, :, 1].astype(np.int32)
        return np.ascontiguousarray(ids)

    def _release(self, ctx: moderngl.Context, cloths: list[ClothMesh]) -> None:
        """Free a timeline's cloth buffers, unless the engine (and its context) is gone."""
        if cloths and self._ctx is ctx:
            with ctx:
                for cloth in cloths:
                    cloth.release()

    def _cloth_meshes(self, ctx: moderngl.Context, timeline: Timeline, *, scene: Scene,
                      scene_program: Program | None = None,
                      mirror_program: Program | None = None) -> list[ClothMesh]:
        programs = {
            "shadow": (self._shadow.program, SHADOW_FORMAT, ("in_model",)),
            "ids": (self._ids.program, "16f 64x 4f/i", ("in_model", "in_extra")),
        }
        if scene_program is not None:
            programs["scene"] = (scene_program.program, INSTANCE_FORMAT, INSTANCE_ATTRIBUTES)
        if mirror_program is not None:
            programs["mirror"] = (mirror_program.program, INSTANCE_FORMAT, INSTANCE_ATTRIBUTES)
        meshes = []
        for cloth in timeline.cloths:
            subject = scene.subjects.index(cloth.subject) + 1 if cloth.subject else 0
            meshes.append(ClothMesh(ctx, cloth, subject=subject, programs=programs))
        return meshes

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
            lights = min(len(timeline.lights), self.max_lights)
            features = scene_defines(scene, timeline=timeline, lighting=lighting, lights=lights)
            scene_program = self._scene_program((*SHADINGS[grade.shading], *features))
            mirror_program = None
            if scene.mirror_z is not None:
                mirror_program = self._scene_program(("MIRROR", *features))
            self._set_lighting(scene, timeline=timeline, lighting=lighting, grade=grade,
                               programs=[scene_program, mirror_program])
            cloths = self._cloth_meshes(ctx, timeline, scene=scene, scene_program=scene_program,
                                        mirror_program=mirror_program)
            self._shadow_pass(ctx, scene, frustum=scene.static_shadow, fbo=self._static_fbo,
                              cloths=[], index=None)
        frame: NDArray[np.uint8] | None = None
        try:
            for index in range(timeline.frame_count):
                if grade.on_twos and index % 2 == 1 and frame is not None:
                    yield frame.copy()  # animation on twos: each drawing held for two frames
                    continue
                with ctx:
                    frame = self._render_frame(
                        ctx, scene, timeline=timeline, index=index, sky=sky, backdrop=backdrop,
                        scene_program=scene_program, mirror_program=mirror_program,
                        cloths=cloths, lighting=lighting,
                    )
                yield frame
        finally:
            self._release(ctx, cloths)

    def _render_frame(
        self, ctx: moderngl.Context, scene: Scene, *, timeline: Timeline, index: int,
        sky: bool, backdrop: Vec3, scene_program: Program, mirror_program: Program | None,
        cloths: list[ClothMesh], lighting: Lighting,
    ) -> NDArray[np.uint8]:
        camera = timeline.camera[index]
        for cloth in cloths:
            cloth.update(index)
        # 1. Moving bodies' shadow map, or their region of the map they share.
        if scene.moving_shadow is not None:
            self._shadow_pass(ctx, scene, frustum=scene.moving_shadow, fbo=self._moving_fbo,
                              cloths=cloths, index=index)
        elif scene.moving_region is not None:
            self._shadow_pass(ctx, scene, frustum=scene.static_shadow, fbo=self._static_fbo,
                              cloths=cloths, index=index, region=scene.moving_region)
        # 2. Mirrored scene for the wet floor, when the camera is above it.
        reflect = (mirror_program is not None and scene.mirror_z is not None
                   and camera.position[2] > scene.mirror_z + 1e-3)
        if mirror_program is not None and reflect:
            self._mirror_pass(ctx, scene, program_pass=mirror_program, index=index,
                              camera=camera, sky=sky, backdrop=backdrop, cloths=cloths)
        # 3. Scene, sky, then particles blended over both.
        self._draw_fbo.use()
        ctx.clear(*backdrop, depth=1.0)
        view_proj = view_projection(camera, width=self.width, height=self.height)
        scene_program.set("u_reflect", 1.0 if reflect else 0.0)
        self._draw_bodies(ctx, scene, program_pass=scene_program, pass_name="scene",
                          index=index, camera=camera, view_proj=view_proj, eye=camera.position,
                          cloths=cloths)
        if sky:
            self._draw_sky(ctx, view_proj, eye=camera.position)
        if timeline.particles:
            self._draw_particles(ctx, timeline, index=index, camera=camera, view_proj=view_proj,
                                 lighting=lighting)
        # 4. Resolve, grade, flip, read back.
        if self._picture_fbo is not None:
            ctx.copy_framebuffer(self._picture_fbo, self._draw_fbo)
        return self._post.run(ctx, index=index, camera=camera)

    def _set_lighting(self, scene: Scene, *, timeline: Timeline, lighting: Lighting,
                      grade: Grade, programs: list[Program | None]) -> None:
        """Uniforms for the whole timeline: the scene and mirror `programs` (None: not
        drawn), particles, sky and post pass."""
        static, moving = scene.static_shadow, scene.moving_shadow
        static_radius = scene.shadow_softness_m / static.extent_m
        static_offset = (static_radius + 2.0 / self.shadow_size) * static.extent_m
        moving_radius = moving_offset = 0.0
        if moving is not None:
            moving_radius = scene.shadow_softness_m / moving.extent_m
            moving_offset = (moving_radius + 4.0 / self.shadow_size) * moving.extent_m
        environment = timeline.environment
        key, above, below = lighting.sun_color, lighting.ambient_sky, lighting.ambient_ground
        if timeline.lights and environment.indoor:  # the set's own lights take over
            key = _scaled(key, LIT_INDOOR_KEY)
            above, below = _scaled(above, 0.6), _scaled(below, 0.6)
        positions, colours = _light_uniforms(timeline, limit=self.max_lights, focus=scene.focus)
        for program_pass in programs:
            if program_pass is None:
                continue
            program_pass.write("u_light_view_proj", gl_bytes(static.view_proj))
            if moving is not None:
                program_pass.write("u_light_view_proj_moving", gl_bytes(moving.view_proj))
            program_pass.set("u_shadow_radius", (static_radius, moving_radius))
            program_pass.set("u_normal_offset", (static_offset, moving_offset))
            program_pass.set("u_shadow_depth", (static.depth_m, moving.depth_m if moving else 1.0))
            program_pass.set("u_sun_direction", lighting.sun_direction)
            program_pass.set("u_sun_color", key)
            program_pass.set("u_ambient_sky", above)
            program_pass.set("u_ambient_ground", below)
            x, y, z = scene.focus
            program_pass.set("u_lamp", (x, y, z + LAMP_HEIGHT, lighting.lamp_reach_m))
            program_pass.set("u_lamp_height", LAMP_HEIGHT)
            program_pass.set("u_fog_color", lighting.fog_color)
            program_pass.set("u_fog_density", lighting.fog_density + HAZE_FOG * environment.haze)
            program_pass.set("u_exposure", lighting.exposure)
            program_pass.set("u_haze", environment.haze)
            program_pass.write("u_light_pos", positions.tobytes())  # LIGHTS of them
            program_pass.write("u_light_color", colours.tobytes())
            program_pass.set("u_mirror_z", (scene.mirror_z or 0.0) + 1e-3)  # MIRROR only
        self._particles.set("u_fog_color", lighting.fog_color)
        self._particles.set("u_fog_density", lighting.fog_density + HAZE_FOG * environment.haze)
        self._particles.set("u_exposure", lighting.exposure)
        self._sky.set("u_zenith", lighting.sky_zenith)
        self._sky.set("u_horizon", lighting.sky_horizon)
        self._sky.set("u_ground", lighting.sky_ground)
        self._sky.set("u_sun_direction", lighting.sun_direction)
        self._sky.set("u_sun_color", lighting.sun_color)
        self._sky.set("u_sun_disc", lighting.sun_disc)
        self._sky.set("u_stars", lighting.stars)
        self._sky.set("u_exposure", lighting.exposure)
        self._post.set_grade(grade, dof=any(key.aperture_m > 0 for key in timeline.camera))

    def _shadow_pass(
        self, ctx: moderngl.Context, scene: Scene, *, frustum: ShadowFrustum,
        fbo: moderngl.Framebuffer, cloths: list[ClothMesh], index: int | None,
        region: tuple[int, int, int, int] | None = None,
    ) -> None:
        """Static casters (`index` None) or moving casters and cloths at frame `index`; with
        a `region` of the shared map, static and moving casters within it."""
        fbo.use()
        if region is not None:
            ctx.clear(depth=1.0, viewport=region)
            fbo.scissor = region
        else:
            ctx.clear(depth=1.0)
        ctx.enable(moderngl.DEPTH_TEST)
        ctx.disable(moderngl.CULL_FACE)
        ctx.depth_func = "<"
        ctx.polygon_offset = (1.0, 1.0)  # with the normal offset and bias: no acne
        self._shadow.write("u_light_view_proj", gl_bytes(frustum.view_proj))
        for batch in scene.batches:
            mesh = LOW_MESHES.get(batch.mesh, batch.mesh)
            rows = batch.casters(index)
            if region is not None and index is not None:
                rows = np.vstack([batch.casters(None), rows])
            self._draw_rows(self._shadow, pass_name="shadow", mesh=mesh, rows=rows)
        for cloth in cloths:
            cloth.vaos["shadow"].render(moderngl.TRIANGLES)
        ctx.polygon_offset = (0.0, 0.0)
        if region is not None:
            fbo.scissor = (0, 0, fbo.width, fbo.height)

    def _mirror_pass(
        self, ctx: moderngl.Context, scene: Scene, *, program_pass: Program, index: int,
        camera: CameraKey, sky: bool, backdrop: Vec3, cloths: list[ClothMesh],
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
        self._draw_bodies(ctx, scene, program_pass=program_pass, pass_name="mirror", index=index,
                          camera=camera, view_proj=view_proj, eye=mirrored_eye, cloths=cloths)
        ctx.disable_direct(GL_CLIP_DISTANCE0)
        ctx.front_face = "ccw"
        if sky:
            self._draw_sky(ctx, view_proj, eye=mirrored_eye)

    @staticmethod
    def _set_culling(ctx: moderngl.Context, mesh: str) -> None:
        if mesh == "plane":  # planes are seen from both sides
            ctx.disable(moderngl.CULL_FACE)
        else:
            ctx.enable(moderngl.CULL_FACE)

    def _draw_bodies(
        self, ctx: moderngl.Context, scene: Scene, *, program_pass: Program, pass_name: str,
        index: int, camera: CameraKey, view_proj: NDArray[np.float64], eye: Vec3,
        cloths: list[ClothMesh],
    ) -> None:
        ctx.enable(moderngl.DEPTH_TEST)
        ctx.depth_func = "<"
        program_pass.write("u_view_proj", gl_bytes(view_proj))
        program_pass.set("u_eye", eye)
        planes = frustum_planes(view_proj)
        position = np.asarray(eye)
        focal_px = 0.5 * self.scene_size[1] / math.tan(math.radians(camera.fov_deg) / 2.0)
        for batch in scene.batches:
            rows, spheres = batch.rows(index)
            # Nearest first, so the depth test rejects hidden fragments before they are shaded.
            rows, distance = in_view(rows, spheres, planes=planes, eye=position)
            self._set_culling(ctx, batch.mesh)
            if batch.mesh in MESH_LEVELS:
                self._draw_levels(program_pass, pass_name=pass_name, mesh=batch.mesh, rows=rows,
                                  distance=distance, focal_px=focal_px)
            else:
                self._draw_rows(program_pass, pass_name=pass_name, mesh=batch.mesh, rows=rows)
        ctx.disable(moderngl.CULL_FACE)
        for cloth in cloths:
            cloth.vaos[pass_name].render(moderngl.TRIANGLES)

    def _draw_levels(self, program_pass: Program, *, pass_name: str, mesh: str,
                     rows: NDArray[np.float32], distance: NDArray[np.float64],
                     focal_px: float) -> None:
        """Each round body with the coarsest mesh that keeps its silhouette within
        LOD_TOLERANCE_PX (the blurry mirror always takes the coarsest)."""
        if pass_name == "mirror":
            self._draw_rows(program_pass, pass_name=pass_name, mesh=LOW_MESHES[mesh], rows=rows)
            return
        for level_mesh, level_rows in detail_levels(rows, distance, mesh=mesh, focal_px=focal_px,
                                                    tolerance_px=LOD_TOLERANCE_PX):
            self._draw_rows(program_pass, pass_name=pass_name, mesh=level_mesh, rows=level_rows)

    def _draw_particles(self, ctx: moderngl.Context, timeline: Timeline, *, index: int,
                        camera: CameraKey, view_proj: NDArray[np.float64],
                        lighting: Lighting) -> None:
        ctx.enable(moderngl.DEPTH_TEST | moderngl.BLEND)
        ctx.disable(moderngl.CULL_FACE)
        self._draw_fbo.depth_mask = False  # particles are seen through each other, not hidden
        ctx.blend_func = moderngl.SRC_ALPHA, moderngl.ONE_MINUS_SRC_ALPHA
        view = view_matrix(camera)
        program_pass = self._particles
        program_pass.write("u_view_proj", gl_bytes(view_proj))
        program_pass.set("u_eye", camera.position)
        program_pass.set("u_right", tuple(float(v) for v in view[0, :3]))
        program_pass.set("u_up", tuple(float(v) for v in view[1, :3]))
        time = float(timeline.frame_time(index) * timeline.time_scale)
        for field in timeline.particles:
            rows = particle_rows(field, time)
            if len(rows) == 0:
                continue
            style = particle_style(field, lighting)
            program_pass.set("u_streak", style.streak)
            program_pass.set("u_shape", style.shape)
            program_pass.set("u_color", style.color)
            program_pass.set("u_softness", style.softness)
            program_pass.set("u_opacity", style.opacity)
            if rows.nbytes > self._particle_rows.size:
                self._particle_rows.orphan(max(rows.nbytes, 2 * self._particle_rows.size))
            self._particle_rows.write(rows.tobytes())
            self._particle_vao.render(moderngl.TRIANGLES, instances=len(rows))
        self._draw_fbo.depth_mask = True
        ctx.disable(moderngl.BLEND)

    def _draw_sky(
        self, ctx: moderngl.Context, view_proj: NDArray[np.float64], *, eye: Vec3
    ) -> None:
        ctx.disable(moderngl.CULL_FACE)
        ctx.depth_func = "<="
        inverse = np.asarray(np.linalg.inv(view_proj), dtype=np.float64)
        self._sky.write("u_inv_view_proj", gl_bytes(inverse))
        self._sky.set("u_eye", eye)
        self._sky_vao.render(moderngl.TRIANGLES)


def _scaled(color: Vec3, factor: float) -> Vec3:
    return (color[0] * factor, color[1] * factor, color[2] * factor)


def _light_uniforms(timeline: Timeline, *, limit: int, focus: Vec3
                    ) -> tuple[NDArray[np.float32], NDArray[np.float32]]:
    """Flat (position, reach) and (colour * intensity) arrays of the `limit` lights that
    light the action (`focus`) most: intensity over squared distance, within reach."""
    def at_focus(light: Light) -> float:
        d2 = sum((a - b) ** 2 for a, b in zip(light.position, focus, strict=True))
        reach = max(0.0, 1.0 - d2 / max(light.reach**2, 1e-6))
        return light.intensity * max(light.color) * (0.05 + reach) / max(d2, 0.25)

    lights = sorted(timeline.lights, key=lambda light: -at_focus(light))
    if len(lights) > limit:
        logger.debug("timeline has %d lights; the %d that light the action most are drawn",
                     len(lights), limit)
        lights = lights[:limit]
    positions = np.array([(*light.position, light.reach) for light in lights], dtype=np.float32)
    colours = np.array([np.asarray(light.color) * light.intensity for light in lights],
                       dtype=np.float32)
    return positions.ravel(), colours.ravel()
