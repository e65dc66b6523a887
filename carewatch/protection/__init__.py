"""Protecting the people in the data: encryption, PII detection, audience redaction, backups."""
