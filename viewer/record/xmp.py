"""What an image's XMP packet holds that could identify a place, a person or a camera.

XMP is RDF written as XML: a property is an element (`<exif:GPSLatitude>`) or an
attribute of an `rdf:Description`, its prefix bound to a namespace the packet
declares. Properties are matched by namespace and name, whatever prefix a
writer chose; one counts when it holds some text (an empty `dc:creator` names
no one). The XML parser is Python's expat, which expands no external entity and
stops an entity that grows without bound; a packet that does not parse is said
to be unreadable, never taken for a clean one.
"""

from __future__ import annotations

from xml.etree import ElementTree

from viewer.record.images import CAMERA_OWNER, CAMERA_SERIAL, GPS_WORDS, LENS_SERIAL, UNREADABLE_XMP

_EXIF = "http://ns.adobe.com/exif/1.0/"
_AUX = "http://ns.adobe.com/exif/1.0/aux/"
_EXIF_EX = "http://cipa.jp/exif/1.0/"
_DC = "http://purl.org/dc/elements/1.1/"
_RIGHTS = "http://ns.adobe.com/xap/1.0/rights/"
_PHOTOSHOP = "http://ns.adobe.com/photoshop/1.0/"
_IPTC_CORE = "http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/"
_IPTC_EXT = "http://iptc.org/std/Iptc4xmpExt/2008-02-29/"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
PLACE_WORDS = "the place where it was taken, in words"

IDENTIFYING = {
    f"{{{_EXIF}}}GPSLatitude": GPS_WORDS,
    f"{{{_EXIF}}}GPSLongitude": GPS_WORDS,
    f"{{{_AUX}}}SerialNumber": CAMERA_SERIAL,
    f"{{{_EXIF_EX}}}BodySerialNumber": CAMERA_SERIAL,
    f"{{{_AUX}}}LensSerialNumber": LENS_SERIAL,
    f"{{{_EXIF_EX}}}LensSerialNumber": LENS_SERIAL,
    f"{{{_AUX}}}OwnerName": CAMERA_OWNER,
    f"{{{_EXIF_EX}}}CameraOwnerName": CAMERA_OWNER,
    f"{{{_DC}}}creator": "the creator's name",
    f"{{{_RIGHTS}}}Owner": "the rights owner's name",
    f"{{{_PHOTOSHOP}}}City": PLACE_WORDS,
    f"{{{_PHOTOSHOP}}}State": PLACE_WORDS,
    f"{{{_PHOTOSHOP}}}Country": PLACE_WORDS,
    f"{{{_IPTC_CORE}}}Location": PLACE_WORDS,
    f"{{{_IPTC_EXT}}}LocationShown": PLACE_WORDS,
    f"{{{_IPTC_EXT}}}LocationCreated": PLACE_WORDS,
    f"{{{_IPTC_CORE}}}CreatorContactInfo": "the creator's contact details",
}
"""XMP properties, by namespace and name, that trace a figure to a place, a device or a person, in words."""


def xmp_identifying(packet: bytes) -> list[str]:
    """What the XMP `packet` holds that could identify a place, a person or a camera, in words, each once."""
    try:
        root = ElementTree.fromstring(packet)
    except ElementTree.ParseError:
        return [UNREADABLE_XMP]
    found: list[str] = []
    for element in root.iter():
        named = list(element.attrib.items())
        named.append((element.tag, _held(element)))
        for name, value in named:
            words = IDENTIFYING.get(name)
            if words is not None and value.strip() and words not in found:
                found.append(words)
    return found


def _held(element: ElementTree.Element) -> str:
    """The text a property holds: its own and, for a structure (a contact, a location), its fields',
    written as elements or as attributes."""
    fields = (
        value for part in element.iter() for name, value in part.attrib.items() if not name.startswith(f"{{{_RDF}}}")
    )
    return "".join(element.itertext()) + "".join(fields)
