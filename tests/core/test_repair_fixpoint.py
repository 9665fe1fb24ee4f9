"""Repair reaches its fixed point in one call: repairing again changes nothing."""

from __future__ import annotations

import html
import unicodedata

import pytest
from hypothesis import example, given, settings, strategies as st

from workbench.core.text import repair as R, safe
from workbench.core.text.repair import repair, repair_line

# Pieces real damage is made of, so that generated text hits every step of
# repair: entities whole, spaced and without their ampersand, markup, mojibake,
# controls, escape sequences, odd spaces and line breaks.
FRAGMENTS = [
    "&",
    "#",
    ";",
    ",",
    "amp;",
    "&amp;",
    "lt;",
    "gt;",
    "&lt;",
    "&gt;",
    "quot;",
    "&#39;",
    "& # 39;",
    "#39;",
    "&#x27;",
    "&#27;",
    "&#0;",
    "&#8203;",
    "&#x202e;",
    "&nbsp;",
    "<",
    ">",
    "</",
    "<b>",
    "</p>",
    "<br>",
    "<!--",
    "-->",
    "script",
    "b",
    "a",
    "word",
    "é",
    "Ã",
    "Â",
    "â€™",
    "Ð",
    "¡",
    "\xa0",
    "\u200b",
    "\u00ad",
    "\x1b",
    "\x1b[2J",
    "\x1b]0;t\x07",
    "\x1f",
    "\x00",
    "\x85",
    "\u202e",
    "\u2028",
    "\r",
    "\n",
    "\t",
    " ",
    "  ",
    "-\n",
    "'",
    '"',
    "\u2019",
    ".",
]
damaged = st.one_of(
    st.text(),
    st.lists(st.sampled_from(FRAGMENTS), max_size=30).map("".join),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=3)), max_size=20).map("".join),
)


@pytest.mark.parametrize(
    ("damaged_text", "repaired"),
    [
        # Markup the article shows as text stays readable, and is not a tag
        # that a second repair would strip.
        ("lt;script&gt;alert(1)lt;/script&gt;", "\u2039script\u203aalert(1)\u2039/script\u203a"),
        ("use &lt;script&gt; tags", "use \u2039script\u203a tags"),
        ("&amp;lt;b&amp;gt;", "\u2039b\u203a"),
        # A control character or an odd space in the middle of mojibake.
        ("\u00d0\x1f\u00a1", "\u0421"),
        ("\xa0\u00c2\u00a1", "\u00a1"),
    ],
)
def test_the_reported_cases_are_repaired_in_one_call(damaged_text: str, repaired: str) -> None:
    assert repair(damaged_text) == repaired
    assert repair(repaired) == repaired


def test_a_long_chain_of_escaped_ampersands_is_one_call() -> None:
    text = "Tom " + "&amp;" + "amp;" * 40 + " Jerry &#35;" + "35;" * 40 + " end"
    once = repair(text)
    assert repair(once) == once


@settings(max_examples=400, deadline=None)
@given(damaged)
@example("lt;script&gt;alert(1)lt;/script&gt;")
@example("\u00d0\x1f\u00a1")
@example("\xa0\u00c2\u00a1")
@example("<<b>b>")
@example("<a-\nb>")
def test_repair_is_idempotent(text: str) -> None:
    once = repair(text)
    assert repair(once) == once


@settings(max_examples=200, deadline=None)
@given(damaged)
def test_repair_line_is_idempotent_and_one_line(text: str) -> None:
    once = repair_line(text)
    assert "\n" not in once
    assert repair_line(once) == once


def _plain_entities(text: str) -> str:
    """fix_entities with every pattern run on every round."""
    for _ in range(R._ENTITY_ROUNDS):
        before = text
        text = R._AMP_CHAIN.sub("&", text)
        text = R._HASH_CHAIN.sub("#", text)
        text = R._NUMERIC.sub(R._numeric, text)
        text = R._NAMED.sub(R._named, text)
        text = R._fix_lost_ampersands(text)
        if text == before:
            break
    return text


def _plain_pass(text: str) -> str:
    """One repair pass written plainly: every step on the whole text, no shortcut."""
    text = R._LINE_SEPARATORS.sub("\n", text)
    text = safe._HOSTILE.sub("", text)
    if R._MOJIBAKE_HINT.search(text):
        text = R.fix_mojibake(text)
    text = R.strip_tags(text)
    before = text
    text = _plain_entities(text)
    text = safe._HOSTILE.sub("", R._ODD_SPACE.sub(" ", R._INVISIBLE.sub("", text)))
    if text != before:
        text = R._SPACED_CONTRACTION.sub(r"\1", text)
        text = R._SPACED_OPEN.sub(r"\1", text)
        text = R._SPACED_CLOSE.sub(r"\1", text)
    text = R._HYPHEN_BREAK.sub(r"\1\2", text)
    text = R._SPACES.sub(" ", text)
    text = R._TRAILING.sub("\n", text)
    text = R._LEADING.sub("\n", text)
    text = R._BLANK_LINES.sub("\n\n", text)
    text = R.markup_as_text(text.strip())
    return unicodedata.normalize("NFC", text)


def _plain_repair(text: str) -> str:
    for _ in range(R._PASSES):
        mended = _plain_pass(text)
        if mended == text:
            break
        text = mended
    return text


@settings(max_examples=500, deadline=None)
@given(damaged)
@example("ab- \ncd")
@example("a \u201c b\t&#39;s \u201d")
@example("\u00c3\u00a9 \u00e2\u20ac\u2122  x")
@example("&#35;35;35; & # x23; &num; #35; &amp;num;")
@example("& # 035;35; &#x023; & num ;")
def test_repair_agrees_with_its_plain_form(text: str) -> None:
    # repair skips every step a cheap test shows has no work, and a second
    # pass skips what the first left settled; none of that may change a result.
    assert repair(text) == _plain_repair(text)


def test_a_bare_entity_name_decodes_as_html_decodes_it() -> None:
    for name, char in R._BARE_DECODED.items():
        assert html.unescape(f"&{name};") == char


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["&", "#", ";", " ", "0", "3", "5", "2", "x", "X", "num", "35;", "a"]),
        max_size=20,
    ).map("".join)
)
@example("& # 035;35;")
@example("&#x023;")
@example("& num ;")
def test_the_hints_find_every_hash_chain(text: str) -> None:
    # fix_entities runs _HASH_CHAIN only where one of its hints is found.
    if R._HASH_CHAIN.search(text):
        assert R._HASH_HINT.search(text) or R._NUM_HINT.search(text)
