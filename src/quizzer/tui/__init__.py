"""The Textual app: a thin layer over the review session and the store."""
