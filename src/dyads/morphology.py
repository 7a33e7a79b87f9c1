"""spaCy's attribute ruler and lemmatizer as table lookups: the same annotations, less work.

In ``en_core_web_sm`` these two rule-based components cost about a fifth of the parse
(measured on 400 White House readouts: attribute ruler 2.1 s, lemmatizer 0.9 s, of 16 s). Both
are pure functions of a few token attributes, so dyads computes each distinct answer once:

- the **attribute ruler** runs a :class:`~spacy.matcher.Matcher` of 179 patterns over every
  token. Nearly all of them test one token's ``TAG``, ``LOWER``, ``DEP`` or ``IS_SPACE``; the
  rules that match a token are then a function of those four values, looked up in a cache.
  Patterns of several tokens (or other attributes) still go through a Matcher of their own.
  The matched rules are applied in the order spaCy applies them (later rules win).
- the **lemmatizer** (rule mode) gives a lemma that depends only on the token's text, part of
  speech and morphology; spaCy caches only some of these answers, dyads caches all, and tests
  candidate forms against sets of known lemmas where spaCy scans lists.

:func:`use_lookups` switches a loaded pipeline's two components to these versions in place; the
annotations are identical (``tests/test_morphology.py`` compares them token by token with the
stock components). ``dyads bench`` still times stock spaCy as its baseline.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.pipeline import AttributeRuler

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.strings import StringStore
    from spacy.tokens import Doc

# The single-token predicates the lookup reads (spaCy pattern keys), in key order.
_KEYS = ("TAG", "LOWER", "DEP", "IS_SPACE")
# Forget the cached answers past this many distinct keys (a bound on memory over a long run).
CACHE_SIZE = 200_000


class _Test(NamedTuple):
    """What one pattern key accepts: a value in ``values`` (``IN``, a plain value), or with
    ``inside`` false a value not in them (``NOT_IN``)."""

    values: frozenset[Any]
    inside: bool = True

    def passes(self, value: Any) -> bool:
        return (value in self.values) == self.inside


class _Rule(NamedTuple):
    """A one-token pattern: for each of :data:`_KEYS`, its test (``None``: any value)."""

    attr_id: int
    tests: tuple[_Test | None, ...]


class _Candidates:
    """The rules a token matches once its ``TAG``, ``DEP`` and ``IS_SPACE`` are known, by its
    ``LOWER`` hash: rule ids in order for each form a rule names, and for all other forms."""

    __slots__ = ("others", "by_lower")

    def __init__(self, rules: list[_Rule], strings: StringStore) -> None:
        anyform = {r.attr_id for r in rules if r.tests[1] is None}
        self.others = tuple(sorted(anyform))
        named: dict[int, set[int]] = {}
        for rule in rules:
            if rule.tests[1] is not None:
                for form in rule.tests[1].values:
                    named.setdefault(strings.add(form), set(anyform)).add(rule.attr_id)
        self.by_lower = {lower: tuple(sorted(ids)) for lower, ids in named.items()}

    def ids(self, lower: int) -> tuple[int, ...]:
        return self.by_lower.get(lower, self.others)


def _test(value: Any) -> _Test | None:
    """The :class:`_Test` of a pattern value, or ``None`` if a lookup cannot read it."""
    if isinstance(value, (str, bool)):
        return _Test(frozenset([value]))
    if isinstance(value, dict) and len(value) == 1:
        (op, values), = value.items()
        if op in ("IN", "NOT_IN") and isinstance(values, list):
            return _Test(frozenset(values), op == "IN")
    return None


def _single_token_rule(attr_id: int, pattern: list[dict[str, Any]]) -> _Rule | None:
    """The :class:`_Rule` of a one-token pattern made of :data:`_KEYS` tested as
    :func:`_test` reads them (``LOWER`` only by value or ``IN``); ``None`` for any other
    pattern, which stays with a Matcher."""
    if len(pattern) != 1 or not pattern[0] or any(key not in _KEYS for key in pattern[0]):
        return None
    tests = tuple(_test(pattern[0][key]) if key in pattern[0] else None for key in _KEYS)
    if any(t is None and key in pattern[0] for t, key in zip(tests, _KEYS, strict=True)):
        return None
    if tests[1] is not None and not tests[1].inside:
        return None
    return _Rule(attr_id, tests)


# The string-valued keys a pattern's token may test, as columns of the lookup's token array.
_COLUMNS = {"TAG": 0, "LOWER": 1, "DEP": 2}


def _value_check(value: Any) -> Callable[[str], bool] | None:
    """A test of one string attribute as a Matcher reads a pattern value (``None`` if it
    cannot be read here)."""
    if isinstance(value, dict) and set(value) == {"REGEX"}:
        regex = re.compile(value["REGEX"])
        return lambda form: regex.search(form) is not None
    test = _test(value)
    return test.passes if test is not None else None


class _Rest:
    """The patterns a lookup cannot read, run by a Matcher only on documents where each could
    match: each ``TAG``, ``LOWER`` or ``DEP`` test in such a pattern needs some token of the
    document to pass it (a necessary condition, so no match is lost)."""

    def __init__(self, vocab: Any) -> None:
        from spacy.matcher import Matcher

        self.matcher = Matcher(vocab, validate=False)
        self.needs: list[list[tuple[int, Callable[[str], bool]]]] | None = []

    def add(self, key: str, pattern: list[dict[str, Any]]) -> None:
        self.matcher.add(key, [pattern])
        checks = [(_COLUMNS[k], check) for spec in pattern for k, v in spec.items()
                  if k in _COLUMNS and (check := _value_check(v)) is not None]
        if self.needs is not None:
            if checks:
                self.needs.append(checks)
            else:
                self.needs = None  # a pattern none of whose tests is read here: run always

    def __call__(self, doc: Doc, rows: list[list[int]]) -> list[tuple[int, int, int]]:
        if self.needs is not None:
            strings = doc.vocab.strings
            values = [[strings[h] for h in {row[col] for row in rows}] for col in range(3)]
            if not any(all(any(check(v) for v in values[col]) for col, check in checks)
                       for checks in self.needs):
                return []
        return self.matcher(doc, allow_missing=True)


class LookupAttributeRuler(AttributeRuler):
    """An :class:`~spacy.pipeline.AttributeRuler` whose one-token rules are looked up."""

    def _dyads_prepare(self) -> None:
        self._dyads_rules: list[_Rule] = []
        self._dyads_rest = _Rest(self.vocab)
        self._dyads_cache: dict[tuple[int, int, int], _Candidates] = {}
        self._dyads_merged: dict[tuple[int, ...], dict[Any, Any]] = {}
        for attr_id in range(len(self.attrs)):
            key = str(attr_id)
            _, patterns = self.matcher.get(key)
            for pattern in patterns:
                rule = _single_token_rule(attr_id, pattern)
                if rule is not None:
                    self._dyads_rules.append(rule)
                else:
                    self._dyads_rest.add(key, pattern)

    def add(self, *args: Any, **kwargs: Any) -> None:
        super().add(*args, **kwargs)
        self.__dict__.pop("_dyads_rules", None)  # look the rules up afresh on the next Doc

    def clear(self) -> None:
        super().clear()
        self.__dict__.pop("_dyads_rules", None)

    def __call__(self, doc: Doc) -> Doc:
        if not (doc.has_annotation("TAG") and doc.has_annotation("DEP")):
            return super().__call__(doc)  # predicates on missing values: spaCy's own matching
        if not hasattr(self, "_dyads_rules"):
            self._dyads_prepare()
        error_handler = self.get_error_handler()
        try:
            self._dyads_apply(doc)
            return doc
        except Exception as e:  # the stock component's error handling
            return error_handler(self.name, self, [doc], e)

    def _candidates(self, tag: int, dep: int, is_space: int) -> _Candidates:
        """The one-token rules open to a token with these ``TAG, DEP, IS_SPACE`` array
        values, by the token's ``LOWER``."""
        key = (tag, dep, is_space)
        found = self._dyads_cache.get(key)
        if found is None:
            strings = self.vocab.strings
            values = (strings[tag], None, strings[dep], bool(is_space))
            found = self._dyads_cache[key] = _Candidates(
                [r for r in self._dyads_rules
                 if all(test is None or test.passes(value) for i, (test, value)
                        in enumerate(zip(r.tests, values, strict=True)) if i != 1)],
                strings)
        return found

    def _dyads_apply(self, doc: Doc) -> None:
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
        from spacy.tokens import Span
        from spacy.tokens._retokenize import set_token_attrs

        rows = doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()
        per_token = [self._candidates(tag, dep, space).ids(lower)
                     for tag, lower, dep, space in rows]
        for match_id, start, end in self._dyads_rest(doc, rows):
            attr_id = int(self.vocab.strings[match_id])
            # Span indexing checks the rule's index as spaCy's set_annotations does.
            i = Span(doc, start, end)[self.indices[attr_id]].i
            per_token[i] = (*per_token[i], attr_id)
        for i, attr_ids in enumerate(per_token):
            if attr_ids:
                set_token_attrs(doc[i], self._merged(attr_ids))

    def _merged(self, attr_ids: tuple[int, ...]) -> dict[Any, Any]:
        """The attributes a token gets from its rules, applied in rule order (later wins)."""
        key = tuple(sorted(attr_ids))
        merged = self._dyads_merged.get(key)
        if merged is None:
            merged = {}
            for attr_id in key:
                merged.update(self.attrs[attr_id])
            self._dyads_merged[key] = merged
        return merged


class LookupLemmatizer(EnglishLemmatizer):
    """A rule-mode English :class:`~spacy.pipeline.Lemmatizer` that caches every answer."""

    def initialize(self, *args: Any, **kwargs: Any) -> None:
        super().initialize(*args, **kwargs)
        for name in ("_dyads_indexed", "_dyads_cache"):  # new tables: index and cache afresh
            self.__dict__.pop(name, None)

    def __call__(self, doc: Doc) -> Doc:
        if self.mode != "rule" or self.overwrite:
            return super().__call__(doc)
        if not self._validated:
            from spacy.errors import Errors

            self._validate_tables(Errors.E1004)
        if not getattr(self, "_dyads_indexed", False):
            self._index_lemmas()
        cache: dict[tuple[int, int, int], int] | None = getattr(self, "_dyads_cache", None)
        if cache is None or len(cache) >= CACHE_SIZE:
            cache = {}
            self._dyads_cache = cache
        error_handler = self.get_error_handler()
        try:
            self._dyads_lemmatize(doc, cache)
        except Exception as e:  # the stock component's error handling
            error_handler(self.name, self, [doc], e)
        return doc

    def _dyads_lemmatize(self, doc: Doc, cache: dict[tuple[int, int, int], int]) -> None:
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        strings = self.vocab.strings
        array = doc.to_array([ORTH, POS, MORPH, LEMMA])
        for i, (orth, pos, morph, lemma) in enumerate(array.tolist()):
            if lemma != 0:
                continue
            key = (orth, pos, morph)
            found = cache.get(key) if pos != 0 else None  # no POS: spaCy warns each time
            if found is None:
                found = strings.add(self.lemmatize(doc[i])[0])
                if pos != 0:
                    cache[key] = found
            array[i, 3] = found
        doc.from_array([LEMMA], array[:, 3:])  # type: ignore[arg-type]

    def _index_lemmas(self) -> None:
        """Give this lemmatizer its own ``Lookups`` whose lemma index holds sets: spaCy keeps
        each part of speech's known lemmas as a list (57,000 nouns) and tests every candidate
        form against it, the costliest step of a lemma not seen before."""
        from spacy.lookups import Lookups, Table

        lookups = Lookups()
        for name in self.lookups.tables:
            table = self.lookups.get_table(name)
            if name == "lemma_index":
                indexed = Table(name=name)
                for key, lemmas in table.items():
                    indexed[key] = frozenset(lemmas)
                table = indexed
            lookups.set_table(name, table)
        self.lookups = lookups
        self._dyads_indexed = True


def use_lookups(nlp: Language) -> Language:
    """Switch ``nlp``'s attribute ruler and English rule lemmatizer to the lookup versions
    (in place; other components and other languages are left as they are)."""
    for _, pipe in nlp.pipeline:
        if type(pipe) is AttributeRuler:
            pipe.__class__ = LookupAttributeRuler
        elif type(pipe) is EnglishLemmatizer:
            pipe.__class__ = LookupLemmatizer
    return nlp
