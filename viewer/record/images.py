"""What a PNG or JPEG file is, read from its bytes without decoding a pixel.

A figure is checked before any image library sees it: its format from its
signature, its size from its header (PNG's IHDR, JPEG's start-of-frame), and
its structure walked to the end, so a truncated or corrupt file, or one whose
header declares more pixels than may be decoded, is refused with words.
"""

from __future__ import annotations

import struct
import zlib

import msgspec

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JPEG_START = b"\xff\xd8"

# Start-of-frame markers: every JPEG coding process but the DHT (C4), JPG (C8) and DAC (CC) markers.
_JPEG_FRAMES = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}
# Markers that stand alone, without a length: TEM and the restart markers.
_JPEG_BARE = {0x01, *range(0xD0, 0xD8)}


class ImageInfo(msgspec.Struct, frozen=True):
    format: str
    """"PNG" or "JPEG"."""
    width: int
    height: int


class ImageFormatError(ValueError):
    """The bytes are not a whole PNG or JPEG file; the message says why, in words."""


def image_format(data: bytes) -> str | None:
    """ "PNG" or "JPEG" as the file's first bytes say; None for anything else."""
    if data.startswith(PNG_SIGNATURE):
        return "PNG"
    if data.startswith(JPEG_START + b"\xff"):
        return "JPEG"
    return None


def image_info(data: bytes) -> ImageInfo:
    """The format and size of the PNG or JPEG file `data`. Raises ImageFormatError."""
    kind = image_format(data)
    if kind == "PNG":
        return _png(data)
    if kind == "JPEG":
        return _jpeg(data)
    raise ImageFormatError("the file is neither a PNG nor a JPEG image")


def _png(data: bytes) -> ImageInfo:
    position = len(PNG_SIGNATURE)
    size: tuple[int, int] | None = None
    while True:
        if position + 8 > len(data):
            raise ImageFormatError("the PNG file is cut short: it ends before its last chunk (IEND)")
        length, kind = struct.unpack_from(">I4s", data, position)
        body = position + 8
        if body + length + 4 > len(data):
            raise ImageFormatError("the PNG file is cut short: a chunk runs past its end")
        (crc,) = struct.unpack_from(">I", data, body + length)
        if zlib.crc32(data[position + 4 : body + length]) != crc:
            raise ImageFormatError(f"the PNG file is damaged: its {kind.decode('latin-1')!r} chunk fails its check")
        if size is None:
            if kind != b"IHDR" or length != 13:
                raise ImageFormatError("the PNG file is damaged: it does not begin with its header (IHDR)")
            size = struct.unpack_from(">II", data, body)
            if 0 in size:
                raise ImageFormatError("the PNG file declares an image with no pixels")
        if kind == b"IEND":
            return ImageInfo("PNG", *size)
        position = body + length + 4


def _jpeg(data: bytes) -> ImageInfo:
    position = 2
    size: tuple[int, int] | None = None
    while True:
        while (
            position < len(data) and data[position] == 0xFF and position + 1 < len(data) and data[position + 1] == 0xFF
        ):
            position += 1  # fill bytes before a marker
        if position + 2 > len(data):
            raise ImageFormatError("the JPEG file is cut short: it ends before its image data")
        if data[position] != 0xFF:
            raise ImageFormatError("the JPEG file is damaged: a segment does not begin with a marker")
        marker = data[position + 1]
        if marker in _JPEG_BARE:
            position += 2
            continue
        if marker == 0xD9:
            raise ImageFormatError("the JPEG file ends before its image data")
        if position + 4 > len(data):
            raise ImageFormatError("the JPEG file is cut short: a segment runs past its end")
        (length,) = struct.unpack_from(">H", data, position + 2)
        if length < 2 or position + 2 + length > len(data):
            raise ImageFormatError("the JPEG file is cut short: a segment runs past its end")
        if marker in _JPEG_FRAMES:
            if length < 8:
                raise ImageFormatError("the JPEG file is damaged: its frame header is too short")
            height, width = struct.unpack_from(">HH", data, position + 5)
            if 0 in (height, width):
                raise ImageFormatError("the JPEG file declares an image with no pixels")
            size = (width, height)
        if marker == 0xDA:
            if size is None:
                raise ImageFormatError("the JPEG file is damaged: its image data comes before its frame header")
            # The entropy-coded data runs to the end-of-image marker, which a whole file ends with.
            if not data.rstrip(b"\x00").endswith(b"\xff\xd9"):
                raise ImageFormatError("the JPEG file is cut short: it does not end with its end-of-image marker")
            return ImageInfo("JPEG", *size)
        position += 2 + length


_GPS_INFO = 0x8825
_EXIF_IFD = 0x8769
GPS_WORDS = "the location where it was taken (GPS)"
CAMERA_SERIAL = "the camera's serial number"
LENS_SERIAL = "the lens's serial number"
CAMERA_OWNER = "the camera owner's name"
# Tags that name one camera or its owner: with them, a figure could be traced to a device or a person.
_IDENTIFYING = {
    0xA430: CAMERA_OWNER,
    0xA431: CAMERA_SERIAL,
    0xA435: LENS_SERIAL,
    0xC62F: CAMERA_SERIAL,
}
_XMP_JPEG = b"http://ns.adobe.com/xap/1.0/\x00"
"""How a JPEG's APP1 segment holding an XMP packet begins."""
_XMP_PNG = b"XML:com.adobe.xmp"
"""The keyword of a PNG's iTXt chunk holding an XMP packet."""
UNREADABLE_XMP = "XMP metadata that cannot be read, and so was not checked"
MAX_XMP_BYTES = 4 * 1024 * 1024
"""The most of a compressed XMP packet that is inflated to be read: a packet is a few kilobytes."""


def identifying_metadata(data: bytes) -> list[str]:
    """What the metadata of the JPEG or PNG file `data` holds that could identify a place, a person or
    a camera, in words ("the location where it was taken (GPS)"); empty when it holds none. Read are its
    EXIF (a JPEG's APP1 Exif segments, a PNG's eXIf chunk) and its XMP packets (a JPEG's APP1 XMP
    segments, a PNG's iTXt chunk `XML:com.adobe.xmp`)."""
    found: list[str] = []
    if data.startswith(PNG_SIGNATURE):
        chunks = _png_chunks(data)
        blocks = [body for kind, body in chunks if kind == b"eXIf"]
        packets = [_itxt_xmp(body) for kind, body in chunks if kind == b"iTXt" and body.startswith(_XMP_PNG + b"\x00")]
    else:
        segments = _jpeg_app1_segments(data)
        blocks = [segment[6:] for segment in segments if segment.startswith(b"Exif\x00\x00")]
        packets = [segment[len(_XMP_JPEG) :] for segment in segments if segment.startswith(_XMP_JPEG)]
    for tiff in blocks:
        for tag in _tags(tiff):
            words = GPS_WORDS if tag == _GPS_INFO else _IDENTIFYING.get(tag)
            if words is not None and words not in found:
                found.append(words)
    if packets:
        from viewer.record.xmp import xmp_identifying  # an XML parser: only for a file with XMP

        for packet in packets:
            held = [UNREADABLE_XMP] if packet is None else xmp_identifying(packet)
            found += [words for words in held if words not in found]
    return found


def _jpeg_app1_segments(data: bytes) -> list[bytes]:
    """The bodies of the JPEG's APP1 segments (EXIF or XMP), up to its image data."""
    segments = []
    position = 2
    while position + 4 <= len(data) and data[position] == 0xFF:
        marker = data[position + 1]
        if marker in (0xDA, 0xD9):
            break
        (length,) = struct.unpack_from(">H", data, position + 2)
        if marker == 0xE1:
            segments.append(data[position + 4 : position + 2 + length])
        position += 2 + max(length, 2)
    return segments


def _png_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    """(type, body) of each chunk of a whole PNG but its image data."""
    chunks = []
    position = len(PNG_SIGNATURE)
    while position + 8 <= len(data):
        length, kind = struct.unpack_from(">I4s", data, position)
        if kind != b"IDAT":
            chunks.append((kind, data[position + 8 : position + 8 + length]))
        position += 12 + length
    return chunks


def _itxt_xmp(body: bytes) -> bytes | None:
    """The XMP packet the iTXt chunk `body` (keyword `XML:com.adobe.xmp`) holds, inflated when
    compressed; None when it cannot be read: damaged, or inflating past MAX_XMP_BYTES."""
    _keyword, _, rest = body.partition(b"\x00")
    if len(rest) < 2:
        return None
    compressed = rest[0] == 1
    # Then the language tag and the translated keyword, each ended by a NUL, then the text.
    parts = rest[2:].split(b"\x00", 2)
    if len(parts) < 3:
        return None
    text = parts[2]
    if not compressed:
        return text
    inflater = zlib.decompressobj()
    try:
        packet = inflater.decompress(text, MAX_XMP_BYTES)
    except zlib.error:
        return None
    return None if inflater.unconsumed_tail else packet


def _tags(tiff: bytes) -> list[int]:
    """The tags of IFD0 and of the Exif IFD it points to; a damaged structure yields what was read."""
    if len(tiff) < 8 or tiff[:4] not in (b"II*\x00", b"MM\x00*"):
        return []
    order = "<" if tiff[:2] == b"II" else ">"
    tags: list[int] = []
    pending = [struct.unpack_from(order + "I", tiff, 4)[0]]
    seen: set[int] = set()
    while pending:
        offset = pending.pop()
        if offset in seen or offset + 2 > len(tiff):
            continue
        seen.add(offset)
        (count,) = struct.unpack_from(order + "H", tiff, offset)
        for index in range(count):
            entry = offset + 2 + 12 * index
            if entry + 12 > len(tiff):
                break
            tag, _kind, _count, value = struct.unpack_from(order + "HHII", tiff, entry)
            tags.append(tag)
            if tag == _EXIF_IFD:
                pending.append(value)
    return tags
