"""The post pass: the drawn picture becomes the output frame.

The scene is drawn at `scene_size` (fewer pixels than the output on a software rasteriser);
this pass upscales it bilinearly (or smooths its edges with FXAA at full scale), applies the
look (grade, letterbox, vignette, per-frame grain), flips it to top-row-first and reads it
back as RGB bytes.
"""

from __future__ import annotations

import moderngl
import numpy as np
from numpy.typing import NDArray

from cinestra.render.previz.grade import Grade
from cinestra.render.previz.programs import FULL_SCREEN, Program
from cinestra.render.previz.shaders import HASH, with_defines

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

void main() {
    // Output row r is picture row r counted from the top: read back, row 0 is the top.
    ivec2 pixel = ivec2(gl_FragCoord.xy);
    int row = pixel.y;
    if (row < u_bar_rows || row >= u_size.y - u_bar_rows) {
        f_color = vec4(0.0, 0.0, 0.0, 1.0);
        return;
    }
    // Centre of this output pixel in the scene texture (bottom row first): at render scale 1
    // it is a texel centre, below 1 the bilinear lookup upscales.
    vec2 uv = vec2(float(pixel.x) + 0.5, float(u_size.y - row) - 0.5) / vec2(u_size);
#ifdef FXAA
    vec3 c = fxaa(uv);  // smooth jagged edges (FXAA, the "lite" PC variant)
#else
    vec3 c = texture(u_scene, uv).rgb;
#endif
    if (u_mode == 0) {
        f_color = vec4(c, 1.0);
        return;
    }
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
    } else {
        vec3 sepia = vec3(luma * 1.07 + 0.03, luma * 0.89 + 0.015, luma * 0.68);
        c = mix(c, sepia, 0.85);
        c = 0.06 + c * 0.88;
    }
    c = clamp(c * shade + grain, 0.0, 1.0);
    f_color = vec4(c, 1.0);
}
"""
)


class PostPass:
    """The post program, its full-screen triangle and the read-back buffer."""

    def __init__(self, ctx: moderngl.Context, *, picture_unit: int,
                 scene_size: tuple[int, int], output_size: tuple[int, int],
                 fxaa: bool) -> None:
        # FXAA is compiled in only where it runs: llvmpipe pays for both sides of a branch.
        fragment = with_defines(POST_FS, "FXAA") if fxaa else POST_FS
        self._program = Program(ctx, vertex=POST_VS, fragment=fragment)
        quad = ctx.buffer(FULL_SCREEN.tobytes())
        self._vao = ctx.vertex_array(self._program.program, [(quad, "2f", "in_pos")])
        self._fbo = ctx.framebuffer(color_attachments=[ctx.renderbuffer(output_size, 4)])
        self._output_size = output_size
        self._program.set("u_scene", picture_unit)
        self._program.set("u_size", output_size)
        self._program.set("u_scene_texel", (1.0 / scene_size[0], 1.0 / scene_size[1]))

    def set_grade(self, grade: Grade) -> None:
        self._program.set("u_mode", grade.mode)
        self._program.set("u_bar_rows", grade.bar_rows)
        self._program.set("u_vignette", grade.vignette)
        self._program.set("u_grain", grade.grain)

    def run(self, ctx: moderngl.Context, *, index: int) -> NDArray[np.uint8]:
        """Frame `index` (it seeds the grain) as (height, width, 3) uint8, row 0 on top."""
        self._fbo.use()
        ctx.disable(moderngl.DEPTH_TEST | moderngl.CULL_FACE)
        self._program.set("u_seed", index)
        self._vao.render(moderngl.TRIANGLES)
        width, height = self._output_size
        frame = np.empty((height, width, 3), dtype=np.uint8)
        self._fbo.read_into(frame, components=3, alignment=1)
        return frame
