"""YAML text the app writes for an author: a quoted string, and a text kept byte for byte."""

from __future__ import annotations

import re

# What a YAML reader refuses or reads as a line break in a document: controls but tab and
# line feed, carriage return, NEL, the Unicode line and paragraph separators, and the byte
# order mark, which a reader may drop.
_NOT_KEPT = re.compile("[^\t\n\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\u2028\u2029\ufeff]")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\t": "\\t", "\n": "\\n", "\r": "\\r"}
_TO_ESCAPE = re.compile(r'[\\"\t\n\r]|' + _NOT_KEPT.pattern)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _ESCAPES:
        return _ESCAPES[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def quoted(text: str) -> str:
    """`text` as a double-quoted YAML scalar on one line, read back exactly as it is."""
    return '"' + _TO_ESCAPE.sub(_escape, text) + '"'


BLOCK_INDENT = 2
"""How many spaces more than its key a block scalar's lines are indented."""


def literal_block(text: str, key_indent: int) -> str | None:
    """`text` as the literal block scalar (from the indicator `|` on) of a key indented
    `key_indent` spaces, read back byte for byte; None when no block scalar can hold it (a
    carriage return, a control character, nothing but line breaks)."""
    if _NOT_KEPT.search(text) or not text.strip("\n"):
        return None
    if not text.endswith("\n"):
        chomping = "-"
    elif text.endswith("\n\n"):
        chomping = "+"
    else:
        chomping = ""
    lines = text.removesuffix("\n").split("\n") if chomping != "-" else text.split("\n")
    pad = " " * (key_indent + BLOCK_INDENT)
    # Empty lines are written empty: spaces on them would be read as part of the text.
    body = "".join(f"{pad}{line}\n" if line else "\n" for line in lines)
    # The indentation is given, so a first line that starts with spaces keeps them.
    return f"|{BLOCK_INDENT}{chomping}\n{body}"
