"""The descriptor's own keys: a misspelt key is refused, never silently ignored."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import DATA, field, resource

import ecove_data
from ecove_data import DataError
from ecove_data._descriptor import OWN_KEYS, RULE_KEYS, read_package, refresh_hashes

RAW = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
# Maps from a table's column names to values: their keys are data, not descriptor keys.
COLUMN_MAPS = {"where", "rows"}


def places(raw: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str]]:
    """Yield (path of the object, key) for every key of every object in the descriptor."""
    if isinstance(raw, dict):
        for key, value in raw.items():
            yield path, key
            if key not in COLUMN_MAPS:
                yield from places(value, (*path, key))
    elif isinstance(raw, list):
        for at, item in enumerate(raw):
            yield from places(item, (*path, at))


def kind(path: tuple[Any, ...]) -> tuple[str, ...]:
    return tuple(part for part in path if isinstance(part, str))


def first_of_each_key() -> list[tuple[tuple[Any, ...], str]]:
    seen, cases = set(), []
    for path, key in places(RAW):
        if (kind(path), key) not in seen:
            seen.add((kind(path), key))
            cases.append((path, key))
    return cases


CASES = first_of_each_key()
PROJECT_KEYS = OWN_KEYS | RULE_KEYS


def misspell(key: str) -> str:
    return key[:-1] + ("x" if key[-1] != "x" else "y")


def at(raw: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        raw = raw[part]
    return raw


def write(tmp_path: Path, raw: dict[str, Any]) -> Path:
    (tmp_path / "datapackage.json").write_text(json.dumps(raw, indent=2), encoding="utf-8")
    return tmp_path


def test_every_project_key_is_covered():
    covered = {key for _, key in CASES}
    used = OWN_KEYS - {"$schema"}
    # Every key the project declares and the real descriptor uses is misspelt below.
    assert {"verbatim", "complete", "enumOrder", "reportOrder", "quoteIsVerbatimFields"} <= covered
    assert {"role", "open_list", "derivation", "patternHint", "unit", "reportLine"} <= covered
    assert {"derived", "consistency", "indicators", "numerator", "denominator"} <= covered
    assert {"sum_of", "rows_of", "fixed", "one_true_per", "context", "at_most"} <= covered
    assert used - covered == set(), "declared but unused keys: drop them from _OWN"


@pytest.mark.parametrize(
    ("path", "key"), CASES, ids=[f"{'.'.join(kind(p)) or 'package'}.{k}" for p, k in CASES]
)
def test_a_misspelt_key_is_refused_with_the_key_meant(tmp_path, path, key):
    raw = copy.deepcopy(RAW)
    target = at(raw, path)
    typo = misspell(key)
    renamed = {(typo if name == key else name): value for name, value in target.items()}
    target.clear()
    target.update(renamed)
    with pytest.raises(DataError) as info:
        read_package(write(tmp_path, raw))
    err = info.value
    assert err.rule == "descriptor"
    assert err.file == str(tmp_path / "datapackage.json")
    assert f"unknown key {typo!r} in " in err.problem
    assert err.fix and f"did you mean {key!r}?" in err.fix
    # Where: the resource, the field and the rule are named.
    owners = []
    if path[:1] in (("resources",), ("consistency",)) and len(path) >= 2:
        owners.append(path[:2])
    if "fields" in path:
        owners.append(path[: path.index("fields") + 2])
    # An object whose own name is misspelt is named by its place instead.
    names = [at(RAW, owner)["name"] for owner in owners if not (key == "name" and owner == path)]
    for name in names:
        assert repr(name) in err.problem, (name, err.problem)


def test_a_misspelt_verbatim_no_longer_switches_the_check_off(data_copy, edit_descriptor):
    def typo(raw):
        spec = field(raw, "key_figures", "value")
        spec["verbatum"] = spec.pop("verbatim")

    edit_descriptor(typo)
    path = data_copy / "key_figures.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace(",700000,", ",700001,"), encoding="utf-8"
    )
    with pytest.raises(DataError) as info:
        refresh_hashes(data_copy)
    assert "unknown key 'verbatum' in resource 'key_figures', schema, field 'value'" in str(
        info.value
    )
    with pytest.raises(DataError, match="did you mean 'verbatim'"):
        ecove_data.load("key_figures", data_dir=data_copy)


def test_standard_keys_stay_allowed(tmp_path):
    raw = copy.deepcopy(RAW)
    raw["keywords"] = ["vocational excellence"]
    raw["version"] = "1.0.0"
    res = resource(raw, "key_figures")
    res["dialect"] = {"delimiter": ","}
    res["schema"]["missingValues"] = [""]
    res["schema"]["fields"][0]["example"] = "cove_call_2021_proposals"
    res["schema"]["fields"][0]["constraints"]["maxLength"] = 80
    pkg = read_package(write(tmp_path, raw))
    assert pkg.resource("key_figures").raw["dialect"] == {"delimiter": ","}


def test_a_missing_source_resource(tmp_path):
    raw = copy.deepcopy(RAW)
    raw["resources"] = [res for res in raw["resources"] if res.get("role") != "source"]
    with pytest.raises(DataError) as info:
        read_package(write(tmp_path, raw))
    assert "no resource has role 'source'" in info.value.problem
    assert info.value.rule == "descriptor"


def rule(raw: dict[str, Any], name: str) -> dict[str, Any]:
    return next(item for item in raw["consistency"] if item["name"] == name)


@pytest.mark.parametrize(
    ("change", "problem", "fix"),
    [
        (
            lambda raw: rule(raw, "countries_add_up").pop("equals"),
            "consistency rule 'countries_add_up' has no 'equals'",
            "give consistency rule 'countries_add_up' its 'equals'",
        ),
        (
            lambda raw: rule(raw, "countries_add_up").update(sum_of="cove_call_2021_countries"),
            "consistency rule 'countries_add_up': sum_of is \"cove_call_2021_countries\", "
            "not a list",
            "write a list",
        ),
        (
            lambda raw: rule(raw, "workshops_match").update(rows_of="workshop"),
            "names a table 'workshop' the descriptor does not describe",
            "did you mean 'workshops'?",
        ),
        (
            lambda raw: rule(raw, "networking_sectors_match").update(where="in_networking"),
            "names a column 'in_networking' that pact_sectors does not have",
            "did you mean 'in_networking_workshops'?",
        ),
        (
            lambda raw: rule(raw, "context_2021_applications_match")["context"]["where"].update(
                {"measures": "applications"}
            ),
            "names a column 'measures' that context_cove_calls does not have",
            "did you mean 'measure'?",
        ),
        (
            lambda raw: rule(raw, "microelectronics_not_in_workshops").update(fixed="false"),
            None,
            None,
        ),
        (
            lambda raw: rule(raw, "workshops_match").update(table="workshops"),
            "is a 'rows_of' rule, which has no 'table'",
            "remove 'table'",
        ),
        (
            lambda raw: rule(raw, "workshops_match").update(sum_of=["day2_workshops"]),
            "has several kinds: sum_of, rows_of",
            "give it exactly one of",
        ),
        (
            lambda raw: field(raw, "key_figures", "value").update(verbatim="yes"),
            "field 'value': verbatim is \"yes\", not true or false",
            "write true or false",
        ),
        (
            lambda raw: resource(raw, "activities").update(role="contexts"),
            "resource 'activities' has role 'contexts'",
            "did you mean 'context'?",
        ),
        (
            lambda raw: raw["derived"]["indicators"][0].pop("numerator"),
            "derived, indicator 1 has no 'numerator'",
            "give derived, indicator 1 its 'numerator'",
        ),
        (
            lambda raw: resource(raw, "activities")["schema"].update(primaryKey="activty"),
            "names 'activty', which is not a field",
            "use one of: position, activity",
        ),
        (
            lambda raw: raw["resources"].append(copy.deepcopy(resource(raw, "activities"))),
            "two resources are called 'activities'",
            "give each resource its own name",
        ),
    ],
)
def test_a_malformed_descriptor_is_a_data_error(tmp_path, change, problem, fix):
    raw = copy.deepcopy(RAW)
    change(raw)
    if problem is None:
        # A rule's fixed value is data of the rule's own: any JSON value is taken as is.
        assert read_package(write(tmp_path, raw)).consistency
        return
    with pytest.raises(DataError) as info:
        read_package(write(tmp_path, raw))
    assert problem in info.value.problem
    assert info.value.fix and fix in info.value.fix
    assert info.value.rule == "descriptor"
