"""quizmath: practise the mathematics of machine learning in a terminal."""

__version__ = "0.1.0"
