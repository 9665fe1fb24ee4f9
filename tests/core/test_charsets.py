"""Bytes to text: the charset a page declares wins over a statistical guess."""

from __future__ import annotations

from pathlib import Path

from workbench.core.ingest import load

FRIDAY = (
    "The regional orchestra will play its last concert of the season on Friday, and every "
    "ticket for the evening has been sold for weeks."
)


FRENCH = "“À la crème brûlée”, dit Hélène – déjà vu chez l’église."


def test_a_declared_charset_wins_over_a_guess(tmp_path: Path) -> None:
    # Short Windows-1252 text that a statistical guess reads as cp1257 or cp1250.
    for label in ("windows-1252", "iso-8859-1"):
        html = (
            f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={label}">'
            f"<title>Hélène à Paris</title></head><body><article><p>{FRENCH}</p>"
            "</article></body></html>"
        )
        path = tmp_path / f"{label}.html"
        path.write_bytes(html.encode("cp1252"))
        doc = load(path).document
        assert FRENCH in doc.original_text
        assert FRENCH in doc.clean_text
        assert doc.title == "Hélène à Paris"


def test_utf8_labelled_latin1_is_read_as_utf8(tmp_path: Path) -> None:
    html = (
        '<html><head><meta charset="iso-8859-1"><title>Hélène à Paris</title></head>'
        f"<body><article><p>{FRENCH}</p><p>{FRIDAY}</p></article></body></html>"
    )
    path = tmp_path / "mislabelled.html"
    path.write_bytes(html.encode("utf-8"))
    assert FRENCH in load(path).document.original_text


def test_a_declared_cyrillic_charset(tmp_path: Path) -> None:
    sentence = "Городской совет утвердил новый бюджет на следующий год."
    html = (
        '<html><head><meta charset="koi8-r"><title>Новости</title></head><body><article>'
        + "".join(f"<p>{sentence} {text}</p>" for text in [FRIDAY, FRIDAY])
        + "</article></body></html>"
    )
    path = tmp_path / "koi8.html"
    path.write_bytes(html.encode("koi8-r", errors="replace"))
    doc = load(path).document
    assert sentence in doc.clean_text
    assert doc.title == "Новости"
