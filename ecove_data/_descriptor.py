"""The data package descriptor, parsed once into typed objects.

``datapackage.json`` is read, every key in it checked and every value typed here, once;
the loader and the validators read the objects below, not the JSON. A key that is
neither a Data Package / Table Schema standard property nor one of the project's own is
refused with a :class:`DataError` that says where it is and which key was meant, so a
typo cannot switch a rule off. The project's own keys:

- resource: ``role`` (``report``, ``context`` or ``source``), ``open_list`` (the
  report's list is open: what it says), ``quoteIsVerbatimFields`` (the quote is the
  row's verbatim values in column order);
- field: ``verbatim`` (the value stands in the row's quote), ``complete`` (every value of
  the enum has a row), ``enumOrder`` (rows follow the enum's order), ``reportOrder``
  (numbers the rows in report order), ``patternHint`` (how to fix a value that breaks
  the pattern), ``unit``, ``derivation`` (how an inferred value was inferred),
  ``reportLine`` (``quote`` and ``url``: the line of the report a row's quote starts on);
- package: ``derived`` (title, description, schema and ``indicators``, each with
  ``indicator_id``, ``label``, ``numerator``, ``denominator``, ``scale``, ``unit``) and
  ``consistency`` (cross-table rules, see :class:`Rule`).
"""

from __future__ import annotations

import hashlib
import inspect
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, ClassVar, dataclass_transform

from ._errors import DataError, closest

__all__ = [
    "DESCRIPTOR",
    "Constraints",
    "Derived",
    "Field",
    "Indicator",
    "Package",
    "Resource",
    "Rule",
    "command",
    "default_data_dir",
    "package_data_dir",
    "read_package",
    "refresh_hashes",
]

DESCRIPTOR = "datapackage.json"

# The standard's properties (Data Package 1.0 and 2.0, Table Schema, CSV dialect).
_STANDARD = {
    "package": {
        "$schema", "profile", "name", "id", "title", "description", "homepage", "version",
        "created", "keywords", "image", "licenses", "sources", "contributors", "resources",
    },
    "resource": {
        "$schema", "profile", "name", "path", "data", "type", "title", "description",
        "homepage", "format", "mediatype", "encoding", "bytes", "hash", "sources",
        "licenses", "schema", "dialect",
    },
    "schema": {
        "$schema", "fields", "fieldsMatch", "missingValues", "primaryKey", "uniqueKeys",
        "foreignKeys",
    },
    "field": {
        "name", "title", "description", "type", "format", "constraints", "rdfType",
        "example", "missingValues", "trueValues", "falseValues", "bareNumber", "groupChar",
        "decimalChar", "categories", "categoriesOrdered",
    },
    "constraints": {
        "required", "unique", "minLength", "maxLength", "minimum", "maximum",
        "exclusiveMinimum", "exclusiveMaximum", "pattern", "enum", "jsonSchema",
    },
    "license": {"name", "path", "title"},
    "source": {"title", "path", "email", "version"},
    "contributor": {
        "title", "path", "email", "givenName", "familyName", "organization", "role", "roles",
    },
}  # fmt: skip
# The project's own keys, documented in the module docstring.
_OWN = {
    "package": {"derived", "consistency"},
    "resource": {"role", "open_list", "quoteIsVerbatimFields"},
    "schema": set(),
    "field": {
        "verbatim", "complete", "enumOrder", "reportOrder", "patternHint", "unit",
        "derivation", "reportLine",
    },
    "constraints": set(),
    "license": set(),
    "source": set(),
    "contributor": set(),
    "reportLine": {"quote", "url"},
    "derived": {"title", "description", "schema", "indicators"},
    "indicator": {"indicator_id", "label", "numerator", "denominator", "scale", "unit"},
    "context": {"table", "where", "column"},
}  # fmt: skip
_STANDARD["category"] = {"value", "label"}
OWN_KEYS = {key for keys in _OWN.values() for key in keys}
# The keys valid in each kind of object, the standard's and the project's.
_VALID = {
    kind: frozenset(_STANDARD.get(kind, set()) | _OWN.get(kind, set()))
    for kind in _STANDARD.keys() | _OWN.keys()
}
ROLES = ("report", "context", "source")

# Each kind of consistency rule: the keys it needs and those it may have, besides
# ``name`` and ``description``. The kind is the key that names it.
RULE_KINDS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "sum_of": (frozenset({"sum_of", "equals"}), frozenset()),
    "rows_of": (frozenset({"rows_of", "equals"}), frozenset({"where"})),
    "fixed": (frozenset({"fixed", "table", "column"}), frozenset({"rows"})),
    "one_true_per": (frozenset({"one_true_per", "table", "column"}), frozenset()),
    "context": (frozenset({"context"}), frozenset({"equals", "at_most"})),
}
RULE_KEYS = {"name", "description"} | {
    key for need, may in RULE_KINDS.values() for key in need | may
}


def default_data_dir() -> Path:
    """Return the data folder: ``ECOVE_DATA_DIR``, else the one in the wheel or the checkout."""
    env = os.environ.get("ECOVE_DATA_DIR")
    return Path(env) if env else package_data_dir()


def package_data_dir() -> Path:
    """Return the package's own data folder: the one in the wheel, else the checkout's."""
    here = Path(__file__).resolve().parent
    bundled = here / "_data"
    return bundled if bundled.is_dir() else here.parent / "data"


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

    ``kind`` is one of :data:`RULE_KINDS`:

    - ``sum_of``: the key figures listed add up to the key figure ``equals``;
    - ``rows_of``: table ``rows_of`` has as many rows (with column ``where`` true) as
      the key figure ``equals`` says;
    - ``fixed``: column ``column`` of table ``table`` holds ``fixed`` on every row, or on
      the rows that match ``rows`` (``{column: value}``);
    - ``one_true_per``: exactly one row per group of the ``one_true_per`` columns has
      ``column`` true;
    - ``context``: the rows of ``context.table`` that match ``context.where`` hold in
      ``context.column`` the key figure ``equals`` (or at most the key figure
      ``at_most``).
    """

    name: str
    description: str
    kind: str
    raw: Mapping[str, Any]

    @property
    def tables(self) -> set[str]:
        """The tables the rule reads."""
        raw = self.raw
        if self.kind in ("fixed", "one_true_per"):
            return {raw["table"]}
        if self.kind == "context":
            return {"key_figures", raw["context"]["table"]}
        if self.kind == "rows_of":
            return {"key_figures", raw["rows_of"]}
        return {"key_figures"}


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


# --- parsing ----------------------------------------------------------------------------------

_Spec = tuple[tuple[str, Any, Any], ...]
_ABSENT = object()
# The simple properties of a field and of its constraints, (key, type, default), in the order
# they are checked (so the first wrong one is the one reported).
_CONSTRAINTS: _Spec = (
    ("enum", list, None),
    ("required", bool, False),
    ("unique", bool, False),
    ("minimum", (int, float), None),
    ("minLength", int, None),
    ("pattern", str, None),
)
_FLAGS: _Spec = tuple(
    (key, bool, False)
    for key in ("categoriesOrdered", "verbatim", "complete", "enumOrder", "reportOrder")
)
# A missing title is the field's name.
_WORDS: _Spec = (
    ("type", str, "string"),
    ("title", str, None),
    ("description", str, ""),
    ("unit", str, ""),
)
_HINTS: _Spec = (("patternHint", str, None), ("derivation", str, None))


class _Parser:
    """Parse the JSON of a descriptor, refusing unknown keys and values of the wrong type."""

    _TYPES: ClassVar[dict[type, str]] = {
        str: "text",
        bool: "true or false",
        int: "a whole number",
        float: "a number",
        list: "a list",
        dict: "an object",
    }

    def __init__(self, path: Path) -> None:
        self.path = path

    def error(self, problem: str, fix: str) -> DataError:
        return DataError(problem, file=str(self.path), rule="descriptor", fix=fix)

    def keys(self, raw: Any, kind: str, where: str, extra: set[str] | None = None) -> None:
        """Refuse anything but an object whose keys are the standard's or the project's."""
        if type(raw) is not dict:
            self.check(raw, dict, where)
        valid = _VALID.get(kind, frozenset())
        valid = valid | extra if extra else valid
        if raw.keys() <= valid:
            return
        for key in raw:
            if key not in valid:
                near = closest(key, valid)
                hint = f"did you mean {near!r}? " if near else ""
                raise self.error(
                    f"unknown key {key!r} in {where}",
                    f"{hint}Valid keys there: {', '.join(sorted(valid))}",
                )

    def check(
        self, value: Any, kind: type | tuple[type, ...], where: str, key: str | None = None
    ) -> Any:
        """Return ``value`` if it is of ``kind``; else refuse it, naming ``where`` (``: key``)."""
        kinds = kind if isinstance(kind, tuple) else (kind,)
        # JSON gives values of exactly these types: most checks end here, and the message's
        # words are only put together for a value that is refused.
        if type(value) in kinds:
            return value
        ok = isinstance(value, kinds) and not (
            isinstance(value, bool) and bool not in kinds and (int in kinds or float in kinds)
        )
        if not ok:
            where = where if key is None else f"{where}: {key}"
            wanted = " or ".join(self._TYPES.get(k, k.__name__) for k in kinds)
            raise self.error(
                f"{where} is {json.dumps(value, ensure_ascii=False)[:60]}, not {wanted}",
                f"write {wanted} for {where}",
            )
        return value

    def need(self, raw: Mapping[str, Any], key: str, kind: Any, where: str) -> Any:
        if key not in raw:
            raise self.error(
                f"{where} has no {key!r}",
                f"give {where} its {key!r} (see the package's data/datapackage.json)",
            )
        return self.check(raw[key], kind, where, key)

    def may(self, raw: Mapping[str, Any], key: str, kind: Any, where: str, default: Any) -> Any:
        if key not in raw:
            return default
        value = raw[key]
        return value if type(value) is kind else self.check(value, kind, where, key)

    def props(self, raw: Mapping[str, Any], where: str, spec: _Spec) -> list[Any]:
        """Return the value of each ``(key, type, default)`` of ``spec``, checked, in order.

        One loop rather than a call of :meth:`may` a key: a descriptor has about a thousand
        of them, and the calls were most of the time it took to parse.
        """
        found = []
        for key, kind, default in spec:
            value = raw.get(key, _ABSENT)
            if value is _ABSENT:
                found.append(default)
            elif type(value) is kind:
                found.append(value)
            else:
                found.append(self.check(value, kind, where, key))
        return found

    # -- pieces --

    def constraints(self, raw: Any, where: str) -> Constraints:
        where = f"{where}, constraints"
        self.keys(raw, "constraints", where)
        enum, required, unique, minimum, min_length, pattern = self.props(raw, where, _CONSTRAINTS)
        return Constraints(
            required=required,
            unique=unique,
            enum=None if enum is None else tuple(enum),
            minimum=minimum,
            min_length=min_length,
            pattern=pattern,
            raw=raw,
        )

    def field(self, raw: Any, where: str) -> Field:
        self.check(raw, dict, where)
        if isinstance(raw.get("name"), str):
            where = f"{where} {raw['name']!r}"
        self.keys(raw, "field", where)
        name = self.need(raw, "name", str, where)
        report_line = None
        if "reportLine" in raw:
            spec = raw["reportLine"]
            self.keys(spec, "reportLine", f"{where}, reportLine")
            report_line = (
                self.need(spec, "quote", str, f"{where}, reportLine"),
                self.need(spec, "url", str, f"{where}, reportLine"),
            )
        ordered, verbatim, complete, enum_order, report_order = self.props(raw, where, _FLAGS)
        constraints = self.constraints(raw.get("constraints", {}), where)
        if (complete or enum_order) and constraints.enum is None:
            key = "complete" if complete else "enumOrder"
            raise self.error(
                f"{where} is marked {key!r} but has no enum", f"give {where} a constraints.enum"
            )
        kind, title, description, unit = self.props(raw, where, _WORDS)
        labels = self.category_labels(raw.get("categories", []), where)
        pattern_hint, derivation = self.props(raw, where, _HINTS)
        return Field(
            name=name,
            type=kind,
            title=name if title is None else title,
            description=description,
            constraints=constraints,
            unit=unit,
            categories_ordered=ordered,
            category_labels=labels,
            verbatim=verbatim,
            complete=complete,
            enum_order=enum_order,
            report_order=report_order,
            pattern_hint=pattern_hint,
            derivation=derivation,
            report_line=report_line,
            raw=raw,
        )

    def category_labels(self, raw: Any, where: str) -> dict[str, str]:
        """Read Table Schema ``categories``: values, or ``{"value": ..., "label": ...}``."""
        labels: dict[str, str] = {}
        for item in self.check(raw, list, f"{where}: categories"):
            if isinstance(item, dict):
                self.keys(item, "category", f"{where}, categories")
                value = self.need(item, "value", (str, int), f"{where}, categories")
                labels[str(value)] = self.may(
                    item, "label", str, f"{where}, categories", str(value)
                )
        return labels

    def schema(self, raw: Any, where: str) -> tuple[tuple[Field, ...], tuple[str, ...]]:
        where = f"{where}, schema"
        self.keys(raw, "schema", where)
        fields = tuple(
            self.field(item, f"{where}, field") for item in self.need(raw, "fields", list, where)
        )
        names = [field.name for field in fields]
        key = self.may(raw, "primaryKey", (str, list), where, ())
        key = (key,) if isinstance(key, str) else tuple(key)
        for column in key:
            if column not in names:
                raise self.error(
                    f"the primaryKey of {where} names {column!r}, which is not a field",
                    f"use one of: {', '.join(names)}",
                )
        for field in fields:
            if field.report_line:
                for column in field.report_line:
                    if column not in names:
                        raise self.error(
                            f"the reportLine of {where} {field.name!r} names {column!r}, "
                            "which is not a field",
                            f"use one of: {', '.join(names)}",
                        )
        return fields, key

    def resource(self, raw: Any, at: int) -> Resource:
        where = f"resource {at + 1}"
        self.check(raw, dict, where)
        if isinstance(raw.get("name"), str):
            where = f"resource {raw['name']!r}"
        self.keys(raw, "resource", where)
        try:
            name = self.need(raw, "name", str, where)
            path = self.need(raw, "path", str, where)
        except DataError as exc:
            missing = "name" if "name" not in raw else "path"
            raise self.error(
                f"a resource lacks a required property ({missing!r})",
                "give every resource at least a name and a path",
            ) from exc
        role = self.may(raw, "role", str, where, "report")
        if role not in ROLES:
            raise self.error(
                f"{where} has role {role!r}",
                f"use one of: {', '.join(ROLES)}"
                + (f" (did you mean {closest(role, ROLES)!r}?)" if closest(role, ROLES) else ""),
            )
        fields, key = self.schema(raw["schema"], where) if "schema" in raw else ((), ())
        for group, kind in (("licenses", "license"), ("sources", "source")):
            for item in self.may(raw, group, list, where, []):
                self.keys(item, kind, f"{where}, {group}")
        return Resource(
            name=name,
            path=path,
            role=role,
            title=self.may(raw, "title", str, where, name),
            description=self.may(raw, "description", str, where, ""),
            fields=fields,
            primary_key=key,
            open_list=self.may(raw, "open_list", str, where, None),
            quote_is_verbatim_fields=self.may(raw, "quoteIsVerbatimFields", bool, where, False),
            bytes=self.may(raw, "bytes", int, where, None),
            hash=self.may(raw, "hash", str, where, None),
            raw=raw,
        )

    def derived(self, raw: Any) -> Derived:
        where = "derived"
        self.keys(raw, "derived", where)
        fields, key = self.schema(self.need(raw, "schema", dict, where), where)
        indicators = []
        for at, item in enumerate(self.need(raw, "indicators", list, where), start=1):
            spot = f"derived, indicator {at}"
            self.keys(item, "indicator", spot)
            indicators.append(
                Indicator(
                    indicator_id=self.need(item, "indicator_id", str, spot),
                    label=self.need(item, "label", str, spot),
                    numerator=self.need(item, "numerator", str, spot),
                    denominator=self.need(item, "denominator", str, spot),
                    scale=self.may(item, "scale", (int, float), spot, 1),
                    unit=self.need(item, "unit", str, spot),
                    raw=item,
                )
            )
        return Derived(
            title=self.need(raw, "title", str, where),
            description=self.need(raw, "description", str, where),
            fields=fields,
            primary_key=key,
            indicators=tuple(indicators),
            raw=raw,
        )

    def rule(self, raw: Any, at: int, tables: dict[str, Resource]) -> Rule:
        where = f"consistency rule {at}"
        self.check(raw, dict, where)
        if isinstance(raw.get("name"), str):
            where = f"consistency rule {raw['name']!r}"
        self.keys(raw, "rule", where, RULE_KEYS)
        name = self.need(raw, "name", str, where)
        description = self.need(raw, "description", str, where)
        kinds = [kind for kind in RULE_KINDS if kind in raw]
        if len(kinds) != 1:
            raise self.error(
                f"{where} has {'no kind' if not kinds else 'several kinds: ' + ', '.join(kinds)}",
                f"give it exactly one of: {', '.join(RULE_KINDS)}",
            )
        kind = kinds[0]
        need, may = RULE_KINDS[kind]
        for key in sorted(need):
            self.need(raw, key, object, where)
        for key in sorted(set(raw) - need - may - {"name", "description"}):
            raise self.error(
                f"{where} is a {kind!r} rule, which has no {key!r}",
                f"a {kind!r} rule takes {', '.join(sorted(need | may))}; remove {key!r}",
            )
        if kind == "context":
            self.context(raw, where, tables)
        else:
            self.rule_values(raw, kind, where, tables)
        return Rule(name=name, description=description, kind=kind, raw=raw)

    def table(self, name: Any, where: str, tables: dict[str, Resource]) -> Resource:
        self.check(name, str, where)
        if name not in tables:
            near = closest(name, tables)
            raise self.error(
                f"{where} names a table {name!r} the descriptor does not describe",
                (f"did you mean {near!r}? " if near else "")
                + "restore the table's resource, or correct the rule in datapackage.json",
            )
        return tables[name]

    def columns(self, res: Resource, names: Any, where: str) -> None:
        for column in names:
            if column not in res.field_names:
                near = closest(column, res.field_names)
                raise self.error(
                    f"{where} names a column {column!r} that {res.name} does not have",
                    (f"did you mean {near!r}? " if near else "")
                    + f"use one of: {', '.join(res.field_names)}",
                )

    def rule_values(
        self, raw: Mapping[str, Any], kind: str, where: str, tables: dict[str, Resource]
    ) -> None:
        if kind == "sum_of":
            for item in self.check(raw["sum_of"], list, f"{where}: sum_of"):
                self.check(item, str, f"{where}: sum_of")
        if kind in ("sum_of", "rows_of"):
            self.check(raw["equals"], str, f"{where}: equals")
        if kind == "rows_of":
            res = self.table(raw["rows_of"], f"{where}: rows_of", tables)
            if "where" in raw:
                self.columns(res, [self.check(raw["where"], str, f"{where}: where")], where)
        if kind in ("fixed", "one_true_per"):
            res = self.table(raw["table"], f"{where}: table", tables)
            self.columns(res, [self.check(raw["column"], str, f"{where}: column")], where)
        if kind == "fixed":
            self.columns(res, self.may(raw, "rows", dict, where, {}), f"{where}: rows")
        if kind == "one_true_per":
            groups = self.check(raw["one_true_per"], list, f"{where}: one_true_per")
            self.columns(res, groups, f"{where}: one_true_per")

    def context(self, raw: Mapping[str, Any], where: str, tables: dict[str, Resource]) -> None:
        compare = [key for key in ("equals", "at_most") if key in raw]
        if len(compare) != 1:
            raise self.error(
                f"{where} needs exactly one of 'equals' and 'at_most'",
                "give the key figure the context rows must equal, or be at most",
            )
        self.check(raw[compare[0]], str, f"{where}: {compare[0]}")
        spec = raw["context"]
        spot = f"{where}, context"
        self.keys(spec, "context", spot)
        res = self.table(self.need(spec, "table", str, spot), f"{spot}: table", tables)
        self.columns(res, [self.need(spec, "column", str, spot)], spot)
        self.columns(res, self.may(spec, "where", dict, spot, {}), f"{spot}: where")

    def package(self, raw: Any, data_dir: Path) -> Package:
        if isinstance(raw, dict):
            self.keys(raw, "package", "the package")
        if not isinstance(raw, dict) or not isinstance(raw.get("resources"), list):
            raise self.error(
                "the descriptor has no list of resources",
                "restore the 'resources' list from the package's data/datapackage.json",
            )
        for group, kind in (("licenses", "license"), ("sources", "source")):
            for item in self.may(raw, group, list, "the package", []):
                self.keys(item, kind, f"the package's {group}")
        for item in self.may(raw, "contributors", list, "the package", []):
            self.keys(item, "contributor", "the package's contributors")
        resources = tuple(self.resource(res, at) for at, res in enumerate(raw["resources"]))
        names = [res.name for res in resources]
        for name in names:
            if names.count(name) > 1:
                raise self.error(
                    f"two resources are called {name!r}", "give each resource its own name"
                )
        if not any(res.role == "source" for res in resources):
            raise self.error(
                "no resource has role 'source' (the report every quote refers to)",
                "restore the report's resource from the package's data/datapackage.json",
            )
        tables = {res.name: res for res in resources if res.tabular}
        derived = self.derived(raw["derived"]) if "derived" in raw else None
        rules = tuple(
            self.rule(item, at, tables)
            for at, item in enumerate(self.may(raw, "consistency", list, "the package", []), 1)
        )
        return Package(
            data_dir=data_dir, raw=raw, resources=resources, derived=derived, consistency=rules
        )


def _missing_folder(data_dir: Path, path: Path) -> DataError:
    if not data_dir.exists():
        problem, file = "the data folder does not exist", data_dir
    elif not data_dir.is_dir():
        problem, file = "the data folder is a file, not a folder", data_dir
    else:
        problem, file = "no data package descriptor here", path
    return DataError(
        problem,
        file=str(file),
        rule="descriptor",
        fix="point data_dir= or ECOVE_DATA_DIR at a copy of the package's data/ folder",
        cli_fix="pass --data-dir a copy of the package's data/ folder (or leave it out to use "
        "the package's own data)",
    )


def read_package(data_dir: Path | str | os.PathLike[str] | None = None) -> Package:
    """Read and parse ``datapackage.json`` in ``data_dir``.

    Examples
    --------
    >>> pkg = read_package()
    >>> pkg.resource("key_figures").primary_key
    ('figure_id',)
    >>> [field.name for field in pkg.resource("key_figures").fields if field.verbatim]
    ['value']
    """
    data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
    path = data_dir / DESCRIPTOR
    try:
        raw = json.loads(path.read_text(encoding="utf-8-sig"))
    except (FileNotFoundError, NotADirectoryError):
        raise _missing_folder(data_dir, path) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataError(
            f"the descriptor is not valid UTF-8 JSON ({exc})",
            file=str(path),
            rule="descriptor",
            fix="repair the JSON (a validator or an editor with JSON support shows where)",
        ) from None
    except OSError as exc:
        raise DataError(
            f"the descriptor cannot be read ({exc.strerror or exc})",
            file=str(path),
            rule="descriptor",
            fix="check the file's permissions",
        ) from None
    return _Parser(path).package(raw, data_dir)


def command(words: str, data_dir: Path) -> str:
    """Return the ``ecove-data`` command that does ``words`` on ``data_dir``, ready to type.

    The package's own data needs no ``--data-dir``; any other folder is named, quoted for
    the shell where it needs quotes.

    Examples
    --------
    >>> command("rehash", default_data_dir())
    'ecove-data rehash'
    >>> command("validate", Path("/tmp/my data"))
    "ecove-data validate --data-dir '/tmp/my data'"
    """
    if data_dir.resolve() == package_data_dir().resolve():
        return f"ecove-data {words}"
    import shlex  # only for a message: loading the data never needs it

    return f"ecove-data {words} --data-dir {shlex.quote(str(data_dir))}"


def sha256(data: bytes) -> str:
    """Return the descriptor form of a file's hash, ``sha256:<hex>``."""
    return "sha256:" + hashlib.sha256(data).hexdigest()


def refresh_hashes(data_dir: Path | str | None = None) -> list[str]:
    """Record each file's current size and hash in the descriptor; return the names changed.

    Run it after correcting a CSV on purpose; the loader then accepts the new file and
    still checks every other rule.
    """
    from ._files import write_atomic

    pkg = read_package(data_dir)
    raw = json.loads(json.dumps(pkg.raw))
    changed = []
    for entry in raw["resources"]:
        try:
            data = (pkg.data_dir / entry["path"]).read_bytes()
        except FileNotFoundError:
            raise DataError(
                "the file is missing, so its hash cannot be recorded",
                file=entry["path"],
                rule="file",
                fix=f"restore {entry['path']} in {pkg.data_dir}, or remove its resource from "
                "the descriptor",
            ) from None
        if entry.get("bytes") != len(data) or entry.get("hash") != sha256(data):
            entry["bytes"], entry["hash"] = len(data), sha256(data)
            changed.append(entry["name"])
    if changed:
        text = json.dumps(raw, indent=2, ensure_ascii=False) + "\n"
        write_atomic(pkg.data_dir / DESCRIPTOR, text)
    return changed
