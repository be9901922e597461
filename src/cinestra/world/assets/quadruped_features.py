"""What tells four-legged kinds apart beyond proportions: coat markings and features
(manes, horns, antlers, trunk and tusks, humps, wool, spines, shells)."""

from __future__ import annotations

import math

import numpy as np

from cinestra.world.assets import colors as c
from cinestra.world.assets.quadruped_kinds import Spec
from cinestra.world.assets.rig import Part
from cinestra.world.assets.shapes import aligned, ball, block, euler, rod, spike
from cinestra.world.timeline import Vec3


def markings(spec: Spec, size: dict[str, float], seed: int) -> list[Part]:
    radius = size["radius"]
    half = spec.length / 2 + 0.75 * radius  # the body ellipsoid's half length
    mark = spec.mark_color
    rng = np.random.default_rng(seed)
    parts: list[Part] = []
    if spec.marks == "stripes":  # dark rings around the body, thin along it
        for x in np.linspace(-0.8, 0.75, 9) * half:
            ring = math.sqrt(max(0.0, 1 - (x / half) ** 2))
            parts.append(rod("stripe", "spine", length=0.05 * radius, radius=0.86 * radius *
                             ring + 0.01, radius_y=1.01 * radius * ring + 0.01, color=mark,
                             material="fur", start=(float(x), 0.0, 0.0),
                             direction=(1.0, 0.1, 0.0)))
    if spec.marks in ("spots", "patches"):
        count, spot = (26, 0.14) if spec.marks == "spots" else (7, 0.4)
        for _ in range(count):
            along = rng.uniform(-0.85, 0.85)
            angle = rng.uniform(-2.2, 2.2)  # around the body, 0 is the top
            ring = math.sqrt(1 - along ** 2)
            y, z = math.sin(angle) * 0.85 * radius * ring, math.cos(angle) * radius * ring
            parts.append(ball("spot", "spine", (spot * radius, spot * radius, 0.08 * radius),
                              mark, "fur", at=(along * half, y, z),
                              rotation=aligned((0.0, math.sin(angle), math.cos(angle)))))
    if spec.marks == "panda":
        head = spec.head * spec.shoulder
        parts.append(rod("shoulder_band", "chest", length=0.9 * radius, radius=0.88 * radius,
                         radius_y=1.02 * radius, color=c.BLACK, material="fur",
                         start=(-0.45 * radius, 0.0, 0.0), direction=(1.0, 0.0, 0.0)))
        for sign in (1.0, -1.0):
            parts.append(ball("eye_patch", "head", (0.2 * head, 0.22 * head, 0.3 * head),
                              c.BLACK, "fur", at=(0.72 * head, sign * 0.38 * head,
                                                  0.2 * head), rotation=euler(x=sign * 30)))
    if spec.marks == "mask":
        head = spec.head * spec.shoulder
        parts.append(ball("mask", "head", (0.3 * head, 0.88 * head, 0.22 * head), c.BLACK,
                          "fur", at=(0.55 * head, 0.0, 0.22 * head)))
    return parts


def features(spec: Spec, size: dict[str, float], coat: Vec3, seed: int) -> list[Part]:
    radius, s = size["radius"], spec.shoulder
    head = spec.head * s
    f = spec.features
    parts: list[Part] = []
    horn = c.srgb("#e8e0c8")
    if "mane" in f:
        up = math.radians(spec.neck_up)
        parts.append(block("mane", "neck_1", (0.5 * size["neck"], 0.06 * radius, 0.18 * radius),
                           c.shade(coat, 0.35), "fur", at=(
                               0.5 * size["neck"] * math.cos(up) - 0.2 * radius * math.sin(up),
                               0.0, 0.5 * size["neck"] * math.sin(up) + 0.3 * radius),
                           rotation=euler(y=-spec.neck_up)))
    if "lion_mane" in f:
        parts.append(ball("mane", "head", (0.9 * head, 1.7 * head, 1.7 * head),
                          c.srgb("#8a4a1a"), "fur", at=(-0.4 * head, 0.0, 0.0)))
    if "horns" in f or "ossicones" in f:
        for sign in (1.0, -1.0):
            parts.append(spike("horn", "head", length=0.7 * head, radius=0.12 * head,
                               color=horn if "horns" in f else c.shade(coat, 0.5),
                               material="bone", start=(-0.1 * head, sign * 0.4 * head,
                                                       0.6 * head),
                               direction=(-0.3, sign * 0.6, 1.0)))
    if "horn" in f:
        parts.append(spike("horn", "head", length=1.0 * head, radius=0.25 * head, color=horn,
                           material="bone", start=(1.1 * head + spec.snout * head * 0.5, 0.0,
                                                   0.2 * head), direction=(0.3, 0.0, 1.0)))
    if "antlers" in f:
        for sign in (1.0, -1.0):
            base = (-0.1 * head, sign * 0.4 * head, 0.7 * head)
            parts.append(rod("antler", "head", length=2.2 * head, radius=0.06 * head,
                             color=c.srgb("#8a6a4a"), material="bone", start=base,
                             direction=(-0.3, sign * 0.7, 1.0)))
            for k in (0.5, 1.0, 1.5):
                tine = (base[0] - 0.2 * k * head, base[1] + sign * 0.45 * k * head,
                        base[2] + 0.65 * k * head)
                parts.append(spike("antler", "head", length=0.7 * head, radius=0.05 * head,
                                   color=c.srgb("#8a6a4a"), material="bone", start=tine,
                                   direction=(0.4, 0.0, 1.0)))
    if "trunk" in f:
        for index in range(1, 5):
            width = head * (0.32 - 0.05 * index)
            parts.append(rod(f"trunk_{index}", f"trunk_{index}",
                             length=0.33 * size["front"] + (0.3 if index == 4 else 0.0) *
                             size["front"], radius=width, color=coat, material="skin",
                             start=(0.0, 0.0, 0.02 * size["front"])))
    if "tusks" in f:
        for sign in (1.0, -1.0):
            parts.append(spike("tusk", "head", length=1.3 * head, radius=0.1 * head,
                               color=horn, material="bone",
                               start=(0.85 * head, sign * 0.35 * head, -0.45 * head),
                               direction=(1.0, sign * 0.1, -0.3)))
    if "hump" in f:
        parts.append(ball("hump", "spine", (0.5 * radius, 0.6 * radius, 0.7 * radius), coat,
                          "fur", at=(0.0, 0.0, 0.85 * radius)))
    if "wool" in f:
        rng = np.random.default_rng(seed)
        half = spec.length / 2 + 0.6 * radius
        for _ in range(14):
            along, angle = rng.uniform(-0.8, 0.8), rng.uniform(-1.9, 1.9)
            ring = math.sqrt(1 - along ** 2)
            parts.append(ball("wool", "spine", (0.45 * radius,) * 3, coat, "fur",
                              at=(along * half, math.sin(angle) * 0.8 * radius * ring,
                                  math.cos(angle) * 0.9 * radius * ring)))
        parts.append(ball("face", "head", (0.9 * head, 0.7 * head, 0.75 * head),
                          c.srgb("#3a3030"), "skin", at=(0.3 * head, 0.0, -0.05 * head)))
    if "spines" in f:
        for along in np.linspace(-0.8, 0.7, 6):
            for angle in (-1.2, -0.6, 0.0, 0.6, 1.2):
                direction = (-0.6, math.sin(angle), math.cos(angle))
                at = (float(along) * spec.length, 0.7 * radius * math.sin(angle),
                      0.8 * radius * math.cos(angle))
                parts.append(spike("spine", "spine", length=0.5 * radius, radius=0.09 * radius,
                                   color=c.srgb("#4a3424"), material="bone", start=at,
                                   direction=direction))
    if "shell" in f:
        parts.append(ball("shell", "spine", (spec.length / 2 + 0.9 * radius, 1.0 * radius,
                                             0.75 * radius), c.srgb("#6a4a2a"), "bone",
                          at=(0.0, 0.0, 0.3 * radius)))
        parts.append(rod("shell_rim", "spine", length=0.12 * radius,
                         radius=spec.length / 2 + 0.95 * radius, radius_y=1.05 * radius,
                         color=c.srgb("#8a6a3a"), material="bone",
                         start=(0.0, 0.0, 0.0), direction=(0.0, 0.0, 1.0)))
    if "scutes" in f:
        for along in np.linspace(-0.9, 0.9, 8):
            parts.append(spike("scute", "spine", length=0.25 * radius, radius=0.12 * radius,
                               color=c.shade(coat, 0.7), material="skin",
                               start=(float(along) * spec.length / 2, 0.0, 0.85 * radius)))
    if "teeth" in f:
        for x in np.linspace(0.5, 1.0, 4) * spec.snout * head:
            for sign in (1.0, -1.0):
                parts.append(spike("tooth", "head", length=0.12 * head, radius=0.04 * head,
                                   color=c.WHITE, material="bone",
                                   start=(float(x) + 0.5 * head, sign * 0.42 * head,
                                          -0.25 * head), direction=(0.0, 0.0, -1.0)))
    if "udder" in f:
        parts.append(ball("udder", "pelvis", (0.25 * radius,) * 3, c.srgb("#f0b0b0"), "skin",
                          at=(0.3 * radius, 0.0, -0.8 * radius)))
    if "beard" in f:
        parts.append(spike("beard", "head", length=0.6 * head, radius=0.15 * head,
                           color=c.shade(coat, 0.8), material="fur",
                           start=(0.6 * head + 0.5 * spec.snout * head, 0.0, -0.4 * head),
                           direction=(0.0, 0.0, -1.0)))
    if "face" in f:  # a monkey's or gorilla's bare face
        parts.append(ball("face", "head", (0.5 * head, 0.7 * head, 0.65 * head),
                          c.srgb("#c8a088") if spec.coat != c.srgb("#2a2a2a")
                          else c.srgb("#4a4040"), "skin", at=(0.62 * head, 0.0, 0.0)))
    return parts
