"""dieuhanh: from Vietnamese directive documents to tracked tasks."""

__version__ = "0.1.0"
