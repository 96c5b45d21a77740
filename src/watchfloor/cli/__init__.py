"""The watchfloor command line."""
