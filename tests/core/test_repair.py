from __future__ import annotations

import pytest

from workbench.core.text.repair import fix_entities, repair, repair_line


@pytest.mark.parametrize(
    ("damaged", "meant"),
    [
        # spaced numeric entities, as a translator leaves them
        ("& # 39; Keep calm & # 39;", "'Keep calm'"),
        ("It & # 39;s here", "It's here"),
        ("a & # 8220;quote& # 8221;", "a \u201cquote\u201d"),
        ("& #x27;hex& #x27;", "'hex'"),
        # the ampersand turned into a comma, or lost
        ('It was a "bold,quot; move', 'It was a "bold" move'),
        ("in the end,quot;.", 'in the end".'),
        ("quot;Hello,quot; she said", '"Hello" she said'),
        ("#39;Tis the season", "'Tis the season"),
        # ordinary entities, double-escaped ones
        ("caf&eacute; &amp; bar", "café & bar"),
        ("Tom &amp;amp; Jerry", "Tom & Jerry"),
        ("&quot;ok&quot;", '"ok"'),
        # mojibake
        ("donâ€™t stop â€“ now", "don\u2019t stop \u2013 now"),
        ("Â£5m costs", "£5m costs"),
        # leftover markup becomes nothing, block tags break lines
        ("a <b>bold</b> <i class='x'>move</i>", "a bold move"),
        ("one<br>two", "one\ntwo"),
        # odd spaces and invisible characters
        ("non\u00a0breaking\u2009thin\u200bzero", "non breaking thinzero"),
        ("too   many    spaces", "too many spaces"),
        # hyphenation across a line break
        ("infor-\nmation age", "information age"),
    ],
)
def test_repair_mends_each_artifact(damaged: str, meant: str) -> None:
    assert repair(damaged) == meant


def test_markup_written_as_text_stays_text() -> None:
    # Angle quotation marks, not brackets: a tag would be stripped by the next repair.
    assert repair("use &lt;script&gt; tags") == "use \u2039script\u203a tags"
    assert repair("if a &lt; b and c &gt; d") == "if a < b and c > d"


def test_repair_leaves_clean_text_and_lookalikes_alone() -> None:
    clean = "AT&T; said 3.5% of U.S. users—about 1,200—left. Rock & roll."
    assert repair(clean) == clean


def test_paragraphs_survive_and_blank_runs_collapse() -> None:
    assert repair("First.\r\n\r\n\r\n\r\nSecond.  \n") == "First.\n\nSecond."


def test_repair_line_keeps_one_line() -> None:
    assert "\n" not in repair_line("one<br>two<p>three")
    assert repair_line("one<br>two") == "one two"


@pytest.mark.parametrize(
    ("damaged", "meant"),
    [
        ("#35;35; at the start", "# at the start"),
        ("tag #35;35;35; here", "tag # here"),
        ("a#35; stays", "a#35; stays"),  # inside a word: not an escape
        ("x&#35;35; and & # x23 ; too", "x# and # too"),
        ("&num;35; then&#035;", "# then#"),
        ("room 35; 23;", "room 35; 23;"),
    ],
)
def test_escaped_number_signs_become_one_sign(damaged: str, meant: str) -> None:
    # The pattern's lookbehind sits after the "#" so that it opens with a literal.
    assert fix_entities(damaged) == meant
