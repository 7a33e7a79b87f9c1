import pytest
from hypothesis import given
from hypothesis import strategies as st

from dyads.normalize import TYPOGRAPHIC, fold, normalize, paragraphs

WRAPPED = (
    "President Biden spoke with Canadian Prime Minister Justin Trudeau in his\n"
    "first call to a foreign leader as President of the United States,\n"
    "highlighting the strategic importance of the relationship.\n"
    "\n"
    "The two leaders agreed to speak again in a month."
)


def test_hard_wrapped_paragraph_is_joined() -> None:
    out = normalize(WRAPPED)
    assert "Trudeau in his first call" in out
    assert "\n\nThe two leaders" in out


@pytest.mark.parametrize(
    "text",
    [
        "Home > News & Events\nXi Jinping Holds Telephone Talks at Request with Nguyen Phu Trong",
        "HANOI\nThe leaders met on Sunday.",
        "Short line\nAnother short line",
    ],
)
def test_headlines_keep_their_lines(text: str) -> None:
    assert normalize(text).count("\n") == text.count("\n")


@pytest.mark.parametrize("text", [WRAPPED, "", "a\nb\n\nc", "x" * 80 + "\n" + "y" * 80 + "\nz"])
def test_offsets_are_preserved(text: str) -> None:
    out = normalize(text)
    assert len(out) == len(text)
    assert all(a == b or (a == " " and b == "\n") for a, b in zip(out, text, strict=True))


LINKED = (
    "Vice President Kamala Harris today spoke with President Mohamed Irfaan\n"
    "Ali of Guyana to underscore the importance of the U.S.-Guyana relationship. In\n"
    "[April](https://example.gov/briefing-room/2022/04/29/remarks-by-the-vice-president/),\n"
    "the Vice President convened a virtual meeting with Caribbean leaders."
)


def test_markdown_links_keep_their_text_and_do_not_stop_joining() -> None:
    out = normalize(LINKED)
    assert len(out) == len(LINKED)
    assert "\n" not in out  # the short line before the link is a wrap, not a break
    assert "(https" not in out and "[April]" not in out
    assert " April " in out and "Irfaan Ali of Guyana" in out


def test_paragraph_spans() -> None:
    text = "one\n\ntwo three\n"
    assert [text[s:e] for s, e in paragraphs(text)] == ["one", "two three"]


TYPO = "\u2018\u2019\u201c\u201d\u2013\u2014\u00a0\u202f\u2212"


@given(st.text(alphabet=st.sampled_from(list("ab .\n[]()/:h") + list(TYPO))
               | st.characters(), max_size=300))
def test_any_text_keeps_its_offsets(text: str) -> None:
    """Every character maps to one character: itself, its ASCII fold, or a space."""
    out = normalize(text)
    assert len(out) == len(text)
    for a, b in zip(out, text, strict=True):
        assert a in {b, b.translate(TYPOGRAPHIC), " "}


@pytest.mark.parametrize(("text", "folded"), [
    ("People\u2019s Republic of China", "People's Republic of China"),
    ("Xi\u2019s visit", "Xi's visit"),
    ("U.S.\u2013China talks", "U.S.-China talks"),
    ("\u201cViet Nam\u2019s\u201d", '"Viet Nam\'s"'),
])
def test_typographic_punctuation_reads_as_ascii(text: str, folded: str) -> None:
    assert normalize(text) == folded


@pytest.mark.parametrize(("name", "ascii_name"), [
    ("Nguy\u1ec5n Ph\u00fa Tr\u1ecdng", "Nguyen Phu Trong"),
    ("T\u00f4 L\u00e2m", "To Lam"),
    ("\u0110\u1eb7ng", "Dang"),  # a letter with no combining mark in its decomposition
    ("Per Stig M\u00f8ller", "Per Stig Moller"),
    ("Recep Tayyip Erdo\u011fan", "Recep Tayyip Erdogan"),
    ("Xi Jinping", "Xi Jinping"),
])
def test_fold_drops_diacritics(name: str, ascii_name: str) -> None:
    assert fold(name) == ascii_name


def test_fold_keeps_other_scripts() -> None:
    assert fold("\u4e60\u8fd1\u5e73") == "\u4e60\u8fd1\u5e73"
