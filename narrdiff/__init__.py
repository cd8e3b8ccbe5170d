"""narrdiff: compare how different outlets report the same story.

The package has two layers: `narrdiff.core` (pure Python + numpy, no Qt) turns articles into a
Comparison; `narrdiff.app` (PySide6) renders one. Importing this package does no work.
"""

__version__ = "0.1.0"
