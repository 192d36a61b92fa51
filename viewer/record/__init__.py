"""The input contract: the typed model, YAML loading and its checks, time, provenance,
safe reading and the one atomic writer. No Qt here."""
