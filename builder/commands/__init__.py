"""The commands of ``python -m builder``, one module each."""

from __future__ import annotations

from builder.commands import add, build, check, dates, diff, reference, schema, suggest

COMMANDS = (check, build, add, suggest, dates, diff, reference, schema)
"""Registered commands, in the order ``--help`` lists them."""
