import pytest

from dyads.normalize import normalize, paragraphs

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
