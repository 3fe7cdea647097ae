"""Names for editors and type checkers.

Generated from the descriptor by `make generate`; do not edit by hand.
"""

from __future__ import annotations

from typing import Literal

__all__ = ["DatasetName", "DatasetRole"]

DatasetName = Literal[
    "key_figures",
    "roundtable_recommendations",
    "pact_sectors",
    "pact_initiatives",
    "activities",
    "workshops",
    "ecovem_citations",
    "derived_indicators",
    "context_cove_calls",
    "context_pact_membership",
    "context_campus_excellence",
    "context_event",
    "context_ecovem",
]
"""The tables of the data package, in the order :func:`ecove_data.datasets` gives them."""

DatasetRole = Literal["report", "context"]
"""Where a table's values come from: the report itself, or public sources that set it in context."""
