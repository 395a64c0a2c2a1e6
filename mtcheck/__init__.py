"""mtcheck: find the damage machine translation leaves in English news articles."""

__version__ = "0.1.0"
