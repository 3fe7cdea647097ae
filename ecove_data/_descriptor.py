"""The data package descriptor: where the data lives and what it says about each table."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ._errors import DataError

__all__ = [
    "DESCRIPTOR",
    "Package",
    "Resource",
    "default_data_dir",
    "read_package",
    "refresh_hashes",
]

DESCRIPTOR = "datapackage.json"


def default_data_dir() -> Path:
    """Return the data folder: ``ECOVE_DATA_DIR``, else the one in the wheel or the checkout."""
    env = os.environ.get("ECOVE_DATA_DIR")
    if env:
        return Path(env)
    here = Path(__file__).resolve().parent
    bundled = here / "_data"
    return bundled if bundled.is_dir() else here.parent / "data"


@dataclass(frozen=True)
class Resource:
    """One resource of the descriptor, with the properties the loader uses."""

    name: str
    path: str
    role: str
    title: str
    description: str
    fields: tuple[dict[str, Any], ...]
    primary_key: tuple[str, ...]
    raw: dict[str, Any]

    @property
    def tabular(self) -> bool:
        """Whether the resource is a table (has a schema)."""
        return bool(self.fields)


@dataclass(frozen=True)
class Package:
    """The parsed descriptor of one data folder."""

    data_dir: Path
    raw: dict[str, Any]
    resources: tuple[Resource, ...]

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
        """The report every quote refers to."""
        return next(res for res in self.resources if res.role == "source")

    @property
    def derived(self) -> dict[str, Any]:
        """The definitions of the derived indicators."""
        return self.raw.get("derived", {})

    @property
    def consistency(self) -> list[dict[str, Any]]:
        """The cross-table rules."""
        return self.raw.get("consistency", [])


def _resource(raw: dict[str, Any], where: str) -> Resource:
    try:
        schema = raw.get("schema", {})
        key = schema.get("primaryKey", ())
        return Resource(
            name=raw["name"],
            path=raw["path"],
            role=raw.get("role", "report"),
            title=raw.get("title", raw["name"]),
            description=raw.get("description", ""),
            fields=tuple(schema.get("fields", ())),
            primary_key=(key,) if isinstance(key, str) else tuple(key),
            raw=raw,
        )
    except (KeyError, AttributeError, TypeError) as exc:
        raise DataError(
            f"a resource lacks a required property ({exc})",
            file=where,
            rule="descriptor",
            fix="give every resource at least a name and a path",
        ) from None


def read_package(data_dir: Path | str | None = None) -> Package:
    """Read and parse ``datapackage.json`` in ``data_dir``.

    Examples
    --------
    >>> pkg = read_package()
    >>> pkg.resource("key_figures").primary_key
    ('figure_id',)
    """
    data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
    path = data_dir / DESCRIPTOR
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(
            "no data package descriptor here",
            file=str(path),
            rule="descriptor",
            fix="point data_dir or ECOVE_DATA_DIR at a copy of the package's data/ folder",
        ) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataError(
            f"the descriptor is not valid UTF-8 JSON ({exc})",
            file=str(path),
            rule="descriptor",
            fix="repair the JSON (a validator or an editor with JSON support shows where)",
        ) from None
    if not isinstance(raw, dict) or not isinstance(raw.get("resources"), list):
        raise DataError(
            "the descriptor has no list of resources",
            file=str(path),
            rule="descriptor",
            fix="restore the 'resources' list from the package's data/datapackage.json",
        )
    resources = tuple(_resource(res, str(path)) for res in raw["resources"])
    return Package(data_dir=data_dir, raw=raw, resources=resources)


def sha256(data: bytes) -> str:
    """Return the descriptor form of a file's hash, ``sha256:<hex>``."""
    return "sha256:" + hashlib.sha256(data).hexdigest()


def refresh_hashes(data_dir: Path | str | None = None) -> list[str]:
    """Record each file's current size and hash in the descriptor; return the names changed.

    Run it after correcting a CSV on purpose; the loader then accepts the new file and
    still checks every other rule.
    """
    pkg = read_package(data_dir)
    changed = []
    for raw in pkg.raw["resources"]:
        try:
            data = (pkg.data_dir / raw["path"]).read_bytes()
        except FileNotFoundError:
            raise DataError(
                "the file is missing, so its hash cannot be recorded",
                file=raw["path"],
                rule="file",
                fix=f"restore {raw['path']} in {pkg.data_dir}, or remove its resource from the "
                "descriptor",
            ) from None
        if raw.get("bytes") != len(data) or raw.get("hash") != sha256(data):
            raw["bytes"], raw["hash"] = len(data), sha256(data)
            changed.append(raw["name"])
    if changed:
        text = json.dumps(pkg.raw, indent=2, ensure_ascii=False) + "\n"
        target = pkg.data_dir / DESCRIPTOR
        tmp = target.with_suffix(".json.tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(target)
    return changed
