"""The timeline as plain numbers: per-record data, per-view layout and hit testing."""
