"""The ``quotelens`` command line: one subcommand per pipeline stage.

Each stage module that offers a subcommand defines ``register_cli(subparsers)``, which adds its
parser and sets ``func`` (a callable taking the parsed args and returning an exit status).
Problems the user can fix raise :class:`helpers.errors.QuoteLensError` and end with exit
status 2 and one line on stderr, never a traceback.
"""
from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from helpers import __version__
from helpers.errors import QuoteLensError

#: Modules that contribute subcommands, in the order ``--help`` lists them.
COMMAND_MODULES = ("helpers.article", "helpers.quotes_cli", "helpers.pipeline", "helpers.corpus")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="quotelens",
        description="Quote Lens: extract who said what, how, and about whom, from news articles.",
    )
    parser.add_argument("--version", action="version", version=f"quotelens {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        register = getattr(module, "register_cli", None)
        if register is not None:
            register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args) or 0)
    except QuoteLensError as exc:
        print(f"quotelens: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("quotelens: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
