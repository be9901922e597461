"""`cinestra screen PROMPT [--json]`: print the verdict the pipeline and the server would get.

The exit code is 0 whenever screening ran (allow, review and block alike: the verdict is
the output); 2 means screening itself failed (empty prompt, unreadable policy file).
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from cinestra.errors import CinestraError
from cinestra.safety.policy import load_policy
from cinestra.safety.prompt import screen_prompt

err = Console(stderr=True)


def screen_command(
    prompt: Annotated[str, typer.Argument(help="The prompt to screen, in English or French.")],
    json: Annotated[bool, typer.Option(
        "--json", help='Print {"decision", "categories", "scores", "reason"} as JSON.')] = False,
    cameo: Annotated[list[str] | None, typer.Option(
        "--cameo", help="Name of a person whose cameo this request was granted (repeatable).",
    )] = None,
) -> None:
    """Screen PROMPT: allow, review or block, with categories, scores and a reason."""
    try:
        verdict = screen_prompt(prompt, policy=load_policy(), cameo_owners=cameo or [])
    except CinestraError as error:
        err.print(f"[red]error:[/red] {error}", highlight=False, soft_wrap=True)
        raise typer.Exit(code=2) from None
    if json:
        typer.echo(verdict.model_dump_json())
        return
    typer.echo(f"{verdict.decision}: {verdict.reason}")
    flagged = {name: score for name, score in verdict.scores.items() if score > 0}
    if flagged:
        typer.echo("scores: " + ", ".join(f"{name} {score:.2f}"
                                          for name, score in sorted(flagged.items())))


def register(app: typer.Typer) -> None:
    """Add the safety commands to the `cinestra` CLI."""
    app.command("screen")(screen_command)
