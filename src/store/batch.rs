//! A batch in one transaction (the scheduler's pass): the participants and
//! addresses its pairs need are read once, up front; the pair states it
//! saves and the messages it queues are kept and written before the
//! commit, each kind by one statement. The same rows as one transaction
//! per pair, in a few round trips.
//!
//! Id lists travel as one JSON parameter (`json_each` on SQLite,
//! `json_array_elements` on PostgreSQL), not one `$N` per id: SQLite looks
//! a numbered parameter's name up by a linear scan, so a statement with n
//! of them costs n² to bind (measured: a fifth of a 500-pair pass). Rows
//! to write go by multi-row VALUES with anonymous `?` on SQLite and by
//! one array literal per column on PostgreSQL; rows read come back as one
//! JSON aggregate (see [`Store::json_rows`]).

use super::participants::{NEWEST, PARTICIPANT_COLS, Raw};
use super::{Backend, PairRow, Participant, Store, Tx, ms, pairs::pair_row};
use anyhow::Result;
use bot_core::Ts;
use sqlx::{Any, Row};
use std::collections::HashMap;

/// What a batch transaction remembers: rows read once, rows to write.
#[derive(Debug, Default)]
pub(super) struct Memo {
    pub(super) participants: HashMap<i64, Participant>,
    pub(super) addresses: HashMap<i64, Option<(String, String)>>,
    pub(super) outbox: Vec<Queued>,
    pub(super) pairs: Vec<Saved>,
}

/// A message held for the batch's insert (the owned `NewOutbox`).
#[derive(Debug)]
pub(super) struct Queued {
    pub(super) participant_id: Option<i64>,
    pub(super) pair_id: Option<i64>,
    pub(super) platform: Option<String>,
    pub(super) address: Option<String>,
    pub(super) lang: &'static str,
    pub(super) msg: String,
    pub(super) once_key: Option<String>,
    pub(super) not_before: i64,
    pub(super) created_at: i64,
}

/// A pair state held for the batch's update (the owned `PairSave`).
#[derive(Debug)]
pub(super) struct Saved {
    pub(super) id: i64,
    pub(super) state: String,
    pub(super) phase: String,
    pub(super) status: String,
    pub(super) at_risk: i64,
    pub(super) next_due_at: Option<i64>,
    pub(super) updated_at: i64,
}

/// Rows per statement on PostgreSQL, ids per JSON list: a parameter stays
/// a few MB at most.
const ROWS: usize = 1000;

/// Rows per statement on SQLite (9 values each at most, far under its
/// limit of 32,766).
const SQLITE_ROWS: usize = 100;

/// `(?, ?, …), (?, ?, …), …`: `rows` rows of `cols` anonymous placeholders.
fn anonymous_rows(cols: usize, rows: usize) -> String {
    let row = format!("({})", vec!["?"; cols].join(", "));
    vec![row; rows].join(", ")
}

/// The ids as one parameter, in the form [`Store::ids_in`] reads.
fn id_list(ids: &[i64]) -> String {
    let mut s = String::with_capacity(ids.len() * 8 + 2);
    s.push('[');
    for (n, id) in ids.iter().enumerate() {
        if n > 0 {
            s.push(',');
        }
        s.push_str(&id.to_string());
    }
    s.push(']');
    s
}

/// A PostgreSQL array literal (`{"a","b",NULL}`) of these values, each
/// quoted (numbers too: `{"1"}` reads as a `BIGINT[]`), `"` and `\`
/// escaped.
fn pg_array<T: std::fmt::Display>(values: impl Iterator<Item = Option<T>>) -> String {
    let mut s = String::from("{");
    for (n, v) in values.enumerate() {
        if n > 0 {
            s.push(',');
        }
        match v {
            None => s.push_str("NULL"),
            Some(v) => {
                s.push('"');
                for c in v.to_string().chars() {
                    if c == '"' || c == '\\' {
                        s.push('\\');
                    }
                    s.push(c);
                }
                s.push('"');
            }
        }
    }
    s.push('}');
    s
}

impl Store {
    /// This handle with the scheduler's batched pass switched off: it
    /// refuses to start, and the scheduler falls back to one transaction
    /// per pair, as after a failed batch. For tests that compare the two
    /// paths (tests/scheduler_paths.rs).
    #[doc(hidden)]
    pub fn without_batches(mut self) -> Store {
        self.no_batches = true;
        self
    }

    /// An aggregate of the selected rows as one JSON text, each row an
    /// array of `cols` (`order`: an `ORDER BY` inside the aggregate, or
    /// empty); NULL on PostgreSQL when there are none. A batch reads its
    /// hundreds of rows so, as one row: on SQLite every row fetched is a
    /// message from sqlx's worker thread (measured: 1,000 participants
    /// and their identities in 9 ms as rows).
    fn json_rows(&self, cols: &str, order: &str) -> String {
        match self.backend {
            Backend::Sqlite => format!("json_group_array(json_array({cols}){order})"),
            Backend::Postgres => format!("CAST(json_agg(json_build_array({cols}){order}) AS TEXT)"),
        }
    }

    /// A subquery of the ids in parameter `$1` (a JSON array, see [`id_list`]).
    fn ids_in(&self) -> &'static str {
        match self.backend {
            Backend::Sqlite => "SELECT value FROM json_each($1)",
            Backend::Postgres => "SELECT CAST(value AS BIGINT) FROM json_array_elements_text(CAST($1 AS JSON))",
        }
    }

    /// The pairs due at `now`, earliest first, at most `limit`, loaded in
    /// the batch's transaction (on PostgreSQL locked, another replica's
    /// claims skipped).
    pub async fn load_due_pairs(&self, tx: &mut Tx, now: Ts, limit: i64) -> Result<Vec<PairRow>> {
        anyhow::ensure!(!self.no_batches, "batched passes are switched off on this handle");
        let sql = match self.backend {
            Backend::Sqlite => {
                "SELECT id, programme_id, mentee_id, mentor_id, state, next_due_at FROM pairs
                 WHERE next_due_at IS NOT NULL AND next_due_at <= $1 ORDER BY next_due_at LIMIT $2"
            }
            Backend::Postgres => {
                "SELECT id, programme_id, mentee_id, mentor_id, state, next_due_at FROM pairs
                 WHERE next_due_at IS NOT NULL AND next_due_at <= $1 ORDER BY next_due_at LIMIT $2
                 FOR UPDATE SKIP LOCKED"
            }
        };
        let rows = q!(sql).bind(ms(now)).bind(limit).fetch_all(&mut **tx).await?;
        rows.iter().map(pair_row).collect()
    }

    /// Makes `tx` a batch: these participants and their addresses are read
    /// now (two queries), and the pair states saved and messages queued in
    /// it wait for [`Store::flush_batch`]. Only for work that changes no
    /// participant or identity and saves each pair at most once, reading
    /// no pair it saved (a scheduler pass).
    pub async fn begin_batch(&self, tx: &mut Tx, participant_ids: &[i64]) -> Result<()> {
        let mut memo = Memo::default();
        let mut ids = participant_ids.to_vec();
        ids.sort_unstable();
        ids.dedup();
        for chunk in ids.chunks(ROWS) {
            let list = id_list(chunk);
            let sql = format!(
                "SELECT {} FROM participants p WHERE p.id IN ({})",
                self.json_rows(PARTICIPANT_COLS, ""),
                self.ids_in()
            );
            let rows: Option<String> = q!(sql).bind(list.as_str()).fetch_one(&mut **tx).await?.try_get(0)?;
            for raw in serde_json::from_str::<Vec<Raw>>(rows.as_deref().unwrap_or("[]"))? {
                let p = raw.check()?;
                memo.participants.insert(p.id, p);
            }
            let sql = format!(
                "SELECT {} FROM identities i WHERE i.participant_id IN ({})",
                self.json_rows(
                    "i.participant_id, i.platform, i.address",
                    &format!(" ORDER BY i.participant_id, {NEWEST}")
                ),
                self.ids_in()
            );
            for id in chunk {
                memo.addresses.insert(*id, None);
            }
            let rows: Option<String> = q!(sql).bind(list.as_str()).fetch_one(&mut **tx).await?.try_get(0)?;
            for (id, platform, address) in
                serde_json::from_str::<Vec<(i64, String, String)>>(rows.as_deref().unwrap_or("[]"))?
            {
                let slot = memo.addresses.entry(id).or_default();
                if slot.is_none() {
                    *slot = Some((platform, address));
                }
            }
        }
        tx.memo = Some(Box::new(memo));
        Ok(())
    }

    /// Writes the pair states the batch saved (one update) and the
    /// messages it queued (one insert; a message whose once-key was queued
    /// before is skipped, as one by one), and ends the batch.
    pub async fn flush_batch(&self, tx: &mut Tx) -> Result<()> {
        let Some(memo) = tx.memo.take() else {
            return Ok(());
        };
        let set = "state = j.state, phase = j.phase, status = j.status, at_risk = j.at_risk,
                   next_due_at = j.next_due_at, updated_at = j.updated_at, version = pairs.version + 1";
        match self.backend {
            // Multi-row VALUES with anonymous `?`, as the outbox's below
            // (measured, 500 states: 6.4 ms read out of one JSON text).
            Backend::Sqlite => {
                for chunk in memo.pairs.chunks(SQLITE_ROWS) {
                    let values = anonymous_rows(7, chunk.len());
                    let sql = format!(
                        "WITH j(id, state, phase, status, at_risk, next_due_at, updated_at) AS (VALUES {values})
                         UPDATE pairs SET {set} FROM j WHERE pairs.id = j.id"
                    );
                    let mut q = q!(sql);
                    for p in chunk {
                        q = q
                            .bind(p.id)
                            .bind(p.state.as_str())
                            .bind(p.phase.as_str())
                            .bind(p.status.as_str())
                            .bind(p.at_risk)
                            .bind(p.next_due_at)
                            .bind(p.updated_at);
                    }
                    q.execute(&mut **tx).await?;
                }
            }
            Backend::Postgres => {
                let sql = format!(
                    "UPDATE pairs SET {set}
                     FROM unnest(CAST($1 AS BIGINT[]), CAST($2 AS TEXT[]), CAST($3 AS TEXT[]), CAST($4 AS TEXT[]),
                                 CAST($5 AS BIGINT[]), CAST($6 AS BIGINT[]), CAST($7 AS BIGINT[]))
                          AS j(id, state, phase, status, at_risk, next_due_at, updated_at)
                     WHERE pairs.id = j.id"
                );
                for chunk in memo.pairs.chunks(ROWS) {
                    q!(sql.as_str())
                        .bind(pg_array(chunk.iter().map(|p| Some(p.id))))
                        .bind(pg_array(chunk.iter().map(|p| Some(&p.state))))
                        .bind(pg_array(chunk.iter().map(|p| Some(&p.phase))))
                        .bind(pg_array(chunk.iter().map(|p| Some(&p.status))))
                        .bind(pg_array(chunk.iter().map(|p| Some(p.at_risk))))
                        .bind(pg_array(chunk.iter().map(|p| p.next_due_at)))
                        .bind(pg_array(chunk.iter().map(|p| Some(p.updated_at))))
                        .execute(&mut **tx)
                        .await?;
                }
            }
        }
        // In the order queued: ids follow it, and of two messages with one
        // once-key the first is kept.
        let cols = "INSERT INTO outbox (participant_id, pair_id, platform, address, lang, msg, once_key, not_before, created_at)";
        match self.backend {
            // Multi-row VALUES with anonymous `?` (bound in order, no
            // lookup by name): on SQLite three times quicker than reading
            // the rows out of JSON.
            Backend::Sqlite => {
                for chunk in memo.outbox.chunks(SQLITE_ROWS) {
                    let values = anonymous_rows(9, chunk.len());
                    let sql = format!("{cols} VALUES {values} ON CONFLICT DO NOTHING");
                    let mut q = q!(sql);
                    for m in chunk {
                        q = q
                            .bind(m.participant_id)
                            .bind(m.pair_id)
                            .bind(m.platform.as_deref())
                            .bind(m.address.as_deref())
                            .bind(m.lang)
                            .bind(m.msg.as_str())
                            .bind(m.once_key.as_deref())
                            .bind(m.not_before)
                            .bind(m.created_at);
                    }
                    q.execute(&mut **tx).await?;
                }
            }
            // One array literal per column, read by `unnest`: on
            // PostgreSQL a third quicker to read than the same rows as
            // JSON (measured, 1,000 rows: 3.6 ms against 6.1 ms).
            Backend::Postgres => {
                let sql = format!(
                    "{cols} SELECT participant_id, pair_id, platform, address, lang, msg, once_key, not_before, created_at
                     FROM unnest(CAST($1 AS BIGINT[]), CAST($2 AS BIGINT[]), CAST($3 AS TEXT[]),
                          CAST($4 AS TEXT[]), CAST($5 AS TEXT[]), CAST($6 AS TEXT[]), CAST($7 AS TEXT[]),
                          CAST($8 AS BIGINT[]), CAST($9 AS BIGINT[])) WITH ORDINALITY
                       AS j(participant_id, pair_id, platform, address, lang, msg, once_key, not_before, created_at, n)
                     ORDER BY j.n
                     ON CONFLICT DO NOTHING"
                );
                for chunk in memo.outbox.chunks(ROWS) {
                    q!(sql.as_str())
                        .bind(pg_array(chunk.iter().map(|m| m.participant_id)))
                        .bind(pg_array(chunk.iter().map(|m| m.pair_id)))
                        .bind(pg_array(chunk.iter().map(|m| m.platform.as_ref())))
                        .bind(pg_array(chunk.iter().map(|m| m.address.as_ref())))
                        .bind(pg_array(chunk.iter().map(|m| Some(m.lang))))
                        .bind(pg_array(chunk.iter().map(|m| Some(&m.msg))))
                        .bind(pg_array(chunk.iter().map(|m| m.once_key.as_ref())))
                        .bind(pg_array(chunk.iter().map(|m| Some(m.not_before))))
                        .bind(pg_array(chunk.iter().map(|m| Some(m.created_at))))
                        .execute(&mut **tx)
                        .await?;
                }
            }
        }
        Ok(())
    }

    /// Clears the tick failures of pairs ticked in a batch (one statement).
    pub async fn pairs_tick_ok(&self, tx: &mut Tx, ids: &[i64]) -> Result<()> {
        for chunk in ids.chunks(ROWS) {
            let sql = format!(
                "UPDATE pairs SET tick_failures = 0, tick_error = NULL WHERE tick_failures > 0 AND id IN ({})",
                self.ids_in()
            );
            q!(sql).bind(id_list(chunk)).execute(&mut **tx).await?;
        }
        Ok(())
    }
}
