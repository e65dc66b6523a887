"""The pipeline: named, versioned stages over plain data (no Django here).

``run_text(text)`` is the one-call entry the CLI, the web app and Dask workers share.
"""

from carewatch.pipeline.document import Document
from carewatch.pipeline.runner import DEFAULT_STAGES, check_order, run, run_text

__all__ = ["DEFAULT_STAGES", "Document", "check_order", "run", "run_text"]
