"""Drills: a fixed set of items against a clock, then a report.

``plan`` draws the items from a seed; ``run`` is the drill flow (``DrillRun``: answering, time,
scheduling), over ``run_items`` (each item's state) and ``saving`` (one transaction per
answer); ``outcomes`` holds what it returns and the run's closed sets; ``runs`` lists runs
(unfinished ones to resume or discard); ``report`` rebuilds a run's report; ``clock`` says
times. Import the modules themselves: this package imports nothing, so a light caller (home,
before its first paint) does not load the scheduler.
"""
