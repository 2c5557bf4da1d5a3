"""The schema, as an ordered list of migrations.

Migration *n* (1-based) takes a database from ``PRAGMA user_version`` n−1 to n. Each is a tuple
of single SQL statements, run inside one transaction together with the version bump, so a
migration is applied completely or not at all. Never edit a released migration: append a new
one (the drills issue adds a ``drills`` table and points ``attempts.drill_id`` at it).

Enumerations (verdict, mode) are checked in Python, not with SQL CHECK constraints, because
SQLite cannot alter a constraint without rebuilding the table.
"""

from __future__ import annotations

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # 1: attempts, fsrs cards, their review log, interview self-ratings.
    (
        """
        CREATE TABLE attempts (
            id              INTEGER PRIMARY KEY,
            template_id     TEXT    NOT NULL,
            seed            INTEGER NOT NULL,
            answer          TEXT    NOT NULL,           -- as typed; '' for a skip
            verdict         TEXT    NOT NULL,           -- 'accept' | 'reject' | 'skipped'
            correct         INTEGER NOT NULL CHECK (correct IN (0, 1)),
            ms              INTEGER NOT NULL,           -- from showing the problem to judging
            hints           INTEGER NOT NULL DEFAULT 0, -- hints shown before this answer
            solution_viewed INTEGER NOT NULL DEFAULT 0 CHECK (solution_viewed IN (0, 1)),
            try             INTEGER NOT NULL DEFAULT 1, -- 1 = first answer to this problem
            rating          INTEGER,                    -- fsrs rating given; NULL = card untouched
            mode            TEXT    NOT NULL,           -- 'practice' | 'plain' | 'drill'
            drill_id        INTEGER,                    -- set by drills (a later migration)
            at              TEXT    NOT NULL            -- UTC, ISO 8601 with microseconds
        )
        """,
        "CREATE INDEX attempts_by_template ON attempts (template_id, id)",
        """
        CREATE TABLE cards (
            key     TEXT PRIMARY KEY,                   -- 'template:<id>' | 'interview:<id>'
            data    TEXT NOT NULL,                      -- JSON of fsrs Card.to_dict()
            due     TEXT NOT NULL,                      -- copy of the card's due, for queries
            updated TEXT NOT NULL
        ) WITHOUT ROWID
        """,
        "CREATE INDEX cards_by_due ON cards (due)",
        """
        CREATE TABLE reviews (
            id          INTEGER PRIMARY KEY,
            card_key    TEXT    NOT NULL,
            rating      INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
            at          TEXT    NOT NULL,
            duration_ms INTEGER,
            attempt_id  INTEGER                         -- the attempt that caused it, if any
        )
        """,
        "CREATE INDEX reviews_by_card ON reviews (card_key, id)",
        """
        CREATE TABLE interview_ratings (
            id           INTEGER PRIMARY KEY,
            interview_id TEXT    NOT NULL,
            rating       INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
            at           TEXT    NOT NULL,
            duration_ms  INTEGER
        )
        """,
        "CREATE INDEX interview_ratings_by_id ON interview_ratings (interview_id, id)",
    ),
    # 2: timed drills (see ``storage/drills.py``). A drill (seed, topics, size) can be shared; a
    # row of ``drill_runs`` is one sitting of one. ``attempts.drill_id`` holds a drill_runs id
    # and gets an index, not a foreign key: SQLite cannot add one to an existing column without
    # rebuilding the table, and runs are never deleted (a discarded run keeps its row).
    (
        """
        CREATE TABLE drill_runs (
            id          INTEGER PRIMARY KEY,
            seed        INTEGER NOT NULL,
            seeded      INTEGER NOT NULL CHECK (seeded IN (0, 1)),   -- 1: the learner chose it
            weighted    INTEGER NOT NULL CHECK (weighted IN (0, 1)), -- topics from weak ones
            topics      TEXT    NOT NULL,           -- topic ids drawn from, comma-separated
            questions   INTEGER NOT NULL,
            limit_ms    INTEGER,                    -- NULL = untimed
            used_ms     INTEGER NOT NULL DEFAULT 0, -- drill time used (paused while closed)
            status      TEXT    NOT NULL,           -- 'running' | 'finished' | 'discarded'
            ended       TEXT,                       -- 'completed' | 'timeout' | 'discarded'
            code        TEXT    NOT NULL,           -- digest of the items: same code, same drill
            started_at  TEXT    NOT NULL,
            updated_at  TEXT    NOT NULL,
            finished_at TEXT
        )
        """,
        "CREATE INDEX drill_runs_by_status ON drill_runs (status, id)",
        """
        CREATE TABLE drill_items (
            drill_id    INTEGER NOT NULL REFERENCES drill_runs (id),
            position    INTEGER NOT NULL,           -- 0-based order in the drill
            kind        TEXT    NOT NULL,           -- 'problem' | 'interview'
            item_id     TEXT    NOT NULL,           -- template id or interview question id
            seed        INTEGER,                    -- NULL for an interview question
            topic       TEXT    NOT NULL,
            outcome     TEXT,                       -- NULL | 'correct' | 'wrong' | 'skipped'
            answer      TEXT,                       -- as typed (notes for an interview item)
            ms          INTEGER,                    -- time on this item
            rating      INTEGER,                    -- self-rating of an interview item
            timed_out   INTEGER NOT NULL DEFAULT 0 CHECK (timed_out IN (0, 1)),
            attempt_id  INTEGER REFERENCES attempts (id),
            answered_at TEXT,
            PRIMARY KEY (drill_id, position)
        ) WITHOUT ROWID
        """,
        "CREATE INDEX attempts_by_drill ON attempts (drill_id) WHERE drill_id IS NOT NULL",
    ),
)

SCHEMA_VERSION = len(MIGRATIONS)
