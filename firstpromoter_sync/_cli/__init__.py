"""The ``firstpromoter`` command (also ``python -m firstpromoter_sync``).

    firstpromoter demo                          an offline tour on an embedded fake API
    firstpromoter promoters list [--json]       operator commands: credentials from the env
    firstpromoter commissions list [--status pending|approved|denied] [--json]
    firstpromoter commissions approve (--ids 1 2 3 | --all-pending) [--json]
    firstpromoter batch status ID [--json]
    firstpromoter mock-server --port 8765       the fake API for other tools

Exit status: 0 success; 1 an API error (one line on stderr, no traceback); 2 a usage error
(bad arguments, missing credentials); 130 interrupted.
"""

from __future__ import annotations

import os
import sys

from firstpromoter_async import FirstPromoterError, InvalidRequestError

from ._errors import error_line
from ._parser import build_parser

__all__ = ["main", "error_line"]

EXIT_OK = 0
EXIT_API_ERROR = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


def main(argv: list[str] | None = None) -> int:
    """Run the command in ``argv`` (default: the process's arguments); return the exit status.

    Never raises for expected failures: usage errors return 2, SDK errors 1 (2 for
    ``InvalidRequestError``, i.e. bad arguments or missing credentials), Ctrl-C 130.
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        status: int = args.handler(args)
    except SystemExit as exit_:  # argparse: --help, --version, usage errors
        return exit_.code if isinstance(exit_.code, int) else EXIT_USAGE
    except InvalidRequestError as exc:
        _fail(exc)
        return EXIT_USAGE
    except FirstPromoterError as exc:
        _fail(exc)
        return EXIT_API_ERROR
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _silence_stdout()  # the reader went away (e.g. `| head`): not an error
        return EXIT_OK
    return status


def _fail(exc: FirstPromoterError) -> None:
    print(error_line(exc), file=sys.stderr)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real file descriptor (e.g. captured in tests)
        pass
