"""Names for editors and type checkers."""

from __future__ import annotations

from typing import Literal

__all__ = ["DatasetName"]

DatasetName = Literal[
    "key_figures",
    "roundtable_recommendations",
    "pact_sectors",
    "pact_initiatives",
    "activities",
    "workshops",
    "ecovem_citations",
    "derived_indicators",
]
