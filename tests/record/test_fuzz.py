"""Fuzzing the loader: only RecordError may ever escape it, and each call ends quickly."""

from __future__ import annotations

import copy
import re
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from viewer.paths import bundled_case
from viewer.record.loader import load_record_bytes
from viewer.record.problems import Problem, RecordError

BUNDLED = bundled_case().read_bytes()
DATA = yaml.safe_load(BUNDLED)

# Values of every kind a YAML file can hold, unicode and control characters included.
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=20),
    st.sampled_from(["", "index", "after", "negative", "not obtained", "2020-02-30", "ivig", "\u202e", "\x07"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*path, index))
    return found


PATHS = _paths(DATA)[1:]


def _parent(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path[:-1]:
        data = data[part]
    return data


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = copy.deepcopy(DATA)
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(PATHS))
        try:
            parent = _parent(data, path)
            key = path[-1]
            parent[key]
        except (KeyError, IndexError, TypeError):
            continue
        action = draw(st.sampled_from(["delete", "replace", "duplicate", "swap-type", "rename"]))
        if action == "delete":
            del parent[key]
        elif action == "replace":
            parent[key] = draw(values)
        elif action == "duplicate" and isinstance(parent, list):
            parent.insert(key, copy.deepcopy(parent[key]))
        elif action == "swap-type":
            old = parent[key]
            parent[key] = [old] if not isinstance(old, list) else {"x": old}
        elif action == "rename" and isinstance(parent, dict):
            parent[draw(st.text(max_size=12))] = parent.pop(key)
    text: str = yaml.safe_dump(data, allow_unicode=draw(st.booleans()), sort_keys=False)
    return text.encode("utf-8")


def _check(raw: bytes) -> None:
    problems: list[Problem] = []
    try:
        load_record_bytes(raw, "fuzz.yaml")
    except RecordError as error:
        problems = error.problems
        if not problems:
            raise AssertionError("a RecordError without problems") from None
    for problem in problems:
        assert isinstance(problem, Problem)
        assert problem.line >= 1
        assert problem.column >= 1
        assert problem.message
        assert "Traceback" not in problem.message
        # msgspec's raw wording never reaches the author.
        assert not re.search(r"`(str|int|float|bool|null|array|object)", problem.message)
        assert not problem.message.startswith(("Expected", "Object", "Invalid"))
        assert not problem.message.rstrip().endswith((",", ":", "got", "found"))


@settings(max_examples=250, deadline=1000, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_structural_mutations_give_only_record_errors(raw: bytes) -> None:
    _check(raw)


@settings(max_examples=400, deadline=1000)
@given(st.binary(max_size=2000))
def test_raw_bytes_give_only_record_errors(raw: bytes) -> None:
    _check(raw)


@settings(max_examples=200, deadline=1000)
@given(st.data())
def test_damaged_bundled_bytes_give_only_record_errors(data: st.DataObject) -> None:
    """The bundled file with a slice replaced by random bytes: nearly valid, so the deep checks run."""
    start = data.draw(st.integers(0, len(BUNDLED)))
    end = data.draw(st.integers(start, min(len(BUNDLED), start + 40)))
    junk = data.draw(st.binary(max_size=20) | st.text(max_size=10).map(str.encode))
    _check(BUNDLED[:start] + junk + BUNDLED[end:])


def test_the_mutator_reaches_the_deep_checks() -> None:
    """Unmutated, the bundled data round-trips through the dumper and loads."""
    load_record_bytes(yaml.safe_dump(DATA, allow_unicode=True, sort_keys=False).encode(), "roundtrip.yaml")
