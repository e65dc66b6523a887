"""Django app incidentdb: its own models and migrations, so areas never collide on migrations."""
