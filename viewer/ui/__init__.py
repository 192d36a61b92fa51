"""Qt: item models over the record, the timeline, the tabs and the main window."""
