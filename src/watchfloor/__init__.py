"""Watchfloor: conflict reporting in, sourced events, incidents and briefs out."""

__version__ = "0.1.0"
