"""A figure's file stays inside the record's folder, and is checked from its bytes before it is shown.

Every file here is made by the test (tests/figure_files.py): a test pattern, or
bytes broken in one way. `validate` runs as a user runs it; a figure that
cannot be shown fails it at the line of its `file:`, and the case still loads.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from figure_files import chunk, exif, jpeg_bytes, png_bytes, png_declaring, record_with_figure
from run_cli import run_cli

from viewer.content.disclosure import Disclosure
from viewer.record.figures import FigureError, figure_path, read_figure
from viewer.record.images import identifying_metadata
from viewer.record.loader import load_record

FILE_LINE = 21
"""The line of the figure's `file:` in the record `record_with_figure` writes."""


def validate(record: Path) -> tuple[int, str, str]:
    run = run_cli("validate", str(record), timeout=60)
    return run.returncode, run.stdout, run.stderr


def test_a_good_png_and_jpeg_pass(tmp_path: Path) -> None:
    (tmp_path / "figures").mkdir()
    (tmp_path / "figures" / "pattern.png").write_bytes(png_bytes(64, 48))
    (tmp_path / "pattern.jpg").write_bytes(jpeg_bytes(30, 20))
    assert read_figure(tmp_path, "figures/pattern.png").info.width == 64
    assert (read_figure(tmp_path, "pattern.jpg").info.width, read_figure(tmp_path, "pattern.jpg").info.height) == (
        30,
        20,
    )
    record = record_with_figure(tmp_path, "figures/pattern.png")
    assert validate(record) == (0, f"{record}: valid\n", "")
    assert load_record(record).history[0].figures[0].caption == "Test pattern"


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("/etc/passwd.png", "is an absolute path"),
        ("C:/pictures/a.png", "is an absolute path"),
        ("../outside.png", "leaves the record's folder"),
        ("figures/../../outside.png", "leaves the record's folder"),
    ],
)
def test_a_path_leaving_the_folder_is_refused_at_its_line(tmp_path: Path, name: str, words: str) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    (tmp_path / "outside.png").write_bytes(png_bytes())
    record = record_with_figure(folder, name)
    status, out, err = validate(record)
    assert status == 1
    assert out == ""
    assert err.startswith(f"{record}:{FILE_LINE}:")
    assert "history[0].figures[0].file" in err
    assert words in err
    # The rest of the case still loads: only the figure cannot be shown.
    assert load_record(record).history[0].label == "Fever"


def test_dot_dot_that_stays_inside_is_allowed(tmp_path: Path) -> None:
    (tmp_path / "figures").mkdir()
    (tmp_path / "pattern.png").write_bytes(png_bytes())
    assert read_figure(tmp_path, "figures/../pattern.png").info.format == "PNG"


def test_a_link_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    (tmp_path / "outside.png").write_bytes(png_bytes())
    (folder / "inside.png").symlink_to(tmp_path / "outside.png")
    (folder / "pictures").symlink_to(tmp_path)
    for name in ("inside.png", "pictures/outside.png"):
        with pytest.raises(FigureError, match="link that leads outside the record's folder"):
            figure_path(folder, name)
    status, _out, err = validate(record_with_figure(folder, "inside.png"))
    assert status == 1
    assert f":{FILE_LINE}:" in err
    assert "link that leads outside" in err


def test_a_link_inside_the_folder_is_followed(tmp_path: Path) -> None:
    (tmp_path / "pattern.png").write_bytes(png_bytes())
    (tmp_path / "alias.png").symlink_to("pattern.png")
    assert read_figure(tmp_path, "alias.png").info.format == "PNG"


def test_a_record_without_a_folder_has_no_figures_to_show() -> None:
    with pytest.raises(FigureError, match="not read from a file"):
        read_figure(None, "pattern.png")


def _truncated_png() -> bytes:
    data = png_bytes(64, 48)
    return data[: len(data) - 30]


def _corrupt_png() -> bytes:
    data = bytearray(png_bytes(64, 48))
    data[60] ^= 0xFF  # a byte of the image data: its chunk's check fails
    return bytes(data)


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("cut.png", _truncated_png(), "cut short"),
        ("corrupt.png", _corrupt_png(), "fails its check"),
        ("huge.png", png_declaring(100_000, 100_000), "100,000 x 100,000 pixels"),
        ("over.png", png_declaring(8000, 5001), "at most 40 megapixels"),
        ("photo.png", jpeg_bytes(), "named as a PNG image but its bytes are a JPEG image"),
        ("pattern.jpg", png_bytes(), "named as a JPEG image but its bytes are a PNG image"),
        ("empty.png", b"", "the figure file is empty"),
        ("text.png", b"not an image at all\n", "neither a PNG nor a JPEG"),
        ("cut.jpg", jpeg_bytes()[:-2], "cut short"),
        ("pattern.gif", b"GIF89a", "not named as a PNG or JPEG file"),
    ],
)
def test_a_broken_image_is_a_located_problem(tmp_path: Path, name: str, content: bytes, words: str) -> None:
    (tmp_path / name).write_bytes(content)
    with pytest.raises(FigureError, match=words):
        read_figure(tmp_path, name)
    record = record_with_figure(tmp_path, name)
    status, out, err = validate(record)
    assert (status, out) == (1, "")
    assert err.startswith(f"{record}:{FILE_LINE}:")
    assert words in err
    assert load_record(record).history[0].figures[0].file == name


def test_a_missing_file_a_folder_and_an_unreadable_file(tmp_path: Path) -> None:
    (tmp_path / "folder.png").mkdir()
    locked = tmp_path / "locked.png"
    locked.write_bytes(png_bytes())
    locked.chmod(0)
    with pytest.raises(FigureError, match="No such file"):
        read_figure(tmp_path, "missing.png")
    with pytest.raises(FigureError, match="not a regular file but a folder"):
        read_figure(tmp_path, "folder.png")
    if os.geteuid() != 0:  # root reads any file
        with pytest.raises(FigureError, match="Permission denied"):
            read_figure(tmp_path, "locked.png")


def test_a_file_over_32_mib_is_refused_unread(tmp_path: Path) -> None:
    big = tmp_path / "big.png"
    with big.open("wb") as stream:
        stream.write(png_bytes())
        stream.truncate(32 * 1024 * 1024 + 1)
    with pytest.raises(FigureError, match="larger than 32 MiB"):
        read_figure(tmp_path, "big.png")


def test_a_fifo_is_refused_without_waiting(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.png")
    # A subprocess with a timeout: a regression fails instead of hanging the suite.
    status, _out, err = validate(record_with_figure(tmp_path, "pipe.png"))
    assert status == 1
    assert "not a regular file but a named pipe (FIFO)" in err


def test_more_than_200_mib_of_figures_in_one_record(tmp_path: Path) -> None:
    text = record_with_figure(tmp_path, "a0.png").read_text(encoding="utf-8")
    entries = "".join(f"      - file: a{index}.png\n        caption: Pattern {index}\n" for index in range(1, 7))
    (tmp_path / "case.yaml").write_text(
        text.replace("        credit: Made by the test\n", "        credit: x\n" + entries)
    )
    for index in range(7):
        # Each is a whole PNG of 30 MiB: a test pattern followed by a large private chunk.
        data = png_bytes()
        padding = b"\x00" * (30 * 1024 * 1024)
        (tmp_path / f"a{index}.png").write_bytes(data[:-12] + chunk(b"prVt", padding) + data[-12:])
    status, _out, err = validate(tmp_path / "case.yaml")
    assert status == 1
    assert "history[0].figures[6].file" in err
    assert "more than 200 MiB" in err
    assert "figures[5]" not in err


def test_identifying_exif_metadata_is_a_warning(tmp_path: Path) -> None:
    gps = jpeg_bytes(app1=exif([(0x010F, 0), (0x8825, 0)]))
    serial = jpeg_bytes(app1=exif([(0x010F, 0)], exif_tags=[(0xA431, 0)]))
    plain = jpeg_bytes(app1=exif([(0x010F, 0)], exif_tags=[(0x9003, 0)]))
    assert identifying_metadata(gps) == ["the location where it was taken (GPS)"]
    assert identifying_metadata(serial) == ["the camera's serial number"]
    assert identifying_metadata(plain) == []
    (tmp_path / "gps.jpg").write_bytes(gps)
    record = record_with_figure(tmp_path, "gps.jpg")
    status, out, err = validate(record)
    assert status == 0
    assert out == f"{record}: valid\n"
    assert err == (
        f"{record}:{FILE_LINE}:15: history[0].figures[0].file: warning: the image's metadata holds "
        "the location where it was taken (GPS); figures must be de-identified\n"
    )
    (tmp_path / "serial.jpg").write_bytes(serial)
    status, _out, err = validate(record_with_figure(tmp_path, "serial.jpg"))
    assert status == 0
    assert "the camera's serial number" in err


def test_a_figure_legend_is_checked_as_a_quote(tmp_path: Path) -> None:
    (tmp_path / "pattern.png").write_bytes(png_bytes())
    record = record_with_figure(tmp_path, "pattern.png", extra="        quotes: [not in the source text]\n")
    status, _out, err = validate(record)
    assert status == 1
    assert "history[0].figures[0].quotes[0]: not found verbatim in the source text" in err
    record = record_with_figure(tmp_path, "pattern.png", extra="        quotes: [Two days later]\n")
    assert validate(record)[0] == 0


def test_identifying_metadata_in_a_png_is_a_warning_too(tmp_path: Path) -> None:
    data = png_bytes()
    # An eXIf chunk (the TIFF structure without JPEG's "Exif" prefix) before the image data.
    tagged = data[:33] + chunk(b"eXIf", exif([(0x8825, 0)])[6:]) + data[33:]
    assert identifying_metadata(tagged) == ["the location where it was taken (GPS)"]
    (tmp_path / "tagged.png").write_bytes(tagged)
    status, _out, err = validate(record_with_figure(tmp_path, "tagged.png"))
    assert status == 0
    assert "warning: the image's metadata holds the location where it was taken (GPS)" in err


@pytest.mark.parametrize(
    "body", [b"Exif\x00\x00", b"Exif\x00\x00II*\x00\xff\xff\x00\x00", b"Exif\x00\x00II*\x00\x08\x00\x00\x00\xff\xff"]
)
def test_damaged_exif_metadata_is_read_as_far_as_it_goes(body: bytes) -> None:
    assert identifying_metadata(jpeg_bytes(app1=body)) == []


def test_one_large_file_named_many_times_counts_each_time(tmp_path: Path) -> None:
    text = record_with_figure(tmp_path, "a.png").read_text(encoding="utf-8")
    entries = "".join(f"      - file: a.png\n        caption: Pattern {index}\n" for index in range(1, 20))
    (tmp_path / "case.yaml").write_text(
        text.replace("        credit: Made by the test\n", "        credit: x\n" + entries)
    )
    data = png_bytes()
    (tmp_path / "a.png").write_bytes(data[:-12] + chunk(b"prVt", b"\x00" * (30 * 1024 * 1024)) + data[-12:])
    status, _out, err = validate(tmp_path / "case.yaml")
    assert status == 1
    refused = [line for line in err.splitlines() if "more than 200 MiB" in line]
    assert [line.split(": ")[1] for line in refused] == [f"history[0].figures[{n}].file" for n in range(6, 20)]


def test_a_figure_revealed_before_its_item_is_a_warning_and_waits_for_its_item(tmp_path: Path) -> None:
    (tmp_path / "pattern.png").write_bytes(png_bytes())
    record = record_with_figure(tmp_path, "pattern.png", extra="        reveal: 1\n")
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("    label: Fever\n", "    label: Fever\n    reveal: 3\n", 1), encoding="utf-8")
    status, out, err = validate(record)
    assert (status, out) == (0, f"{record}: valid\n")
    # The item's `reveal: 3` comes before its figure: the figure's `reveal:` is one line further down.
    assert err == (
        f"{record}:{FILE_LINE + 4}:17: history[0].figures[0].reveal: warning: the figure's reveal (1) comes "
        "before its item's (3); unknown-case mode shows it with its item, at stage 3\n"
    )
    loaded = load_record(record)
    item = loaded.history[0]
    for stage in (0, 1, 2):
        assert Disclosure(loaded, unknown=True, stage=stage).figures(item) == [None]
    assert Disclosure(loaded, unknown=True, stage=3).figures(item) == [item.figures[0]]
    # At its item's stage or later, a figure's reveal is as meant: no warning.
    record.write_text(record.read_text(encoding="utf-8").replace("reveal: 1", "reveal: 3"), encoding="utf-8")
    assert validate(record) == (0, f"{record}: valid\n", "")
