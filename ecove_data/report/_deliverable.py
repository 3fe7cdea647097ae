"""The deliverable a build writes: its identity, funding acknowledgement and history.

One small TOML file (``notebooks/deliverable.toml`` by default, ``--deliverable FILE``)
describes the document: title, subtitle and language; the project (its programme period
decides the funding statement beside the EU emblem and the disclaimer); the deliverable
(work package, number, dissemination level, lead partner, authors, version, date); and
its history. The project's acronym, full name and number default to the data package's
``context_ecovem`` table, so the number keeps its source.

The file is checked the way the descriptor is: an unknown key gets the closest valid one;
a missing key, a dissemination level outside :data:`DISSEMINATION_LEVELS`, a date that is
not a date or a history that does not end with the deliverable's version each raise one
:class:`DeliverableError` (a :class:`~ecove_data._errors.UsageError`: exit status 2) whose
message is one line, before anything is executed or written.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from .._errors import UsageError, closest

__all__ = [
    "DISCLAIMERS",
    "DISSEMINATION_LEVELS",
    "PERIODS",
    "STATEMENTS",
    "Author",
    "Deliverable",
    "DeliverableError",
    "Revision",
    "default_path",
    "load_deliverable",
    "parse_deliverable",
]

FILE_NAME = "deliverable.toml"

# The programme period decides what stands beside the emblem and which disclaimer the
# document carries (sources in the README, "Documents for deliverables").
PERIODS = ("2014-2020", "2021-2027")
STATEMENTS = {
    "2014-2020": "Co-funded by the Erasmus+ Programme of the European Union",
    "2021-2027": "Co-funded by the European Union",
}
DISCLAIMERS = {
    "2014-2020": (
        "This project has been funded with support from the European Commission. This "
        "publication reflects the views only of the author, and the Commission cannot be "
        "held responsible for any use which may be made of the information contained therein."
    ),
    "2021-2027": (
        "Funded by the European Union. Views and opinions expressed are however those of the "
        "author(s) only and do not necessarily reflect those of the European Union or the "
        "European Education and Culture Executive Agency (EACEA). Neither the European Union "
        "nor EACEA can be held responsible for them."
    ),
}
# The codes of the EU Funding & Tenders Portal's list of deliverables (the Standard
# Application Form, Part B, table 3.1c), with their wording there.
DISSEMINATION_LEVELS = {
    "PU": "Public",
    "SEN": "Sensitive, limited under the conditions of the Grant Agreement",
    "R-UE/EU-R": "EU RESTRICTED under Commission Decision 2015/444",
    "C-UE/EU-C": "EU CONFIDENTIAL under Commission Decision 2015/444",
    "S-UE/EU-S": "EU SECRET under Commission Decision 2015/444",
}
LANGUAGE = re.compile(r"[a-z]{2,3}(-[A-Z]{2})?")

# Every key the file may hold, where; True marks the required ones.
TOP_KEYS = {
    "title": True,
    "subtitle": True,
    "short_title": False,
    "language": True,
    "project": False,
    "deliverable": True,
    "history": True,
}
PROJECT_KEYS = {"period": True, "acronym": False, "full_name": False, "number": False}
DELIVERABLE_KEYS = {
    "work_package": True,
    "number": True,
    "dissemination": True,
    "lead_partner": True,
    "authors": True,
    "version": True,
    "date": True,
}
AUTHOR_KEYS = {"name": True, "organisation": True}
REVISION_KEYS = {"version": True, "date": True, "author": True, "change": True}


class DeliverableError(UsageError):
    """The deliverable file is missing, not TOML, or breaks one of its rules.

    Examples
    --------
    >>> from ecove_data._errors import UsageError
    >>> issubclass(DeliverableError, UsageError) and issubclass(DeliverableError, ValueError)
    True
    """


@dataclass(frozen=True)
class Author:
    """An author of the deliverable and the organisation they write for."""

    name: str
    organisation: str


@dataclass(frozen=True)
class Revision:
    """One line of the document's history."""

    version: str
    date: dt.date
    author: str
    change: str


@dataclass(frozen=True)
class Deliverable:
    """What the cover, the running header and the properties of every format say."""

    title: str
    subtitle: str
    short_title: str
    language: str
    acronym: str
    full_name: str
    project_number: str
    number_source: str  # where the project number comes from: a page address or the file
    period: str
    work_package: str
    number: str
    dissemination: str
    lead_partner: str
    authors: tuple[Author, ...]
    version: str
    date: dt.date
    history: tuple[Revision, ...]

    @property
    def statement(self) -> str:
        """The funding statement written beside the EU emblem."""
        return STATEMENTS[self.period]

    @property
    def disclaimer(self) -> str:
        """The disclaimer of the grant's programme period."""
        return DISCLAIMERS[self.period]

    @property
    def dissemination_label(self) -> str:
        """The level with its wording, such as ``PU (Public)``."""
        return f"{self.dissemination} ({DISSEMINATION_LEVELS[self.dissemination]})"

    @property
    def identifier(self) -> str:
        """The deliverable's identifier for the running header: acronym and number."""
        return f"{self.acronym} {self.number}"

    @property
    def programme(self) -> str:
        """The programme and its period, as the cover names them."""
        return f"Erasmus+ {self.period}"


def default_path(notebooks: Path | str = "notebooks") -> Path:
    """Return where the deliverable file is looked for: beside the notebooks.

    Examples
    --------
    >>> default_path("notebooks").as_posix()
    'notebooks/deliverable.toml'
    """
    return Path(notebooks) / FILE_NAME


def load_deliverable(path: Path | str, *, data_dir: Path | str | None = None) -> Deliverable:
    """Read and check the deliverable file; raise :class:`DeliverableError` if unusable."""
    import tomllib

    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DeliverableError(
            f"the deliverable file {path} does not exist; write one (copy "
            f"notebooks/{FILE_NAME}) or name it with --deliverable FILE"
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise DeliverableError(f"{path}: not valid TOML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DeliverableError(f"{path}: cannot be read: {exc}") from None
    return parse_deliverable(raw, where=str(path), data_dir=data_dir)


def parse_deliverable(
    raw: Mapping[str, Any],
    *,
    where: str = FILE_NAME,
    data_dir: Path | str | None = None,
    project_defaults: Mapping[str, str] | None = None,
) -> Deliverable:
    """Check a parsed deliverable file and return what the documents print.

    ``project_defaults`` (``acronym``, ``full_name``, ``number``, ``number_source``)
    stand in for the ``context_ecovem`` table; without them it is loaded from ``data_dir``.

    Examples
    --------
    >>> import datetime as dt
    >>> ecovem = {"acronym": "ECoVEM", "full_name": "European Centre of Vocational "
    ...     "Excellence in Microelectronics", "number": "620101-EPP-1-2020-1-BG-EPPKA3-VET-COVE",
    ...     "number_source": "https://ecwt.eu/portfolio-item/ecovem/"}
    >>> raw = {"title": "T", "subtitle": "S", "language": "en-GB",
    ...     "project": {"period": "2014-2020"},
    ...     "deliverable": {"work_package": "WP1", "number": "D1.1", "dissemination": "PU",
    ...         "lead_partner": "P", "authors": [{"name": "A", "organisation": "O"}],
    ...         "version": "1.0", "date": dt.date(2024, 10, 31)},
    ...     "history": [{"version": "1.0", "date": dt.date(2024, 10, 31), "author": "A",
    ...         "change": "First issue"}]}
    >>> d = parse_deliverable(raw, project_defaults=ecovem)
    >>> d.identifier, d.statement, d.dissemination_label
    ('ECoVEM D1.1', 'Co-funded by the Erasmus+ Programme of the European Union', 'PU (Public)')
    >>> raw["deliverable"]["dissemination"] = "public"
    >>> try:
    ...     parse_deliverable(raw, project_defaults=ecovem)
    ... except DeliverableError as err:
    ...     print(str(err)[:76])
    deliverable.toml: deliverable.dissemination: 'public' is not a dissemination
    """
    _keys(raw, TOP_KEYS, "", where)
    title = _text(raw, "title", "", where)
    subtitle = _text(raw, "subtitle", "", where)
    short_title = _text(raw, "short_title", "", where) if "short_title" in raw else title
    language = _text(raw, "language", "", where)
    if not LANGUAGE.fullmatch(language):
        _fail(where, "language", f"{language!r} is not a language tag; write one such as en-GB")

    project = _table(raw, "project", "", where, required=False)
    _keys(project, PROJECT_KEYS, "project", where)
    period = _text(project, "period", "project", where)
    if period not in PERIODS:
        _fail(
            where,
            "project.period",
            f"{period!r} is not a programme period; use {' or '.join(PERIODS)}",
        )
    given = {key: _text(project, key, "project", where) for key in PROJECT_KEYS if key in project}
    defaults: Mapping[str, str] = {}
    if not {"acronym", "full_name", "number"} <= set(given):
        defaults = project_defaults if project_defaults is not None else ecovem_identity(data_dir)
    identity = {}
    for key in ("acronym", "full_name", "number"):
        value = given.get(key) or defaults.get(key, "")
        if not value:
            _fail(
                where,
                f"project.{key}",
                "missing, and the context_ecovem table gives none; write it in [project]",
            )
        identity[key] = value
    number_source = where if "number" in given else defaults.get("number_source", "")

    deliverable = _table(raw, "deliverable", "", where)
    _keys(deliverable, DELIVERABLE_KEYS, "deliverable", where)
    fields = {
        key: _text(deliverable, key, "deliverable", where)
        for key in ("work_package", "number", "dissemination", "lead_partner", "version")
    }
    if fields["dissemination"] not in DISSEMINATION_LEVELS:
        levels = ", ".join(f"{code} ({words})" for code, words in DISSEMINATION_LEVELS.items())
        _fail(
            where,
            "deliverable.dissemination",
            f"{fields['dissemination']!r} is not a dissemination level; use one of {levels}",
        )
    date = _date(deliverable, "date", "deliverable", where)
    authors = tuple(
        Author(_text(entry, "name", at, where), _text(entry, "organisation", at, where))
        for at, entry in _entries(deliverable, "authors", "deliverable", AUTHOR_KEYS, where)
    )
    history = tuple(
        Revision(
            version=_text(entry, "version", at, where),
            date=_date(entry, "date", at, where),
            author=_text(entry, "author", at, where),
            change=_text(entry, "change", at, where),
        )
        for at, entry in _entries(raw, "history", "", REVISION_KEYS, where)
    )
    if history[-1].version != fields["version"]:
        _fail(
            where,
            "history",
            f"the last entry is version {history[-1].version!r}, not the deliverable's "
            f"version {fields['version']!r}; add a [[history]] entry for it at the end",
        )
    return Deliverable(
        title=title,
        subtitle=subtitle,
        short_title=short_title,
        language=language,
        acronym=identity["acronym"],
        full_name=identity["full_name"],
        project_number=identity["number"],
        number_source=number_source,
        period=period,
        work_package=fields["work_package"],
        number=fields["number"],
        dissemination=fields["dissemination"],
        lead_partner=fields["lead_partner"],
        authors=authors,
        version=fields["version"],
        date=date,
        history=history,
    )


def ecovem_identity(data_dir: Path | str | None = None) -> dict[str, str]:
    """Return the project's acronym, full name and number from the ``context_ecovem`` table.

    The number is the table's ``grant_number`` row and ``number_source`` the page it comes
    from; the acronym and full name are that page's title, "ACRONYM \N{EN DASH} Full name".

    Examples
    --------
    >>> identity = ecovem_identity()
    >>> identity["acronym"], identity["number"]
    ('ECoVEM', '620101-EPP-1-2020-1-BG-EPPKA3-VET-COVE')
    """
    from .. import _load

    table = _load.load("context_ecovem", data_dir=data_dir).set_index("attribute")
    row = table.loc["grant_number"]
    title = str(row["source_title"])
    acronym, _, full_name = (part.strip() for part in title.partition(" \u2013 "))
    return {
        "acronym": acronym if full_name else "",
        "full_name": full_name,
        "number": str(row["value"]),
        "number_source": str(row["source_url"]),
    }


# --- checks -------------------------------------------------------------------------------


def _fail(where: str, key: str, problem: str) -> NoReturn:
    raise DeliverableError(f"{where}: {key}: {problem}")


def _name(at: str, key: str) -> str:
    return f"{at}.{key}" if at else key


def _keys(table: Mapping[str, Any], valid: Mapping[str, bool], at: str, where: str) -> None:
    for key in table:
        if key not in valid:
            hint = closest(key, valid)
            meant = f"did you mean {hint!r}? " if hint else ""
            place = f"in [{at}]" if at else "at the top level"
            raise DeliverableError(
                f"{where}: unknown key {_name(at, key)!r} {place}; {meant}"
                f"valid keys there: {', '.join(valid)}"
            )
    for key, required in valid.items():
        if required and key not in table:
            raise DeliverableError(f"{where}: {_name(at, key)}: missing; it is required")


def _text(table: Mapping[str, Any], key: str, at: str, where: str) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        _fail(where, _name(at, key), f"must be text in quotes, not {value!r}")
    return value.strip()


def _date(table: Mapping[str, Any], key: str, at: str, where: str) -> dt.date:
    value = table.get(key)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    _fail(where, _name(at, key), f"{value!r} is not a date; write it as 2024-10-31")


def _table(
    table: Mapping[str, Any], key: str, at: str, where: str, *, required: bool = True
) -> Mapping[str, Any]:
    value = table.get(key, None if required else {})
    if not isinstance(value, Mapping):
        _fail(where, _name(at, key), f"must be a table ([{_name(at, key)}]), not {value!r}")
    return value


def _entries(
    table: Mapping[str, Any], key: str, at: str, valid: Mapping[str, bool], where: str
) -> list[tuple[str, Mapping[str, Any]]]:
    value = table.get(key)
    name = _name(at, key)
    if not isinstance(value, list) or not value or not all(isinstance(e, Mapping) for e in value):
        _fail(where, name, f"must be one or more [[{name}]] entries, not {value!r}")
    found = []
    for index, entry in enumerate(value, start=1):
        entry_at = f"{name}[{index}]"
        _keys(entry, valid, entry_at, where)
        found.append((entry_at, entry))
    return found
