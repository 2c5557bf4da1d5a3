"""Practice: problems one at a time, scheduled by FSRS (``flow.Practice``) and what it returns
(``outcomes``). Import the modules themselves; this package imports nothing."""
