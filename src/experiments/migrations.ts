/**
 * The experiment store's schema, as numbered migrations. `PRAGMA user_version` holds the number of the
 * last one applied; opening a store applies the missing ones in order, each in its own transaction.
 * A store written by a newer Gradient Lab (user_version above the last known) is refused, not touched.
 * Never edit a migration that has shipped: add the next one. docs/store.md describes the tables.
 */
export const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'runs, series, chunks, artifacts, sweeps, status log',
    sql: `
      CREATE TABLE sweeps (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        name        TEXT NOT NULL,
        spec        TEXT NOT NULL,              -- JSON: the sweep's definition
        created_at  REAL NOT NULL               -- ms since the Unix epoch
      );
      CREATE TABLE runs (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        uid         TEXT NOT NULL UNIQUE,       -- random; survives export and import
        lab         TEXT NOT NULL,              -- a lab id (src/labs/)
        name        TEXT NOT NULL,
        config      TEXT NOT NULL,              -- JSON, validated by the lab's schema
        seed        REAL,
        status      TEXT NOT NULL CHECK (status IN
                      ('queued','running','paused','completed','stopped','diverged','failed','interrupted')),
        lab_status  TEXT,                       -- the lab's own end status (reached_target, early_stopped…)
        created_at  REAL NOT NULL,
        started_at  REAL,
        ended_at    REAL,
        duration_ms REAL,
        steps       INTEGER NOT NULL DEFAULT 0,
        ms_per_step REAL,
        final       TEXT,                       -- JSON {metric: value} at the end
        best        TEXT,                       -- JSON {metric: value}, best seen (min for losses, max for accuracies)
        summary     TEXT,                       -- JSON: the lab's summary
        error       TEXT,                       -- JSON {code, message} of a failed run
        notes       TEXT NOT NULL DEFAULT '',
        archived    INTEGER NOT NULL DEFAULT 0,
        sweep_id    INTEGER REFERENCES sweeps(id) ON DELETE SET NULL,
        owner_pid   INTEGER,                    -- the process that runs (or queued) it…
        owner_host  TEXT,
        owner_token TEXT,                       -- …told apart from a later process with the same pid
        heartbeat_at REAL                       -- refreshed by the owner while it lives
      );
      CREATE INDEX runs_status ON runs(status);
      CREATE INDEX runs_sweep ON runs(sweep_id);
      CREATE TABLE run_tags (
        run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        tag    TEXT NOT NULL,
        PRIMARY KEY (run_id, tag)
      );
      CREATE TABLE status_log (
        run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        at     REAL NOT NULL,
        status TEXT NOT NULL,
        detail TEXT
      );
      CREATE INDEX status_log_run ON status_log(run_id);
      CREATE TABLE series (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        run_id     INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        name       TEXT NOT NULL,               -- "stream/index/column": "train/0/loss", "race/1/f"
        points     INTEGER NOT NULL DEFAULT 0,
        chunks     INTEGER NOT NULL DEFAULT 0,
        UNIQUE (run_id, name)
      );
      -- Every point of a series, in chunks of consecutive points: step, wall time (ms since the run
      -- started) and value as little-endian float64 arrays. Lossless; min/max/non-finite per chunk let
      -- a chart read skip what it need not decode.
      CREATE TABLE chunks (
        series_id  INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,
        seq        INTEGER NOT NULL,
        first_step REAL NOT NULL,
        last_step  REAL NOT NULL,
        n          INTEGER NOT NULL,
        vmin       REAL,                        -- of the finite values (NULL: none)
        vmax       REAL,
        nonfinite  INTEGER NOT NULL,            -- how many NaN / ±Inf
        steps      BLOB NOT NULL,
        times      BLOB NOT NULL,
        vals       BLOB NOT NULL,
        PRIMARY KEY (series_id, seq)
      );
      CREATE INDEX chunks_range ON chunks(series_id, last_step);
      CREATE TABLE artifacts (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        run_id     INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        kind       TEXT NOT NULL,               -- "weights" | "frame" (history) | "frame_latest"
        name       TEXT NOT NULL,               -- "prediction", "final"
        step       REAL NOT NULL,
        meta       TEXT,                        -- JSON
        shape      TEXT,                        -- JSON array of dimensions
        data       BLOB NOT NULL,
        created_at REAL NOT NULL
      );
      CREATE INDEX artifacts_run ON artifacts(run_id, kind, name, step);
    `,
  },
  {
    version: 2,
    name: 'compact chunk steps and times (chunk-codec.ts)',
    sql: `
      ALTER TABLE chunks ADD COLUMN steps_enc INTEGER NOT NULL DEFAULT 0;  -- 0 raw float64, 1 consecutive from first_step
      ALTER TABLE chunks ADD COLUMN times_enc INTEGER NOT NULL DEFAULT 0;  -- 0 raw float64, 1 (time, count) pairs
    `,
  },
  {
    version: 3,
    name: 'live changes of a run (#11: a changed lr was not in the saved run)',
    sql: `
      CREATE TABLE run_events (
        run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        at     REAL NOT NULL,            -- ms since the epoch
        step   INTEGER NOT NULL,         -- the last step done before it took effect
        field  TEXT NOT NULL,            -- a config path: "optimizer.lr", "optimizers[1].beta"
        old    TEXT,                     -- JSON; null when the config left it at its default
        new    TEXT NOT NULL             -- JSON
      );
      CREATE INDEX run_events_run ON run_events(run_id);
    `,
  },
  {
    version: 4,
    name: 'a checksum per chunk, so a salvaged store keeps only points that read back as written (#15)',
    sql: `
      ALTER TABLE chunks ADD COLUMN crc INTEGER;  -- chunk-codec.ts chunkCrc; NULL: written before version 4
    `,
  },
  {
    version: 5,
    name: 'values stored constant or byte-shuffled and deflated, lossless (#15: a saved race took ~90 bytes per optimizer-step)',
    sql: `
      ALTER TABLE chunks ADD COLUMN vals_enc INTEGER NOT NULL DEFAULT 0;  -- chunk-codec.ts: 0 raw, 1 constant, 2 shuffled + DEFLATE
    `,
  },
  {
    version: 6,
    name: 'derived values stored as their rule where exact (vals_enc 3, derived.ts), float32-valued ones as float32 (vals_enc 4; #15)',
    sql: `
      -- older versions cannot read vals_enc 3 or 4, so this version number keeps them from opening the store;
      -- the index finds a run's derived chunks (thinning, recovery) without reading the others
      CREATE INDEX chunks_derived ON chunks(series_id) WHERE vals_enc = 3;
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
