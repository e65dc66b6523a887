"""Django app protectdb: its own models and migrations, so areas never collide on migrations."""
