"""The government a document speaks for, from its address."""

from __future__ import annotations

import pytest

from dyads.kb.loader import KnowledgeBase


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load()


@pytest.mark.parametrize(
    ("url", "home"),
    [
        ("https://www.whitehouse.gov/briefing-room/statements-releases/2021/05/15/x/", "USA"),
        ("https://bidenwhitehouse.archives.gov/briefing-room/", "USA"),  # a listed publisher
        ("https://www.mofa.go.jp/press/release/", "JPN"),  # go.XX
        ("http://www.diplomatie.gouv.fr/en/", "FRA"),  # gouv.XX
        ("https://www.gov.uk/government/news/x", "GBR"),  # gov.uk is not an ISO code
        ("https://www.gob.mx/sre/prensa", "MEX"),
        ("https://www.state.gov/secretary-blinkens-call/", "USA"),
        ("https://www.kremlin.ru/events/president/news/1", "RUS"),
        ("https://english.www.gov.cn/news/", "CHN"),
        ("https://www.reuters.com/world/", None),  # a news outlet speaks for no one
        ("https://news.gov.zz/x", None),  # not a country
        ("not a url", None),
        (None, None),
    ],
)
def test_home_country(kb: KnowledgeBase, url: str | None, home: str | None) -> None:
    assert kb.home_country(url) == home
