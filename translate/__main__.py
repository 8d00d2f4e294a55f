"""``python -m translate`` and the ``translate`` command: the Click CLI, exit 130 on Ctrl-C.

The console script enters here rather than at ``translate.cli:cli`` so that a Ctrl-C during
the import of the CLI (Click, on a slow disk) also exits 130 without a traceback; once the
CLI runs, ``cli.TranslateGroup`` handles it.
"""

import sys


def main() -> None:
    """Run the ``translate`` command line."""
    try:
        from translate.cli import cli
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        sys.exit(130)
    cli(prog_name="translate")


if __name__ == "__main__":
    main()
