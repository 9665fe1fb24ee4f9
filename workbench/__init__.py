"""workbench: a local, keyboard-first workbench for checking the claims in news articles."""

__version__ = "0.1.0"
