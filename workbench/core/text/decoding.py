"""Bytes to text in the encoding a news file really has.

A statistical detector guesses badly on a short article (``Café José Müller``
in Latin-1 came out as ``Cafķ Josķ M³ller`` in cp775), so the encodings news
files actually use are tried first, in this order:

1. a byte order mark (UTF-8, UTF-16);
2. a charset the server (for a fetched page) or the page declares
   (``<meta charset>``, ``http-equiv`` content-type, an XML declaration),
   read as browsers read it (ISO-8859-1 means Windows-1252), if the bytes
   decode under it, and unless valid UTF-8 is declared Windows-1252;
3. UTF-8;
4. Windows-1252 (the five bytes it leaves undefined read as Latin-1), unless
   the text it gives could not be Western European: a symbol or a control
   character inside a word (``M³ller``, ``Wroc³aw``), or more characters
   from the upper half of Latin-1 than such a language has: over 30% of the
   letters, and at least four (Cyrillic, Greek or CJK read as Windows-1252);
5. only then charset-normalizer's guess (never UTF-16 or UTF-32 without a
   byte order mark), and Windows-1252 if it has none.

A stray undefined byte in Western text thus stays a C1 control character,
which sanitising drops, rather than sending a whole file to a guess.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from workbench.core.errors import IngestError

_SNIFF = 8192
# <meta charset="x">, <meta http-equiv="Content-Type" content="text/html; charset=x">
_META_CHARSET = re.compile(rb"<meta\b[^>]*?\bcharset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I)
_XML_ENCODING = re.compile(rb"\A\s*<\?xml\b[^>]*?\bencoding\s*=\s*[\"']([A-Za-z0-9_.:-]+)", re.I)
# Labels as the WHATWG Encoding Standard maps them (what a browser shows).
_AS_BROWSERS_READ = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "cp819": "cp1252",
    "ibm819": "cp1252",
    "iso-8859-9": "cp1254",
    "latin5": "cp1254",
    "iso-8859-11": "cp874",
    "tis-620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "euc-kr": "cp949",
    "ks_c_5601-1987": "cp949",
    "shift_jis": "cp932",
    "sjis": "cp932",
    "big5": "big5hkscs",
    # A page that could be read far enough to find its meta tag is not UTF-16.
    "utf-16": "utf-8",
    "utf-16le": "utf-8",
    "utf-16be": "utf-8",
}
# Bytes 0x80-0x9F as Windows-1252 reads them; the five it leaves undefined stay
# Latin-1 (C1 controls), which is what marks them as suspect below.
_CP1252_HIGH = {
    byte: bytes([byte]).decode("cp1252", errors="ignore") or chr(byte) for byte in range(0x80, 0xA0)
}
_CP1252_TABLE = str.maketrans({chr(byte): char for byte, char in _CP1252_HIGH.items()})
# A letter, then a control or symbol no Western word holds, then a letter.
_ODD_IN_WORD = re.compile(r"[^\W\d_][\x80-\x9f¡¢£¤¥¦§¨©«¬®¯°±²³¶¸¹»¼½¾¿][^\W\d_]")
_UPPER_LATIN1 = re.compile("[\x80-\xff]")
_ASCII_LETTER = re.compile("[A-Za-z]")
_FOREIGN_SHARE = 0.3
_FOREIGN_MIN = 4
_JUDGED = 65536  # characters looked at to judge a file
# No byte order mark and no NUL byte: the file is none of these.
_NEVER_GUESSED = ["utf_16", "utf_16_be", "utf_16_le", "utf_32", "utf_32_be", "utf_32_le", "utf_7"]


def declared_charset(data: bytes) -> str | None:
    """The Python codec for the charset the file declares at its top, if any and known."""
    head = data[:_SNIFF]
    match = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    if match is None:
        return None
    return charset_codec(match.group(1).decode("ascii"))


def charset_codec(label: str) -> str | None:
    """The Python codec for a charset label (a meta tag's, an HTTP header's), if known."""
    label = label.strip().strip("\"'").lower()
    label = _AS_BROWSERS_READ.get(label, label)
    try:
        codec = codecs.lookup(label)
    except LookupError:
        return None
    if codec.name in ("utf-7", "utf-16", "utf-32"):  # never for a page found by ASCII
        return None
    return codec.name


def _utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def windows_1252(data: bytes) -> str:
    """Windows-1252, with the bytes it leaves undefined read as Latin-1."""
    return data.decode("latin-1").translate(_CP1252_TABLE)


def could_be_western(text: str) -> bool:
    """Whether text read as Windows-1252 reads like a Western European language."""
    sample = text[:_JUDGED]
    if _ODD_IN_WORD.search(sample):
        return False
    foreign = len(_UPPER_LATIN1.findall(sample))
    letters = len(_ASCII_LETTER.findall(sample)) + foreign
    return foreign < _FOREIGN_MIN or foreign <= letters * _FOREIGN_SHARE


def _not_binary(text: str, name: str) -> None:
    sample = text[:_SNIFF]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f")
    if controls > len(sample) * 0.05:
        raise IngestError(f"{name}: binary file, not an article")


def decode(data: bytes, name: str, *, charset: str | None = None) -> tuple[str, str | None]:
    """Bytes to text; a warning when the encoding was not UTF-8 or declared.

    ``charset`` is what a server declared for a fetched page (its Content-Type
    header): it wins over the page's own declaration. Valid UTF-8 declared as
    Latin-1 or Windows-1252 is a UTF-8 page on a server with an old default,
    and is read as UTF-8. Raises IngestError for what is not text.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), None
    # A binary file is full of NULs; a hostile or damaged article carries a few,
    # which repair removes with the other controls.
    sample = data[:_SNIFF]
    if sample.count(0) > max(2, len(sample) // 100):
        raise IngestError(f"{name}: binary file, not an article")
    note = ""
    declared = (charset_codec(charset) if charset else None) or declared_charset(data)
    if declared == "cp1252" and _utf8(data):
        declared = None
    if declared is not None:
        try:
            text = data.decode("utf-8-sig" if declared == "utf-8" else declared)
        except UnicodeDecodeError as error:
            note = f"declares {declared} but byte {error.start} is not {declared}; "
        else:
            _not_binary(text, name)
            return text, None
    try:
        return data.decode("utf-8-sig"), (f"{name}: {note}read as utf-8" if note else None)
    except UnicodeDecodeError as error:
        bad_at = error.start
    if not note:
        note = f"not UTF-8 (invalid byte at {bad_at}); "
    text = windows_1252(data)
    encoding = "windows-1252"
    if not could_be_western(text):
        best = charset_normalizer.from_bytes(data, cp_exclusion=_NEVER_GUESSED).best()
        if best is not None and best.encoding is not None:
            text, encoding = str(best), f"{best.encoding} (a guess)"
    _not_binary(text, name)
    return text, f"{name}: {note}read as {encoding}"
