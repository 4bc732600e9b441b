"""The learner's store: profiles, cards with FSRS state, the review log, settings, flags."""

from quizzer.store.database import Store, open_store
from quizzer.store.models import CardRow, Flag, Profile, ReviewRow, Setting

__all__ = ["CardRow", "Flag", "Profile", "ReviewRow", "Setting", "Store", "open_store"]
