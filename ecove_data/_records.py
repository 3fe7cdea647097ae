"""The records the descriptor is parsed into: typed, read-only, each with its own JSON."""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from pathlib import Path
from typing import Any, ClassVar, dataclass_transform

__all__ = [
    "Constraints",
    "Derived",
    "Field",
    "Indicator",
    "Package",
    "Resource",
    "Rule",
]


@dataclass_transform(eq_default=False, kw_only_default=True, frozen_default=True)
class _Record:
    """A read-only record parsed from the descriptor: typed attributes, and its own JSON.

    Each subclass names its attributes with annotations, as a frozen dataclass would, and
    is made with keyword arguments. It is not one because a dataclass compiles its methods
    when its module is imported, which for these seven cost as much as all the rest of
    ``import ecove_data`` itself; these methods are written once, here.
    """

    _fields: ClassVar[tuple[str, ...]] = ()
    _names: ClassVar[frozenset[str]] = frozenset()
    raw: Mapping[str, Any]

    def __init_subclass__(cls) -> None:
        super().__init_subclass__()
        hints = inspect.get_annotations(cls)
        cls._fields = tuple(name for name, hint in hints.items() if "ClassVar" not in str(hint))
        cls._names = frozenset(cls._fields)

    def __init__(self, **values: Any) -> None:
        if values.keys() != self._names:
            missing = sorted(self._names - values.keys())
            unknown = sorted(values.keys() - self._names)
            raise TypeError(
                f"{type(self).__name__}() needs {', '.join(self._fields)}"
                + (f"; missing {', '.join(missing)}" if missing else "")
                + (f"; unknown {', '.join(unknown)}" if unknown else "")
            )
        # Past __setattr__, which refuses every change once the record is made.
        self.__dict__.update(values)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only: cannot delete {name!r}")

    def __repr__(self) -> str:
        inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{type(self).__name__}({inner})"

    def __getitem__(self, key: str) -> Any:
        return self.raw[key]

    def __contains__(self, key: object) -> bool:
        return key in self.raw

    def get(self, key: str, default: Any = None) -> Any:
        """Return the descriptor's value for ``key``, or ``default``."""
        return self.raw.get(key, default)


class Constraints(_Record):
    """A field's constraints (Table Schema)."""

    required: bool
    unique: bool
    enum: tuple[Any, ...] | None
    minimum: float | None
    min_length: int | None
    pattern: str | None
    raw: Mapping[str, Any]


class Field(_Record):
    """One column of a table: its Table Schema properties and the project's own."""

    name: str
    type: str
    title: str
    description: str
    constraints: Constraints
    unit: str
    categories_ordered: bool
    # Words for a reader, per value (Table Schema's categories with a label): "people_per_year"
    # is "people a year" in a document.
    category_labels: Mapping[str, str]
    verbatim: bool
    complete: bool
    enum_order: bool
    report_order: bool
    pattern_hint: str | None
    derivation: str | None
    report_line: tuple[str, str] | None  # (quote column, url column)
    raw: Mapping[str, Any]


class Resource(_Record):
    """One resource of the descriptor, with the properties the loader uses."""

    name: str
    path: str
    role: str
    title: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    open_list: str | None
    quote_is_verbatim_fields: bool
    bytes: int | None
    hash: str | None
    raw: Mapping[str, Any]

    @property
    def tabular(self) -> bool:
        """Whether the resource is a table (has a schema)."""
        return bool(self.fields)

    @property
    def field_names(self) -> list[str]:
        """The names of the table's columns, in order."""
        return [field.name for field in self.fields]


class Indicator(_Record):
    """One derived indicator: ``numerator / denominator x scale``."""

    indicator_id: str
    label: str
    numerator: str
    denominator: str
    scale: float
    unit: str
    raw: Mapping[str, Any]


class Derived(_Record):
    """The definitions of the derived indicators and the schema of their table."""

    title: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    indicators: tuple[Indicator, ...]
    raw: Mapping[str, Any]


class Rule(_Record):
    """One cross-table rule of the descriptor's ``consistency`` list.

    ``kind`` names one of the rule kinds of :mod:`ecove_data._rules` (the key of the rule
    that names it: ``sum_of``, ``rows_of``, ``fixed``, ``one_true_per``, ``context``); each
    kind's module says what the rule needs, what it may take and how it is checked.
    ``tables`` are the tables the rule reads, as its kind found them when it was parsed.
    """

    name: str
    description: str
    kind: str
    tables: frozenset[str]
    raw: Mapping[str, Any]


class Package(_Record):
    """The parsed descriptor of one data folder."""

    data_dir: Path
    raw: Mapping[str, Any]
    resources: tuple[Resource, ...]
    derived: Derived | None
    consistency: tuple[Rule, ...]

    def resource(self, name: str) -> Resource:
        """Return the resource called ``name``."""
        for res in self.resources:
            if res.name == name:
                return res
        raise KeyError(name)

    @property
    def tables(self) -> list[Resource]:
        """The tabular resources, in descriptor order."""
        return [res for res in self.resources if res.tabular]

    @property
    def source(self) -> Resource:
        """The report every quote refers to (checked to exist when the descriptor is read)."""
        return next(res for res in self.resources if res.role == "source")
