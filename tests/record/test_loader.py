"""Every loader error path, with a real malformed file and the exact place it is reported.

The expected line, column and path were written by reading each file under
tests/data/bad/, not by running the loader.
"""

from __future__ import annotations

import gc
import os
from pathlib import Path

import pytest
import yaml

from viewer.record import yamldoc
from viewer.record.loader import load_record, load_record_bytes
from viewer.record.problems import Problem, RecordError

DATA = Path(__file__).parents[1] / "data"
BAD = DATA / "bad"
GOOD = DATA / "good"


def problems_of(name: str) -> list[Problem]:
    with pytest.raises(RecordError) as caught:
        load_record(BAD / name)
    return caught.value.problems


# file, line, column, item path, a phrase the message must contain
LOCATED = [
    ("syntax-unclosed-flow.yaml", 20, 7, "", "did not find expected ',' or ']'"),
    ("syntax-bad-indent.yaml", 12, 7, "", "check the indentation"),
    ("tabs-indent.yaml", 12, 1, "", "tab is used for indentation"),
    ("two-documents.yaml", 31, 1, "", "more than one YAML document"),
    ("undefined-alias.yaml", 23, 13, "", "not defined before it"),
    ("duplicate-anchor.yaml", 21, 12, "", "already defined at line 17"),
    ("wrong-type-label-list.yaml", 21, 12, "history[1].label", "expected text, found a list"),
    ("wrong-type-age-text.yaml", 11, 14, "patient.age_years", "expected a whole number, found text"),
    ("bool-label.yaml", 21, 12, "history[1].label", "found true or false"),
    ("unknown-key-item.yaml", 22, 5, "history[1].colour", "'colour' is not a key this item can have"),
    ("key-with-line-break.yaml", 22, 5, r"history[1].col\nour", "is not a key this item can have"),
    ("unknown-key-top.yaml", 4, 1, "authors", "'authors' is not a key a case record can have"),
    ("missing-required-item.yaml", 25, 5, "serologies[0]", "the key 'status' is required"),
    ("missing-required-top.yaml", 2, 1, "", "the key 'patient' is required"),
    (
        "bad-enum-status.yaml",
        28,
        13,
        "serologies[0].status",
        "'negativ' is not one of the allowed values: positive, negative, elevated, low, normal, not obtained, pending",
    ),
    ("bad-enum-sex.yaml", 12, 8, "patient.sex", "allowed values: female, male, not reported"),
    ("bad-time-kind.yaml", 36, 18, "treatments[0].when.kind", "index, date, offset, approximate, after, same, unknown"),
    ("bad-time-unit.yaml", 22, 65, "history[1].when.unit", "'fortnight' is not one of the allowed values"),
    ("wrong-format-version.yaml", 2, 9, "format", "2 is not one of the allowed values: 1"),
    ("duplicate-key-top.yaml", 5, 1, "title", "the key 'title' appears twice (first at line 3)"),
    ("duplicate-key-item.yaml", 22, 5, "history[1].label", "the key 'label' appears twice (first at line 21)"),
    ("recursive-alias.yaml", 3, 8, "title[1]", "alias refers to the mapping or list that contains it"),
    ("recursive-alias-mapping.yaml", 3, 9, "source.again", "alias refers to the mapping or list that contains it"),
    ("alias-bomb.yaml", 8, 1, "f", "more than 200,000 values"),
    ("python-object-apply.yaml", 21, 12, "history[1].label", "the tag !!python/object/apply:os.system is not allowed"),
    ("python-name.yaml", 21, 12, "history[1].label", "the tag !!python/name:os.system is not allowed"),
    ("python-object-new.yaml", 12, 8, "patient.sex", "the tag !!python/object/new:subprocess.Popen is not allowed"),
    ("python-module.yaml", 21, 12, "history[1].label", "the tag !!python/module:os is not allowed"),
    ("custom-tag.yaml", 21, 12, "history[1].label", "the tag !rash is not allowed"),
    ("binary-tag.yaml", 21, 12, "history[1].label", "the tag !!binary is not allowed"),
    ("invalid-utf8.yaml", 3, 18, "", "byte 0xff is not valid UTF-8"),
    ("windows-1252.yaml", 13, 34, "", "byte 0xe9 is not valid UTF-8"),
    ("binary-junk.yaml", 1, 1, "", "byte 0x89 is not valid UTF-8"),
    ("utf16-bom.yaml", 1, 1, "", "UTF-16"),
    ("utf16-be-bom.yaml", 1, 1, "", "UTF-16"),
    ("utf16-no-bom.yaml", 1, 2, "", "NUL byte"),
    ("nul-bytes.yaml", 21, 14, "", "NUL byte"),
    ("empty.yaml", 1, 1, "", "the file is empty"),
    ("only-comments.yaml", 1, 1, "", "the file is empty"),
    ("top-list.yaml", 2, 1, "", "a mapping of keys, not a list"),
    ("top-scalar.yaml", 2, 1, "", "a mapping of keys, not a single value"),
    ("quote-not-in-source.yaml", 23, 14, "history[1].quotes[0]", "not found verbatim in the source text"),
    ("time-words-not-in-source.yaml", 22, 77, "history[1].when.words", "'Three days later'"),
    ("anchor-missing.yaml", 36, 33, "treatments[0].when.anchor", "no item has the id 'eruption'"),
    ("anchor-self.yaml", 36, 33, "treatments[0].when.anchor", "relative to itself"),
    ("anchor-loop.yaml", 18, 33, "history[0].when.anchor", "loop: presentation -> rash -> presentation"),
    ("two-index-events.yaml", 29, 11, "serologies[0].when", "only one index event is allowed (first at history[0]"),
    ("duplicate-ids.yaml", 32, 9, "treatments[0].id", "the id 'presentation' is already used at history[0].id"),
    ("bad-partial-date.yaml", 18, 31, "history[0].when.date", "'2020-02-30' is not a real calendar date"),
    ("bad-date-format.yaml", 18, 31, "history[0].when.date", "YYYY, YYYY-MM or YYYY-MM-DD"),
    ("undated-index-with-dates.yaml", 18, 11, "history[0].when", "index event has no date"),
    ("overlong-string.yaml", 21, 12, "history[1].label", "too long (at most 2000 characters)"),
    ("deep-nesting.yaml", 3, 72, "", "nesting is deeper than 64 levels"),
    ("control-character-escaped.yaml", 21, 12, "history[1].label", "control character U+0007"),
    ("control-character-c1.yaml", 21, 12, "history[1].label", "control character U+009B"),
    ("control-character-raw.yaml", 21, 12, "", "control character U+001B"),
    ("bidi-override.yaml", 21, 17, "history[1].label", "U+202E RIGHT-TO-LEFT OVERRIDE"),
    ("bidi-isolate-escaped.yaml", 13, 12, "patient.summary", "U+2066 LEFT-TO-RIGHT ISOLATE"),
    ("bidi-in-key.yaml", 21, 5, "history[1]", "U+202B RIGHT-TO-LEFT EMBEDDING"),
    ("huge-integer.yaml", 11, 14, "patient.age_years", "at most 130"),
    ("nan-amount.yaml", 22, 56, "history[1].when.amount", "NaN and infinity are not allowed"),
    ("inf-amount.yaml", 22, 56, "history[1].when.amount", "NaN and infinity are not allowed"),
    ("negative-amount.yaml", 22, 56, "history[1].when.amount", "more than 0"),
    ("negative-reveal.yaml", 22, 13, "history[1].reveal", "at least 1"),
    ("key-is-mapping.yaml", 21, 5, "history[1]", "keys must be plain words"),
    ("key-is-list.yaml", 21, 7, "history[1]", "keys must be plain words"),
    ("merge-key.yaml", 21, 5, "history[1]", "merge keys (<<) are not allowed"),
    ("id-with-spaces.yaml", 25, 9, "serologies[0].id", "lower-case letters, digits and hyphens"),
    ("empty-quotes-list.yaml", 23, 13, "history[1].quotes", "the list must not be empty"),
    ("quote-too-short.yaml", 23, 14, "history[1].quotes[0]", "too short (at least 3 characters)"),
    ("wrong-type-history-mapping.yaml", 16, 3, "history", "expected a list, found a mapping of keys"),
    ("id-trailing-newline.yaml", 25, 9, "serologies[0].id", "lower-case letters, digits and hyphens"),
    ("zero-width-in-id.yaml", 20, 9, "history[1].id", "lower-case letters, digits and hyphens"),
    ("date-trailing-newline.yaml", 18, 31, "history[0].when.date", "YYYY, YYYY-MM or YYYY-MM-DD"),
    ("date-arabic-indic-digits.yaml", 18, 31, "history[0].when.date", "with the digits 0-9"),
    ("zero-width-in-label.yaml", 21, 12, "history[1].label", "U+200B ZERO WIDTH SPACE, an invisible character"),
    ("direction-mark-in-title.yaml", 3, 8, "title", "U+200F RIGHT-TO-LEFT MARK, an invisible character"),
]


@pytest.mark.parametrize(("name", "line", "column", "path", "phrase"), LOCATED, ids=[row[0] for row in LOCATED])
def test_problem_is_located(name: str, line: int, column: int, path: str, phrase: str) -> None:
    first = problems_of(name)[0]
    assert (first.line, first.column, first.path) == (line, column, path), str(first)
    assert phrase in first.message
    assert first.file == str(BAD / name)
    prefix = f"{BAD / name}:{line}:{column}: "
    assert str(first) == (f"{prefix}{path}: {first.message}" if path else f"{prefix}{first.message}")


def test_every_corpus_file_has_a_located_case() -> None:
    """A new file under bad/ must get its own expected location here."""
    covered = {row[0] for row in LOCATED} | {"all-at-once.yaml", "all-at-once-structural.yaml"}
    assert {p.name for p in BAD.iterdir()} == covered


def test_all_problems_at_once() -> None:
    problems = problems_of("all-at-once.yaml")
    assert [(p.line, p.column, p.path) for p in problems] == [
        (17, 12, "history[0].label"),
        (28, 13, "serologies[0].status"),
        (34, 5, "treatments[0].dosage"),
    ]
    assert "expected text, found a list" in problems[0].message
    assert "'negativ' is not one of the allowed values" in problems[1].message
    assert "'dosage' is not a key this item can have" in problems[2].message
    assert "dose" in problems[2].message  # the known keys are listed, so the right one is easy to find


def test_structural_problems_are_all_reported() -> None:
    problems = problems_of("all-at-once-structural.yaml")
    assert [(p.line, p.column, p.path) for p in problems] == [
        (13, 3, "patient.sex"),
        (19, 5, "history[0].label"),
        (23, 12, "history[1].label"),
    ]


def test_structural_problems_come_first(tmp_path: Path) -> None:
    """Quotes and times are checked only on a well-formed record: a record with a
    structural problem and a bad quote reports the structural problem alone."""
    text = (GOOD / "minimal.case.yaml").read_text()
    broken = text.replace("status: negative", "status: negativ").replace(
        "quotes: [a rash appeared]", "quotes: [not in the source at all]"
    )
    with pytest.raises(RecordError) as caught:
        load_record_bytes(broken.encode(), "broken.yaml")
    assert [p.path for p in caught.value.problems] == ["serologies[0].status"]
    fixed = broken.replace("status: negativ", "status: negative")
    with pytest.raises(RecordError) as caught:
        load_record_bytes(fixed.encode(), "broken.yaml")
    assert [p.path for p in caught.value.problems] == ["history[1].quotes[0]"]


def test_oversize_file_names_the_cap(tmp_path: Path) -> None:
    big = tmp_path / "big.case.yaml"
    with big.open("wb") as stream:
        stream.write(b"format: 1\ntitle: big\n")
        stream.truncate(50 * 1024 * 1024)  # sparse: 50 MiB on paper, nothing on disk
    with pytest.raises(RecordError) as caught:
        load_record(big)
    [problem] = caught.value.problems
    assert (problem.line, problem.column) == (1, 1)
    assert "50.0 MiB" in problem.message
    assert "limited to 16 MiB" in problem.message


def test_oversize_repetitive_file(tmp_path: Path) -> None:
    big = tmp_path / "repetitive.case.yaml"
    big.write_bytes(b"history:\n" + b"  - label: x\n" * (17 * 1024 * 1024 // 13))
    with pytest.raises(RecordError) as caught:
        load_record(big)
    assert "limited to 16 MiB" in caught.value.problems[0].message


def test_a_stream_that_never_ends_is_not_read() -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    with pytest.raises(RecordError) as caught:
        load_record("/dev/zero")
    [problem] = caught.value.problems
    assert str(problem) == "/dev/zero:1:1: cannot read the file: not a regular file but a character device"


def test_many_values_under_the_size_cap_stop_early(tmp_path: Path) -> None:
    """15 MiB of short list items: refused from the parser's events before any node is built."""
    import time

    many = tmp_path / "many.case.yaml"
    many.write_bytes(b"history:\n" + b"- a\n" * (15 * 1024 * 1024 // 4))
    started = time.perf_counter()
    with pytest.raises(RecordError) as caught:
        load_record(many)
    assert time.perf_counter() - started < 5
    assert "more than 200,000 values" in caught.value.problems[0].message


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(RecordError) as caught:
        load_record(tmp_path / "nowhere.yaml")
    assert caught.value.problems[0].message == "cannot read the file: No such file or directory"
    with pytest.raises(RecordError) as caught:
        load_record(tmp_path)
    assert caught.value.problems[0].message == "cannot read the file: not a regular file but a folder"


def test_good_files_load() -> None:
    record = load_record(GOOD / "minimal.case.yaml")
    assert record.history[1].label == "Rash"
    aliased = load_record(GOOD / "plain-aliases.case.yaml")
    assert aliased.history[0].quotes == aliased.patient.quotes
    assert aliased.serologies[1].panel == "Microbiology"


def test_the_c_loader_is_in_use() -> None:
    assert yaml.__with_libyaml__
    assert yamldoc.SafeLoader is yaml.CSafeLoader


def test_the_loader_builds_no_objects() -> None:
    assert issubclass(yamldoc.SafeLoader, yaml.constructor.SafeConstructor)
    assert not issubclass(yamldoc.SafeLoader, (yaml.constructor.FullConstructor, yaml.constructor.UnsafeConstructor))


def test_python_object_apply_never_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[object] = []
    monkeypatch.setattr(os, "system", lambda *args: calls.append(args) or 0)
    monkeypatch.chdir(tmp_path)
    for name in ("python-object-apply.yaml", "python-object-new.yaml", "python-name.yaml", "python-module.yaml"):
        with pytest.raises(RecordError):
            load_record(BAD / name)
    assert calls == []
    assert not (tmp_path / "pwned-by-case-record").exists()
    # The payload is real: an unsafe loader would have run the command.
    assert b"!!python/object/apply:os.system" in (BAD / "python-object-apply.yaml").read_bytes()


def test_bidi_characters_are_all_refused(tmp_path: Path) -> None:
    text = (GOOD / "minimal.case.yaml").read_text()
    for code in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]:
        bad = text.replace("label: Rash", f"label: Ra{chr(code)}sh")
        with pytest.raises(RecordError) as caught:
            load_record_bytes(bad.encode(), "bidi.yaml")
        [problem] = caught.value.problems
        assert (problem.line, problem.column, problem.path) == (21, 14, "history[1].label")
        assert f"U+{code:04X}" in problem.message


INVISIBLE = [*range(0x200B, 0x2010), 0x2060, 0xFEFF]


@pytest.mark.parametrize("code", INVISIBLE, ids=[f"U+{code:04X}" for code in INVISIBLE])
def test_invisible_characters_are_refused_in_the_records_own_words(code: int) -> None:
    text = (GOOD / "minimal.case.yaml").read_text()
    for field, where in (("label: Rash", "history[1].label"), ("summary: 50-year-old woman", "patient.summary")):
        key, value = field.split(": ")
        bad = text.replace(field, f'{key}: "{value[:2]}\\u{code:04X}{value[2:]}"')
        with pytest.raises(RecordError) as caught:
            load_record_bytes(bad.encode(), "invisible.yaml")
        [problem] = caught.value.problems
        assert problem.path == where
        assert f"U+{code:04X}" in problem.message
        assert "invisible character" in problem.message


@pytest.mark.parametrize("code", INVISIBLE, ids=[f"U+{code:04X}" for code in INVISIBLE])
def test_invisible_characters_may_stand_in_the_source_and_its_quotes(code: int) -> None:
    """The source text is copied from a real document, and quotes must match it verbatim."""
    text = (GOOD / "minimal.case.yaml").read_text()
    mark = f"\\u{code:04X}"
    held = text.replace("    Blood cultures were negative.", f"    Blood cultures were{mark} negative.")
    # A double-quoted source text, so that the escape is read.
    held = held.replace("  text: >-\n", '  text: "')
    held = held.replace("with antibiotics.\n", 'with antibiotics."\n', 1)
    held = held.replace("quotes: [Blood cultures were negative]", f'quotes: ["Blood cultures were{mark} negative"]')
    record = load_record_bytes(held.encode(), "held.yaml")
    assert chr(code) in record.source.text
    assert record.serologies[0].quotes == [f"Blood cultures were{chr(code)} negative"]


def test_problem_cap(tmp_path: Path) -> None:
    """A file with thousands of problems reports a bounded number and says so."""
    text = (GOOD / "minimal.case.yaml").read_text()
    item = "  - id: x{n}\n    label: L\n    colour: red\n    quotes: [a rash appeared]\n"
    many = text.replace("serologies:\n", "".join(item.format(n=n) for n in range(500)) + "serologies:\n")
    with pytest.raises(RecordError) as caught:
        load_record_bytes(many.encode(), "many.yaml")
    problems = caught.value.problems
    assert len(problems) == 201
    assert problems[-1].message == "300 more problems not shown"


def test_a_problem_is_one_line_even_when_a_key_holds_a_line_break() -> None:
    (problem,) = problems_of("key-with-line-break.yaml")
    assert str(problem).endswith(
        "history[1].col\\nour: 'col\\nour' is not a key this item can have; "
        "the keys are: id, label, detail, when, quotes, reveal, note, figures"
    )
    assert "\n" not in str(problem)


@pytest.mark.parametrize("collecting", [True, False])
def test_loading_leaves_the_cycle_collector_as_it_found_it(collecting: bool) -> None:
    good = (GOOD / "minimal.case.yaml").read_bytes()
    bad = (BAD / "zero-width-in-label.yaml").read_bytes()
    (gc.enable if collecting else gc.disable)()
    try:
        load_record_bytes(good, "good.yaml")
        assert gc.isenabled() is collecting
        with pytest.raises(RecordError):
            load_record_bytes(bad, "bad.yaml")
        assert gc.isenabled() is collecting
    finally:
        gc.enable()
