"""All settings in one place, read from `CINESTRA_*` environment variables (or a .env file).

Nothing else in Cinestra reads `os.environ`. Per-request knobs (seconds, size, seed) are
request fields, not settings.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


def _default_data_dir() -> Path:
    return Path.home() / ".local" / "share" / "cinestra"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CINESTRA_", env_file=".env", extra="ignore")

    environment: Literal["development", "production"] = "development"
    # Keys, databases and generated media live here; private keys are written mode 0600.
    data_dir: Path = _default_data_dir()
    # Operators only: switch off the moving visible watermark (the invisible one stays).
    visible_watermark: bool = True
    # An operator's own C2PA signing chain (PEM); unset means the local CA of `cinestra keys init`.
    c2pa_cert_chain: Path | None = None
    c2pa_private_key: Path | None = None
    # Operator moderation policy (thresholds, categories on/off); unset means the defaults.
    safety_policy: Path | None = None
    # An OpenAI-compatible chat endpoint that plans prompts ("http://host:8000/v1"); unset,
    # or on any failure of it, the rule-based planner plans.
    planner_url: str | None = None
    planner_model: str = "default"
    planner_api_key: str | None = None  # sent as a Bearer token; never logged
    planner_timeout_s: float = 30.0

    # Server (`cinestra serve`, `cinestra worker`). Unset URLs mean the embedded defaults:
    # SQLite (WAL) and blobs under data_dir. PostgreSQL by "postgresql+psycopg://..." URL,
    # S3-compatible storage by "s3://bucket/prefix?endpoint_url=http://host:9000&region=...".
    database_url: str | None = None
    blob_url: str | None = None
    # "local": a worker pool inside `cinestra serve`; "celery": `cinestra worker` processes
    # consume jobs from Redis (broker_url) and `serve` only enqueues.
    job_backend: Literal["local", "celery"] = "local"
    broker_url: str = "redis://127.0.0.1:6379/0"
    workers: int = 1  # jobs run at once by the local pool (0: jobs stay queued)
    job_lease_s: float = 300.0  # an in_progress job silent this long is re-queued by workers
    job_max_attempts: int = 3  # a job that failed this often (crash, full disk) stays failed
    video_ttl_s: int = 7 * 24 * 3600  # downloads expire this long after completion
    # Per user: requests per minute on /v1, and videos per rolling 24 h (0: no limit).
    # Organisations have their own daily quota (set with `cinestra org add`).
    rate_limit_per_minute: int = 120
    daily_video_quota: int = 50
    max_upload_bytes: int = 20 * 1024 * 1024  # input_reference uploads
    allow_signup: bool = False  # open sign-up pages; operators add users with the CLI
    s3_access_key_id: str | None = None  # unset: boto3's usual credential chain
    s3_secret_access_key: str | None = None

    # Neural engines (`--engine wan|ltx2`, the API's model field): local diffusers pipeline
    # folders (model_index.json and component subfolders); nothing is ever downloaded.
    wan_weights: Path | None = None  # WanPipeline (text to video) or WanVACEPipeline
    ltx2_weights: Path | None = None  # LTX2Pipeline (audio and video together)
    neural_device: str = "cuda"  # a torch device: "cuda", "cuda:1"; "cpu" works, slowly
    neural_dtype: Literal["bfloat16", "float16", "float32"] = "bfloat16"
    neural_steps: int = 0  # denoising steps; 0: the engine's default for its model
    neural_guidance_scale: float = 0.0  # classifier-free guidance; 0: the engine's default
    # Pixels per frame a model draws at most, before scaling to the requested size (less
    # memory and time, less detail); 0: the size the engine's model is trained for.
    neural_max_pixels: int = Field(0, ge=0)
    # VACE weights follow the simulation: "depth" (previz depth as control video) or "none".
    neural_control: Literal["depth", "none"] = "depth"
    # Memory: "model" moves each component to the GPU while it runs (24 GB cards),
    # "sequential" each layer (slowest, least memory).
    neural_offload: Literal["none", "model", "sequential"] = "none"
    # Speed: torch.compile the transformer; a diffusers attention backend ("flash",
    # "_native_cudnn", "sage"...; empty: PyTorch SDPA); first-block cache threshold (0: off).
    neural_compile: bool = False
    neural_attention: str = ""
    neural_cache: float = 0.0
    # Classifier-free guidance's two transformer calls per step (Wan) as one call on a batch
    # of two: same result, more activation memory during the call.
    neural_batch_guidance: bool = False
    # An engine that makes sound (LTX-2): keep its audio ("engine"), replace it with ours
    # ("ours"), or lay ours over it ("mix").
    engine_sound: Literal["engine", "ours", "mix"] = "engine"


def get_settings() -> Settings:
    """Settings as the environment gives them now (tests change the environment freely)."""
    return Settings()
