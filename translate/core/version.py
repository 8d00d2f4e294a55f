"""The version of translate-news: in PO headers (X-Generator), the run state, exports."""

__version__ = "0.1.0"
