"""The JSON Schemas of the case record and of the agenda, for editors' completion and checking."""

from __future__ import annotations

import json

import msgspec

from viewer.record.agenda import Agenda
from viewer.record.model import CaseRecord


def schema_text() -> str:
    return _text(msgspec.json.schema(CaseRecord), "Case Viewer case record")


def agenda_schema_text() -> str:
    return _text(msgspec.json.schema(Agenda), "Case Viewer conference agenda")


def _text(schema: dict[str, object], title: str) -> str:
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": title, **schema}
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"
