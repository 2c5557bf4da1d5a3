"""The bank as questions for other platforms: Moodle XML, GIFT and Anki (quizmath export-bank)."""
