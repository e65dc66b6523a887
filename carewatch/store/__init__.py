"""Persistence: Django models and migrations, and the search backends.

Everything above this package talks to the store through service functions; nothing in
``model/`` or ``pipeline/`` imports Django.
"""
