"""Course content: the syllabus, the per-day question banks and their validation."""

from quizzer.content.loader import Catalog, ContentError, Problem, load_catalog

__all__ = ["Catalog", "ContentError", "Problem", "load_catalog"]
