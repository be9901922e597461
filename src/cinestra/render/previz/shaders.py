"""GLSL 330 sources of the previz passes: shadow, scene (and its mirrored twin), sky, ids.

Bodies are drawn instanced: each instance's model and normal matrices, colour, material and
extra values (planks, emissive, subject) are vertex attributes (see `batches.py`).

The scene and sky shaders write gamma-encoded sRGB; the post shader grades those values and
flips the picture so that the first row read back is the top of the frame.

The scene shader is compiled per timeline with `#define`s for what that timeline has
(`features.scene_defines`): LIGHTS (the number of point lights, a loop unrolled at compile
time), HAZE, LAMP, MOVING_MAP (a second sun shadow map for moving casters), WET, REFLECT and
BOARDS. llvmpipe shades 8 pixels at a time and runs both sides of every branch, even one on
a uniform, so code a timeline does not need costs it nothing only when it is not compiled in.
"""

from __future__ import annotations

SHADOW_VS = """
#version 330
in vec3 in_pos;
in mat4 in_model;
uniform mat4 u_light_view_proj;
void main() {
    gl_Position = u_light_view_proj * (in_model * vec4(in_pos, 1.0));
}
"""

# The ID pass: each fragment writes its subject's index (0: none) as two 8-bit channels.
ID_VS = """
#version 330
in vec3 in_pos;
in mat4 in_model;
in vec4 in_extra;
uniform mat4 u_view_proj;
flat out int v_id;
void main() {
    v_id = int(in_extra.z + 0.5);
    gl_Position = u_view_proj * (in_model * vec4(in_pos, 1.0));
}
"""

ID_FS = """
#version 330
flat in int v_id;
out vec4 f_color;
void main() {
    f_color = vec4(float(v_id & 255) / 255.0, float((v_id >> 8) & 255) / 255.0, 0.0, 1.0);
}
"""

SHADOW_FS = """
#version 330
void main() {
}
"""

# An integer hash (lowbias32): per-board tones in the scene, per-pixel grain in the post pass.
HASH = """
uint hash(uint x) {
    x ^= x >> 16;
    x *= 0x7feb352du;
    x ^= x >> 15;
    x *= 0x846ca68bu;
    x ^= x >> 16;
    return x;
}
"""

_COMMON = HASH + """
vec3 tonemap(vec3 color, float exposure) {
    // Linear up to 0.8, then a soft shoulder that reaches 1.0 asymptotically.
    color *= exposure;
    vec3 over = max(color - 0.8, 0.0);
    return min(color, 0.8) + over / (1.0 + 5.0 * over);
}

vec3 encode_srgb(vec3 linear) {
    // sRGB transfer curve from three square roots (Taylor's fit, within 0.2 of an 8-bit step):
    // much cheaper than pow() on llvmpipe.
    vec3 c = clamp(linear, 0.0, 1.0);
    vec3 s1 = sqrt(c);
    vec3 s2 = sqrt(s1);
    vec3 s3 = sqrt(s2);
    vec3 fit = 0.662002687 * s1 + 0.684122060 * s2 - 0.323583601 * s3 - 0.0225411470 * c;
    return mix(c * 12.92, clamp(fit, 0.0, 1.0), step(vec3(0.0031308), c));
}


vec3 decode_srgb(vec3 encoded) {
    vec3 low = encoded / 12.92;
    vec3 high = pow((encoded + 0.055) / 1.055, vec3(2.4));
    return mix(low, high, step(vec3(0.04045), encoded));
}
"""

SCENE_VS = """
#version 330
in vec3 in_pos;
in vec3 in_normal;
in mat4 in_model;
in mat3 in_normal_matrix;
in vec3 in_color;
in vec4 in_material;
in vec4 in_extra;
uniform mat4 u_view_proj;
uniform mat4 u_light_view_proj;         // the static bodies' shadow map
uniform mat4 u_light_view_proj_moving;  // the moving bodies' shadow map
uniform vec2 u_normal_offset;  // metres to push shadow lookups off the surface, per map
uniform float u_mirror_z;
out vec3 v_world;
out vec3 v_normal;
out vec3 v_light;
out vec3 v_light_moving;
flat out vec3 v_color;
flat out vec4 v_material;
flat out vec2 v_extra;
void main() {
    vec4 world = in_model * vec4(in_pos, 1.0);
    v_world = world.xyz;
    v_normal = in_normal_matrix * in_normal;
    v_color = in_color;
    v_material = in_material;
    v_extra = in_extra.xy;
    // Normal-offset shadow lookups: the soft PCF taps must not hit the receiver's own curve.
    vec3 push = normalize(v_normal);
    vec4 lookup = vec4(world.xyz + push * u_normal_offset.x, 1.0);
    v_light = (u_light_view_proj * lookup).xyz * 0.5 + 0.5;  // orthographic: w == 1
    lookup = vec4(world.xyz + push * u_normal_offset.y, 1.0);
    v_light_moving = (u_light_view_proj_moving * lookup).xyz * 0.5 + 0.5;
    gl_Position = u_view_proj * world;
#ifdef MIRROR
    gl_ClipDistance[0] = world.z - u_mirror_z;  // only what stands above the mirror
#endif
}
"""

MAX_LIGHTS = 16

SCENE_FS = (
    """
#version 330
#ifndef LIGHTS
#define LIGHTS 0
#endif
in vec3 v_world;
in vec3 v_normal;
in vec3 v_light;
in vec3 v_light_moving;
flat in vec3 v_color;            // linear albedo
flat in vec4 v_material;         // specular strength, shininess, wetness, planar reflection
flat in vec2 v_extra;            // 1: wooden floor boards on up-facing surfaces; emissive
uniform float u_reflect;         // 1: wet floors show the mirrored scene (camera above them)
uniform vec3 u_eye;
uniform vec3 u_sun_direction;
uniform vec3 u_sun_color;
uniform vec3 u_ambient_sky;
uniform vec3 u_ambient_ground;
uniform vec4 u_lamp;             // xyz: lamp position; w: reach in metres (0: sun, no falloff)
uniform float u_lamp_height;     // metres from the lamp down to the action, where falloff is 1
uniform vec3 u_fog_color;
uniform float u_fog_density;
uniform float u_exposure;
uniform sampler2DShadow u_shadow_map;
uniform sampler2DShadow u_shadow_map_moving;
uniform vec2 u_shadow_radius;    // PCF tap distance in uv: static map, moving map (0: no map)
uniform vec2 u_shadow_depth;     // depth range of each map in metres
uniform sampler2D u_reflection;  // the mirrored scene, gamma-encoded
uniform vec2 u_inv_viewport;
#if LIGHTS > 0
uniform vec4 u_light_pos[LIGHTS];    // xyz: position; w: reach in metres
uniform vec3 u_light_color[LIGHTS];  // colour * intensity: radiance at 1 m
#endif
uniform float u_haze;            // lights glow through the hazy air (HAZE)
out vec4 f_color;
"""
    + _COMMON
    + """
float bands(float x) {
    // Toon shading: three flat bands with a narrow smooth step between them.
    float scaled = clamp(x, 0.0, 1.0) * 3.0;
    float band = floor(scaled);
    return (band + smoothstep(0.42, 0.58, scaled - band)) / 3.0;
}

float value_noise(vec3 p) {
    // Trilinear value noise on a unit lattice: the clay's thumbprints.
    vec3 cell = floor(p);
    vec3 f = fract(p);
    f = f * f * (3.0 - 2.0 * f);
    uvec3 c = uvec3(ivec3(cell) + 4096);
    float n000 = float(hash(c.x + hash(c.y + hash(c.z))) & 1023u);
    float n100 = float(hash(c.x + 1u + hash(c.y + hash(c.z))) & 1023u);
    float n010 = float(hash(c.x + hash(c.y + 1u + hash(c.z))) & 1023u);
    float n110 = float(hash(c.x + 1u + hash(c.y + 1u + hash(c.z))) & 1023u);
    float n001 = float(hash(c.x + hash(c.y + hash(c.z + 1u))) & 1023u);
    float n101 = float(hash(c.x + 1u + hash(c.y + hash(c.z + 1u))) & 1023u);
    float n011 = float(hash(c.x + hash(c.y + 1u + hash(c.z + 1u))) & 1023u);
    float n111 = float(hash(c.x + 1u + hash(c.y + 1u + hash(c.z + 1u))) & 1023u);
    float x0 = mix(mix(n000, n100, f.x), mix(n010, n110, f.x), f.y);
    float x1 = mix(mix(n001, n101, f.x), mix(n011, n111, f.x), f.y);
    return mix(x0, x1, f.z) / 1023.0;
}

float pcf(sampler2DShadow map, vec3 p, float r, float bias) {
    if (p.x <= 0.0 || p.x >= 1.0 || p.y <= 0.0 || p.y >= 1.0) {
        return 1.0;
    }
    float depth = min(p.z - bias, 1.0);
    // Four bilinear compare taps on a rotated grid = a soft 16-texel footprint.
    float lit = texture(map, vec3(p.xy + vec2(-r, -0.4 * r), depth));
    lit += texture(map, vec3(p.xy + vec2(0.4 * r, -r), depth));
    lit += texture(map, vec3(p.xy + vec2(r, 0.4 * r), depth));
    lit += texture(map, vec3(p.xy + vec2(-0.4 * r, r), depth));
    return lit * 0.25;
}

float floor_boards() {
    // 16 cm wide boards along x, 1.2 m long, staggered; each board its own tone.
    const float width = 0.16;
    const float length = 1.2;
    float across = v_world.y / width;
    float board = floor(across);
    uint h = hash(uint(int(board) + 65536));
    float along = (v_world.x + float(h & 1023u) / 1023.0 * length) / length;
    uint tone = hash(h ^ uint(int(floor(along)) + 65536));
    float shade = 0.8 + 0.35 * float(tone & 255u) / 255.0;
    vec2 f = vec2(fract(along), fract(across));
    vec2 w = max(fwidth(vec2(along, across)) * 1.5, vec2(0.004, 0.03));
    vec2 seam = smoothstep(vec2(0.0), w, f) * smoothstep(vec2(0.0), w, 1.0 - f);
    float grain = 0.94 + 0.06 * sin(across * 37.0 + sin(v_world.x * 2.3 + board) * 3.0);
    return shade * grain * mix(0.55, 1.0, seam.x * seam.y);
}

float sun_visibility(float n_dot_l) {
    float bias = 0.004 + 0.012 * (1.0 - n_dot_l);  // metres
    float lit = pcf(u_shadow_map, v_light, u_shadow_radius.x, bias / u_shadow_depth.x);
#ifdef MOVING_MAP
    lit *= pcf(u_shadow_map_moving, v_light_moving, u_shadow_radius.y, bias / u_shadow_depth.y);
#endif
    return lit;
}

void main() {
#ifdef FLAT
    vec3 n = normalize(cross(dFdx(v_world), dFdy(v_world)));  // one normal per facet
#else
    vec3 n = normalize(v_normal);
    if (!gl_FrontFacing) {
        n = -n;
    }
#endif
    vec3 to_eye = u_eye - v_world;
    float dist = length(to_eye);
    vec3 v = to_eye / dist;
    vec4 material = v_material;
#ifdef MIRROR
    material.w = 0.0;  // the mirrored pass does not reflect itself
#else
    material.w *= u_reflect;
#endif
    vec3 albedo = v_color;
#ifdef WET
    // Water darkens a surface and deepens its colour.
    float wetness = material.z;
    if (wetness > 0.0) {
        albedo = pow(v_color, vec3(1.0 + 0.4 * wetness)) * (1.0 - 0.3 * wetness);
    }
#endif
#ifdef BOARDS
    if (v_extra.x > 0.0 && n.z > 0.5) {
        albedo *= floor_boards();
    }
#endif
#ifdef CLAY
    // Plasticine: soft thumbprint dents at ~4 cm and a fine grain, fixed on the surface.
    float dents = value_noise(v_world * 25.0) * 0.7 + value_noise(v_world * 90.0) * 0.3;
    albedo *= 0.9 + 0.16 * dents;
    material.xy = vec2(0.22, 7.0);  // a wide, soft sheen
#endif

    float n_dot_l = dot(n, u_sun_direction);
#ifdef MIRROR
    float visible = max(sign(n_dot_l), 0.0);  // the blurred reflection does without shadows
#else
    float visible = n_dot_l > 0.0 ? sun_visibility(n_dot_l) : 0.0;
#endif
    vec3 ambient = mix(u_ambient_ground, u_ambient_sky, 0.5 + 0.5 * n.z);
    vec3 key = u_sun_color;
#ifdef LAMP
    // A pool of lamp light: 1 at the action right below the lamp, fading with distance.
    vec3 to_lamp = u_lamp.xyz - v_world;
    float lamp_reach2 = u_lamp.w * u_lamp.w;
    float height2 = u_lamp_height * u_lamp_height;
    float falloff = min((lamp_reach2 + height2) / (lamp_reach2 + dot(to_lamp, to_lamp)), 1.4);
    key *= falloff;
    ambient *= 0.45 + 0.55 * falloff;
#endif
    vec3 h = normalize(u_sun_direction + v);
    float shininess = material.y;
    float gain = min((shininess + 8.0) / 25.13, 3.0);  // energy-normalised, capped for wet glints
    float spec = material.x * pow(max(dot(n, h), 0.0), shininess) * gain;
    float lambert = max(n_dot_l, 0.0) * visible;
#ifdef CLAY
    lambert = max(n_dot_l * 0.7 + 0.3, 0.0) * mix(0.35, 1.0, visible);  // soft wrapped light
#endif
#ifdef TOON
    lambert = bands(lambert);
    spec = step(0.5, spec) * 0.6 * visible;
#endif
    vec3 color = albedo * (ambient + key * lambert);
    color += key * (spec * visible);

    // Point lights: inverse-square falloff, windowed to nothing at their reach.
    vec3 glow = vec3(0.0);
#if LIGHTS > 0
    for (int i = 0; i < LIGHTS; ++i) {
        vec3 to_light = u_light_pos[i].xyz - v_world;
        float d2 = max(dot(to_light, to_light), 1e-4);
        float reach2 = u_light_pos[i].w * u_light_pos[i].w;
        float window = clamp(1.0 - d2 / reach2, 0.0, 1.0);
        vec3 radiance = u_light_color[i] * (window * window / max(d2, 0.05));
        vec3 l = to_light * inversesqrt(d2);
        float diffuse = max(dot(n, l), 0.0);
#ifdef TOON
        diffuse = bands(diffuse);
#endif
        float shine = material.x * pow(max(dot(n, normalize(l + v)), 0.0), shininess) * gain;
        color += radiance * (albedo * diffuse + shine);
#ifdef HAZE
        // Light scattered by the haze between the eye and this surface: a soft halo
        // around the light, from the ray's closest approach to it.
        vec3 from_eye = u_light_pos[i].xyz - u_eye;
        float along = clamp(dot(from_eye, -v), 0.0, dist);
        vec3 miss = from_eye + v * along;
        glow += u_light_color[i] * (0.006 / (dot(miss, miss) + 0.012));
#endif
    }
#endif

    // Fresnel: glossy and wet surfaces pick up the sky, or the mirrored scene.
    float grazing = 1.0 - max(dot(n, v), 0.0);
    float grazing2 = grazing * grazing;
    float fresnel = 0.04 + 0.96 * grazing2 * grazing2 * grazing;
#ifdef REFLECT
    if (material.w > 0.0) {
        vec3 mirrored = decode_srgb(texture(u_reflection, gl_FragCoord.xy * u_inv_viewport).rgb);
        mirrored /= max(u_exposure, 1e-3);
        color = mix(color, mirrored, material.w * (0.1 + 0.9 * fresnel));
    } else {
        color += u_ambient_sky * (fresnel * material.x * 0.6);
    }
#else
    color += u_ambient_sky * (fresnel * material.x * 0.6);
#endif
    color += albedo * v_extra.y;  // emissive: its own light, unshadowed

    float optical = u_fog_density * dist;
    float fog = exp(-optical * optical);
    color = mix(u_fog_color, color, fog) + glow * u_haze;
    f_color = vec4(encode_srgb(tonemap(color, u_exposure)), 1.0);
}
"""
)

# Particles: one camera-facing quad per particle, instanced. Rain is a thin streak along the
# velocity; everything else a soft round sprite that may grow and fade with age. The fog,
# tone curve and sRGB encoding are worked out at the corners: across one sprite the
# distance barely changes, and a smoky club's puffs cover the screen several times over.
PARTICLE_VS = (
    """
#version 330
in vec2 in_corner;      // the quad's corner in [-1, 1]^2
in vec4 in_particle;    // xyz: position; w: age in [0, 1)
uniform mat4 u_view_proj;
uniform vec3 u_eye;
uniform vec3 u_right;   // camera axes in the world
uniform vec3 u_up;
uniform vec3 u_streak;  // rain: half the streak, along the velocity (0: a round sprite)
uniform vec4 u_shape;   // size (radius), growth (m/s), lifetime (s), fade (1: fades with age)
uniform float u_opacity;
uniform vec3 u_color;   // linear, already lit
uniform vec3 u_fog_color;
uniform float u_fog_density;
uniform float u_exposure;
out vec2 v_uv;
out float v_alpha;
out vec3 v_color;       // gamma-encoded, fogged
"""
    + _COMMON
    + """
void main() {
    vec3 p = in_particle.xyz;
    float age = in_particle.w;
    vec3 world;
    if (dot(u_streak, u_streak) > 0.0) {
        vec3 side = normalize(cross(u_streak, u_eye - p)) * u_shape.x;
        world = p + u_streak * in_corner.y + side * in_corner.x;
    } else {
        float radius = u_shape.x + u_shape.y * age * u_shape.z;
        world = p + (u_right * in_corner.x + u_up * in_corner.y) * radius;
    }
    // Fade in over the first tenth of a life; steam and smoke also thin out as they age.
    float fade = smoothstep(0.0, 0.1, age) * mix(1.0, 1.0 - age, u_shape.w);
    v_alpha = u_opacity * fade;
    v_uv = in_corner;
    float optical = u_fog_density * distance(u_eye, world);
    vec3 color = mix(u_fog_color, u_color, exp(-optical * optical));
    v_color = encode_srgb(tonemap(color, u_exposure));
    gl_Position = u_view_proj * vec4(world, 1.0);
}
"""
)

PARTICLE_FS = """
#version 330
in vec2 v_uv;
in float v_alpha;
in vec3 v_color;
uniform float u_softness;  // exponent of the round falloff (streaks: 0)
out vec4 f_color;
void main() {
    float alpha;
    if (u_softness > 0.0) {
        float r2 = dot(v_uv, v_uv);
        if (r2 >= 1.0) {
            discard;
        }
        alpha = pow(1.0 - r2, u_softness);
    } else {
        alpha = (1.0 - abs(v_uv.x)) * (1.0 - v_uv.y * v_uv.y);
    }
    f_color = vec4(v_color, alpha * v_alpha);
}
"""

SKY_VS = """
#version 330
in vec2 in_pos;
out vec2 v_ndc;
void main() {
    v_ndc = in_pos;
    gl_Position = vec4(in_pos, 1.0, 1.0);  // on the far plane: only where nothing was drawn
}
"""

SKY_FS = (
    """
#version 330
in vec2 v_ndc;
uniform mat4 u_inv_view_proj;
uniform vec3 u_eye;
uniform vec3 u_zenith;
uniform vec3 u_horizon;
uniform vec3 u_ground;
uniform vec3 u_sun_direction;
uniform vec3 u_sun_color;
uniform float u_sun_disc;
uniform float u_stars;
uniform float u_exposure;
out vec4 f_color;
"""
    + _COMMON
    + """
uint hash3(uvec3 v) {
    uint h = v.x * 0x8da6b343u ^ v.y * 0xd8163841u ^ v.z * 0xcb1ab31fu;
    h ^= h >> 16;
    h *= 0x7feb352du;
    h ^= h >> 15;
    return h;
}

void main() {
    vec4 point = u_inv_view_proj * vec4(v_ndc, 0.0, 1.0);
    vec3 dir = normalize(point.xyz / point.w - u_eye);
    float e = dir.z;
    vec3 color;
    if (e >= 0.0) {
        color = mix(u_horizon, u_zenith, pow(e, 0.55));
    } else {
        color = mix(u_horizon, u_ground, 1.0 - exp(e * 14.0));
    }
    float s = max(dot(dir, u_sun_direction), 0.0);
    float disc = smoothstep(0.99955, 0.9998, s) * 12.0;
    float glow = pow(s, 48.0) * 0.45 + pow(s, 6.0) * 0.12;
    color += u_sun_color * (u_sun_disc * (disc + glow));
    if (u_stars > 0.0 && e > 0.02) {
        uvec3 cell = uvec3(ivec3(floor(dir * 420.0)) + 1024);
        uint h = hash3(cell);
        if ((h & 1023u) < 2u) {
            color += vec3(0.55, 0.58, 0.65) * (u_stars * float(h >> 24) / 255.0);
        }
    }
    f_color = vec4(encode_srgb(tonemap(color, u_exposure)), 1.0);
}
"""
)

def with_defines(source: str, *names: str) -> str:
    """Insert ``#define NAME`` lines right after the ``#version`` line of a shader."""
    version, rest = source.lstrip().split("\n", 1)
    # "NAME" defines NAME as 1; "NAME VALUE" gives the value.
    defines = "".join(f"#define {name}\n" if " " in name else f"#define {name} 1\n"
                      for name in names)
    return f"{version}\n{defines}{rest}"
