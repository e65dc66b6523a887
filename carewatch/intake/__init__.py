"""Intake: turn files, web pages, feeds and testimony into records, keeping the raw bytes."""
