"""Figure files the tests make themselves: a test pattern, never a clinical image.

PNGs are written chunk by chunk and JPEGs marker by marker, so a test can make
one broken in exactly one way (cut short, a header declaring any size, EXIF
metadata written by hand).
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

GOOD = Path(__file__).parent / "data" / "good" / "minimal.case.yaml"


def chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_bytes(width: int = 64, height: int = 48) -> bytes:
    """An RGB PNG of `width` x `height`: diagonal stripes of three colours, a test pattern."""
    colours = [b"\xff\x00\x00", b"\x00\xa0\x00", b"\x00\x00\xff"]
    # The pattern repeats every 24 rows: 24 rows made, then repeated, so a 30-megapixel one is quick.
    period = [b"\x00" + b"".join(colours[(x + y) // 8 % 3] for x in range(width)) for y in range(min(height, 24))]
    rows = b"".join(period * (height // len(period))) + b"".join(period[: height % len(period)])
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 1)) + chunk(b"IEND", b"")


def png_declaring(width: int, height: int) -> bytes:
    """A well-formed PNG whose header declares `width` x `height` pixels and holds one row of them."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00")) + chunk(b"IEND", b"")


def segment(marker: int, body: bytes) -> bytes:
    return bytes([0xFF, marker]) + struct.pack(">H", len(body) + 2) + body


def jpeg_bytes(width: int = 64, height: int = 48, app1: bytes | None = None) -> bytes:
    """The structure of a baseline JPEG of `width` x `height` (not decodable pixels), with an APP1
    segment holding `app1` when given."""
    frame = struct.pack(">BHHB", 8, height, width, 1) + b"\x01\x11\x00"
    scan = b"\x01\x01\x00\x00\x3f\x00"
    extra = segment(0xE1, app1) if app1 is not None else b""
    return b"\xff\xd8" + extra + segment(0xC0, frame) + segment(0xDA, scan) + b"\x12\x34" + b"\xff\xd9"


def exif(tags: list[tuple[int, int]], exif_tags: list[tuple[int, int]] | None = None) -> bytes:
    """An APP1 Exif body, little-endian TIFF: IFD0 holding `tags` (tag, LONG value) and, when given,
    a pointer (0x8769) to an Exif IFD holding `exif_tags`."""

    def ifd(entries: list[tuple[int, int]]) -> bytes:
        body = struct.pack("<H", len(entries))
        body += b"".join(struct.pack("<HHII", tag, 4, 1, value) for tag, value in entries)
        return body + struct.pack("<I", 0)

    entries = list(tags)
    if exif_tags is not None:
        # IFD0 begins at 8; the Exif IFD follows it.
        entries.append((0x8769, 8 + 2 + 12 * (len(tags) + 1) + 4))
    tiff = b"II*\x00" + struct.pack("<I", 8) + ifd(entries) + (ifd(exif_tags) if exif_tags is not None else b"")
    return b"Exif\x00\x00" + tiff


def record_with_figure(folder: Path, file: str, *, caption: str = "Test pattern", extra: str = "") -> Path:
    """The minimal record, written to `folder`, its first history item showing the figure `file`."""
    text = GOOD.read_text(encoding="utf-8")
    anchor = "    quotes: [presented with fever]\n"
    figure = (
        f"    figures:\n      - file: '{file}'\n        caption: {caption}\n        credit: Made by the test\n{extra}"
    )
    path = folder / "case.yaml"
    path.write_text(text.replace(anchor, anchor + figure, 1), encoding="utf-8")
    return path


XMP_NAMESPACES = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "exif": "http://ns.adobe.com/exif/1.0/",
    "aux": "http://ns.adobe.com/exif/1.0/aux/",
    "exifEX": "http://cipa.jp/exif/1.0/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmpRights": "http://ns.adobe.com/xap/1.0/rights/",
    "tiff": "http://ns.adobe.com/tiff/1.0/",
}


def xmp(description: str, attributes: str = "", prefixes: dict[str, str] | None = None) -> bytes:
    """An XMP packet, as a camera or an editor writes one: one rdf:Description with `attributes` and
    the property elements `description`; `prefixes` binds other prefixes to the namespaces' URIs."""
    bound = {**XMP_NAMESPACES, **(prefixes or {})}
    declared = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in bound.items())
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        f' <rdf:RDF xmlns:rdf="{XMP_NAMESPACES["rdf"]}">\n'
        f'  <rdf:Description rdf:about="" {declared} {attributes}>\n{description}\n  </rdf:Description>\n'
        " </rdf:RDF>\n</x:xmpmeta>\n"
        '<?xpacket end="w"?>'
    ).encode()


def jpeg_with_xmp(packet: bytes) -> bytes:
    """A JPEG whose APP1 segment holds the XMP `packet`."""
    return jpeg_bytes(app1=b"http://ns.adobe.com/xap/1.0/\x00" + packet)


def png_with_xmp(packet: bytes, compressed: bool = False) -> bytes:
    """The test pattern PNG with an iTXt chunk `XML:com.adobe.xmp` holding `packet` (deflated when
    `compressed`) before its image data."""
    data = png_bytes()
    text = zlib.compress(packet) if compressed else packet
    body = b"XML:com.adobe.xmp\x00" + bytes([int(compressed), 0]) + b"\x00\x00" + text
    return data[:33] + chunk(b"iTXt", body) + data[33:]
