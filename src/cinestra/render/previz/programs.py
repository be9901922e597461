"""GL helpers: programs with cached uniforms, shadow-map targets, a full-screen triangle."""

from __future__ import annotations

import moderngl
import numpy as np

FULL_SCREEN = np.array([-1.0, -1.0, 3.0, -1.0, -1.0, 3.0], dtype=np.float32)  # one big triangle


class Program:
    """A program plus its uniforms, looked up once (the GLSL compiler drops unused ones)."""

    def __init__(self, ctx: moderngl.Context, *, vertex: str, fragment: str) -> None:
        self.program = ctx.program(vertex_shader=vertex, fragment_shader=fragment)
        self.uniforms: dict[str, moderngl.Uniform] = {}
        for name in self.program:
            member = self.program[name]
            if isinstance(member, moderngl.Uniform):
                self.uniforms[name] = member

    def set(self, name: str, value: float | tuple[float, ...] | tuple[int, ...]) -> None:
        uniform = self.uniforms.get(name)
        if uniform is not None:
            uniform.value = value

    def write(self, name: str, data: bytes) -> None:
        uniform = self.uniforms.get(name)
        if uniform is not None:
            uniform.write(data)


def used_attributes(program: moderngl.Program, layout: str, *names: str) -> tuple[str, ...]:
    """A vertex array's (format, names...) for `program`: the attributes it does not read
    become padding. A shader variant can leave an attribute unread (clay shading overrides
    the material, and its wet and mirror terms are compiled out), and the GLSL compiler
    then drops it, which moderngl refuses to bind."""
    layout, _, divisor = layout.partition("/")
    tokens: list[str] = []
    kept: list[str] = []
    remaining = list(names)
    for token in layout.split():
        if token.endswith("x"):
            tokens.append(token)
            continue
        assert token.endswith("f"), f"float attributes only, got {token!r}"
        name = remaining.pop(0)
        if name in program:
            tokens.append(token)
            kept.append(name)
        else:
            tokens.append(f"{int(token[:-1] or 1) * 4}x")
    return (" ".join(tokens) + (f"/{divisor}" if divisor else ""), *kept)


def shadow_target(
    ctx: moderngl.Context, size: int
) -> tuple[moderngl.Texture, moderngl.Framebuffer]:
    """A square depth texture that sampler2DShadow can read with bilinear PCF, and its FBO."""
    depth = ctx.depth_texture((size, size))
    depth.compare_func = "<="
    depth.filter = (moderngl.LINEAR, moderngl.LINEAR)
    depth.repeat_x = depth.repeat_y = False
    return depth, ctx.framebuffer(depth_attachment=depth)
