"""Incidents: one record per real-world event, built from many reports.

Pure Python over plain data (``ReportFacts`` in, ``Cluster`` out) so the same code runs in the
CLI, the web app and a Dask worker; the store persists what it decides.
"""
