"""GLSL 330 sources of the previz passes: shadow, scene (and its mirrored twin), sky, post.

The scene and sky shaders write gamma-encoded sRGB; the post shader grades those values and
flips the picture so that the first row read back is the top of the frame.
"""

from __future__ import annotations

SHADOW_VS = """
#version 330
in vec3 in_pos;
uniform mat4 u_model;
uniform mat4 u_light_view_proj;
void main() {
    gl_Position = u_light_view_proj * (u_model * vec4(in_pos, 1.0));
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
uniform mat4 u_model;
uniform mat3 u_normal_matrix;
uniform mat4 u_view_proj;
uniform mat4 u_light_view_proj;         // the static bodies' shadow map
uniform mat4 u_light_view_proj_moving;  // the moving bodies' shadow map
uniform vec2 u_normal_offset;  // metres to push shadow lookups off the surface, per map
uniform float u_mirror_z;
out vec3 v_world;
out vec3 v_normal;
out vec3 v_light;
out vec3 v_light_moving;
void main() {
    vec4 world = u_model * vec4(in_pos, 1.0);
    v_world = world.xyz;
    v_normal = u_normal_matrix * in_normal;
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

SCENE_FS = (
    """
#version 330
in vec3 v_world;
in vec3 v_normal;
in vec3 v_light;
in vec3 v_light_moving;
uniform vec3 u_color;            // linear albedo
uniform vec4 u_material;         // specular strength, shininess, wetness, planar reflection
uniform float u_planks;          // 1: wooden floor boards on up-facing surfaces
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
out vec4 f_color;
"""
    + _COMMON
    + """
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
    if (u_shadow_radius.y > 0.0) {
        lit *= pcf(u_shadow_map_moving, v_light_moving, u_shadow_radius.y, bias / u_shadow_depth.y);
    }
    return lit;
}

void main() {
    vec3 n = normalize(v_normal);
    if (!gl_FrontFacing) {
        n = -n;
    }
    vec3 to_eye = u_eye - v_world;
    float dist = length(to_eye);
    vec3 v = to_eye / dist;
    float wetness = u_material.z;
    // Water darkens a surface and deepens its colour.
    vec3 albedo = u_color;
    if (wetness > 0.0) {
        albedo = pow(u_color, vec3(1.0 + 0.4 * wetness)) * (1.0 - 0.3 * wetness);
    }
    if (u_planks > 0.0 && n.z > 0.5) {
        albedo *= floor_boards();
    }

    float n_dot_l = dot(n, u_sun_direction);
#ifdef MIRROR
    float visible = max(sign(n_dot_l), 0.0);  // the blurred reflection does without shadows
#else
    float visible = n_dot_l > 0.0 ? sun_visibility(n_dot_l) : 0.0;
#endif
    vec3 ambient = mix(u_ambient_ground, u_ambient_sky, 0.5 + 0.5 * n.z);
    vec3 key = u_sun_color;
    if (u_lamp.w > 0.0) {
        // A pool of lamp light: 1 at the action right below the lamp, fading with distance.
        vec3 to_lamp = u_lamp.xyz - v_world;
        float reach2 = u_lamp.w * u_lamp.w;
        float height2 = u_lamp_height * u_lamp_height;
        float falloff = min((reach2 + height2) / (reach2 + dot(to_lamp, to_lamp)), 1.4);
        key *= falloff;
        ambient *= 0.45 + 0.55 * falloff;
    }
    vec3 h = normalize(u_sun_direction + v);
    float shininess = u_material.y;
    float gain = min((shininess + 8.0) / 25.13, 3.0);  // energy-normalised, capped for wet glints
    float spec = u_material.x * pow(max(dot(n, h), 0.0), shininess) * gain;
    vec3 color = albedo * (ambient + key * max(n_dot_l, 0.0) * visible);
    color += key * (spec * visible);

    // Fresnel: glossy and wet surfaces pick up the sky, or the mirrored scene.
    float grazing = 1.0 - max(dot(n, v), 0.0);
    float grazing2 = grazing * grazing;
    float fresnel = 0.04 + 0.96 * grazing2 * grazing2 * grazing;
    if (u_material.w > 0.0) {
        vec3 mirrored = decode_srgb(texture(u_reflection, gl_FragCoord.xy * u_inv_viewport).rgb);
        mirrored /= max(u_exposure, 1e-3);
        color = mix(color, mirrored, u_material.w * (0.1 + 0.9 * fresnel));
    } else {
        color += u_ambient_sky * (fresnel * u_material.x * 0.6);
    }

    float optical = u_fog_density * dist;
    float fog = exp(-optical * optical);
    color = mix(u_fog_color, color, fog);
    f_color = vec4(encode_srgb(tonemap(color, u_exposure)), 1.0);
}
"""
)

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
    defines = "".join(f"#define {name} 1\n" for name in names)
    return f"{version}\n{defines}{rest}"
