"""Files are read in the encoding news files really have, before any statistical guess."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from workbench.core.errors import IngestError
from workbench.core.ingest import load
from workbench.core.text.decoding import could_be_western, decode

GERMAN = "Café José Müller München"
QUOTED = "\u201cFares rise by 5%,\u201d she said \u2013 a ticket now costs \u20ac40."
GREEK = "Η Αθήνα είναι η πρωτεύουσα της Ελλάδας και έχει 3 εκατομμύρια κατοίκους."
RUSSIAN = "Городской совет сообщил, что в 2023 году было отремонтировано 40 дорог."


def _html(head: str, title: str, body: str) -> str:
    return f"<!doctype html><html><head>{head}<title>{title}</title></head><body><p>{body}</p></body></html>"


def test_a_short_latin1_file_is_read_as_latin1_not_guessed() -> None:
    text, warning = decode(GERMAN.encode("latin-1"), "names.txt")
    assert text == GERMAN
    assert warning is not None and "names.txt: not UTF-8" in warning
    assert "windows-1252" in warning


def test_windows_1252_quotes_dashes_and_euro() -> None:
    data = QUOTED.encode("cp1252")
    assert b"\x93" in data and b"\x94" in data and b"\x80" in data
    text, _ = decode(data, "fares.txt")
    assert text == QUOTED


def test_utf8_with_or_without_bom_needs_no_warning() -> None:
    for data in (QUOTED.encode("utf-8"), codecs.BOM_UTF8 + QUOTED.encode("utf-8")):
        assert decode(data, "utf8.txt") == (QUOTED, None)
    assert decode(GREEK.encode("utf-16"), "utf16.txt") == (GREEK, None)


@pytest.mark.parametrize(
    "head",
    [
        '<meta charset="iso-8859-7">',
        "<meta charset=ISO-8859-7>",
        '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-7">',
    ],
)
def test_a_declared_charset_wins(head: str) -> None:
    page = _html(head, "Αθήνα", GREEK)
    text, warning = decode(page.encode("iso-8859-7"), "athens.html")
    assert GREEK in text and "<title>Αθήνα</title>" in text
    assert warning is None


def test_a_declared_latin1_reads_the_windows_1252_quotes_as_browsers_do() -> None:
    page = _html('<meta charset="iso-8859-1">', "Fares", QUOTED)
    text, warning = decode(page.encode("cp1252"), "fares.html")
    assert QUOTED in text and warning is None


def test_a_wrong_declaration_does_not_garble_the_text() -> None:
    page = _html('<meta charset="utf-8">', "Namen", GERMAN)
    text, warning = decode(page.encode("latin-1"), "names.html")
    assert GERMAN in text
    assert warning is not None and "declares utf-8" in warning


def test_text_that_cannot_be_western_goes_to_the_detector() -> None:
    text, warning = decode(RUSSIAN.encode("cp1251"), "council.txt")
    assert text == RUSSIAN
    assert warning is not None and "cp1251" in warning


def test_a_stray_byte_windows_1252_leaves_undefined_is_latin1_not_a_guess() -> None:
    # 0x81 means nothing in Windows-1252: it stays U+0081 (which repair drops)
    # and the rest of the text is read as written.
    text, warning = decode(b"The fare \x81 rose and the caf\xe9 \x9d closed.", "odd.txt")
    assert text == "The fare \x81 rose and the caf\u00e9 \x9d closed."
    assert warning is not None and "windows-1252" in warning


def test_a_symbol_inside_a_word_is_not_windows_1252() -> None:
    assert not could_be_western("Wroc\u00b3aw")
    assert not could_be_western("M\x81ller")
    assert could_be_western("O\u2019Neill paid \u00a340 for 3\u00bd kilos")


def test_a_latin1_article_is_stored_right(tmp_path: Path) -> None:
    path = tmp_path / "names.txt"
    path.write_bytes(f"{GERMAN} said the council had 40 new buses in 2024.".encode("latin-1"))
    loaded = load(path)
    assert loaded.document.clean_text.startswith(GERMAN)
    greek = tmp_path / "athens.html"
    greek.write_bytes(_html('<meta charset="iso-8859-7">', "Αθήνα", GREEK).encode("iso-8859-7"))
    assert load(greek).document.title == "Αθήνα"


def test_control_bytes_are_still_refused_as_binary() -> None:
    with pytest.raises(IngestError, match=r"bin\.txt: binary file"):
        decode(bytes(range(1, 32)) * 40 + b"\xff\xfe\xfa", "bin.txt")
