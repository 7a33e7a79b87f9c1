"""Read actor dictionaries in the PETRARCH/Phoenix (TABARI) format.

For users who already keep CAMEO dictionaries: ``dyads kb import-cameo FILE`` converts them
to dyads' people YAML, and ``--kb FILE.txt`` reads them directly as an extra source. The
format, as used by the Phoenix dictionaries::

    XI_JINPING_                      # a name; words joined by "_"
    +PRESIDENT_XI_JINPING            # an alias
        [CHNGOV >20121115]           # a code (country + sector) with dates:
        [CHNGOV 20021115-20130314]   #   >start, <end, start-end (YYYYMMDD or YYMMDD)
    {HILARY_BENN_}{HILARY_JAMES_BENN_} [GBRGOV 20070701 - 20100531]

Each entry becomes a :class:`~dyads.kb.schema.Person` whose offices carry the codes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

from dyads.errors import DataFileError
from dyads.kb.schema import SECTORS, Office, Person

_CODE = re.compile(r"\[([A-Z]{3})([A-Z]{3})?[A-Z]*\s*([^\]]*)\]")
_BRACES = re.compile(r"\{([^}]*)\}")
_DATE = r"(\d{8}|\d{6})"
_RANGE = re.compile(rf"{_DATE}\s*-\s*{_DATE}")


def read_cameo_actors(path: Path) -> list[Person]:
    """People (and other named actors) with dated codes from a CAMEO actor dictionary."""
    try:
        text = path.read_bytes().decode("utf-8", errors="replace")
    except OSError as exc:
        raise DataFileError(f"{path}: cannot be read ({exc})") from exc
    people = list(_entries(text.splitlines(), str(path)))
    if not people:
        raise DataFileError(f"{path}: no actor entries found",
                            "is this a PETRARCH/Phoenix .actors file?")
    return people


def _entries(lines: list[str], source: str) -> Iterator[Person]:
    names: list[str] = []
    offices: list[Office] = []
    for raw in lines:
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if line.startswith("+"):
            names.append(_name(line[1:]))
            continue
        if line[0].isspace() or line.lstrip().startswith("["):
            offices.extend(_offices(line))
            continue
        if names:
            person = _person(names, offices)
            if person is not None:
                yield person
        head = line.split("[", 1)[0]
        names = [_name(n) for n in _BRACES.findall(head)] or [_name(head)]
        offices = _offices(line)
    if names:
        person = _person(names, offices)
        if person is not None:
            yield person


def _person(names: list[str], offices: list[Office]) -> Person | None:
    names = [n for n in names if n]
    if not names or not offices:
        return None
    return Person(name=names[0], aliases=sorted(set(names[1:]) - {names[0]}), offices=offices)


def _name(token: str) -> str:
    words = token.strip().strip("_").replace("_", " ").split()
    return " ".join(w.capitalize() if w.isupper() else w for w in words)


def _offices(line: str) -> list[Office]:
    out = []
    for country, sector, dates in _CODE.findall(line):
        start, end = _dates(dates)
        sec = sector if sector in SECTORS else None
        out.append(Office(country=country, office=sec or "actor", sector=sec, start=start,
                          end=end if not start or not end or end >= start else None))
    return out


def _dates(spec: str) -> tuple[dt.date | None, dt.date | None]:
    spec = spec.strip()
    m = _RANGE.search(spec)
    if m:
        return _date(m.group(1)), _date(m.group(2))
    if spec.startswith(">"):
        return _date(spec[1:].strip()), None
    if spec.startswith("<"):
        return None, _date(spec[1:].strip())
    return None, None


def _date(text: str) -> dt.date | None:
    digits = re.sub(r"\D", "", text)
    if len(digits) == 6:  # YYMMDD, as TABARI wrote them
        year = int(digits[:2])
        digits = f"{1900 + year if year > 30 else 2000 + year}{digits[2:]}"
    if len(digits) != 8:
        return None
    year, month, day = int(digits[:4]), int(digits[4:6]), int(digits[6:])
    month = min(max(month, 1), 12)
    for d in (day, 30, 28):  # "20070631" exists in the wild
        try:
            return dt.date(year, month, max(d, 1))
        except ValueError:
            continue
    return None


def write_people_yaml(source: Path, target: Path) -> int:
    """Write the actors of a CAMEO dictionary as dyads people YAML; returns their number."""
    import yaml

    people = read_cameo_actors(source)
    data = [p.model_dump(mode="json", exclude_none=True, exclude_defaults=True) for p in people]
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                      encoding="utf-8")
    return len(people)
