"""CLI commands of the provenance stage: `cinestra keys init` and `cinestra verify FILE`."""

from __future__ import annotations

import json as jsonlib
from pathlib import Path
from typing import Annotated

import typer

from cinestra.config import Settings
from cinestra.errors import CinestraError
from cinestra.provenance.keys import init_keys, keys_dir
from cinestra.provenance.verify import verify

keys_app = typer.Typer(no_args_is_help=True, help="C2PA signing keys.")


@keys_app.command("init")
def keys_init_command(
    force: Annotated[bool, typer.Option("--force", help="Replace existing keys.")] = False,
) -> None:
    """Create a local CA and a C2PA signing certificate in the data directory."""
    directory = keys_dir(Settings())
    try:
        paths = init_keys(directory, force=force)
    except CinestraError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(code=2) from None
    typer.echo(f"CA certificate: {paths.ca_cert}")
    typer.echo(f"signing chain:  {paths.signer_cert} (private keys are mode 0600)")


def verify_command(
    file: Annotated[Path, typer.Argument(help="Video file to check.")],
    json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Check a video's C2PA manifest and its invisible watermarks (picture and sound)."""
    try:
        report = verify(file)
    except CinestraError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(code=2) from None
    data = report.to_json()
    if json:
        typer.echo(jsonlib.dumps(data, indent=2))
        return
    c2pa, mark, audio = data["c2pa"], data["watermark"], data["audio_watermark"]
    typer.echo(f"C2PA:            {c2pa['state']}"
               + (f" ({'; '.join(c2pa['reasons'])})" if c2pa["reasons"] else ""))
    typer.echo(f"watermark:       {'found' if mark['found'] else 'not found'}"
               + (f", payload {mark['payload']}, bit accuracy {mark['bit_accuracy']:.2f}"
                  if mark["found"] else ""))
    typer.echo(f"audio watermark: {'found' if audio['found'] else 'not found'}"
               + (f", payload {audio['payload']}" if audio["found"] else ""))
    typer.echo(f"verdict:         {report.verdict}")


def register(app: typer.Typer) -> None:
    """Add `keys` and `verify` to the `cinestra` command line."""
    app.add_typer(keys_app, name="keys")
    app.command("verify")(verify_command)
