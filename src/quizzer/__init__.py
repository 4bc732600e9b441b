"""quizzer: spaced-repetition practice for a 45-day PyTorch and deep-learning course."""

__version__ = "0.1.0"
