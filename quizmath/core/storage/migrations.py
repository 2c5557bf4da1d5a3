"""The schema, as an ordered list of migrations.

Migration *n* (1-based) takes a database from ``PRAGMA user_version`` n−1 to n. Each is a tuple
of single SQL statements, run inside one transaction together with the version bump, so a
migration is applied completely or not at all. Never edit a released migration: append a new
one (the drills issue adds a ``drills`` table and points ``attempts.drill_id`` at it).

Enumerations (verdict, mode) are checked in Python, not with SQL CHECK constraints, because
SQLite cannot alter a constraint without rebuilding the table.
"""

from __future__ import annotations

SLOT_S = 900  # activity is counted per 15 minutes of UTC time (every time zone's offset and
# every daylight-saving change is a multiple of 15 minutes, so a slot never straddles a day)


def _slot(column: str) -> str:
    """The activity slot of a stored ISO 8601 time, in SQL (0 for a time SQLite cannot read,
    so a row is never lost from the totals)."""
    return f"coalesce(CAST(strftime('%s', {column}) AS INTEGER), 0) / {SLOT_S}"


def _totals_triggers() -> tuple[str, ...]:
    """Triggers that keep ``template_totals`` and ``activity`` equal to what the ``attempts``
    and ``interview_ratings`` tables say, for inserts, deletes and updates alike."""
    earned = "(r.correct AND NOT r.solution_viewed)"

    def attempt(r: str, sign: str) -> tuple[str, str]:
        e = earned.replace("r.", f"{r}.")
        return (
            f"INSERT INTO template_totals (template_id, attempts, earned) "
            f"VALUES ({r}.template_id, {sign}1, {sign}{e}) ON CONFLICT (template_id) DO UPDATE "
            f"SET attempts = attempts + excluded.attempts, earned = earned + excluded.earned;",
            f"INSERT INTO activity (slot, attempts, earned) VALUES ({_slot(r + '.at')}, "
            f"{sign}1, {sign}{e}) ON CONFLICT (slot) DO UPDATE "
            f"SET attempts = attempts + excluded.attempts, earned = earned + excluded.earned;",
        )

    def rating(r: str, sign: str) -> str:
        return (
            f"INSERT INTO activity (slot, ratings) VALUES ({_slot(r + '.at')}, {sign}1) "
            "ON CONFLICT (slot) DO UPDATE SET ratings = ratings + excluded.ratings;"
        )

    def trigger(name: str, event: str, table: str, body: tuple[str, ...]) -> str:
        return f"CREATE TRIGGER {name} AFTER {event} ON {table} BEGIN {' '.join(body)} END"

    return (
        trigger("attempts_count", "INSERT", "attempts", attempt("NEW", "")),
        trigger("attempts_uncount", "DELETE", "attempts", attempt("OLD", "-")),
        trigger(
            "attempts_recount",
            "UPDATE",
            "attempts",
            (*attempt("OLD", "-"), *attempt("NEW", "")),
        ),
        trigger("ratings_count", "INSERT", "interview_ratings", (rating("NEW", ""),)),
        trigger("ratings_uncount", "DELETE", "interview_ratings", (rating("OLD", "-"),)),
        trigger(
            "ratings_recount",
            "UPDATE",
            "interview_ratings",
            (rating("OLD", "-"), rating("NEW", "")),
        ),
    )


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
    # 3: totals kept as rows are written, so home and stats read a few hundred rows however
    # long the history (see ``storage/totals.py``), and the open marks that tell a clean
    # shutdown from a crash (see ``db.py``). Triggers keep the totals: every way of writing an
    # attempt or a self-rating updates them in its own transaction, and nothing can forget to.
    (
        """
        CREATE TABLE template_totals (
            template_id TEXT    PRIMARY KEY,
            attempts    INTEGER NOT NULL,
            earned      INTEGER NOT NULL            -- correct without viewing the solution
        ) WITHOUT ROWID
        """,
        f"""
        CREATE TABLE activity (
            slot        INTEGER PRIMARY KEY,        -- UTC seconds // {SLOT_S}: 15-minute slots
            attempts    INTEGER NOT NULL DEFAULT 0,
            earned      INTEGER NOT NULL DEFAULT 0,
            ratings     INTEGER NOT NULL DEFAULT 0  -- interview self-ratings
        )
        """,
        *_totals_triggers(),
        """
        INSERT INTO template_totals (template_id, attempts, earned)
        SELECT template_id, count(*), sum(correct AND NOT solution_viewed)
        FROM attempts GROUP BY template_id
        """,
        f"""
        INSERT INTO activity (slot, attempts, earned)
        SELECT {_slot("at")} AS s, count(*), sum(correct AND NOT solution_viewed)
        FROM attempts GROUP BY s
        """,
        f"""
        INSERT INTO activity (slot, ratings)
        SELECT {_slot("at")} AS s, count(*) FROM interview_ratings WHERE true GROUP BY s
        ON CONFLICT (slot) DO UPDATE SET ratings = excluded.ratings
        """,
        # The latest results of a template (mastery's recent accuracy) read from the index
        # alone: 20 rows side by side, not 20 table pages. It serves every (template_id, id)
        # lookup the old index served.
        "CREATE INDEX attempts_recent ON attempts (template_id, id, correct, solution_viewed)",
        "DROP INDEX attempts_by_template",
        """
        CREATE TABLE open_marks (
            token       TEXT    PRIMARY KEY,        -- one per open connection
            pid         INTEGER NOT NULL,
            host        TEXT    NOT NULL,
            opened_at   TEXT    NOT NULL
        ) WITHOUT ROWID
        """,
    ),
    # 4: learning that adapts (issue 14). Settings kept with the progress they apply to; the
    # learner's confidence in an answer, said before the verdict; an interview answer's key
    # points ticked; placement runs and where each put every topic (see ``placements.py``).
    (
        """
        CREATE TABLE settings (
            key     TEXT PRIMARY KEY,                   -- 'confidence' | 'until' (settings.py)
            value   TEXT NOT NULL
        ) WITHOUT ROWID
        """,
        "ALTER TABLE attempts ADD COLUMN confidence TEXT",  # 'low' | 'medium' | 'high' | NULL
        # The calibration table and the confident misses read this index alone, however long
        # the history; answers without a confidence are not in it.
        "CREATE INDEX attempts_by_confidence ON attempts (confidence, verdict, solution_viewed, "
        "id) WHERE confidence IS NOT NULL",
        # The share of key points covered (0–1) and which: JSON {"of": n, "covered": [0, 2]};
        # NULL when the learner rated without ticking points.
        "ALTER TABLE interview_ratings ADD COLUMN score REAL",
        "ALTER TABLE interview_ratings ADD COLUMN points TEXT",
        """
        CREATE TABLE placements (
            id          INTEGER PRIMARY KEY,
            started_at  TEXT    NOT NULL,
            finished_at TEXT    NOT NULL,
            questions   INTEGER NOT NULL,           -- questions answered
            right       INTEGER NOT NULL,
            complete    INTEGER NOT NULL CHECK (complete IN (0, 1)), -- 0: stopped early
            seeded      INTEGER NOT NULL            -- template cards seeded as learned
        )
        """,
        """
        CREATE TABLE placement_topics (
            placement_id INTEGER NOT NULL REFERENCES placements (id),
            topic        TEXT    NOT NULL,
            level        TEXT    NOT NULL,          -- 'known' | 'shaky' | 'new' | 'untested'
            asked        INTEGER NOT NULL,          -- 0: placed without a question
            right        INTEGER NOT NULL,
            below        TEXT,                      -- placed new below this failed topic
            PRIMARY KEY (placement_id, topic)
        )
        """,
    ),
    # 5: multi-part problems (partial credit). An attempt at one records each part's verdict
    # and the score (parts right / parts); ``verdict`` and ``correct`` keep their meaning for
    # every reader ("accept" only when every part is right), and a single-answer attempt
    # leaves both new columns NULL (its score is ``correct``). A drill item keeps the parts
    # answered so far, so a drill killed half-way through a problem resumes at its next part.
    (
        "ALTER TABLE attempts ADD COLUMN score REAL",  # 0–1; NULL: a single answer
        "ALTER TABLE attempts ADD COLUMN parts TEXT",  # JSON [{label, verdict, answer, from?}]
        "ALTER TABLE drill_items ADD COLUMN parts TEXT",  # JSON, as above: the parts so far
        # The per-part figures of the stats read only the multi-part attempts.
        "CREATE INDEX attempts_with_parts ON attempts (template_id) WHERE parts IS NOT NULL",
    ),
)

SCHEMA_VERSION = len(MIGRATIONS)
