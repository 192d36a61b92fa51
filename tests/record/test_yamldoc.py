"""The one-pass reader builds what composing the YAML would, and tells the same problems."""

from __future__ import annotations

import pytest
import yaml

from viewer.record.yamldoc import Position, YamlError, parse


@pytest.mark.parametrize(
    "text",
    [
        "a: &x {b: &y [1, 2], c: *y}\nd: *x\ne: *y\n",
        "b: !!str 3\nc: !!int '4'\nflag: yes\nnothing: ~\nx: 1.5e3\n",
    ],
)
def test_data_is_what_the_safe_loader_builds(text: str) -> None:
    assert parse(text).data == yaml.safe_load(text)


def test_dates_stay_text_as_written() -> None:
    assert parse("d: 2020-01-01\n2020-01-02: x\n").data == {"d": "2020-01-01", "2020-01-02": "x"}


def test_an_alias_is_located_where_its_anchor_is() -> None:
    document = parse("a: &x\n  b: 1\nc: *x\n")
    assert document.values[("c", "b")] == document.values[("a", "b")] == Position(2, 6)


def test_an_alias_as_a_key_is_its_anchors_text() -> None:
    document = parse("first: &k key\n*k : 2\n")
    assert document.data == {"first": "key", "key": 2}


def test_a_syntax_error_after_a_fatal_problem_is_the_one_told() -> None:
    with pytest.raises(YamlError) as caught:
        parse("a: &x [*x]\nb: [\n")
    assert caught.value.message.startswith("YAML syntax")


def test_a_key_that_is_a_list_is_skipped_with_its_value() -> None:
    with pytest.raises(YamlError) as caught:
        parse("? [1, 2]\n: {deep: [3]}\nz: 3\n")
    assert [(e.message, e.position) for e in caught.value.errors] == [
        ("keys must be plain words, not a list or a mapping", Position(1, 3))
    ]


def test_the_short_cut_to_text_resolves_as_the_loader_does() -> None:
    from viewer.record.yamldoc import SafeLoader

    # The reader takes plain text whose first character starts no implicit type to be text.
    assert None not in SafeLoader.yaml_implicit_resolvers
    assert not SafeLoader.yaml_path_resolvers
    text = "a: Yes\nb: .inf\nc: -1\nd: +2\ne: 0x1f\nf: ''\ng:\nh: ~\nj: <<x\nk: Text\n"
    expected = yaml.safe_load(text)
    assert {key: value for key, value in parse(text.replace("b: .inf\n", "")).data.items()} == {
        key: value for key, value in expected.items() if key != "b"
    }
