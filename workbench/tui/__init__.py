"""The review app (Textual). It only calls the core; the core never imports it."""
