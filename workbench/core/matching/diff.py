"""Word-level differences between two versions of a claim or quote."""

from __future__ import annotations

import difflib
import functools
import re

_TOKEN = re.compile(r"\S+")
_NOT_KEPT = re.compile(r"[^\w%£$€]")


def _key(word: str) -> str:
    lowered = word.lower()
    # A word of letters and digits alone keeps every character: no substitution.
    return lowered if lowered.isalnum() else _NOT_KEPT.sub("", lowered)


@functools.lru_cache(maxsize=1024)
def _words(text: str) -> tuple[list[str], list[str]]:
    """A text's words and their keys. A claim is diffed against each other member of
    its group in turn: its words are split once. (Callers only read the lists.)"""
    words = _TOKEN.findall(text)
    return words, [_key(w) for w in words]


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """(op, words) runs: op is 'same', 'removed' (only in old) or 'added' (only in new).

    Words are compared without their punctuation and case, so a moved comma or
    a capital does not count as a change; the text shown keeps them.
    """
    (a, keys_a), (b, keys_b) = _words(old), _words(new)
    if keys_a == keys_b:  # the same words (a copy): one run, as the matcher would give
        return [("same", " ".join(b))] if b else []
    matcher = difflib.SequenceMatcher(None, keys_a, keys_b, autojunk=False)
    runs: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            runs.append(("same", " ".join(b[j1:j2])))
            continue
        if i2 > i1:
            runs.append(("removed", " ".join(a[i1:i2])))
        if j2 > j1:
            runs.append(("added", " ".join(b[j1:j2])))
    return runs


def diff_text(old: str, new: str) -> str:
    """The diff as plain text: [-removed-] {+added+}, for terminals and reports."""
    return plain_diff(word_diff(old, new))


def plain_diff(runs: list[tuple[str, str]]) -> str:
    """Runs of :func:`word_diff` as plain text: [-removed-] {+added+}."""
    parts = []
    for op, words in runs:
        parts.append(
            words if op == "same" else f"[-{words}-]" if op == "removed" else f"{{+{words}+}}"
        )
    return " ".join(parts)
