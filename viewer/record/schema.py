"""The JSON Schema of the case record, for editors' completion and checking."""

from __future__ import annotations

import json

import msgspec

from viewer.record.model import CaseRecord


def schema_text() -> str:
    schema = msgspec.json.schema(CaseRecord)
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Case Viewer case record",
        **schema,
    }
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"
