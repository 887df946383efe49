"""How much of a clause is copied from other texts, and what changed between two versions of one.

Seed 002 warns of contracts that copy boilerplate (照抄格式条款) instead of bargaining their own
terms, and the instructor's pre-review (初审, DOMAIN.md §8) checks the wording (文字表达规范). These
are the measures behind it; they take plain strings, never records.

**Copied passages.** Texts are compared after normalising them: full-width forms folded to their
ordinary ones (NFKC: "１２" is "12", "，" is ","), Latin letters case-folded, and every punctuation
mark, space, line break and invisible format character dropped, so that two texts differing only in
punctuation or spacing compare equal. A clause's passage counts as found in a source when a run of
at least `SHINGLE` consecutive normalised characters of it occurs in the source (character
shingles: Chinese has no spaces between words, so words cannot be the unit).

Why 12 characters: Chinese words average one and a half to two characters, so 12 characters are
some six to eight words, the span plagiarism detectors use for word shingles. Shorter runs match
the stock phrases every contract shares by law and that nobody copies from anyone ("用人单位应当",
6; "按照国家有关规定执行", 10); a copied sentence is longer than 12 characters, so it is still found
whole. A clause shorter than that (after normalising) is compared whole: it counts as copied when
it occurs entire in a source.

The share of a clause is the number of its normalised characters inside found passages over the
number of its normalised characters: punctuation and spaces count for nothing either way. Each
passage is given in offsets of the original text (what a page highlights), with the sources that
hold it, the one holding most of it first.

**Versions.** `text_diff` lists the runs of characters added, removed and kept from one version of
a text to the next (character by character: a Chinese sentence has no words to align on), with
difflib's matcher; its junk heuristic is off, since it would ignore the commonest characters (的,
工) of any text over 200 characters.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

SHINGLE = 12

# Unicode categories that carry no wording: punctuation (P…), separators and spaces (Z…), control
# and format characters (C…: line breaks, tabs, zero-width spaces).
_IGNORED = ("P", "Z", "C")


@dataclass(frozen=True)
class Normalised:
    """A text as compared: `text[i]` comes from the original's character `positions[i]`."""

    text: str
    positions: tuple[int, ...]


def normalise(text: str) -> Normalised:
    """Fold widths and case and drop punctuation, spaces and invisible characters, remembering
    where each kept character stood in `text`."""
    kept: list[str] = []
    positions: list[int] = []
    for index, char in enumerate(text):
        for folded in unicodedata.normalize("NFKC", char).casefold():
            if unicodedata.category(folded)[0] in _IGNORED:
                continue
            kept.append(folded)
            positions.append(index)
    return Normalised(text="".join(kept), positions=tuple(positions))


@dataclass(frozen=True)
class SourceIndex:
    """The texts a clause is compared with, normalised, and where each shingle occurs."""

    size: int
    texts: dict[Hashable, str]
    shingles: dict[str, tuple[Hashable, ...]]
    rank: dict[Hashable, int]  # the order the sources were given in, which breaks ties


def source_index(sources: Iterable[tuple[Hashable, str]], *, size: int = SHINGLE) -> SourceIndex:
    """Index `sources` (key, text) for `similarity`. Build it once and compare many clauses with
    it: the keys are what passages name as their sources (a key given twice keeps its last text)."""
    if size < 1:
        raise ValueError("A shingle has at least one character.")
    texts = {key: normalise(text).text for key, text in sources}
    found: dict[str, dict[Hashable, None]] = {}
    for key, text in texts.items():
        for start in range(len(text) - size + 1):
            found.setdefault(text[start : start + size], {})[key] = None
    return SourceIndex(
        size=size,
        texts=texts,
        shingles={shingle: tuple(keys) for shingle, keys in found.items()},
        rank={key: rank for rank, key in enumerate(texts)},
    )


@dataclass(frozen=True)
class Passage:
    """Characters `start` to `end` (exclusive) of the original text, found in `sources`."""

    start: int
    end: int
    sources: tuple[Hashable, ...]

    @property
    def source(self) -> Hashable:
        """The source holding most of the passage."""
        return self.sources[0]


@dataclass(frozen=True)
class Similarity:
    length: int  # normalised characters compared
    covered: int  # of them, inside passages found in a source
    passages: tuple[Passage, ...] = ()
    # (source key, characters of the clause it holds), the source holding most first
    by_source: tuple[tuple[Hashable, int], ...] = field(default=())

    @property
    def share(self) -> float:
        """The share of the text found in the sources, 0 to 1 (0 for a text with no wording)."""
        return self.covered / self.length if self.length else 0.0

    def share_of(self, key: Hashable) -> float:
        """The share of the text found in the source `key` alone."""
        held = dict(self.by_source).get(key, 0)
        return held / self.length if self.length else 0.0


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or touching spans merged, in order."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _overlap(spans: list[tuple[int, int]], start: int, end: int) -> int:
    return sum(max(0, min(end, b) - max(start, a)) for a, b in spans)


def similarity(text: str, index: SourceIndex) -> Similarity:
    """How much of `text` occurs in the indexed sources, and where (see the module's docstring)."""
    norm = normalise(text)
    query, length = norm.text, len(norm.text)
    if not length:
        return Similarity(length=0, covered=0)
    order = index.rank
    spans: dict[Hashable, list[tuple[int, int]]] = {}
    if length < index.size:
        for key, source in index.texts.items():
            if query in source:
                spans[key] = [(0, length)]
    else:
        for start in range(length - index.size + 1):
            for key in index.shingles.get(query[start : start + index.size], ()):
                spans.setdefault(key, []).append((start, start + index.size))
    if not spans:
        return Similarity(length=length, covered=0)
    spans = {key: _merged(found) for key, found in spans.items()}
    runs = _merged([span for found in spans.values() for span in found])
    passages = []
    for start, end in runs:
        held = {key: _overlap(found, start, end) for key, found in spans.items()}
        holders = sorted((key for key, n in held.items() if n), key=lambda k: (-held[k], order[k]))
        passages.append(
            Passage(
                start=norm.positions[start],
                end=norm.positions[end - 1] + 1,
                sources=tuple(holders),
            )
        )
    by_source = sorted(
        ((key, sum(b - a for a, b in found)) for key, found in spans.items()),
        key=lambda pair: (-pair[1], order[pair[0]]),
    )
    return Similarity(
        length=length,
        covered=sum(b - a for a, b in runs),
        passages=tuple(passages),
        by_source=tuple(by_source),
    )


# --- Versions --------------------------------------------------------------------------------

UNCHANGED = "unchanged"
ADDED = "added"
REMOVED = "removed"


@dataclass(frozen=True)
class Run:
    change: str  # UNCHANGED, ADDED or REMOVED
    text: str


def text_diff(old: str, new: str) -> tuple[Run, ...]:
    """The runs of characters that lead from `old` to `new`: kept, removed from `old`, added in
    `new`, in reading order (a replaced run is its removal, then its addition). Joining the kept
    and removed runs gives `old` back; joining the kept and added runs gives `new`."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    runs: list[Run] = []

    def add(change: str, text: str) -> None:
        if not text:
            return
        if runs and runs[-1].change == change:
            runs[-1] = Run(change, runs[-1].text + text)
        else:
            runs.append(Run(change, text))

    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            add(UNCHANGED, old[i1:i2])
        else:
            add(REMOVED, old[i1:i2])
            add(ADDED, new[j1:j2])
    return tuple(runs)
