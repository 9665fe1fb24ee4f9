"""Claims already fact-checked: published fact-checks, imported and matched.

``reading`` parses ClaimReview JSON-LD, saved pages and CSV; ``importing``
saves them by url; ``text`` and ``scoring`` say how a text is read and how
well a fact-check matches it; ``finding`` searches the index for a text and
matches every claim of the store.
"""
