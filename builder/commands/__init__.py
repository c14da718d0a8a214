"""The commands of ``python -m builder``, one module each."""

from __future__ import annotations

from builder.commands import build, check, diff, reference, schema

COMMANDS = (check, build, diff, reference, schema)
"""Registered commands, in the order ``--help`` lists them."""
