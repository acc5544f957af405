"""The command line: ``firstpromoter <command> ...``, parsed with argparse."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from typing import NoReturn, TypeAlias

from firstpromoter_async import __version__

from . import _demo, _mock_server, _operator
from ._bulk import BATCH_SIZE

__all__ = ["Handler", "build_parser"]

Handler = Callable[[argparse.Namespace], int]

DESCRIPTION = """\
The FirstPromoter API from the shell.

Operator commands (promoters, commissions, batch) call the real API with the credentials in
FIRSTPROMOTER_API_KEY and FIRSTPROMOTER_ACCOUNT_ID (and FIRSTPROMOTER_BASE_URL if set).
'demo' and 'mock-server' need no credentials and no network.

Exit status: 0 success, 1 an API error, 2 a usage error (bad arguments, missing credentials).
"""


class _Parser(argparse.ArgumentParser):
    """An ``ArgumentParser`` whose usage errors are one line: the problem and where to look."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")

    def parse_known_args(  # type: ignore[override]  # typeshed overloads on the namespace
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        """Refuse unknown arguments here, so the error names this (sub)command's ``--help``.

        argparse hands a subcommand's leftovers up to the top parser, whose error would point
        at ``firstpromoter --help`` instead of, say, ``firstpromoter commissions approve --help``.
        """
        parsed, extras = super().parse_known_args(args, namespace)
        if extras:
            self.error(f"unrecognized arguments: {' '.join(extras)}")
        return parsed, extras


# -- argument types ------------------------------------------------------------------------


def positive_int(value: str) -> int:
    """A whole number >= 1 (ids, counts, sizes)."""
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number >= 1, got {value!r}")
    return number


def count_arg(value: str) -> int:
    """A whole number >= 0."""
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number < 0:
        raise argparse.ArgumentTypeError(f"must be a whole number >= 0, got {value!r}")
    return number


def seconds_arg(value: str) -> float:
    """A positive number of seconds."""
    try:
        number = float(value)
    except ValueError:
        number = 0.0
    if not number > 0:
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds, got {value!r}")
    return number


def port_arg(value: str) -> int:
    """A TCP port, 0 (any free port) to 65535."""
    number = count_arg(value)
    if number > 65535:
        raise argparse.ArgumentTypeError(f"must be a port from 0 to 65535, got {value!r}")
    return number


# -- the commands --------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    """The ``firstpromoter`` parser; each command sets ``handler`` (namespace → exit code)."""
    parser = _Parser(
        prog="firstpromoter",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    _add_demo(commands)
    _add_promoters(commands)
    _add_commissions(commands)
    _add_batch(commands)
    _add_mock_server(commands)
    return parser


Commands: TypeAlias = "argparse._SubParsersAction[_Parser]"


def _output_options() -> _Parser:
    """``--json``, shared by the operator commands."""
    common = _Parser(add_help=False)
    common.add_argument("--json", action="store_true", help="print one JSON document (for scripts)")
    return common


def _limit_options() -> _Parser:
    common = _Parser(add_help=False)
    common.add_argument(
        "--limit", type=positive_int, metavar="N", help="show at most N (default: all)"
    )
    return common


def _add_demo(commands: Commands) -> None:
    demo = commands.add_parser(
        "demo",
        help="run a realistic program against an embedded fake API (offline)",
        description=_demo.__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    demo.add_argument("--promoters", type=positive_int, default=_demo.PROMOTERS, metavar="N")
    demo.add_argument("--referrals", type=count_arg, default=_demo.REFERRALS, metavar="N")
    demo.add_argument("--commissions", type=count_arg, default=_demo.COMMISSIONS, metavar="N")
    demo.add_argument(
        "--batch-size",
        type=positive_int,
        default=BATCH_SIZE,
        metavar="N",
        help=f"commission ids per batch (default {BATCH_SIZE})",
    )
    demo.set_defaults(handler=_demo.run)


def _add_promoters(commands: Commands) -> None:
    promoters = commands.add_parser("promoters", help="promoters of the account")
    actions = promoters.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser(
        "list", help="list promoters", parents=[_limit_options(), _output_options()]
    )
    listing.set_defaults(handler=_operator.promoters_list)


def _add_commissions(commands: Commands) -> None:
    commissions = commands.add_parser("commissions", help="commissions of the account")
    actions = commissions.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser(
        "list", help="list commissions", parents=[_limit_options(), _output_options()]
    )
    listing.add_argument("--status", choices=["pending", "approved", "denied"])
    listing.set_defaults(handler=_operator.commissions_list)

    approve = actions.add_parser(
        "approve", help="approve commissions (as batches)", parents=[_output_options()]
    )
    which = approve.add_mutually_exclusive_group(required=True)
    which.add_argument(
        "--ids", type=positive_int, nargs="+", metavar="ID", help="the commission ids to approve"
    )
    which.add_argument(
        "--all-pending", action="store_true", help="approve every pending commission"
    )
    approve.add_argument(
        "--batch-size",
        type=positive_int,
        default=BATCH_SIZE,
        metavar="N",
        help=f"ids per batch process (default {BATCH_SIZE})",
    )
    approve.add_argument(
        "--poll-interval",
        type=seconds_arg,
        default=1.0,
        metavar="SECONDS",
        help="seconds between progress polls (default 1)",
    )
    approve.set_defaults(handler=_operator.commissions_approve)


def _add_batch(commands: Commands) -> None:
    batch = commands.add_parser("batch", help="batch processes behind bulk actions")
    actions = batch.add_subparsers(dest="action", metavar="ACTION", required=True)
    status = actions.add_parser(
        "status", help="show one batch process", parents=[_output_options()]
    )
    status.add_argument("id", type=positive_int, metavar="ID")
    status.set_defaults(handler=_operator.batch_status)


def _add_mock_server(commands: Commands) -> None:
    server = commands.add_parser(
        "mock-server",
        help="serve the fake API for other tools until Ctrl-C",
        description=_mock_server.__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    server.add_argument("--host", default="127.0.0.1")
    server.add_argument(
        "--port", type=port_arg, default=8765, help="0 picks a free port (default 8765)"
    )
    server.add_argument("--api-key", default="test_api_key")
    server.add_argument("--account-id", default="acc_test")
    server.add_argument("--seed-promoters", type=count_arg, default=0, metavar="N")
    server.add_argument("--seed-commissions", type=count_arg, default=0, metavar="N")
    server.add_argument(
        "--batch-steps", type=positive_int, default=3, help="progress polls per batch"
    )
    server.add_argument(
        "--rate-limit",
        type=count_arg,
        default=400,
        metavar="N",
        help="requests per minute per account; 0 for none (default 400)",
    )
    server.set_defaults(handler=_mock_server.run)
