"""carewatch: turn scattered reports of denied medical care in occupied Ukraine into evidence.

The flow is intake → pipeline → store → incidents → review → analysis/exports; each stage is
a sub-package of the same name.
"""

__version__ = "0.1.0"
