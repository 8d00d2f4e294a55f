"""``python -m translate`` runs the command-line tool."""

from translate.cli import cli

cli(prog_name="translate")
