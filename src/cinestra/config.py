"""All settings in one place, read from `CINESTRA_*` environment variables (or a .env file).

Nothing else in Cinestra reads `os.environ`. Per-request knobs (seconds, size, seed) are
request fields, not settings.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

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


def get_settings() -> Settings:
    """Settings as the environment gives them now (tests change the environment freely)."""
    return Settings()
