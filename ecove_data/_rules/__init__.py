"""The kinds of cross-table rule of the descriptor's ``consistency`` list, by name.

Each kind is one module here (see :mod:`ecove_data._rules._kind` for what it holds); a rule's
kind is the key that names it. Adding a kind is one new module and its line in ``KINDS``.

Examples
--------
>>> list(KINDS)
['sum_of', 'rows_of', 'fixed', 'one_true_per', 'context']
>>> kind("sum_of").NEEDS == {"sum_of", "equals"}
True
>>> try:
...     kind("share_of")
... except DataError as err:
...     print(err.problem)
there is no rule kind 'share_of'
"""

from __future__ import annotations

from .._errors import DataError
from . import context, fixed, one_true_per, rows_of, sum_of
from ._kind import Kind, Tables

__all__ = ["KEYS", "KINDS", "Kind", "Tables", "kind"]

# The order is the one a rule with no kind is told to choose from.
KINDS: dict[str, Kind] = {
    "sum_of": sum_of,
    "rows_of": rows_of,
    "fixed": fixed,
    "one_true_per": one_true_per,
    "context": context,
}
# Every key a rule may have.
KEYS = frozenset({"name", "description"}).union(*(k.NEEDS | k.MAY for k in KINDS.values()))


def kind(name: str) -> Kind:
    """Return the rule kind called ``name``; there is no default kind."""
    if name not in KINDS:
        raise DataError(
            f"there is no rule kind {name!r}",
            file="datapackage.json",
            rule="descriptor",
            fix=f"use one of: {', '.join(KINDS)}",
        )
    return KINDS[name]
