//! A batch in one transaction (the scheduler's pass): the participants and
//! addresses its pairs need are read once, up front; the messages it queues
//! are kept and written by multi-row inserts before the commit. The same
//! rows as one transaction per pair, in a few round trips.

use super::participants::{PARTICIPANT_COLS, participant};
use super::{Backend, PairRow, Participant, Store, Tx, ms, pairs::pair_row};
use anyhow::Result;
use bot_core::Ts;
use sqlx::{Any, Row};
use std::collections::HashMap;

/// What a batch transaction remembers: rows read once, messages to write.
#[derive(Debug, Default)]
pub(super) struct Memo {
    pub(super) participants: HashMap<i64, Participant>,
    pub(super) addresses: HashMap<i64, Option<(String, String)>>,
    pub(super) outbox: Vec<Queued>,
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

/// `$first, $first+1, …` for `n` values.
fn placeholders(first: usize, n: usize) -> String {
    (first..first + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Rows per multi-row insert (9 values each, under every backend's limit).
const INSERT_ROWS: usize = 200;

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

    /// The pairs due at `now`, earliest first, at most `limit`, loaded in
    /// the batch's transaction (on PostgreSQL locked, another replica's
    /// claims skipped).
    pub async fn load_due_pairs(&self, tx: &mut Tx, now: Ts, limit: i64) -> Result<Vec<PairRow>> {
        anyhow::ensure!(!self.no_batches, "batched passes are switched off on this handle");
        let sql = match self.backend {
            Backend::Sqlite => {
                "SELECT id, programme_id, mentee_id, mentor_id, state FROM pairs
                 WHERE next_due_at IS NOT NULL AND next_due_at <= $1 ORDER BY next_due_at LIMIT $2"
            }
            Backend::Postgres => {
                "SELECT id, programme_id, mentee_id, mentor_id, state FROM pairs
                 WHERE next_due_at IS NOT NULL AND next_due_at <= $1 ORDER BY next_due_at LIMIT $2
                 FOR UPDATE SKIP LOCKED"
            }
        };
        let rows = q!(sql).bind(ms(now)).bind(limit).fetch_all(&mut **tx).await?;
        rows.iter().map(pair_row).collect()
    }

    /// Makes `tx` a batch: these participants and their addresses are read
    /// now (two queries), and messages queued in it wait for
    /// [`Store::flush_batch`]. Only for work that changes no participant
    /// or identity (a scheduler pass).
    pub async fn begin_batch(&self, tx: &mut Tx, participant_ids: &[i64]) -> Result<()> {
        let mut memo = Memo::default();
        let mut ids = participant_ids.to_vec();
        ids.sort_unstable();
        ids.dedup();
        for chunk in ids.chunks(1000) {
            let sql = format!(
                "SELECT {PARTICIPANT_COLS} FROM participants p WHERE p.id IN ({})",
                placeholders(1, chunk.len())
            );
            let mut q = q!(sql);
            for id in chunk {
                q = q.bind(*id);
            }
            for row in q.fetch_all(&mut **tx).await? {
                let p = participant(&row)?;
                memo.participants.insert(p.id, p);
            }
            let sql = format!(
                "SELECT participant_id, platform, address FROM identities WHERE participant_id IN ({})
                 ORDER BY participant_id, created_at DESC",
                placeholders(1, chunk.len())
            );
            let mut q = q!(sql);
            for id in chunk {
                q = q.bind(*id);
            }
            for id in chunk {
                memo.addresses.insert(*id, None);
            }
            for row in q.fetch_all(&mut **tx).await? {
                let id: i64 = row.try_get(0)?;
                let slot = memo.addresses.entry(id).or_default();
                if slot.is_none() {
                    *slot = Some((row.try_get(1)?, row.try_get(2)?));
                }
            }
        }
        tx.memo = Some(Box::new(memo));
        Ok(())
    }

    /// Writes the messages the batch queued (multi-row inserts; a message
    /// whose once-key was queued before is skipped, as one by one) and ends
    /// the batch.
    pub async fn flush_batch(&self, tx: &mut Tx) -> Result<()> {
        let Some(memo) = tx.memo.take() else {
            return Ok(());
        };
        for chunk in memo.outbox.chunks(INSERT_ROWS) {
            let values: Vec<String> = (0..chunk.len())
                .map(|r| format!("({})", placeholders(r * 9 + 1, 9)))
                .collect();
            let sql = format!(
                "INSERT INTO outbox (participant_id, pair_id, platform, address, lang, msg, once_key, not_before, created_at)
                 VALUES {} ON CONFLICT DO NOTHING",
                values.join(", ")
            );
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
        Ok(())
    }

    /// Clears the tick failures of pairs ticked in a batch (one statement).
    pub async fn pairs_tick_ok(&self, tx: &mut Tx, ids: &[i64]) -> Result<()> {
        for chunk in ids.chunks(1000) {
            let sql = format!(
                "UPDATE pairs SET tick_failures = 0, tick_error = NULL WHERE tick_failures > 0 AND id IN ({})",
                placeholders(1, chunk.len())
            );
            let mut q = q!(sql);
            for id in chunk {
                q = q.bind(*id);
            }
            q.execute(&mut **tx).await?;
        }
        Ok(())
    }
}
