"""The post pass: the drawn picture becomes the output frame.

The scene is drawn at `scene_size` (fewer pixels than the output on a software rasteriser);
this pass upscales it bilinearly (or smooths its edges with FXAA at full scale), blurs it by
the circle of confusion where the camera has depth of field, inks outlines on depth edges,
pixelates or paints it, applies the look (grade, letterbox, vignette, per-frame grain),
flips it to top-row-first and reads it back as RGB bytes. Each combination of these is its
own compiled variant (llvmpipe pays for both sides of a branch).
"""

from __future__ import annotations

import math

import moderngl
import numpy as np
from numpy.typing import NDArray

from cinestra.render.previz.camera import FAR, NEAR
from cinestra.render.previz.grade import MODE_NATURAL, Grade
from cinestra.render.previz.programs import FULL_SCREEN, Program
from cinestra.render.previz.shaders import HASH, with_defines
from cinestra.world.timeline import CameraKey

MAX_BLUR_PX = 14.0  # largest circle-of-confusion radius drawn, in output pixels

POST_VS = """
#version 330
in vec2 in_pos;
void main() {
    gl_Position = vec4(in_pos, 0.0, 1.0);
}
"""

POST_FS = (
    """
#version 330
uniform sampler2D u_scene;  // gamma-encoded picture, OpenGL orientation (bottom row first)
uniform sampler2D u_depth;  // its depth buffer (window depth in [0, 1])
uniform vec2 u_clip;        // near and far planes, metres
uniform vec2 u_dof;         // focus distance (m); aperture * focal length (output pixels)
uniform float u_outline_px; // ink line offset, output pixels
uniform float u_outline;    // ink strength
uniform int u_pixel;        // pixel-art block size, output pixels
uniform float u_saturation;
uniform float u_lift;
uniform vec3 u_tint;
uniform int u_mode;         // 0 natural, 1 teal/orange, 2 noir, 3 sepia
uniform int u_bar_rows;
uniform float u_vignette;
uniform float u_grain;
uniform uint u_seed;        // the frame index: grain is different per frame, same per run
uniform ivec2 u_size;       // output pixels
uniform vec2 u_scene_texel; // 1 / the scene's pixels (fewer than the output's when scaled)
out vec4 f_color;
"""
    + HASH
    + """
float luma_of(vec3 c) {
    return dot(c, vec3(0.299, 0.587, 0.114));
}

vec3 fxaa(vec2 uv) {
    vec2 t = u_scene_texel;
    vec3 m = texture(u_scene, uv).rgb;
    vec3 nw = texture(u_scene, uv + vec2(-t.x, t.y)).rgb;
    vec3 ne = texture(u_scene, uv + t).rgb;
    vec3 sw = texture(u_scene, uv - t).rgb;
    vec3 se = texture(u_scene, uv + vec2(t.x, -t.y)).rgb;
    float l_m = luma_of(m);
    float l_nw = luma_of(nw);
    float l_ne = luma_of(ne);
    float l_sw = luma_of(sw);
    float l_se = luma_of(se);
    float l_min = min(l_m, min(min(l_nw, l_ne), min(l_sw, l_se)));
    float l_max = max(l_m, max(max(l_nw, l_ne), max(l_sw, l_se)));
    if (l_max - l_min < max(0.04, l_max * 0.125)) {
        return m;  // no edge here
    }
    vec2 dir = vec2(-((l_nw + l_ne) - (l_sw + l_se)), (l_nw + l_sw) - (l_ne + l_se));
    float reduce = max((l_nw + l_ne + l_sw + l_se) * 0.03125, 1.0 / 128.0);
    float scale = 1.0 / (min(abs(dir.x), abs(dir.y)) + reduce);
    dir = clamp(dir * scale, vec2(-8.0), vec2(8.0)) * t;
    vec3 a = 0.5 * (texture(u_scene, uv - dir / 6.0).rgb + texture(u_scene, uv + dir / 6.0).rgb);
    vec3 ends = texture(u_scene, uv - dir * 0.5).rgb + texture(u_scene, uv + dir * 0.5).rgb;
    vec3 b = 0.5 * a + 0.25 * ends;
    float l_b = luma_of(b);
    return (l_b < l_min || l_b > l_max) ? a : b;
}

float inverse_depth(vec2 uv) {
    // 1 / distance along the view axis: affine across the screen on any flat surface.
    float z = texture(u_depth, uv).r * 2.0 - 1.0;
    float n = u_clip.x;
    float f = u_clip.y;
    return (f + n - z * (f - n)) / (2.0 * f * n);
}

vec3 depth_of_field(vec2 uv) {
    // Gather blur: 16 taps on a golden-angle spiral over the circle of confusion; a tap
    // counts where its own blur reaches this pixel, so sharp things stay sharp.
    float coc = min(u_dof.y * abs(1.0 / u_dof.x - inverse_depth(uv)), MAX_BLUR);
    vec3 sum = texture(u_scene, uv).rgb;
    float weight = 1.0;
    if (coc < 0.5) {
        return sum;
    }
    for (int i = 1; i < 16; ++i) {
        float r = sqrt(float(i) / 15.0) * coc;
        float a = float(i) * 2.39996;
        vec2 tap = uv + vec2(cos(a), sin(a)) * r / vec2(u_size);
        float tap_coc = min(u_dof.y * abs(1.0 / u_dof.x - inverse_depth(tap)), MAX_BLUR);
        float w = clamp(tap_coc - r + 1.0, 0.0, 1.0);
        sum += texture(u_scene, tap).rgb * w;
        weight += w;
    }
    return sum / weight;
}

float ink(vec2 uv) {
    // Outline where the depth is not flat: silhouettes jump, creases bend (second difference
    // of inverse depth, relative to it).
    vec2 d = u_outline_px / vec2(u_size);
    float c = inverse_depth(uv);
    float h = inverse_depth(uv + vec2(d.x, 0.0)) + inverse_depth(uv - vec2(d.x, 0.0)) - 2.0 * c;
    float v = inverse_depth(uv + vec2(0.0, d.y)) + inverse_depth(uv - vec2(0.0, d.y)) - 2.0 * c;
    float edge = (abs(h) + abs(v)) / c;
    return smoothstep(0.02, 0.08, edge) * u_outline;
}

vec3 painted(vec2 uv, ivec2 pixel) {
    // Painterly: a soft average, pulled towards the neighbour closest to it (flat patches),
    // on a fixed paper texture.
    vec2 t = 1.6 / vec2(u_size);
    vec3 taps[5] = vec3[5](texture(u_scene, uv).rgb, texture(u_scene, uv + vec2(t.x, 0.0)).rgb,
        texture(u_scene, uv - vec2(t.x, 0.0)).rgb, texture(u_scene, uv + vec2(0.0, t.y)).rgb,
        texture(u_scene, uv - vec2(0.0, t.y)).rgb);
    vec3 mean = (taps[0] + taps[1] + taps[2] + taps[3] + taps[4]) / 5.0;
    vec3 best = taps[0];
    for (int i = 1; i < 5; ++i) {
        if (distance(taps[i], mean) < distance(best, mean)) {
            best = taps[i];
        }
    }
    vec3 c = mix(mean, best, 0.5);
    uint h = hash(uint(pixel.x / 2) + hash(uint(pixel.y / 2) + 977u));
    float paper = float(h & 255u) / 255.0 - 0.5;
#if PAINT == 1
    c = mix(c, vec3(1.0), 0.06) + paper * 0.035;  // watercolour: light, grainy paper
    c -= distance(taps[0], mean) * 0.6;           // pigment pools at the edges
#else
    c = floor(c * 24.0 + 0.5) / 24.0 + paper * 0.02;  // oil: bolder, banded strokes
#endif
    return c;
}

void main() {
    // Output row r is picture row r counted from the top: read back, row 0 is the top.
    ivec2 pixel = ivec2(gl_FragCoord.xy);
    int row = pixel.y;
    if (row < u_bar_rows || row >= u_size.y - u_bar_rows) {
        f_color = vec4(0.0, 0.0, 0.0, 1.0);
        return;
    }
    vec2 at = vec2(float(pixel.x) + 0.5, float(row) + 0.5);
#ifdef PIXEL
    at = (floor(at / float(u_pixel)) + 0.5) * float(u_pixel);  // one sample per block
#endif
    // Centre of this output pixel in the scene texture (bottom row first): at render scale 1
    // it is a texel centre, below 1 the bilinear lookup upscales.
    vec2 uv = vec2(at.x, float(u_size.y) - at.y) / vec2(u_size);
#if defined(DOF)
    vec3 c = depth_of_field(uv);
#elif defined(PAINT)
    vec3 c = painted(uv, pixel);
#elif defined(FXAA)
    vec3 c = fxaa(uv);  // smooth jagged edges (FXAA, the "lite" PC variant)
#else
    vec3 c = texture(u_scene, uv).rgb;
#endif
#ifdef OUTLINE
    c *= 1.0 - ink(uv);
#endif
#ifndef GRADE
    f_color = vec4(c, 1.0);
    return;
#else
    float luma = dot(c, vec3(0.2126, 0.7152, 0.0722));
    vec2 centred = (vec2(pixel.x, row) + 0.5) / vec2(u_size) - 0.5;
    centred.x *= float(u_size.x) / float(u_size.y);
    float corner = length(vec2(0.5 * float(u_size.x) / float(u_size.y), 0.5));
    float shade = 1.0 - u_vignette * smoothstep(0.35, 1.0, length(centred) / corner);
    uint h = hash(uint(pixel.x) + hash(uint(pixel.y) + hash(u_seed)));
    float grain = (float(h & 65535u) / 65535.0 - 0.5) * 2.0 * u_grain;
    if (u_mode == 2) {
        float l = clamp((luma - 0.45) * 1.5 + 0.45, 0.0, 1.0);
        l = mix(l, l * l * (3.0 - 2.0 * l), 0.6);
        l = clamp(l * shade + grain, 0.0, 1.0);
        f_color = vec4(l, l, l, 1.0);
        return;
    }
    if (u_mode == 1) {
        vec3 teal = vec3(-0.035, 0.012, 0.045);
        vec3 orange = vec3(0.045, 0.008, -0.04);
        c += mix(teal, orange, smoothstep(0.12, 0.72, luma));
        c = mix(vec3(luma), c, 1.12);
        c = mix(c, c * c * (3.0 - 2.0 * c), 0.22);
    } else if (u_mode == 3) {
        vec3 sepia = vec3(luma * 1.07 + 0.03, luma * 0.89 + 0.015, luma * 0.68);
        c = mix(c, sepia, 0.85);
        c = 0.06 + c * 0.88;
    }
    c = mix(vec3(luma), c, u_saturation) * u_tint + u_lift * (1.0 - c);
#ifdef PIXEL
    c = floor(clamp(c, 0.0, 1.0) * 7.0 + 0.5) / 7.0;  // a small palette
#endif
    c = clamp(c * shade + grain, 0.0, 1.0);
    f_color = vec4(c, 1.0);
#endif
}
"""
)


class PostPass:
    """The post programs (a variant per combination of effects), the full-screen triangle
    and the read-back buffer."""

    def __init__(self, ctx: moderngl.Context, *, picture_unit: int, depth_unit: int | None,
                 scene_size: tuple[int, int], output_size: tuple[int, int],
                 fxaa: bool) -> None:
        self._ctx = ctx
        self._quad = ctx.buffer(FULL_SCREEN.tobytes())
        self._fbo = ctx.framebuffer(color_attachments=[ctx.renderbuffer(output_size, 4)])
        self._output_size = output_size
        self._scene_size = scene_size
        self._picture_unit = picture_unit
        self._depth_unit = depth_unit
        self._fxaa = fxaa
        self._variants: dict[tuple[str, ...], tuple[Program, moderngl.VertexArray]] = {}
        self._grade = Grade(mode=MODE_NATURAL, bar_rows=0, vignette=0.0, grain=0.0)
        self._dof = False
        self._current = self._variant(())

    def _variant(self, defines: tuple[str, ...]) -> tuple[Program, moderngl.VertexArray]:
        variant = self._variants.get(defines)
        if variant is None:
            fragment = with_defines(POST_FS, *defines) if defines else POST_FS
            fragment = fragment.replace("MAX_BLUR", f"{MAX_BLUR_PX:.1f}")
            program = Program(self._ctx, vertex=POST_VS, fragment=fragment)
            vao = self._ctx.vertex_array(program.program, [(self._quad, "2f", "in_pos")])
            program.set("u_scene", self._picture_unit)
            if self._depth_unit is not None:
                program.set("u_depth", self._depth_unit)
            program.set("u_size", self._output_size)
            program.set("u_scene_texel", (1.0 / self._scene_size[0], 1.0 / self._scene_size[1]))
            program.set("u_clip", (NEAR, FAR))
            variant = (program, vao)
            self._variants[defines] = variant
        return variant

    def set_grade(self, grade: Grade, *, dof: bool = False) -> None:
        """Use `grade` from the next frame on; `dof`: some camera keys have an aperture."""
        depth = self._depth_unit is not None
        defines: list[str] = []
        if dof and depth:
            defines.append("DOF")
        elif grade.paint:
            defines.append(f"PAINT {grade.paint}")
        elif self._fxaa and not grade.pixel:
            defines.append("FXAA")
        if grade.outline_px > 0 and depth:
            defines.append("OUTLINE")
        if grade.pixel > 1:
            defines.append("PIXEL")
        if not grade.shade_only:
            defines.append("GRADE")
        program, _ = self._current = self._variant(tuple(defines))
        program.set("u_mode", grade.mode)
        program.set("u_bar_rows", grade.bar_rows)
        program.set("u_vignette", grade.vignette)
        program.set("u_grain", grade.grain)
        program.set("u_saturation", grade.saturation)
        program.set("u_lift", grade.lift)
        program.set("u_tint", grade.tint)
        program.set("u_outline_px", grade.outline_px)
        program.set("u_outline", grade.outline)
        program.set("u_pixel", grade.pixel)
        self._grade, self._dof = grade, dof and depth

    def run(self, ctx: moderngl.Context, *, index: int, camera: CameraKey) -> NDArray[np.uint8]:
        """Frame `index` (it seeds the grain) as (height, width, 3) uint8, row 0 on top."""
        program, vao = self._current
        self._fbo.use()
        ctx.disable(moderngl.DEPTH_TEST | moderngl.CULL_FACE)
        program.set("u_seed", index)
        if self._dof:
            # Thin lens: the blur diameter on the sensor is A * f * |1/s - 1/d|; in output
            # pixels f is the focal length in pixels. The shader wants the radius.
            width, height = self._output_size
            focal_px = 0.5 * height / math.tan(math.radians(camera.fov_deg) / 2.0)
            focus = camera.focus_m if camera.focus_m is not None else 1e6
            program.set("u_dof", (max(focus, 1e-3), 0.5 * camera.aperture_m * focal_px))
        vao.render(moderngl.TRIANGLES)
        width, height = self._output_size
        frame = np.empty((height, width, 3), dtype=np.uint8)
        self._fbo.read_into(frame, components=3, alignment=1)
        return frame
