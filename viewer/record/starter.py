"""A starter case record written from a source text, for an author to fill in.

It is a valid YAML document, not yet a valid record: the keys an author must fill are
there and empty, so `case-viewer validate` names each with its line. The source text
is held exactly; every sentence of it is listed in a comment, quoted ready to copy into
an item's `quotes`; each empty section has one commented example.
"""

from __future__ import annotations

import os

from viewer.paths import data_dir
from viewer.record.atomic import WriteError, replace
from viewer.record.files import read_regular_file
from viewer.record.sentences import split_sentences
from viewer.record.yamltext import literal_block, quoted

MAX_SOURCE_BYTES = 4_000_000
"""The largest source text read: a record's source text holds at most 1,000,000 characters."""

_EXAMPLES = {
    "history": """\
#   - id: first-presentation
#     label: A short name for the event
#     when: {kind: index, words: "the source's words for when"}
#     quotes:
#       - "the words of the source this item rests on\"""",
    "findings": """\
#   - id: a-finding
#     category: symptom  # examination, imaging, pathology, symptom or diagnosis
#     label: A short name for the finding
#     when: {kind: same, anchor: first-presentation}
#     quotes:
#       - "the words of the source this item rests on\"""",
    "serologies": """\
#   - id: a-test
#     panel: The group the test belongs to
#     label: The test
#     status: negative  # positive, negative, elevated, low, normal, not obtained or pending
#     when: {kind: after, anchor: first-presentation}
#     quotes:
#       - "the words of the source this item rests on\"""",
    "treatments": """\
#   - id: a-treatment
#     agent: The drug or procedure
#     label: A short name for the treatment
#     regimen: "the regimen in the source's words"
#     status: given  # given, ongoing, stopped or under consideration
#     when: {kind: after, anchor: first-presentation}
#     quotes:
#       - "the words of the source this item rests on\"""",
    "outcomes": """\
#   - id: an-outcome
#     label: A short name for the outcome
#     when: {kind: after, anchor: a-treatment}
#     quotes:
#       - "the words of the source this item rests on\"""",
    "discussion": """\
#   - id: a-point
#     category: teaching point  # discussion or teaching point
#     text: The point, in a sentence
#     quotes:
#       - "the words of the source this point rests on\"""",
}


def _first_line(text: str) -> str:
    return next((" ".join(line.split()) for line in text.splitlines() if line.strip()), "")


def starter_record(text: str, source_name: str, schema: str) -> str:
    """The starter record for the source `text`, read from the file `source_name`; `schema`
    is the path of the JSON Schema as the record's folder sees it."""
    title = quoted(_first_line(text))
    block = literal_block(text, 2)
    lines = [
        f"# yaml-language-server: $schema={schema}",
        "#",
        f"# A starter case record written from {source_name}. Fill in what is empty, quote",
        "# the source verbatim in every item, and check the record with `case-viewer validate`.",
        "format: 1",
        f"title: {title}",
        "# A title for unknown-case mode: it must not name the diagnosis.",
        'unknown_title: ""',
        "",
        "source:",
        f"  title: {title}",
        "  # The whole source file, exactly as it is: every quote is checked against it.",
        # The block's last line break is the one the join puts after it.
        f"  text: {quoted(text) if block is None else block.removesuffix(chr(10))}",
        # A comment, never a blank line, follows the block: a blank line would join a text kept with `|+`.
        "# The sentences of the source, each with its line there, ready to copy into quotes:",
    ]
    sentences = [s for s in split_sentences(text) if not s.furniture]
    lines += [f"#   line {s.line}: {quoted(s.text)}" for s in sentences] or ["#   (none found)"]
    lines += [
        "",
        "patient:",
        '  summary: ""',
        "  quotes: []",
        "  # For example:",
        "  #   age_years: 50",
        "  #   sex: female  # female, male or not reported",
        "  #   summary: One line, in the source's terms",
        "  #   quotes:",
        '  #     - "the words of the source that say who the patient is"',
    ]
    for section, example in _EXAMPLES.items():
        lines += ["", f"{section}: []", f"# For example:\n# {section}:", example]
    return "\n".join(lines) + "\n"


def starter_path(source: str) -> str:
    """Where the starter record for `source` goes by default: NAME.case.yaml beside it."""
    folder, name = os.path.split(source)
    stem = name.rsplit(".", 1)[0] if "." in name.lstrip(".") else name
    return os.path.join(folder, f"{stem}.case.yaml")


def _schema_reference(target: str) -> str:
    """The shipped JSON Schema as the record at `target` names it: relative when beside or
    below it, a file URI otherwise."""
    schema = (data_dir("casedata") / "case.schema.json").resolve()
    try:
        relative = os.path.relpath(schema, os.path.dirname(os.path.abspath(target)))
    except ValueError:
        return schema.as_uri()  # on Windows, another drive: no relative path leads there
    return schema.as_uri() if relative.startswith("..") else relative.replace(os.sep, "/")


def write_starter(source: str, output: str | None = None) -> tuple[str | None, str]:
    """Write the starter record for the file `source` to `output` (or `starter_path`); never
    over a file that exists. (the problem in words or None, the path written)."""
    target = output or starter_path(source)
    if os.path.lexists(target):
        return f"{target} already exists; it is left as it is (give another name with -o)", target
    try:
        raw = read_regular_file(source, MAX_SOURCE_BYTES)
    except OSError as error:
        return f"cannot read {source}: {error.strerror or error}", target
    if len(raw) > MAX_SOURCE_BYTES:
        return f"{source} is larger than {MAX_SOURCE_BYTES // 1_000_000} MB; a record holds at most that", target
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return f"{source} is not UTF-8 text (byte {error.start + 1:,}); save it as UTF-8", target
    if not text.strip():
        return f"{source} holds no text", target
    try:
        replace(target, starter_record(text, os.path.basename(source), _schema_reference(target)).encode("utf-8"))
    except WriteError as error:
        return str(error), target
    return None, target
