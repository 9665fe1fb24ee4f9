"""The core of workbench: models, store, text pipeline, matching and export.

Nothing under this package imports Textual; ``tests/test_layers.py`` checks it.
"""
