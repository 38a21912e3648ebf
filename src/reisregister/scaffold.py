"""`reisregister new`: scaffold a report file (placeholder until the staff-workflow issue)."""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the flags of `reisregister new`."""
    parser.set_defaults(run=lambda args: 2)
