"""Placement: where a new learner stands, from 15–25 questions (issue 14, item 1).

- ``walk``: the walk over the prerequisite graph (which topic next; known / shaky / new /
  untested), pure and testable with a hand-built graph;
- ``graph``: the walk's graph from the curriculum, and which templates probe a topic;
- ``flow``: the placement flow front ends drive (serve a question, judge, record, finish), its
  outcomes returned as data (``outcomes``);
- ``seeding``: saving a placement and seeding the cards of known topics as already learned;
- ``placement_map``: the latest placement as the stats and the curriculum tree show it.
"""

# Here, not in ``walk``: ``quizmath placement --help`` quotes it, and building the command line
# (every start) must not load the walk.
MAX_QUESTIONS = 25  # the issue: 15–25 questions
