"""Synthetic case records of any size, for the benchmarks and their tests. No Qt here.

A record of `count` timed events spread over the five lanes and ten years, with
every kind of time the format has: exact dates (to the day, month or year),
exact and approximate offsets, order-only chains, "same time" and unknown
times, and treatment courses with an end or still ongoing. Each item quotes a
sentence of the generated source text, so the record passes `load_record`.

The YAML is written out by hand, in the styles authors use (block mappings,
flow mappings for `when`, plain and quoted scalars), because PyYAML's
pure-Python emitter would take longer than the loading being measured.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
from pathlib import Path

SIZES = (100, 1_000, 10_000)
START = dt.date(2012, 1, 1)
YEARS = 10
SENTENCES = 400
"""Distinct source sentences: few enough that checking quotes stays cheap, as in a real record."""

_LANES = ("history", "findings", "serologies", "treatments", "outcomes")
# Labs dominate a longitudinal record.
_LANE_WEIGHTS = (1, 2, 5, 2, 1)
_SUBJECTS = {
    "history": ("Clinic visit", "Admission", "Discharge", "Referral", "Telephone review"),
    "findings": ("Chest CT", "Skin examination", "Lung function", "Muscle strength", "Biopsy"),
    "serologies": ("Creatine kinase", "Aldolase", "Ferritin", "CRP", "KL-6", "ANA", "Anti-MDA5"),
    "treatments": ("Prednisone", "Tacrolimus", "IVIG", "Rituximab", "Mycophenolate"),
    "outcomes": ("Dyspnea improved", "Rash resolved", "Relapse", "Stable disease"),
}
_CATEGORIES = ("examination", "imaging", "pathology", "symptom", "diagnosis")
_RESULTS = ("positive", "negative", "elevated", "low", "normal")
_TIME_WORDS = ("approximately one year later", "followed by", "at the same visit", "some months later")
_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 ,.()-]*[A-Za-z0-9.)]")


def _scalar(text: str) -> str:
    """A plain scalar when YAML reads it back as the same text, else a double-quoted one."""
    return text if _PLAIN.fullmatch(text) else json.dumps(text)


def _sentence(number: int) -> str:
    lane = _LANES[number % len(_LANES)]
    subject = _SUBJECTS[lane][number % len(_SUBJECTS[lane])]
    return f"{subject} note {number} was recorded in the chart."


def source_text() -> str:
    """Sentences every quote comes from, with the timing phrases among them."""
    lines = [_sentence(number) for number in range(SENTENCES)]
    for number, words in enumerate(_TIME_WORDS):
        lines.insert(number * 50 + 7, f"The next event came {words}.")
    return "\n".join(lines) + "\n"


def _date(day: int, precision: str) -> str:
    date = START + dt.timedelta(days=day)
    if precision == "day":
        return date.isoformat()
    if precision == "month":
        return f"{date.year:04d}-{date.month:02d}"
    # A bare year would read as a number: quote it, as the format requires.
    return f'"{date.year:04d}"'


def synthetic_yaml(count: int, seed: int = 8) -> str:
    """A valid case record with `count` timed events (plus a few discussion points), as YAML text."""
    if count < 1:
        raise ValueError("a synthetic record needs at least one event")
    rng = random.Random(seed)
    days = YEARS * 365
    sections: dict[str, list[str]] = {lane: [] for lane in _LANES}
    ids: list[str] = []
    measured: list[str] = []
    """Ids placed in measured time, the anchors of offsets."""
    last_order = ""
    for number in range(count):
        lane = "history" if number == 0 else rng.choices(_LANES, _LANE_WEIGHTS)[0]
        item_id = f"{lane[:3]}-{number:05d}"
        subject = _SUBJECTS[lane][rng.randrange(len(_SUBJECTS[lane]))]
        sentence = rng.randrange(SENTENCES)
        roll = rng.random()
        order_only = False
        if number == 0:
            when = f"{{kind: index, date: {_date(days // 3, 'day')}}}"
        elif roll < 0.50 or not measured:
            when = f"{{kind: date, date: {_date(rng.randrange(days), 'day')}}}"
        elif roll < 0.55:
            when = f"{{kind: date, date: {_date(rng.randrange(days), 'month')}}}"
        elif roll < 0.57:
            when = f"{{kind: date, date: {_date(rng.randrange(days), 'year')}}}"
        elif roll < 0.69:
            unit = rng.choice(("day", "week", "month"))
            when = f"{{kind: offset, anchor: {rng.choice(measured)}, amount: {rng.randint(1, 30)}, unit: {unit}}}"
        elif roll < 0.77:
            words = ", words: approximately one year later" if rng.random() < 0.3 else ""
            spread = ", uncertainty: 0.5" if rng.random() < 0.2 else ""
            when = (
                f"{{kind: approximate, anchor: {rng.choice(measured)}, amount: {rng.randint(1, 3)}, "
                f"unit: {rng.choice(('month', 'year'))}{spread}{words}}}"
            )
        elif roll < 0.93:
            # Order only: most continue the last chain, so chains grow several steps long.
            anchor = last_order if last_order and rng.random() < 0.6 else rng.choice(ids)
            words = ", words: followed by" if rng.random() < 0.2 else ""
            when = f"{{kind: after, anchor: {anchor}{words}}}"
            order_only = True
        elif roll < 0.98:
            when = f"{{kind: same, anchor: {rng.choice(ids)}}}"
        else:
            when = "{kind: unknown}"
        lines = [
            f"  - id: {item_id}",
            f"    label: {_scalar(f'{subject} {number}')}",
            f"    when: {when}",
            "    quotes:",
            f"      - {_sentence(sentence)}",
        ]
        if lane == "findings":
            lines.append(f"    category: {_CATEGORIES[number % len(_CATEGORIES)]}")
        elif lane == "serologies":
            lines += [
                "    panel: Laboratory",
                f"    status: {_RESULTS[number % len(_RESULTS)]}",
                f'    value: "{rng.randint(1, 900)}"',
                "    unit: U/L",
            ]
        elif lane == "treatments":
            # Only the last courses of a record can still be running.
            status = rng.choice(("given", "stopped", "ongoing") if number > 0.98 * count else ("given", "stopped"))
            lines += [f"    agent: {subject}", f"    status: {status}"]
            if status == "stopped" and not order_only:
                months = rng.randint(1, 6)
                lines.append(f"    until: {{kind: offset, anchor: {item_id}, amount: {months}, unit: month}}")
        if rng.random() < 0.05:
            lines.append(f"    detail: {_scalar(f'Detail for item {number}, written out in a full sentence.')}")
        sections[lane].append("\n".join(lines))
        ids.append(item_id)
        if order_only:
            last_order = item_id
        elif "unknown" not in when:
            measured.append(item_id)
    out = [
        "# A synthetic case record (benchmarks/synthetic.py): not a real patient.",
        "format: 1",
        f"title: Synthetic longitudinal record of {count} events",
        "unknown_title: Synthetic longitudinal record",
        "source:",
        "  title: Synthetic chart",
        "  date: 2022-01-01",
        "  text: |",
        *(f"    {line}" for line in source_text().splitlines()),
        "patient:",
        "  age_years: 60",
        "  sex: not reported",
        "  summary: A synthetic patient",
        "  quotes:",
        f"    - {_sentence(0)}",
    ]
    for lane in _LANES:
        if sections[lane]:
            out += [f"{lane}:", *sections[lane]]
    out.append("discussion:")
    for number in range(3):
        out += [
            f"  - id: point-{number}",
            "    category: teaching point" if number == 0 else "    category: discussion",
            f"    text: Point {number} of the discussion.",
            "    quotes:",
            f"      - {_sentence(number + 1)}",
        ]
    return "\n".join(out) + "\n"


def write_record(count: int, directory: Path, seed: int = 8) -> Path:
    """Write the synthetic record of `count` events into `directory` and return its path."""
    path = directory / f"synthetic-{count}.case.yaml"
    path.write_text(synthetic_yaml(count, seed), encoding="utf-8")
    return path


_NAMES = ("Ærenlund", "Müller", "Okafor", "Saint-Étienne", "Nakamura", "Kowalczyk", "O'Brien", "Dvořák")


def write_library(folder: Path, count: int, per_folder: int = 100) -> list[Path]:
    """A library of `count` small synthetic records (40 events each), `per_folder` to a folder,
    each with its own title and date, some names accented, and one in fifty invalid."""
    written = []
    for number in range(count):
        name = _NAMES[number % len(_NAMES)]
        text = synthetic_yaml(40, seed=number)
        text = text.replace(
            "title: Synthetic longitudinal record of 40 events",
            f"title: Synthetic case {number} of the {name} clinic",
            1,
        )
        text = text.replace("  date: 2022-01-01", f"  date: {2000 + number % 25}-{1 + number % 12:02d}", 1)
        if number % 50 == 49:
            text = text.replace("format: 1", "format: 2", 1)
        path = folder / f"group-{number // per_folder:02d}" / f"case-{number:04d}.case.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


LONG_QUOTES = 20
"""Quotes of the one item in `long_quotes_yaml`: as many as an item may have."""


def long_quotes_yaml(source_bytes: int = 900_000) -> str:
    """A valid record whose source text is `source_bytes` long, with one item quoting it 20 times at length.

    The chart repeats one word, with a numbered entry every 400 words. Each quote is
    the 330 words before an entry and the entry, nearly 2,000 characters (the most a
    quote may have), with its line breaks written as spaces and its first spaces
    doubled: a search that tries each word as a start matches most of a quote before
    it fails, the worst case for any search that is not linear.
    """
    words: list[str] = []
    size = 0
    while size < source_bytes:
        words.append(f"entry-{len(words) // 400}" if len(words) % 400 == 399 else "again")
        size += len(words[-1]) + 1
    lines = [" ".join(words[start : start + 16]) for start in range(0, len(words), 16)]
    entries = [number for number, word in enumerate(words) if word.startswith("entry")]
    rng = random.Random(12)
    quotes = []
    for entry in rng.sample(entries[len(entries) // 3 :], LONG_QUOTES):
        quoted = words[entry - 330 : entry + 1]
        quotes.append("  ".join(quoted[:3]) + " " + " ".join(quoted[3:]))
    out = [
        "format: 1",
        "title: A long chart",
        "unknown_title: A long chart",
        "source:",
        "  title: Synthetic chart",
        "  text: |",
        *(f"    {line}" for line in lines),
        "patient:",
        "  age_years: 60",
        "  sex: not reported",
        "  summary: A synthetic patient",
        "  quotes:",
        f"    - {json.dumps(lines[0])}",
        "history:",
        "  - id: long-visit",
        "    label: Clinic visit",
        "    when: {kind: index, date: 2020-01-01}",
        "    reveal: 1",
        "    quotes:",
        *(f"      - {json.dumps(quote)}" for quote in quotes),
    ]
    return "\n".join(out) + "\n"
