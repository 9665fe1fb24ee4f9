"""Widgets and dialogs of the review app."""
