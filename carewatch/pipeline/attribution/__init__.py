"""Attribution helpers for the ``attribution`` stage: reporting cues and unregistered names."""
