"""The Textual app: a thin layer that renders and calls the core."""
