"""Guards: the quick test a text must pass before a costly regular expression runs on it.

Date rules and amount patterns each hold a word every match needs ("day", a month's name, a
people noun); a text without it is not scanned. Such a guard is itself a regular expression,
and Python's ``re`` is slow on case-insensitive alternations of words. :class:`Guard` answers
the same question faster: on ASCII text it first looks for the guard's words in the lower-case
text with ``str`` search, and runs the expression only if one is there (or never, when the
expression is nothing but those words). Text that is not ASCII goes to the expression, since
case-insensitive matching folds some letters that ``str.lower`` keeps ("ſ" matches "s").
"""

from __future__ import annotations

import re
from collections.abc import Iterable


class Guard:
    """``pattern.search(text)`` as a bool, with ``words`` tested first on ASCII text.

    ``words`` (lower case) must include a word every match of ``pattern`` holds, whatever
    its case. With ``exact``, ``pattern`` is the case-insensitive alternation of ``words``
    and no more, so finding one of them is the answer."""

    def __init__(self, pattern: re.Pattern[str], words: Iterable[str], *,
                 exact: bool = False) -> None:
        self.pattern = pattern
        self.words = tuple(words)
        self.exact = exact
        if any(w != w.lower() or not w.isascii() for w in self.words):
            raise ValueError(f"guard words must be lower-case ASCII: {self.words}")
        if exact and not (pattern.flags & re.IGNORECASE
                          and pattern.pattern == "|".join(self.words)):
            raise ValueError(f"an exact guard is the case-insensitive alternation of its "
                             f"words, not {pattern.pattern!r}")

    def search(self, text: str) -> bool:
        if text.isascii():
            lower = text.lower()
            if not any(word in lower for word in self.words):
                return False
            if self.exact:
                return True
        return self.pattern.search(text) is not None
