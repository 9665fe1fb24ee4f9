"""The text pipeline: repair -> sentences -> claims."""
