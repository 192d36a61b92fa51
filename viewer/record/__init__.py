"""The case record: typed model, YAML loading, time and provenance. No Qt here."""
