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
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, ClassVar

from . import _rules
from ._errors import DataError, closest
from ._records import Constraints, Derived, Field, Indicator, Package, Resource, Rule

__all__ = [
    "DESCRIPTOR",
    "command",
    "default_data_dir",
    "package_data_dir",
    "read_package",
    "refresh_hashes",
    "utf8_text",
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

# Every key a consistency rule may have (its kinds are in ._rules).
RULE_KEYS = set(_rules.KEYS)


def default_data_dir() -> Path:
    """Return the data folder: ``ECOVE_DATA_DIR``, else the one in the wheel or the checkout."""
    env = os.environ.get("ECOVE_DATA_DIR")
    return Path(env) if env else package_data_dir()


def package_data_dir() -> Path:
    """Return the package's own data folder: the one in the wheel, else the checkout's."""
    here = Path(__file__).resolve().parent
    bundled = here / "_data"
    return bundled if bundled.is_dir() else here.parent / "data"


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
        kinds = [kind for kind in _rules.KINDS if kind in raw]
        if len(kinds) != 1:
            raise self.error(
                f"{where} has {'no kind' if not kinds else 'several kinds: ' + ', '.join(kinds)}",
                f"give it exactly one of: {', '.join(_rules.KINDS)}",
            )
        kind = _rules.kind(kinds[0])
        need, may = kind.NEEDS, kind.MAY
        for key in sorted(need):
            self.need(raw, key, object, where)
        for key in sorted(set(raw) - need - may - {"name", "description"}):
            raise self.error(
                f"{where} is a {kinds[0]!r} rule, which has no {key!r}",
                f"a {kinds[0]!r} rule takes {', '.join(sorted(need | may))}; remove {key!r}",
            )
        kind.parse(self, raw, where, tables)
        return Rule(
            name=name,
            description=description,
            kind=kinds[0],
            tables=kind.tables(raw),
            raw=raw,
        )

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


def utf8_text(data: bytes) -> str:
    r"""Decode a data file's UTF-8 text, without the byte-order mark that Excel puts first.

    As the ``utf-8-sig`` codec reads it, without importing that codec into every process
    that loads the tables. A byte that is not UTF-8 raises ``UnicodeDecodeError``, its
    ``start`` counted from the file's first byte.

    Examples
    --------
    >>> utf8_text(b"\xef\xbb\xbfa,b") == utf8_text(b"a,b") == "a,b"
    True
    """
    text = data.decode("utf-8")
    return text[1:] if text.startswith("\ufeff") else text


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
        raw = json.loads(utf8_text(path.read_bytes()))
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
