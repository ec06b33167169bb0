"""smn: a terminal relationship journal."""

__version__ = "0.1.0"
