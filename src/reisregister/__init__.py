"""Open Reisregister: publish officials' business-trip reports as an open register."""

__version__ = "0.1.0"
