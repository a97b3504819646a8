"""Bytes from an uploaded or loaded file as text: UTF-8 only, with a reason when not.

Every reader of a user's text file (term lists, GIFT, articles, the content folder) decodes
through here, so each refuses UTF-16, binary data and a NUL character the same way: PostgreSQL
cannot store a NUL, and a NUL in a text file means it is not the text it claims to be.
"""

from __future__ import annotations

import codecs

UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
SAVE_AS_UTF8 = "save it as UTF-8 and try again"
BINARY = "this is a binary file, not a text file"


class NotUtf8Text(ValueError):
    """Why the bytes are not UTF-8 text, and on which line (1-based) if one is to blame."""

    def __init__(self, problem: str, line: int):
        self.problem, self.line = problem, line
        super().__init__(f"line {line}: {problem}")


def decode_text(data: bytes) -> str:
    """The bytes as text (a UTF-8 byte-order mark, as Excel and Notepad write, is dropped)."""
    if data.startswith(UTF16_BOMS) or _looks_like_utf16(data):
        # Windows "Unicode" text: every other byte of Latin text is a NUL.
        raise NotUtf8Text(f"the file is UTF-16 text, not UTF-8; {SAVE_AS_UTF8}", 1)
    if b"\x00" in data:
        line = _line_at(data, data.index(b"\x00"))
        raise NotUtf8Text(f"the file contains a NUL byte: {BINARY}", line)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = _line_at(data, error.start)
        raise NotUtf8Text(f"the file is not UTF-8 text; {SAVE_AS_UTF8}", line) from None


def _looks_like_utf16(data: bytes) -> bool:
    # Without a byte-order mark: more than half of the odd (or even) bytes are NULs.
    head = data[:200]
    zeros = max(head[0::2].count(0), head[1::2].count(0))
    return len(head) >= 4 and zeros > len(head) // 4


def _line_at(data: bytes, position: int) -> int:
    return data[:position].count(b"\n") + 1
