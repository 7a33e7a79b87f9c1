"""Tests for dyads.quantities: money, durations and people counts."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dyads.models import Quantity
from dyads.quantities import find_quantities, parse_money

# (text, value, ISO 4217 code)
MONEY_CASES = [
    ("600 million CNY", 600e6, "CNY"),
    ("600 million yuan", 600e6, "CNY"),
    ("RMB 600 million", 600e6, "CNY"),
    ("100-billion-USD", 100e9, "USD"),
    ("$1.5 billion", 1.5e9, "USD"),
    ("US$3 million", 3e6, "USD"),
    ("USD 40 million", 40e6, "USD"),
    ("€2bn", 2e9, "EUR"),
    ("2 billion euros", 2e9, "EUR"),
    ("£40m", 40e6, "GBP"),
    ("40 million pounds sterling", 40e6, "GBP"),
    ("2 trillion VND", 2e12, "VND"),
    ("2 trillion dong", 2e12, "VND"),
    ("Rs 500 crore", 5e9, "INR"),
    ("Rs. 3 lakh", 3e5, "INR"),
    ("¥100 billion", 100e9, "JPY"),
    ("100 billion yen", 100e9, "JPY"),
    ("50,000 dollars", 50_000.0, "USD"),
    ("five million euros", 5e6, "EUR"),
    ("twenty-five million dollars", 25e6, "USD"),
    ("a hundred million dollars", 100e6, "USD"),
    ("1.2 billion U.S. dollars", 1.2e9, "USD"),
    ("3 billion rubles", 3e9, "RUB"),
    ("10 billion rupees", 10e9, "INR"),
    ("5 trillion won", 5e12, "KRW"),
    ("2 billion riyals", 2e9, "SAR"),
    ("4 billion dirhams", 4e9, "AED"),
    ("9 million shekels", 9e6, "ILS"),
    ("1 billion hryvnias", 1e9, "UAH"),
    ("300 million pesos", 300e6, "MXN"),
    ("5 million Swiss francs", 5e6, "CHF"),
    ("2 billion Canadian dollars", 2e9, "CAD"),
    ("3 billion Australian dollars", 3e9, "AUD"),
    ("A$5 million", 5e6, "AUD"),
    ("C$2 billion", 2e9, "CAD"),
    ("HK$3 billion", 3e9, "HKD"),
    ("S$40 million", 40e6, "SGD"),
    ("$50k", 50_000.0, "USD"),
    ("EUR 1,250,000", 1_250_000.0, "EUR"),
]


@pytest.mark.parametrize(("text", "value", "unit"), MONEY_CASES,
                         ids=[c[0] for c in MONEY_CASES])
def test_parse_money_table(text: str, value: float, unit: str) -> None:
    q = parse_money(text)
    assert q is not None
    assert (q.value, q.unit, q.kind) == (pytest.approx(value), unit, "money")
    assert (q.text, q.start, q.end) == (text, 0, len(text))


def test_money_in_a_sentence_has_offsets() -> None:
    text = "China pledged $1.5 billion in loans and 600 million yuan in grants."
    found = [q for q in find_quantities(text) if q.kind == "money"]
    assert [(q.text, q.value, q.unit) for q in found] == [
        ("$1.5 billion", 1.5e9, "USD"), ("600 million yuan", 600e6, "CNY")]
    assert all(text[q.start:q.end] == q.text for q in found)


@pytest.mark.parametrize("text", [
    "600 million", "the party won 3 seats", "it costs a lot", "1,200", "2017",
    "40 million pounds of beef", "THE 40 MILLION", "we may agree",
])
def test_not_money(text: str) -> None:
    assert parse_money(text) is None


# (text, value, unit, mention text)
DURATION_CASES = [
    ("to be repaid in three years", 3.0, "year", "in three years"),
    ("spread over five years", 5.0, "year", "over five years"),
    ("a ceasefire for two months", 2.0, "month", "for two months"),
    ("within 10 days", 10.0, "day", "within 10 days"),
    ("for a week", 1.0, "week", "for a week"),
    ("a three-year programme", 3.0, "year", "three-year"),
    ("a 10-day visit", 10.0, "day", "10-day"),
    ("over the next two decades", 20.0, "year", "over the next two decades"),
]


@pytest.mark.parametrize(("text", "value", "unit", "mention"), DURATION_CASES)
def test_durations(text: str, value: float, unit: str, mention: str) -> None:
    found = find_quantities(text)
    assert [(q.kind, q.value, q.unit, q.text) for q in found] == [
        ("duration", value, unit, mention)]


@pytest.mark.parametrize("text", ["a 25-year-old man", "three years ago", "in 2017",
                                  "for years"])
def test_not_durations(text: str) -> None:
    assert [q for q in find_quantities(text) if q.kind == "duration"] == []


# (text, kind, value, mention text)
PEOPLE_CASES = [
    ("the blast killed 75 people", "dead", 75.0, "killed 75 people"),
    ("at least 12 dead", "dead", 12.0, "at least 12 dead"),
    ("12 people were killed", "dead", 12.0, "12 people were killed"),
    ("twelve people died", "dead", 12.0, "twelve people died"),
    ("killing at least 3 civilians", "dead", 3.0, "killing at least 3 civilians"),
    ("injuring 30", "injured", 30.0, "injuring 30"),
    ("gunmen wounded 40", "injured", 40.0, "wounded 40"),
    ("1,200 were injured", "injured", 1200.0, "1,200 were injured"),
    ("police arrested 200 protesters", "arrested", 200.0, "arrested 200 protesters"),
    ("police detained 23 suspects", "arrested", 23.0, "detained 23 suspects"),
    ("more than 5,000 people rallied", "people", 5000.0, "more than 5,000 people"),
    ("2 million people", "people", 2e6, "2 million people"),
]


@pytest.mark.parametrize(("text", "kind", "value", "mention"), PEOPLE_CASES)
def test_people_counts(text: str, kind: str, value: float, mention: str) -> None:
    found = find_quantities(text)
    assert [(q.kind, q.value, q.unit, q.text) for q in found] == [
        (kind, value, "person", mention)]
    assert text[found[0].start:found[0].end] == mention


@pytest.mark.parametrize("text", ["police detained dozens", "hundreds of people were killed",
                                  "the bomb killed 12 November", "killed 10 years ago",
                                  "thousands of protesters"])
def test_vague_or_non_counts_are_skipped(text: str) -> None:
    assert [q for q in find_quantities(text) if q.kind != "duration"] == []


def test_many_adjacent_amounts_are_all_kept() -> None:
    found = find_quantities("$1 and " * 300)
    assert [(q.value, q.unit) for q in found] == [(1.0, "USD")] * 300


def test_mixed_sentence() -> None:
    text = "A $2 billion deal over five years; the attack killed 3 and injured 40 people."
    assert [(q.kind, q.value, q.unit) for q in find_quantities(text)] == [
        ("money", 2e9, "USD"), ("duration", 5.0, "year"), ("dead", 3.0, "person"),
        ("injured", 40.0, "person")]


# --- properties ------------------------------------------------------------------------------

PREFIXES = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "A$": "AUD",
            "HK$": "HKD", "USD ": "USD", "CNY ": "CNY", "Rs ": "INR"}
SUFFIXES = {"dollars": "USD", "euros": "EUR", "yuan": "CNY", "yen": "JPY", "dong": "VND",
            "rupees": "INR", "pesos": "MXN", "Swiss francs": "CHF", "USD": "USD",
            "pounds sterling": "GBP", "Canadian dollars": "CAD"}
SCALES = {"": 1, " thousand": 10**3, " million": 10**6, " billion": 10**9,
          " trillion": 10**12, "bn": 10**9, "m": 10**6, " crore": 10**7}


@st.composite
def amounts(draw: st.DrawFn) -> tuple[str, Decimal]:
    """A number as text ("1,500", "2.75") and its exact value."""
    whole = draw(st.integers(min_value=1, max_value=999_999))
    cents = draw(st.one_of(st.none(), st.integers(min_value=1, max_value=99)))
    text = f"{whole:,}" if draw(st.booleans()) else str(whole)
    if cents is None:
        return text, Decimal(whole)
    return f"{text}.{cents:02}", Decimal(f"{whole}.{cents:02}")


@given(amounts(), st.sampled_from(sorted(SCALES)), st.sampled_from(sorted(PREFIXES)))
def test_prefixed_money_round_trips(amount: tuple[str, Decimal], scale: str,
                                    prefix: str) -> None:
    number, value = amount
    q = parse_money(f"{prefix}{number}{scale}")
    assert q is not None
    assert q.unit == PREFIXES[prefix]
    assert q.value == pytest.approx(float(value * SCALES[scale]), rel=1e-12)


@given(amounts(), st.sampled_from(sorted(SCALES)), st.sampled_from(sorted(SUFFIXES)))
def test_suffixed_money_round_trips(amount: tuple[str, Decimal], scale: str,
                                    suffix: str) -> None:
    number, value = amount
    text = f"a grant of {number}{scale} {suffix} was agreed"
    q = parse_money(text)
    assert q is not None
    assert q.unit == SUFFIXES[suffix]
    assert q.value == pytest.approx(float(value * SCALES[scale]), rel=1e-12)
    assert text[q.start:q.end] == q.text == f"{number}{scale} {suffix}"


ONES = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
         "seventeen", "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _in_words(n: int) -> str:
    """1-99 in English words, hyphenated ("forty-two")."""
    if n < 10:
        return ONES[n]
    if n < 20:
        return TEENS[n - 10]
    return TENS[n // 10] + (f"-{ONES[n % 10]}" if n % 10 else "")


@given(st.integers(min_value=1, max_value=99), st.sampled_from([" million", " billion"]))
def test_number_words_round_trip(n: int, scale: str) -> None:
    q = parse_money(f"{_in_words(n)}{scale} euros")
    assert q is not None
    assert (q.value, q.unit) == (n * SCALES[scale], "EUR")


VOCAB = ["$", "US$", "5", "1.5", "1,200", "million", "bn", "m", "euros", "yuan", "won", "killed",
         "at", "least", "people", "were", "injured", "over", "five", "years", "-", "three-year",
         "Rs", "crore", "USD", "a", "hundred", "and", "dozens", ",", "."]


@given(st.one_of(st.text(), st.lists(st.sampled_from(VOCAB), max_size=30).map(" ".join)))
def test_find_quantities_never_raises_and_offsets_slice(text: str) -> None:
    found = find_quantities(text)
    end = -1
    for q in found:
        assert isinstance(q, Quantity)
        assert text[q.start:q.end] == q.text
        assert q.start >= end  # sorted and non-overlapping
        end = q.end
        assert q.value >= 0


@pytest.mark.parametrize("text", [
    *(case[0] for case in DURATION_CASES), *(case[0] for case in PEOPLE_CASES),
    "Police arrested Twenty-Five Protestors.", "over the next TEN Years", "a five-decade rule",
    "Fighters killed one hundred and five villagers on Monday.", "in 3\u00a0months"])
def test_a_text_the_guards_reject_has_no_match(text: str) -> None:
    """The guards only skip texts no duration or people pattern can match in."""
    from dyads import quantities as q

    for pattern in (q._DURATION_RE, q._COMPOUND_DURATION_RE):
        if pattern.search(text):
            assert q._UNIT_GUARD_RE.search(text), text
    for pattern in (q._VERB_FIRST_RE, q._COUNT_FIRST_RE, q._PEOPLE_RE):
        if pattern.search(text):
            assert q._COUNT_GUARD_RE.search(text) and q._PEOPLE_GUARD_RE.search(text), text
