"""Turn damaged article text into what its author wrote.

Real feeds carry HTML entities in broken forms (``& # 39;`` with spaces put in
by a translator, ``,quot;`` where the ampersand became a comma, ``quot;`` with
the ampersand lost), mojibake (``â€™``), leftover tags, odd spaces and words
hyphenated across line breaks. :func:`repair` mends all of these. Cheap regex
checks run first; ftfy, the costly part, runs only on text that shows mojibake.

Repair is idempotent: what it returns, it leaves unchanged. One mend can make
work for another (a control character removed from the middle of mojibake, an
entity that decodes into another), so :func:`repair` repeats its pass until the
text stops changing; on real text the second pass finds nothing to do. Markup
the author wrote as text (``&lt;b&gt;``) is kept readable as ``‹b›``:
were it decoded to a tag, the next repair would strip it as leftover markup.

:func:`repair_line` is the same repair for one line, keeping it one line.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable

import ftfy

from workbench.core.text.safe import is_sanitised, sanitise

# Named entities we accept even without their ampersand; common in feeds, and
# unlikely as words followed directly by a semicolon.
_BARE_NAMES = (
    "quot|amp|apos|nbsp|lt|gt|mdash|ndash|rsquo|lsquo|rdquo|ldquo|hellip|laquo|raquo|"
    "eacute|egrave|agrave|ccedil|uuml|ouml|auml|szlig|copy|reg|trade|euro|pound"
)

# & # 39;  &#39;  & #x27;  (a translator may put spaces anywhere)
_NUMERIC = re.compile(r"&\s*#\s*(?:(\d{1,7})|[xX]\s*([0-9a-fA-F]{1,6}))\s*;")
# & quot;  &amp;  (spaced or not)
_NAMED = re.compile(r"&\s*([A-Za-z][A-Za-z0-9]{1,31})\s*;")
# ,quot;  quot;  #39;  - the ampersand lost or turned into a comma. Matched
# backwards from each semicolon (rare in prose) rather than tried everywhere.
_LOST_AMP_TAIL = re.compile(rf"(?:,|(?<![A-Za-z0-9&]))(?:({_BARE_NAMES})|#(\d{{2,4}}))$")
_TAG = re.compile(r"</?(?:[A-Za-z][A-Za-z0-9-]*)(?:\s+[^<>]{0,400})?/?>")
# Markup shown as text is kept with angle quotation marks, which no repair strips.
_AS_TEXT = str.maketrans("<>", "\u2039\u203a")
# An escaped ampersand, escaped again any number of times (&amp;amp;amp;): one step.
_AMP_CHAIN = re.compile(r"&(?:\s*(?:amp|#\s*0*38|#\s*[xX]\s*0*26)\s*;)+")
# An escaped number sign with the digits of further escapes (&#35;35;35;): one step.
# Both branches open with a literal character (the lookbehind follows the "#"),
# so the regex engine jumps between candidates instead of trying every position.
_HASH_CHAIN = re.compile(
    r"(?:&\s*(?:#\s*0*35|#\s*[xX]\s*0*23|num)\s*;|#(?<![A-Za-z0-9&]#)35;)(?:35;)*"
)
# Every match of _HASH_CHAIN holds one of these. Each opens with a literal, so
# the two scans take a quarter of the time of _HASH_CHAIN's own, which finds
# none in text with an ordinary entity such as &#39;.
_HASH_HINT = re.compile(r"#\s*(?:0*35|[xX]\s*0*23)")
_NUM_HINT = re.compile(r"&\s*num")
_BLOCK_TAG = re.compile(
    r"</?(?:p|div|br|li|ul|ol|h[1-6]|tr|table|blockquote|section|article)\b", re.I
)
_MOJIBAKE_HINT = re.compile(
    "[\u00c2\u00c3\u00c5\u00e2\u00d0\u00d1][\u0080-\u00bf\u2018-\u203a\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u02c6\u02dc\u20ac\u2122]"
)
_ODD_SPACE = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000\t\f\v]")
_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")
_ODD_OR_INVISIBLE = re.compile(
    "[\u200b-\u200d\u2060\ufeff\u00ad\u00a0\u2000-\u200a\u202f\u205f\u3000\t\f\v]"
)
# A line break that leaves work for one of the four patterns below; the
# pattern opens with a literal, so the scan jumps from one line break to the
# next: a fifth of the time of four substring tests.
_LINE_WORK = re.compile(r"\n(?:(?<=[ -]\n)| |\n\n)")
_LINE_SEPARATORS = re.compile("\r\n?|[\u2028\u2029]")
_HYPHEN_BREAK = re.compile(r"([A-Za-z]{2,})-\n[ \t]*([a-z]{2,})")
_SPACES = re.compile(r" {2,}")
_TRAILING = re.compile(r" +\n")
_LEADING = re.compile(r"\n +")
_BLANK_LINES = re.compile(r"\n{3,}")
# Broken entities are often decoded into a quote with the translator's spaces
# still around it: "' Let's not be fooled '" -> "'Let's not be fooled'".
# Each pattern starts with a literal character, so the regex engine jumps from
# one candidate to the next instead of trying every position (4x faster).
# The opening quote must follow whitespace or the start: (?<!\S.) after it.
_SPACED_OPEN = re.compile(r"([\"'\u201c\u2018])(?<!\S.) (?=\w)")
_SPACED_CLOSE = re.compile(r" (?<=[\w.,!?] )([\"'\u201d\u2019])(?=[\s.,;:!?)]|$)", re.M)
_SPACED_CONTRACTION = re.compile(r" (?<=\w )(['\u2019])(?=(?:s|t|re|ll|d|ve|m)\b)")


def _numeric(match: re.Match[str]) -> str:
    code = int(match.group(1)) if match.group(1) else int(match.group(2), 16)
    try:
        char = chr(code)
    except (ValueError, OverflowError):
        return match.group(0)
    if code in (0,) or 0xD800 <= code <= 0xDFFF:
        return ""
    return char


def _named(match: re.Match[str]) -> str:
    entity = f"&{match.group(1)};"
    decoded = html.unescape(entity)
    return match.group(0) if decoded == entity else decoded


# What each of those names stands for, decoded once.
_BARE_DECODED = {name: html.unescape(f"&{name};") for name in _BARE_NAMES.split("|")}


def _lost_amp(match: re.Match[str]) -> str:
    if match.group(1):
        return _BARE_DECODED[match.group(1)]
    return chr(int(match.group(2)))


def _fix_lost_ampersands(text: str) -> str:
    pieces: list[str] = []
    last = 0
    semicolon = text.find(";")
    while semicolon != -1:
        match = _LOST_AMP_TAIL.search(text, max(last, semicolon - 12), semicolon)
        if match:
            pieces.append(text[last : match.start()])
            pieces.append(_lost_amp(match))
            last = semicolon + 1
        semicolon = text.find(";", semicolon + 1)
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)


_ENTITY_ROUNDS = 8


def fix_entities(text: str) -> str:
    """Decode entities, including broken spaced and ampersand-less forms.

    Decoding repeats until nothing is left to decode (``&amp;quot;`` takes two
    rounds); chains of escaped ampersands or number signs take one.
    """
    for _ in range(_ENTITY_ROUNDS):
        if ";" not in text:
            break
        before = text
        if "&" in text:
            text = _AMP_CHAIN.sub("&", text)
        if ("#" in text and _HASH_HINT.search(text)) or ("&" in text and _NUM_HINT.search(text)):
            text = _HASH_CHAIN.sub("#", text)
        if "&" in text:
            text = _NUMERIC.sub(_numeric, text)
            text = _NAMED.sub(_named, text)
        text = _fix_lost_ampersands(text)
        if text == before:
            break
    return text


def _close_spaced_quotes(text: str) -> str:
    text = _drop_spaces(text, _SPACED_CONTRACTION, (" '", " \u2019"), 0)
    text = _drop_spaces(text, _SPACED_OPEN, ('" ', "' ", "\u201c ", "\u2018 "), 1)
    return _drop_spaces(text, _SPACED_CLOSE, (' "', " '", " \u201d", " \u2019"), 0)


def _drop_spaces(text: str, pattern: re.Pattern[str], pairs: tuple[str, ...], space: int) -> str:
    """``pattern.sub(r"\1", text)`` for a pattern whose every match is one of
    ``pairs`` (a space and a quotation mark) and keeps the mark: the space, at
    ``space`` in the pair, is dropped where the pattern matches. The pattern is
    tried only where a pair is: str.find looks for its mark, which is rarer
    than a space, and one character is found many times faster than two (a
    regex scan from every space, or every mark, cost more still).
    """
    drop: list[int] = []
    mark_at = 1 - space  # the mark's place in the pair
    for pair in pairs:
        mark = pair[mark_at]
        found = text.find(mark)
        while found != -1:
            at = found - mark_at  # where the pair would start
            if at >= 0 and text.startswith(pair, at) and pattern.match(text, at):
                drop.append(at + space)
            found = text.find(mark, found + 1)
    if not drop:
        return text
    drop.sort()
    pieces: list[str] = []
    last = 0
    for at in drop:
        pieces.append(text[last:at])
        last = at + 1
    pieces.append(text[last:])
    return "".join(pieces)


def _comments(text: str, replace: Callable[[str], str]) -> str:
    """Each ``<!-- ... -->`` replaced; found with str.find, in one scan.

    (A regex ``<!--.*?-->`` rescans to the end from every unclosed opening.)
    """
    start = text.find("<!--")
    if start == -1:
        return text
    pieces: list[str] = []
    last = 0
    while start != -1:
        end = text.find("-->", start + 4)
        if end == -1:
            break
        pieces += [text[last:start], replace(text[start : end + 3])]
        last = end + 3
        start = text.find("<!--", last)
    pieces.append(text[last:])
    return "".join(pieces)


def strip_tags(text: str) -> str:
    """Remove leftover markup; block-level tags become line breaks."""
    if "<" not in text:
        return text

    def replace(match: re.Match[str]) -> str:
        return "\n" if _BLOCK_TAG.match(match.group(0)) else ""

    return _TAG.sub(replace, _comments(text, lambda comment: ""))


def markup_as_text(text: str) -> str:
    """Whatever still reads as a tag, with angle quotation marks instead of brackets."""
    if "<" not in text:
        return text
    text = _comments(text, lambda comment: comment.translate(_AS_TEXT))
    return _TAG.sub(lambda match: match.group(0).translate(_AS_TEXT), text)


def _has_mojibake_lead(text: str) -> bool:
    """Whether a character that opens :data:`_MOJIBAKE_HINT` is in ``text``.

    (The first class of the pattern.) Six searches for one character each
    take a tenth of the time of the regex scan, and most text has none.
    """
    return (
        "\u00c2" in text
        or "\u00c3" in text
        or "\u00c5" in text
        or "\u00e2" in text
        or "\u00d0" in text
        or "\u00d1" in text
    )


def fix_mojibake(text: str) -> str:
    """Undo UTF-8 read as Windows-1252 or Latin-1 (``â€™`` -> ``'``), only where seen."""
    if text.isascii() or not _has_mojibake_lead(text) or not _MOJIBAKE_HINT.search(text):
        return text
    return ftfy.fix_text(
        text,
        unescape_html=False,
        normalization="NFC",
        uncurl_quotes=False,
        fix_line_breaks=False,
    )


def clean_characters(text: str) -> str:
    """``text`` with odd spaces made plain, invisible characters and controls removed."""
    if is_sanitised(text):  # a scan that also rules out every odd character but the tab
        return text.replace("\t", " ")
    if (
        "\t" in text or "\f" in text or "\v" in text or not text.isascii()
    ) and _ODD_OR_INVISIBLE.search(text):  # one scan, where most text has neither
        text = _INVISIBLE.sub("", text)
        text = _ODD_SPACE.sub(" ", text)
    return sanitise(text)  # escape sequences, control characters, bidi controls


# Passes at most: real text needs one, and one more to see that nothing changes.
_PASSES = 6


def repair(text: str) -> str:
    """The full repair of an article's text; paragraphs stay separated by blank lines.

    The result is a fixed point: ``repair(repair(text)) == repair(text)``.
    """
    if not text:
        return text
    settled = False
    for _ in range(_PASSES):
        mended = _repair_pass(text, settled=settled)
        if mended == text:
            break
        text = mended
        settled = True
    return text


def _repair_pass(text: str, *, settled: bool = False) -> str:
    """One pass of every repair; ``settled`` says ``text`` is what a pass returned.

    Each step runs only where a cheap test shows it may have work to do, and a
    step with none returns its text itself, so ``text is given`` at the end
    says that nothing changed.
    """
    given = text
    if "\r" in text or "\u2028" in text or "\u2029" in text:
        text = _LINE_SEPARATORS.sub("\n", text)
    clean = is_sanitised(text)  # then the only odd character it may hold is a tab
    if not clean:
        text = sanitise(text)
    text = fix_mojibake(text)
    # Tags first: markup the author wrote as text (&lt;b&gt;) must survive as text.
    text = strip_tags(text)
    before = text
    text = fix_entities(text)
    # Untouched since the test above: what clean_characters does, without a scan.
    text = text.replace("\t", " ") if clean and text is given else clean_characters(text)
    if text is not before and text != before:
        text = _close_spaced_quotes(text)
    if _LINE_WORK.search(text):
        if "-\n" in text:
            text = _HYPHEN_BREAK.sub(r"\1\2", text)
        if "  " in text:
            text = _SPACES.sub(" ", text)
        if " \n" in text:
            text = _TRAILING.sub("\n", text)
        if "\n " in text:
            text = _LEADING.sub("\n", text)
        if "\n\n\n" in text:
            text = _BLANK_LINES.sub("\n\n", text)
    elif not (settled and text is given) and "  " in text:
        # (Nothing above leaves a line break to mend; and a pass's result
        # holds no double space: nothing after _SPACES in it makes one.)
        text = _SPACES.sub(" ", text)
    text = markup_as_text(text.strip())
    if settled and text is given:
        return text  # normalised by the pass that returned it
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text


def repair_line(line: str) -> str:
    """Repair one line; the result never holds a line break."""
    text = repair(line.replace("\n", " "))
    if "\n" in text:  # a block tag or a line separator broke it
        text = repair(text.replace("\n", " "))
    return text
