import datetime as dt
from pathlib import Path

import pytest

from dyads.errors import DataFileError
from dyads.kb.cameo_import import read_cameo_actors

SAMPLE = """\
# a comment
XI_JINPING_  # a note
+PRESIDENT_XI_JINPING
\t[CHNGOV >20121115]
\t[CHNELI 20021115-20130314]
{HILARY_BENN_}{HILARY_JAMES_WEDGEWOOD_BENN_} [GBRGOVAGR 20070701 - 20100531]\
[GBRGOVDEV 20031101 - 20070631]
OLD_CHIEF_ [ABCMIL 681031-720224]
NO_CODE_HERE_
"""


@pytest.fixture
def people(tmp_path: Path):
    path = tmp_path / "sample.actors.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    return {p.name: p for p in read_cameo_actors(path)}


def test_names_and_aliases(people) -> None:
    assert set(people) == {"Xi Jinping", "Hilary Benn", "Old Chief"}
    assert people["Xi Jinping"].aliases == ["President Xi Jinping"]
    assert people["Hilary Benn"].aliases == ["Hilary James Wedgewood Benn"]


@pytest.mark.parametrize(
    ("name", "index", "country", "sector", "start", "end"),
    [
        ("Xi Jinping", 0, "CHN", "GOV", dt.date(2012, 11, 15), None),
        ("Xi Jinping", 1, "CHN", "ELI", dt.date(2002, 11, 15), dt.date(2013, 3, 14)),
        ("Hilary Benn", 0, "GBR", "GOV", dt.date(2007, 7, 1), dt.date(2010, 5, 31)),
        ("Hilary Benn", 1, "GBR", "GOV", dt.date(2003, 11, 1), dt.date(2007, 6, 30)),
        ("Old Chief", 0, "ABC", "MIL", dt.date(1968, 10, 31), dt.date(1972, 2, 24)),
    ],
)
def test_dated_codes(people, name, index, country, sector, start, end) -> None:
    office = people[name].offices[index]
    got = (office.country, office.sector, office.start, office.end)
    assert got == (country, sector, start, end)


def test_file_without_entries_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("# nothing here\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="no actor entries"):
        read_cameo_actors(path)
