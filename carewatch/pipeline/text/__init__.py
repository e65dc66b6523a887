"""Text helpers for the ``clean`` stage: offset-keeping builder, sentence splitter, HTML alignment."""
