"""Exports: incident records out to files (csv, xlsx, json, geojson, hxl, acled, huridocs,
evidence packages) and back in (``carewatch import``).

The last step of the flow: ``service.open_export`` checks the role for the audience, streams
records from ``incidents.services.iter_records`` through the audience ``Redactor`` and hands
them to an exporter looked up by name (``base.get_exporter``).
"""

from carewatch.exports.base import EXPORTERS, Exporter, formats, get_exporter, register

__all__ = ["EXPORTERS", "Exporter", "formats", "get_exporter", "register"]
