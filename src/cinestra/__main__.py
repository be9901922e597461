"""`python -m cinestra` runs the command line."""

from cinestra.cli import app

app()
