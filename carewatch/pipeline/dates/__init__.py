"""Date recognition helpers for the ``dates`` stage: month tables, patterns, resolution."""
