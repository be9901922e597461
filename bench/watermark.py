"""Watermark bench: mark generated clips, attack them, read the marks back; print a table.

    .venv/bin/python -m bench.watermark [--seconds 4] [--size 1280x720] [--clips 5]

Per attack: clip-level bit accuracy (picture: the 198 coded bits before Viterbi decoding;
audio: the 60 data bits) and detection rate (found with the right payload) over the clips.
Pixel attacks are followed by an H.264 CRF 23 upload encode. Also: PSNR/SSIM of the
invisible mark, embed and detect seconds per clip, generation seconds and the embedding
overhead.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import av
import numpy as np
from PIL import Image, ImageFilter
from scipy import ndimage, signal
from tests.utils.audio import codec_round_trip
from tests.utils.clips import render_unmarked

from cinestra.media import read_mp4
from cinestra.provenance import FrameMarker, mark_audio, new_video_id, payload_for
from cinestra.provenance.audio import detect_audio
from cinestra.provenance.video import (
    STRENGTH,
    coded_bits,
    detect_luma,
    read_soft_bits,
    sample_luma,
)
from cinestra.sound import Soundtrack

PROMPTS = [
    "a red rubber ball bouncing on a wet wooden floor at golden hour, slow dolly in",
    "three glass bottles fall on a table at night, close up, orbit",
    "a blue box slides and topples in the street, pan left, noir",
    "two marbles roll on a kitchen table, overhead, vintage",
    "a crate falls in the park at noon, low angle, zoom in, cinematic",
    "trois balles rouges rebondissent dans une pièce, travelling avant",
    # Harder pictures: dark, letterboxed and grainy, busy, nearly empty.
    "a glass bottle falls in the street at night, noir, close up",
    "des caisses tombent dans le parc au coucher du soleil, cinématique, panoramique",
    "twelve marbles bounce on a wet floor at dusk, high angle, orbit",
    "a single cube rests on a white table at noon, wide shot, static",
]
Frames = np.ndarray  # (n, h, w, 3) uint8


def encode(frames: Frames, path: Path, *, fps: int, codec: str = "libx264",
           crf: int = 23) -> Path:
    h, w = frames.shape[1:3]
    h, w = h - h % 2, w - w % 2
    with av.open(str(path), "w", format="mp4") as out:
        options = {"crf": str(crf), "preset": "veryfast"}
        if codec == "libx265":
            options["x265-params"] = "log-level=error"
        stream = out.add_stream(codec, rate=fps, options=options)
        stream.width, stream.height, stream.pix_fmt = w, h, "yuv420p"
        for frame in frames:
            out.mux(stream.encode(av.VideoFrame.from_ndarray(
                np.ascontiguousarray(frame[:h, :w]), format="rgb24")))
        out.mux(stream.encode(None))
    return path


def resize(frames: Frames, share: float) -> Frames:
    h, w = frames.shape[1:3]
    size = (round(w * share / 2) * 2, round(h * share / 2) * 2)
    return np.stack([np.asarray(Image.fromarray(f).resize(size, Image.Resampling.BILINEAR))
                     for f in frames])


def crop(frames: Frames, share: float) -> Frames:
    h, w = frames.shape[1:3]
    dh, dw = round(h * share / 2), round(w * share / 2)
    return frames[:, dh:h - dh, dw:w - dw]


def tone(frames: Frames, fn: Callable[[np.ndarray], np.ndarray]) -> Frames:
    lut = np.clip(fn(np.arange(256, dtype=np.float64)), 0, 255).round().astype(np.uint8)
    return lut[frames]


def noise(frames: Frames, sigma: float) -> Frames:
    rng = np.random.default_rng(0)
    return np.clip(frames + rng.normal(0, sigma, frames.shape), 0, 255).astype(np.uint8)


def blur(frames: Frames) -> Frames:
    return np.stack([np.asarray(Image.fromarray(f).filter(ImageFilter.GaussianBlur(1.5)))
                     for f in frames])


def gray(frames: Frames) -> Frames:
    return np.stack([np.asarray(Image.fromarray(f).convert("L").convert("RGB")) for f in frames])


def to_30fps(frames: Frames) -> Frames:
    count = len(frames) * 30 // 24
    return frames[(np.arange(count) * 24) // 30]


def gamma(x: np.ndarray) -> np.ndarray:
    return 255 * (x / 255) ** 1.3


VIDEO_ATTACKS: dict[str, tuple[Callable[[Frames], Frames], str, int, int]] = {
    # name: (pixel transform, codec, crf, fps)
    "none (as published)": (lambda f: f, "", 0, 24),
    "H.264 CRF 23": (lambda f: f, "libx264", 23, 24),
    "H.264 CRF 30": (lambda f: f, "libx264", 30, 24),
    "H.264 CRF 35": (lambda f: f, "libx264", 35, 24),
    "H.265 CRF 28": (lambda f: f, "libx265", 28, 24),
    "resize 50%": (lambda f: resize(f, 0.5), "libx264", 23, 24),
    "resize 25%": (lambda f: resize(f, 0.25), "libx264", 23, 24),
    "crop 10%": (lambda f: crop(f, 0.10), "libx264", 23, 24),
    "crop 25%": (lambda f: crop(f, 0.25), "libx264", 23, 24),
    "brightness +30%": (lambda f: tone(f, lambda x: x * 1.3), "libx264", 23, 24),
    "brightness -30%": (lambda f: tone(f, lambda x: x * 0.7), "libx264", 23, 24),
    "contrast x0.7": (lambda f: tone(f, lambda x: (x - 128) * 0.7 + 128), "libx264", 23, 24),
    "gamma 1.3": (lambda f: tone(f, gamma), "libx264", 23, 24),
    "blur sigma 1.5": (blur, "libx264", 23, 24),
    "noise sigma 5": (lambda f: noise(f, 5), "libx264", 23, 24),
    "24 -> 30 fps": (to_30fps, "libx264", 23, 30),
    "grayscale": (gray, "libx264", 23, 24),
    "screen re-upload": (lambda f: noise(tone(resize(f, 0.5), gamma), 5), "libx264", 30, 24),
}


def snr_noise(samples: np.ndarray) -> np.ndarray:
    rng = np.random.default_rng(0)
    power = np.mean(samples**2) / 10 ** (20 / 10)
    return samples + rng.normal(0, np.sqrt(power), samples.shape).astype(np.float32)


AUDIO_ATTACKS: dict[str, tuple[Callable[[np.ndarray], np.ndarray], int]] = {
    "audio: none": (lambda s: s, 48_000),
    "audio: AAC 64k": (lambda s: codec_round_trip(s, "aac", 64_000), 48_000),
    "audio: MP3 96k": (lambda s: codec_round_trip(s, "libmp3lame", 96_000), 48_000),
    "audio: resample 16 kHz": (lambda s: signal.resample_poly(s, 1, 3, axis=0), 16_000),
    "audio: noise 20 dB SNR": (snr_noise, 48_000),
}


def ssim(a: np.ndarray, b: np.ndarray) -> float:
    """Mean SSIM on luma with a Gaussian window (sigma 1.5)."""
    weights = np.array([0.299, 0.587, 0.114])
    x, y = a.astype(np.float64) @ weights, b.astype(np.float64) @ weights
    c1, c2 = (0.01 * 255) ** 2, (0.03 * 255) ** 2
    mx, my = ndimage.gaussian_filter(x, 1.5), ndimage.gaussian_filter(y, 1.5)
    vx = ndimage.gaussian_filter(x * x, 1.5) - mx**2
    vy = ndimage.gaussian_filter(y * y, 1.5) - my**2
    cxy = ndimage.gaussian_filter(x * y, 1.5) - mx * my
    value = ((2 * mx * my + c1) * (2 * cxy + c2)) / ((mx**2 + my**2 + c1) * (vx + vy + c2))
    return float(value.mean())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", default="4")
    parser.add_argument("--size", default="1280x720")
    parser.add_argument("--clips", type=int, default=5)
    parser.add_argument("--strength", type=float, default=STRENGTH)
    args = parser.parse_args()
    knobs = {"strength": args.strength}
    rows: dict[str, list[tuple[float, bool]]] = {}
    unmarked_hits, stats = 0, []
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for number, prompt in enumerate(PROMPTS[: args.clips]):
            # 1. Render a plain clip (the stages without provenance), timed.
            plain_path = root / f"plain{number}.mp4"
            started = time.perf_counter()
            width, height = (int(n) for n in args.size.split("x"))
            render_unmarked(prompt, plain_path, seconds=int(args.seconds), width=width,
                            height=height, seed=number)
            gen_s = time.perf_counter() - started
            clip = read_mp4(plain_path)
            h, w = clip.frames.shape[1:3]
            payload = payload_for(new_video_id())
            # 2. Embed (invisible + visible + audio), timed.
            started = time.perf_counter()
            with FrameMarker(payload, width=w, height=h, fps=24, handle="bench",
                             **knobs) as marker:
                marked = np.stack([marker.mark(f, i) for i, f in enumerate(clip.frames)])
            sound = mark_audio(Soundtrack(samples=clip.audio), payload).samples
            embed_s = time.perf_counter() - started
            with FrameMarker(payload, width=w, height=h, fps=24, visible=False,
                             **knobs) as marker:
                invisible = np.stack([marker.mark(f, i) for i, f in enumerate(clip.frames)])
            mse = np.mean((invisible.astype(np.float64) - clip.frames) ** 2)
            psnr = 10 * np.log10(255**2 / mse)
            ssims = [ssim(invisible[i], clip.frames[i]) for i in range(0, len(clip.frames), 24)]
            published = encode(marked, root / f"marked{number}.mp4", fps=24, crf=20)
            # 3. Detect (video + audio) on the published file, timed.
            started = time.perf_counter()
            detect_luma(sample_luma(published))
            detect_audio(sound, sample_rate=48_000)
            detect_s = time.perf_counter() - started
            unmarked_hits += detect_luma(sample_luma(plain_path)).found
            unmarked_hits += detect_audio(clip.audio, sample_rate=48_000).found
            stats.append((gen_s, embed_s, detect_s, psnr, float(np.mean(ssims))))
            # 4. Video attacks on the published frames.
            published_frames = read_mp4(published).frames
            truth = coded_bits(payload) > 0.5
            for name, (transform, codec, crf, fps) in VIDEO_ATTACKS.items():
                path = published
                if codec:
                    path = encode(transform(published_frames), root / "attacked.mp4", fps=fps,
                                  codec=codec, crf=crf)
                frames = sample_luma(path)
                reading = read_soft_bits(frames)
                accuracy = 0.5 if reading is None else float(np.mean((reading[2] > 0) == truth))
                result = detect_luma(frames)
                rows.setdefault(name, []).append((accuracy, result.payload == payload))
            # 5. Audio attacks.
            for name, (attack, rate) in AUDIO_ATTACKS.items():
                read = detect_audio(attack(sound), sample_rate=rate)
                rows.setdefault(name, []).append(
                    (read.bit_accuracy or 0.5, read.payload == payload))
            print(f"clip {number + 1}: {prompt[:48]!r} done", flush=True)
    print()
    print(f"{'attack':<24} {'bit acc':>8} {'detected':>9}")
    for name, values in rows.items():
        accuracy = np.mean([a for a, _ in values])
        found = sum(f for _, f in values)
        print(f"{name:<24} {accuracy:>8.3f} {found:>4}/{len(values):<4}")
    gen, emb, det, psnr, ssim_ = (np.array(c) for c in zip(*stats, strict=True))
    print()
    print(f"clips: {len(stats)} x {args.seconds} s at {args.size}, 24 fps")
    print(f"PSNR (invisible mark) {psnr.mean():.1f} dB (min {psnr.min():.1f}); "
          f"SSIM {ssim_.mean():.4f}; strength {args.strength} (RMS levels)")
    overhead = 100 * np.mean(emb / gen)
    print(f"generate {gen.mean():.2f} s/clip; embed {emb.mean():.2f} s/clip "
          f"(+{overhead:.0f}% of generation); detect {det.mean():.2f} s/clip")
    print(f"unmarked clips reported as marked (video + audio checks): {unmarked_hits}/"
          f"{2 * len(stats)}")


if __name__ == "__main__":
    main()
