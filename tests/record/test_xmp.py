"""XMP metadata in a figure (a JPEG's APP1 XMP segment, a PNG's iTXt chunk) is checked as EXIF is:
a location, a serial number or an owner's or creator's name is a warning.

Every file is made by the test (tests/figure_files.py): a test pattern with a packet written by hand.
"""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest
from figure_files import chunk, exif, jpeg_bytes, jpeg_with_xmp, png_bytes, png_with_xmp, record_with_figure, xmp
from run_cli import run_cli

from viewer.record.images import MAX_XMP_BYTES, UNREADABLE_XMP, identifying_metadata

GPS = "the location where it was taken (GPS)"
LAUGHS = b"".join(b'<!ENTITY %c "%s">' % (98 + i, b"&%c;" % (97 + i) * 10) for i in range(9))
"""Entities b to j, each ten of the one before: j would be ten billion characters."""


@pytest.mark.parametrize(
    ("description", "attributes", "held"),
    [
        ("<exif:GPSLatitude>48,51.5N</exif:GPSLatitude>", "", [GPS]),
        ("", 'exif:GPSLongitude="2,17.7E"', [GPS]),
        ("<aux:SerialNumber>0421803351</aux:SerialNumber>", "", ["the camera's serial number"]),
        ("", 'exifEX:BodySerialNumber="0421803351"', ["the camera's serial number"]),
        ("<exifEX:LensSerialNumber>17301</exifEX:LensSerialNumber>", "", ["the lens's serial number"]),
        ("", 'aux:LensSerialNumber="17301"', ["the lens's serial number"]),
        ("<aux:OwnerName>A. Person</aux:OwnerName>", "", ["the camera owner's name"]),
        ("", 'exifEX:CameraOwnerName="A. Person"', ["the camera owner's name"]),
        ("<dc:creator><rdf:Seq><rdf:li>A. Person</rdf:li></rdf:Seq></dc:creator>", "", ["the creator's name"]),
        (
            "<xmpRights:Owner><rdf:Bag><rdf:li>A. Person</rdf:li></rdf:Bag></xmpRights:Owner>",
            "",
            ["the rights owner's name"],
        ),
        # Nothing that names anyone: the camera's make, a property left empty.
        ("<tiff:Make>Maker</tiff:Make><dc:creator><rdf:Seq/></dc:creator>", 'aux:OwnerName=" "', []),
        (
            "<exif:GPSLatitude>48,51.5N</exif:GPSLatitude><exif:GPSLongitude>2,17.7E</exif:GPSLongitude>"
            "<dc:creator><rdf:Seq><rdf:li>A. Person</rdf:li></rdf:Seq></dc:creator>",
            "",
            [GPS, "the creator's name"],
        ),
    ],
)
def test_identifying_xmp_properties_in_a_jpeg_and_a_png(description: str, attributes: str, held: list[str]) -> None:
    packet = xmp(description, attributes)
    assert identifying_metadata(jpeg_with_xmp(packet)) == held
    assert identifying_metadata(png_with_xmp(packet)) == held
    assert identifying_metadata(png_with_xmp(packet, compressed=True)) == held


def test_a_property_is_known_by_its_namespace_whatever_its_prefix() -> None:
    other = xmp("<g:GPSLatitude>48,51.5N</g:GPSLatitude>", prefixes={"g": "http://ns.adobe.com/exif/1.0/"})
    assert identifying_metadata(jpeg_with_xmp(other)) == [GPS]
    # The property's name in another namespace is not the EXIF one.
    elsewhere = xmp("<g:GPSLatitude>48,51.5N</g:GPSLatitude>", prefixes={"g": "http://example.org/not-exif/"})
    assert identifying_metadata(jpeg_with_xmp(elsewhere)) == []


def test_exif_and_xmp_saying_the_same_say_it_once() -> None:
    data = jpeg_bytes(app1=exif([(0x8825, 0)]))
    packet = b"http://ns.adobe.com/xap/1.0/\x00" + xmp("<exif:GPSLatitude>1N</exif:GPSLatitude>")
    both = data[:2] + bytes([0xFF, 0xE1]) + (len(packet) + 2).to_bytes(2, "big") + packet + data[2:]
    assert identifying_metadata(both) == [GPS]


@pytest.mark.parametrize(
    "packet",
    [
        b"",
        b"<x:xmpmeta xmlns:x='adobe:ns:meta/'><unclosed>",
        b"not xml at all \xff\xfe",
        # An entity that grows without bound: expat stops it, and nothing is read.
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">' + LAUGHS + b"]><x>&j;</x>",
        # An external entity is never fetched.
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
    ],
)
def test_a_packet_that_does_not_parse_is_said_to_be_unchecked(packet: bytes) -> None:
    # Never taken for a clean one: what it holds is not known.
    assert identifying_metadata(jpeg_with_xmp(packet)) == [UNREADABLE_XMP]
    assert identifying_metadata(png_with_xmp(packet)) == [UNREADABLE_XMP]


def test_a_compressed_packet_is_inflated_no_further_than_its_limit() -> None:
    padding = b" " * (MAX_XMP_BYTES + 1)
    packet = xmp(f"<exif:GPSLatitude>48N</exif:GPSLatitude>{padding.decode()}")
    assert identifying_metadata(png_with_xmp(packet, compressed=True)) == [UNREADABLE_XMP]
    damaged = png_bytes()
    body = b"XML:com.adobe.xmp\x00\x01\x00\x00\x00" + zlib.compress(packet)[:-20] + b"junk"
    assert identifying_metadata(damaged[:33] + chunk(b"iTXt", body) + damaged[33:]) == [UNREADABLE_XMP]
    # Other iTXt text is not XMP.
    other = b"Comment\x00\x00\x00\x00\x00" + xmp("<exif:GPSLatitude>48N</exif:GPSLatitude>")
    assert identifying_metadata(damaged[:33] + chunk(b"iTXt", other) + damaged[33:]) == []


def test_validate_warns_of_xmp_as_of_exif(tmp_path: Path) -> None:
    (tmp_path / "creator.png").write_bytes(png_with_xmp(xmp("", 'aux:SerialNumber="42"')))
    record = record_with_figure(tmp_path, "creator.png")
    result = run_cli("validate", str(record), timeout=60)
    assert (result.returncode, result.stdout) == (0, f"{record}: valid\n")
    assert result.stderr == (
        f"{record}:21:15: history[0].figures[0].file: warning: the image's metadata holds "
        "the camera's serial number; figures must be de-identified\n"
    )


PLACES = {
    "photoshop": "http://ns.adobe.com/photoshop/1.0/",
    "Iptc4xmpCore": "http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/",
    "Iptc4xmpExt": "http://iptc.org/std/Iptc4xmpExt/2008-02-29/",
}


@pytest.mark.parametrize(
    ("description", "attributes"),
    [
        ("<photoshop:City>Lyon</photoshop:City>", ""),
        ("", 'photoshop:Country="France"'),
        ("<Iptc4xmpCore:Location>Ward 7</Iptc4xmpCore:Location>", ""),
        (
            "<Iptc4xmpExt:LocationCreated><rdf:Bag><rdf:li rdf:parseType='Resource'>"
            "<Iptc4xmpExt:City>Lyon</Iptc4xmpExt:City></rdf:li></rdf:Bag></Iptc4xmpExt:LocationCreated>",
            "",
        ),
    ],
)
def test_a_place_in_words_is_found(description: str, attributes: str) -> None:
    packet = xmp(description, attributes, PLACES)
    assert identifying_metadata(jpeg_with_xmp(packet)) == ["the place where it was taken, in words"]
    assert identifying_metadata(png_with_xmp(packet)) == ["the place where it was taken, in words"]


@pytest.mark.parametrize(
    "contact",
    [
        "<Iptc4xmpCore:CreatorContactInfo rdf:parseType='Resource'>"
        "<Iptc4xmpCore:CiEmailWork>someone@example.org</Iptc4xmpCore:CiEmailWork></Iptc4xmpCore:CreatorContactInfo>",
        # The fields as attributes of the structure: no text of its own.
        "<Iptc4xmpCore:CreatorContactInfo Iptc4xmpCore:CiTelWork='+33 1 23 45 67 89'/>",
    ],
)
def test_the_creators_contact_details_are_found(contact: str) -> None:
    assert identifying_metadata(png_with_xmp(xmp(contact, "", PLACES))) == ["the creator's contact details"]


def test_an_empty_contact_names_no_one() -> None:
    empty = "<Iptc4xmpCore:CreatorContactInfo rdf:parseType='Resource'/>"
    assert identifying_metadata(png_with_xmp(xmp(empty, "", PLACES))) == []
