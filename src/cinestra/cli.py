"""`cinestra` command line: generate a video, or show the plan of a prompt."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from cinestra import __version__
from cinestra.config import get_settings
from cinestra.errors import CinestraError, EngineUnavailable
from cinestra.pipeline import STAGES, generate
from cinestra.plan import plan_storyboard
from cinestra.render.engines import DEFAULT_ENGINE, check_engine, engine_problem
from cinestra.request import SIZES, check_request
from cinestra.safety import ModerationBlocked

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Cinestra: text to video with synchronized sound, offline.")
err = Console(stderr=True)

SIZE_HELP = "Frame size WxH: " + ", ".join(SIZES) + "."
ENGINE_HELP = ("previz (offline, CPU), wan or ltx2 (neural, GPU: weights from the folder "
               "CINESTRA_WAN_WEIGHTS or CINESTRA_LTX2_WEIGHTS names).")


def _fail(error: CinestraError) -> typer.Exit:
    """Exit 2 for bad input or a failed stage, 3 when moderation refused or held the video."""
    err.print(f"[red]error:[/red] {error}", highlight=False, soft_wrap=True)
    return typer.Exit(code=3 if isinstance(error, ModerationBlocked) else 2)


@app.callback()
def main(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log each stage.")] = False,
) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)


@app.command("generate")
def generate_command(
    prompt: Annotated[str, typer.Argument(help="The scene, in English or French.")],
    seconds: Annotated[float, typer.Option(help="Length, 4 to 60 seconds.")] = 4.0,
    size: Annotated[str, typer.Option(help=SIZE_HELP)] = "1280x720",
    fps: Annotated[int, typer.Option(help="Frames per second: 24 or 30.")] = 24,
    seed: Annotated[int, typer.Option(help="Same prompt and seed give the same video.")] = 0,
    style: Annotated[str | None, typer.Option(
        help="A look for every shot (cinematic, noir, cartoon...), over the prompt's.")] = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="MP4 file to write.")] = Path(
        "video.mp4"),
    handle: Annotated[str, typer.Option(help="Creator name on the visible watermark.")] = "",
    engine: Annotated[str, typer.Option(help=ENGINE_HELP)] = DEFAULT_ENGINE,
) -> None:
    """Generate a watermarked, C2PA-signed MP4 (H.264 + AAC) with synchronized sound."""
    try:
        request = check_request(prompt=prompt, seconds=str(seconds), size=size, fps=fps,
                                seed=seed, style=style, engine=engine)
        if problem := engine_problem(check_engine(request.engine), get_settings()):
            raise EngineUnavailable(problem)  # before any progress is drawn
        with Progress(TextColumn("{task.description:>7}"), BarColumn(), MofNCompleteColumn(),
                      TimeElapsedColumn(), console=err, transient=False) as bar:
            # Each bar's clock starts when its stage does, not when the bars are drawn.
            tasks = {stage: bar.add_task(stage, total=None, start=False) for stage in STAGES}

            def on_progress(stage: str, done: int, total: int) -> None:
                bar.start_task(tasks[stage])
                bar.update(tasks[stage], completed=done, total=total)

            result = generate(request, output=output, handle=handle, on_progress=on_progress)
    except CinestraError as error:
        raise _fail(error) from None
    for note in result.warnings:
        err.print(f"[yellow]warning:[/yellow] {note}", highlight=False, soft_wrap=True)
    typer.echo(str(result.path))


@app.command("plan")
def plan_command(
    prompt: Annotated[str, typer.Argument(help="The scene, in English or French.")],
    seconds: Annotated[float, typer.Option(help="Length, 4 to 60 seconds.")] = 4.0,
    seed: Annotated[int, typer.Option(help="Seed recorded in the Storyboard.")] = 0,
    json: Annotated[bool, typer.Option("--json", help="Print the Storyboard as JSON.")] = False,
) -> None:
    """Show what the planner understood of PROMPT."""
    try:
        request = check_request(prompt=prompt, seconds=str(seconds), seed=seed)
        storyboard = plan_storyboard(request.prompt, seconds=request.seconds,
                                     seed=request.seed)
    except CinestraError as error:
        raise _fail(error) from None
    if json:
        typer.echo(storyboard.model_dump_json(indent=2))
        return
    for shot in storyboard.shots:
        subjects = ", ".join(f"{s.count} {s.kind}" for s in shot.subjects) or "no subject"
        verbs = ", ".join(f"{a.subject} {a.verb}" for a in shot.actions) or "-"
        typer.echo(f"shot {shot.index + 1} ({float(shot.duration):g} s): {subjects}; {verbs}; "
                   f"{shot.setting.place} at {shot.setting.time_of_day}; "
                   f"{shot.camera.shot_size} {shot.camera.angle} {shot.camera.move}")
    for note in storyboard.understanding_notes():
        err.print(f"[yellow]warning:[/yellow] {note}", highlight=False, soft_wrap=True)


@app.command("version")
def version_command() -> None:
    """Print the version."""
    typer.echo(__version__)


# Commands of other stages register here, each with one line below its own marker.
from cinestra.provenance.commands import register as _register_provenance  # noqa: E402

_register_provenance(app)
from cinestra.safety.commands import register as _register_safety  # noqa: E402

_register_safety(app)
from cinestra.server.commands import register as _register_server  # noqa: E402

_register_server(app)
