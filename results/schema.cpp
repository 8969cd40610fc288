#include "results/schema.h"

#include "results/result_store.h"
#include "results/sqlite_connection.h"
#include "results/sqlite_transaction.h"

namespace results {

namespace {

// Version 1: the three tables. Times are unix seconds (REAL); params and info are JSON objects.
// A retry of a trial keeps its number and gets the next attempt, so (sweep, number, attempt) is unique.
// metrics has no rowid: its primary key is the order every query reads it in (one trial's series).
constexpr const char* kTables = R"sql(
CREATE TABLE sweeps (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  spec_text   TEXT NOT NULL,
  spec_hash   TEXT NOT NULL,
  method      TEXT NOT NULL,
  metric      TEXT NOT NULL DEFAULT '',
  goal        TEXT NOT NULL DEFAULT 'maximize' CHECK (goal IN ('maximize', 'minimize')),
  state       TEXT NOT NULL DEFAULT 'running' CHECK (state IN ('running', 'finished', 'stopped')),
  created_at  REAL NOT NULL,
  updated_at  REAL NOT NULL
);
CREATE TABLE trials (
  id          INTEGER PRIMARY KEY,
  sweep_id    INTEGER NOT NULL REFERENCES sweeps(id) ON DELETE CASCADE,
  number      INTEGER NOT NULL CHECK (number >= 1),
  attempt     INTEGER NOT NULL DEFAULT 1 CHECK (attempt >= 1),
  params      TEXT NOT NULL CHECK (json_valid(params) AND json_type(params) = 'object'),
  state       TEXT NOT NULL CHECK (state IN ('running', 'finished', 'failed', 'diverged',
                                             'early_terminated', 'killed')),
  exit_code   INTEGER,
  started_at  REAL NOT NULL,
  ended_at    REAL,
  host        TEXT NOT NULL DEFAULT '',
  log_tail    TEXT NOT NULL DEFAULT '',
  info        TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(info)),
  UNIQUE (sweep_id, number, attempt)
);
CREATE INDEX trials_by_state ON trials (sweep_id, state);
CREATE TABLE metrics (
  trial_id    INTEGER NOT NULL REFERENCES trials(id) ON DELETE CASCADE,
  name        TEXT NOT NULL,
  step        INTEGER NOT NULL,
  value       REAL,  -- NULL when the trainer reported NaN
  PRIMARY KEY (trial_id, name, step)
) WITHOUT ROWID;
)sql";

// Version 2: views for people at the sqlite3 prompt and for the CLI's summaries. "best" follows the
// sweep's goal for the sweep's metric; other metrics show their min and max.
constexpr const char* kViews = R"sql(
CREATE VIEW metric_summary AS
SELECT m.trial_id, m.name,
       COUNT(*) AS points,
       MAX(m.step) AS last_step,
       (SELECT l.value FROM metrics l WHERE l.trial_id = m.trial_id AND l.name = m.name
        ORDER BY l.step DESC LIMIT 1) AS last_value,
       MIN(m.value) AS min_value,
       MAX(m.value) AS max_value
FROM metrics m
GROUP BY m.trial_id, m.name;

CREATE VIEW latest_trials AS
SELECT t.* FROM trials t
WHERE t.attempt = (SELECT MAX(u.attempt) FROM trials u WHERE u.sweep_id = t.sweep_id AND u.number = t.number);

CREATE VIEW trial_params AS
SELECT t.id AS trial_id, s.name AS sweep, t.number, t.attempt,
       substr(p.fullkey, 3) AS name, p.value AS value
FROM trials t JOIN sweeps s ON s.id = t.sweep_id, json_tree(t.params) p
WHERE p.type NOT IN ('object', 'array');

CREATE VIEW trial_best AS
SELECT t.id AS trial_id, t.sweep_id, t.number, t.attempt, s.metric,
       CASE s.goal WHEN 'minimize' THEN MIN(m.value) ELSE MAX(m.value) END AS best,
       CASE s.goal WHEN 'minimize' THEN -MIN(m.value) ELSE MAX(m.value) END AS score  -- higher is better
FROM trials t JOIN sweeps s ON s.id = t.sweep_id JOIN metrics m ON m.trial_id = t.id AND m.name = s.metric
GROUP BY t.id;

CREATE VIEW trial_summary AS
SELECT s.name AS sweep, t.number, t.attempt, t.state, t.params, t.exit_code,
       datetime(t.started_at, 'unixepoch') AS started,
       round(COALESCE(t.ended_at, (julianday('now') - 2440587.5) * 86400.0) - t.started_at, 3) AS duration_s,
       s.metric,
       (SELECT ms.last_value FROM metric_summary ms WHERE ms.trial_id = t.id AND ms.name = s.metric) AS metric_last,
       (SELECT b.best FROM trial_best b WHERE b.trial_id = t.id) AS metric_best,
       (SELECT json_group_object(a.name, a.last_value) FROM metric_summary a WHERE a.trial_id = t.id)
         AS last_metrics,
       t.host, t.id AS trial_id, s.id AS sweep_id
FROM trials t JOIN sweeps s ON s.id = t.sweep_id;

CREATE VIEW sweep_summary AS
SELECT s.name, s.method, s.metric, s.goal, s.state,
       COUNT(t.id) AS trials,
       COUNT(CASE t.state WHEN 'running' THEN 1 END) AS running,
       COUNT(CASE t.state WHEN 'finished' THEN 1 END) AS finished,
       COUNT(CASE t.state WHEN 'failed' THEN 1 END) AS failed,
       COUNT(CASE t.state WHEN 'diverged' THEN 1 END) AS diverged,
       COUNT(CASE t.state WHEN 'early_terminated' THEN 1 END) AS early_terminated,
       COUNT(CASE t.state WHEN 'killed' THEN 1 END) AS killed,
       (SELECT b.best FROM trial_best b WHERE b.sweep_id = s.id AND b.best IS NOT NULL
        ORDER BY b.score DESC, b.number, b.attempt LIMIT 1) AS best_value,
       (SELECT b.number FROM trial_best b WHERE b.sweep_id = s.id AND b.best IS NOT NULL
        ORDER BY b.score DESC, b.number, b.attempt LIMIT 1) AS best_trial,
       datetime(s.created_at, 'unixepoch') AS created,
       datetime(s.updated_at, 'unixepoch') AS updated,
       s.id AS sweep_id
FROM sweeps s LEFT JOIN latest_trials t ON t.sweep_id = s.id
GROUP BY s.id;
)sql";

// Version 3: a trial's summary, the values that are not a series of steps: W&B's run.summary, and the
// non-numeric fields of a metrics line (the trainer's test_confusion, a logged table's description).
constexpr const char* kSummaries = R"sql(
CREATE TABLE summaries (
  trial_id    INTEGER NOT NULL REFERENCES trials(id) ON DELETE CASCADE,
  key         TEXT NOT NULL,
  value       TEXT NOT NULL CHECK (json_valid(value)),
  PRIMARY KEY (trial_id, key)
) WITHOUT ROWID;
)sql";

// Version 4: when the coordinator last heard from a running trial (its metrics, or the heartbeat it
// writes for its running trials), so a trial orphaned by a coordinator's kill -9 ends then, not at the
// resume.
constexpr const char* kHeardAt = R"sql(
ALTER TABLE trials ADD COLUMN heard_at REAL;
)sql";

void set_user_version(sqlite::Connection& connection, int version) {
  // PRAGMA takes no bound parameters; version is an int from our own list, so formatting it is safe.
  connection.execute("PRAGMA user_version = " + std::to_string(version));
}

}  // namespace

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> all = {
      {1, "tables sweeps, trials, metrics and their indexes", kTables},
      {2, "views metric_summary, latest_trials, trial_params, trial_best, trial_summary, sweep_summary", kViews},
      {3, "table summaries", kSummaries},
      {4, "column trials.heard_at", kHeardAt},
  };
  return all;
}

int current_schema_version() { return migrations().back().version; }

int schema_version_of(sqlite::Connection& connection) {
  auto statement = connection.prepare("PRAGMA user_version");
  statement->step();
  return statement->integer(0);
}

void migrate(sqlite::Connection& connection, int target_version) {
  const auto refuse_if_newer = [&](int version) {
    if (version > current_schema_version()) {
      throw StoreError("results database '" + connection.path() + "' has schema version " +
                       std::to_string(version) + ", newer than the " + std::to_string(current_schema_version()) +
                       " this sweep understands; use a newer sweep binary to read it");
    }
  };
  // Checked outside a transaction first so an up-to-date database is never locked for writing.
  const int found = schema_version_of(connection);
  refuse_if_newer(found);
  if (found >= target_version) return;

  sqlite::Transaction transaction(connection);
  // Read again under the write lock: another process may have migrated in between.
  const int version = schema_version_of(connection);
  refuse_if_newer(version);
  for (const Migration& migration : migrations()) {
    if (migration.version <= version || migration.version > target_version) continue;
    connection.execute(migration.sql);
    set_user_version(connection, migration.version);
  }
  transaction.commit();
}

}  // namespace results
