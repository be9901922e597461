"""Operator commands: `cinestra serve`, `cinestra worker`, `cinestra user add|list|key`,
`cinestra org add`. API keys are printed once and stored hashed."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from cinestra.config import get_settings
from cinestra.errors import CinestraError

# The server's modules (SQLAlchemy, Alembic, argon2, FastAPI) are imported by the commands
# that use them, so that `cinestra generate` does not start slower for them.

err = Console(stderr=True)
user_app = typer.Typer(no_args_is_help=True, help="Accounts of this server.")
org_app = typer.Typer(no_args_is_help=True, help="Organisations (shared quotas and policy).")


# Idle keep-alive connections are closed after this long: longer than clients keep them
# (httpx, under the openai client, drops them after 5 s, as uvicorn's default did), so a
# client never sends a request on a connection the server is closing at that instant
# (bench.api_load saw one `ReadError` in ~8000 requests with both at 5 s).
KEEP_ALIVE_S = 30


def _fail(error: CinestraError) -> typer.Exit:
    err.print(f"[red]error:[/red] {error}", highlight=False, soft_wrap=True)
    return typer.Exit(code=2)


def serve_command(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Run the API server (and, by default, its worker pool)."""
    import uvicorn

    from cinestra.server.api.app import create_app

    uvicorn.run(create_app(get_settings()), host=host, port=port, log_level="info",
                timeout_keep_alive=KEEP_ALIVE_S)


def worker_command() -> None:
    """Run jobs from Redis (CINESTRA_JOB_BACKEND=celery); start as many as you like."""
    from cinestra.server.jobs.celery_app import run_worker

    run_worker(get_settings())


@user_app.command("add")
def user_add(
    name: Annotated[str, typer.Argument(help="Login name.")],
    admin: Annotated[bool, typer.Option("--admin", help="Operator rights.")] = False,
    moderator: Annotated[bool, typer.Option("--moderator", help="Reviews flagged videos.")
                         ] = False,
    org: Annotated[str | None, typer.Option(help="Organisation to join (made if new).")] = None,
    password: Annotated[bool, typer.Option("--password", help="Ask for a password for the "
                                                              "web pages.")] = False,
) -> None:
    """Create an account and print its API key (shown this once)."""
    from cinestra.server.accounts import add_organisation, add_user, get_organisation, issue_api_key
    from cinestra.server.db.session import open_database

    secret = typer.prompt("Password", hide_input=True, confirmation_prompt=True) if (
        password) else None
    try:
        with open_database(get_settings()) as sessions, sessions.begin() as session:
            organisation = None
            if org:
                organisation = (get_organisation(session=session, name=org)
                                or add_organisation(session=session, name=org))
            user = add_user(session=session, name=name, password=secret, is_admin=admin,
                            is_moderator=moderator, organisation=organisation)
            key = issue_api_key(session=session, user=user)
    except CinestraError as error:
        raise _fail(error) from None
    typer.echo(key)


@user_app.command("list")
def user_list() -> None:
    """Users, their roles and the visible start of their API key."""
    from cinestra.server.accounts import active_key_prefix, list_users
    from cinestra.server.db.session import open_database

    with open_database(get_settings()) as sessions, sessions() as session:
        for user in list_users(session=session):
            roles = ",".join(role for role, on in (("admin", user.is_admin),
                                                   ("moderator", user.is_moderator)) if on)
            prefix = active_key_prefix(session=session, user=user)
            typer.echo(f"{user.name}\t{roles or '-'}\t{prefix + '...' if prefix else 'no key'}")


@user_app.command("key")
def user_key(name: Annotated[str, typer.Argument(help="Login name.")]) -> None:
    """Replace NAME's API key (the old one stops working) and print the new one once."""
    from cinestra.server.accounts import get_user, issue_api_key
    from cinestra.server.db.session import open_database

    with open_database(get_settings()) as sessions, sessions.begin() as session:
        user = get_user(session=session, name=name)
        if user is None:
            err.print(f"[red]error:[/red] no user {name!r}", highlight=False)
            raise typer.Exit(code=2)
        key = issue_api_key(session=session, user=user)
    typer.echo(key)


@org_app.command("add")
def org_add(
    name: Annotated[str, typer.Argument(help="Organisation name.")],
    daily_quota: Annotated[int, typer.Option(help="Videos a day for all members (0: none).")
                           ] = 0,
    policy: Annotated[str | None, typer.Option(
        help="Its rule set in the safety policy ([organisations.NAME]).")] = None,
) -> None:
    """Create an organisation with its own quota and moderation rules."""
    from cinestra.server.accounts import add_organisation
    from cinestra.server.db.session import open_database

    try:
        with open_database(get_settings()) as sessions, sessions.begin() as session:
            add_organisation(session=session, name=name, daily_video_quota=daily_quota,
                             policy=policy)
    except CinestraError as error:
        raise _fail(error) from None


def register(app: typer.Typer) -> None:
    """Add the server commands to the `cinestra` CLI."""
    app.command("serve")(serve_command)
    app.command("worker")(worker_command)
    app.add_typer(user_app, name="user")
    app.add_typer(org_app, name="org")
