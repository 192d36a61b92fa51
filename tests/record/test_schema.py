"""The committed JSON Schema is current, and the bundled record fits it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import msgspec
import yaml

from viewer.paths import bundled_case
from viewer.record.model import ResultStatus, Sex, TreatmentStatus
from viewer.record.schema import schema_text

SCHEMA = Path(__file__).parents[2] / "casedata" / "case.schema.json"


def test_committed_schema_is_current() -> None:
    assert SCHEMA.read_text(encoding="utf-8") == schema_text(), (
        "casedata/case.schema.json is stale; regenerate it with: case-viewer schema > casedata/case.schema.json"
    )


def test_schema_is_json_schema_2020_12() -> None:
    schema = json.loads(schema_text())
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$ref"] == "#/$defs/CaseRecord"


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        name = node["$ref"].removeprefix("#/$defs/")
        node = schema["$defs"][name]
    return node


def _check(schema: dict[str, Any], node: dict[str, Any], value: Any, where: str) -> list[str]:
    """A small validator for the parts of JSON Schema that msgspec emits."""
    node = _resolve(schema, node)
    choices = node.get("anyOf") or node.get("oneOf")
    if choices:
        if "discriminator" in node and isinstance(value, dict):
            target = node["discriminator"]["mapping"].get(value.get(node["discriminator"]["propertyName"]))
            if target is None:
                return [f"{where}: no kind {value!r}"]
            return _check(schema, {"$ref": target}, value, where)
        results = [_check(schema, choice, value, where) for choice in choices]
        return [] if any(not r for r in results) else min(results, key=len)
    problems: list[str] = []
    if "enum" in node and value not in node["enum"]:
        problems.append(f"{where}: {value!r} not in {node['enum']}")
    if "const" in node and value != node["const"]:
        problems.append(f"{where}: {value!r} is not {node['const']!r}")
    kind = node.get("type")
    types = {"object": dict, "array": list, "string": str, "integer": int, "number": (int, float), "null": type(None)}
    if kind and not isinstance(value, types[kind]):
        return [*problems, f"{where}: not {kind}"]
    if kind == "object":
        props = node.get("properties", {})
        problems += [f"{where}.{key}: missing" for key in node.get("required", []) if key not in value]
        if node.get("additionalProperties") is False:
            problems += [f"{where}.{key}: unknown" for key in value if key not in props]
        for key, item in value.items():
            if key in props:
                problems += _check(schema, props[key], item, f"{where}.{key}")
    if kind == "array":
        for index, item in enumerate(value):
            problems += _check(schema, node.get("items", {}), item, f"{where}[{index}]")
    if kind == "string" and (len(value) < node.get("minLength", 0) or len(value) > node.get("maxLength", 10**9)):
        problems.append(f"{where}: length {len(value)}")
    return problems


def test_bundled_record_fits_the_schema() -> None:
    schema = json.loads(schema_text())
    data = yaml.safe_load(bundled_case().read_text(encoding="utf-8"))
    assert _check(schema, schema, data, "$") == []
    # The checker is not a rubber stamp.
    broken = {**data, "colour": "red", "patient": {**data["patient"], "sex": "m"}}
    del broken["title"]
    found = _check(schema, schema, broken, "$")
    assert "$.colour: unknown" in found
    assert "$.title: missing" in found
    assert any(p.startswith("$.patient.sex") for p in found)


def test_enums_and_required_keys_match_the_model() -> None:
    defs = json.loads(schema_text())["$defs"]
    assert defs["ResultStatus"]["enum"] == sorted(s.value for s in ResultStatus)
    assert defs["TreatmentStatus"]["enum"] == sorted(s.value for s in TreatmentStatus)
    assert defs["Sex"]["enum"] == sorted(s.value for s in Sex)
    record = defs["CaseRecord"]
    assert set(record["required"]) == {"format", "title", "unknown_title", "source", "patient"}
    assert set(defs["LabResult"]["required"]) >= {"id", "label", "quotes", "panel", "status"}
    assert msgspec.json.decode(schema_text().encode())  # parses as JSON with msgspec too
