"""bench/neural.py's code path on toy models (the real sizes need a GPU): it builds, prepares
and times each kind of variant, and prints the table."""

from __future__ import annotations

import torch
from bench.neural import MODELS, main, variants


def test_tiny_run_prints_the_table() -> None:
    lines: list[str] = []
    main(["--tiny", "--models", "1.3b", "--steps", "2", "--warmup", "1",
          "--variants", "baseline,batched-cfg,4 steps no-cfg"], out=lines.append)
    text = "\n".join(lines)
    assert "random prompt embeddings (8x16) stand in for UMT5-XXL" in text
    # name (24 wide), steps, s/step, x, end-to-end s, x, first call s, peak GiB, notes
    rows = {line[:24].strip(): line[24:].split() for line in lines
            if line.startswith(("baseline", "batched-cfg", "4 steps"))}
    assert list(rows) == ["baseline", "batched-cfg", "4 steps no-cfg"]
    assert [fields[0] for fields in rows.values()] == ["2", "2", "4"]  # each its step count
    assert rows["baseline"][2] == rows["baseline"][4] == "1.00"  # the baseline against itself
    for fields in rows.values():
        assert all(float(value) > 0 for value in fields[1:6])
        assert fields[6] == "n/a"  # no GPU memory to report on the CPU
    assert " ".join(rows["4 steps no-cfg"][7:]) == "needs step-distilled weights"


def test_a_failing_variant_is_reported_and_the_run_goes_on() -> None:
    lines: list[str] = []
    main(["--tiny", "--models", "1.3b", "--steps", "1", "--warmup", "1", "--attention", "flsh",
          "--variants", "attention flsh,4 steps no-cfg"], out=lines.append)
    failed = next(line for line in lines if line.startswith("attention flsh"))
    assert "failed: EngineUnavailable: CINESTRA_NEURAL_ATTENTION='flsh'" in failed
    assert any(line.startswith("4 steps no-cfg") for line in lines)


def test_variants_cover_each_option_alone_and_together() -> None:
    names = [variant.name for variant in variants(torch.device("cuda"), distilled_steps=4,
                                                  attention=["flash", "sage"])]
    assert names == ["baseline", "batched-cfg", "attention flash", "attention sage", "compile",
                     "cache 0.05", "4 steps no-cfg", "offload model", "combined",
                     "combined 4 steps"]
    combined = variants(torch.device("cuda"), distilled_steps=4, attention=["sage", "flash"])[-2]
    # Together: only exact attention, never the 8-bit one.
    assert combined.options == {"neural_batch_guidance": True, "neural_compile": True,
                                "neural_attention": "flash"}
    cache = next(v for v in variants(torch.device("cpu"), distilled_steps=4, attention=[])
                 if v.name.startswith("cache"))
    assert cache.mark == "untested until real weights"


def test_real_configs_are_the_published_sizes() -> None:
    small, large = MODELS["1.3b"], MODELS["5b"]
    assert (small.transformer["num_attention_heads"] * small.transformer["attention_head_dim"],
            small.transformer["num_layers"], small.transformer["ffn_dim"]) == (1536, 30, 8960)
    assert (large.transformer["num_attention_heads"] * large.transformer["attention_head_dim"],
            large.transformer["num_layers"], large.transformer["ffn_dim"]) == (3072, 30, 14336)
    assert (large.vae["z_dim"], large.vae["scale_factor_spatial"]) == (48, 16)
    assert (small.width, small.height, small.frames) == (832, 480, 81)
    assert (large.width, large.height, large.frames) == (1280, 704, 121)
