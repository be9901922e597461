"""Local weights for the neural engines: where they are and whether they are complete.

A weights folder is a diffusers pipeline folder as `save_pretrained` writes it (and as the
Wan and LTX-2 "-Diffusers" releases ship): `model_index.json` names the pipeline class and
its components, each in a subfolder with its config and weight files. We check all of it
from the listing and the small JSON files before anything loads, so a user learns every
missing file at once, and never from a half-loaded model. Nothing is ever downloaded.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from cinestra.config import Settings

# The pipeline classes each engine can run, by the `_class_name` of model_index.json.
PIPELINES: dict[str, tuple[str, ...]] = {
    "wan": ("WanPipeline", "WanVACEPipeline"),
    "ltx2": ("LTX2Pipeline",),
}
SETTING = {"wan": "wan_weights", "ltx2": "ltx2_weights"}
WEIGHT_SUFFIXES = (".safetensors", ".bin")
TOKENIZER_FILES = ("tokenizer.json", "spiece.model", "tokenizer.model", "vocab.json")
# Components whose folder holds a model (config + weights) rather than a tokenizer or
# scheduler (a config of their own only).
CONFIG_ONLY = {"scheduler": "scheduler_config.json"}


@dataclass(frozen=True)
class WeightsFolder:
    path: Path
    pipeline: str  # model_index.json's `_class_name`, one of PIPELINES[engine]
    components: dict[str, tuple[str, str]]  # name -> (library, class), null entries left out


def _env_name(engine: str) -> str:
    return "CINESTRA_" + SETTING[engine].upper()


def _model_files(folder: Path) -> list[str]:
    """What a model component folder lacks: its config, or weights (sharded or not)."""
    missing = []
    if not (folder / "config.json").is_file():
        missing.append(str(folder / "config.json"))
    indexes = sorted(folder.glob("*.index.json"))
    for index in indexes:  # sharded: every shard the index names must be there
        try:
            shards = set(json.loads(index.read_text())["weight_map"].values())
        except (OSError, ValueError, KeyError, AttributeError):
            missing.append(f"{index} (unreadable shard index)")
            continue
        missing += [str(folder / shard) for shard in sorted(shards)
                    if not (folder / shard).is_file()]
    if not indexes and not any(path.suffix in WEIGHT_SUFFIXES for path in folder.iterdir()):
        missing.append(f"{folder}/*.safetensors")
    return missing


def _component_files(folder: Path, name: str, library: str) -> list[str]:
    if not folder.is_dir():
        return [f"{folder}/ (the {name} component)"]
    if name in CONFIG_ONLY or name.endswith("scheduler"):
        config = folder / CONFIG_ONLY.get(name, "scheduler_config.json")
        return [] if config.is_file() else [str(config)]
    if name.startswith("tokenizer") or (library == "transformers" and "Tokenizer" in name):
        present = any((folder / file).is_file() for file in TOKENIZER_FILES)
        return [] if present else [f"{folder}/{' or '.join(TOKENIZER_FILES)}"]
    return _model_files(folder)


def read_weights(engine: str, path: Path) -> tuple[WeightsFolder | None, list[str]]:
    """The folder's description and the list of what is missing or wrong (empty: usable)."""
    index = path / "model_index.json"
    if not path.is_dir():
        return None, [f"{path} is not a directory"]
    try:
        entries = json.loads(index.read_text())
    except FileNotFoundError:
        return None, [f"{index} (not a diffusers pipeline folder)"]
    except (OSError, ValueError) as error:
        return None, [f"{index} is unreadable ({error})"]
    if not isinstance(entries, dict):
        return None, [f"{index} is not a JSON object"]
    pipeline = str(entries.get("_class_name", ""))
    if pipeline not in PIPELINES[engine]:
        return None, [f"{index} describes {pipeline or 'no pipeline'!s}; the {engine} engine "
                      f"runs {' or '.join(PIPELINES[engine])}"]
    components = {name: (str(value[0]), str(value[1])) for name, value in entries.items()
                  if not name.startswith("_") and isinstance(value, list) and len(value) == 2
                  and value[0] is not None and value[1] is not None}
    missing = [file for name, (library, _) in sorted(components.items())
               for file in _component_files(path / name, name, library)]
    return WeightsFolder(path=path, pipeline=pipeline, components=components), missing


def weights_problem(engine: str, settings: Settings) -> str | None:
    """A message naming what `engine` lacks to run, or None when its weights are complete."""
    configured: Path | None = getattr(settings, SETTING[engine])
    if configured is None:
        return (f"engine {engine}: no weights configured; set {_env_name(engine)} to a local "
                f"diffusers folder ({' or '.join(PIPELINES[engine])}); nothing is downloaded")
    _, missing = read_weights(engine, configured.expanduser())
    if missing:
        return (f"engine {engine}: the weights in {configured} are incomplete; missing: "
                + "; ".join(missing))
    return None


def weights_folder(engine: str, settings: Settings) -> WeightsFolder:
    """The checked weights folder of `engine` (call `weights_problem` first)."""
    configured: Path | None = getattr(settings, SETTING[engine])
    assert configured is not None, "weights_problem(engine) was None"
    folder, missing = read_weights(engine, configured.expanduser())
    assert folder is not None and not missing, "weights_problem(engine) was None"
    return folder
