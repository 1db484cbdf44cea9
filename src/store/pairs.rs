//! Pairs, their saved state, and the platform updates already handled.

use super::{Backend, Store, Tx, ms};
use anyhow::Result;
use bot_core::Ts;
use sqlx::any::AnyRow;
use sqlx::{Any, Row};

#[derive(Debug, Clone)]
pub struct PairRow {
    pub id: i64,
    pub programme_id: String,
    pub mentee_id: i64,
    pub mentor_id: i64,
    pub state: String,
    /// When it next needs a tick as saved (ms), which depends on the
    /// programme as well as the state.
    pub next_due_at: Option<i64>,
}

impl PairRow {
    /// Whether saving `s` would store what the row holds already: the same
    /// state and the same next tick (phase, status and risk follow from
    /// the state). Such a save is left out.
    pub fn holds(&self, s: &PairSave<'_>) -> bool {
        self.state == s.json && self.next_due_at == s.next_due_at.map(ms)
    }
}

/// A pair's state as saved: the JSON plus the columns queries need.
#[derive(Debug, Clone)]
pub struct PairSave<'a> {
    pub json: &'a str,
    pub phase: &'a str,
    pub status: &'a str,
    pub at_risk: bool,
    pub next_due_at: Option<Ts>,
}

pub(super) fn pair_row(r: &AnyRow) -> Result<PairRow> {
    Ok(PairRow {
        id: r.try_get(0)?,
        programme_id: r.try_get(1)?,
        mentee_id: r.try_get(2)?,
        mentor_id: r.try_get(3)?,
        state: r.try_get(4)?,
        next_due_at: r.try_get(5)?,
    })
}

impl Store {
    #[allow(clippy::too_many_arguments)]
    pub async fn insert_pair(
        &self,
        tx: &mut Tx,
        programme_id: &str,
        mentee: i64,
        mentor: i64,
        state: &PairSave<'_>,
        now: Ts,
    ) -> Result<i64> {
        let row = q!("INSERT INTO pairs (programme_id, mentee_id, mentor_id, phase, status, at_risk, state, next_due_at, created_at, updated_at)
                      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id")
        .bind(programme_id)
        .bind(mentee)
        .bind(mentor)
        .bind(state.phase)
        .bind(state.status)
        .bind(state.at_risk as i64)
        .bind(state.json)
        .bind(state.next_due_at.map(ms))
        .bind(ms(now))
        .fetch_one(&mut **tx)
        .await?;
        Ok(row.try_get(0)?)
    }

    /// Loads a pair, locking its row on PostgreSQL.
    pub async fn load_pair(&self, tx: &mut Tx, id: i64) -> Result<Option<PairRow>> {
        let sql = match self.backend {
            Backend::Sqlite => {
                "SELECT id, programme_id, mentee_id, mentor_id, state, next_due_at FROM pairs WHERE id = $1"
            }
            Backend::Postgres => {
                "SELECT id, programme_id, mentee_id, mentor_id, state, next_due_at FROM pairs WHERE id = $1 FOR UPDATE"
            }
        };
        let row = q!(sql).bind(id).fetch_optional(&mut **tx).await?;
        row.as_ref().map(pair_row).transpose()
    }

    /// Claims a due pair for a tick: on PostgreSQL another replica's claim
    /// is skipped, not waited for.
    pub async fn load_due_pair(&self, tx: &mut Tx, id: i64, now: Ts) -> Result<Option<PairRow>> {
        let sql = match self.backend {
            Backend::Sqlite => {
                "SELECT id, programme_id, mentee_id, mentor_id, state, next_due_at FROM pairs WHERE id = $1 AND next_due_at <= $2"
            }
            Backend::Postgres => {
                "SELECT id, programme_id, mentee_id, mentor_id, state, next_due_at FROM pairs WHERE id = $1 AND next_due_at <= $2 FOR UPDATE SKIP LOCKED"
            }
        };
        let row = q!(sql).bind(id).bind(ms(now)).fetch_optional(&mut **tx).await?;
        row.as_ref().map(pair_row).transpose()
    }

    /// The pairs a participant is in, most recently active first:
    /// (pair id, the participant's role in it).
    pub async fn pairs_of(&self, tx: &mut Tx, participant_id: i64) -> Result<Vec<(i64, String)>> {
        let rows = q!(
            "SELECT id, CASE WHEN mentee_id = $1 THEN 'mentee' ELSE 'mentor' END FROM pairs
                       WHERE mentee_id = $1 OR mentor_id = $1 ORDER BY updated_at DESC, id DESC"
        )
        .bind(participant_id)
        .fetch_all(&mut **tx)
        .await?;
        rows.iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).collect()
    }

    /// The pairs a participant is in, loaded (locked on PostgreSQL), in
    /// the order of [`Store::pairs_of`]: one query for that and a
    /// [`Store::load_pair`] of each.
    pub async fn load_pairs_of(&self, tx: &mut Tx, participant_id: i64) -> Result<Vec<PairRow>> {
        let sql = match self.backend {
            Backend::Sqlite => {
                "SELECT id, programme_id, mentee_id, mentor_id, state, next_due_at FROM pairs
                 WHERE mentee_id = $1 OR mentor_id = $1 ORDER BY updated_at DESC, id DESC"
            }
            Backend::Postgres => {
                "SELECT id, programme_id, mentee_id, mentor_id, state, next_due_at FROM pairs
                 WHERE mentee_id = $1 OR mentor_id = $1 ORDER BY updated_at DESC, id DESC FOR UPDATE"
            }
        };
        let rows = q!(sql).bind(participant_id).fetch_all(&mut **tx).await?;
        rows.iter().map(pair_row).collect()
    }

    /// Saves a pair's state. In a batch (see [`Store::begin_batch`]) the
    /// state waits for the batch's update.
    pub async fn save_pair(&self, tx: &mut Tx, id: i64, state: &PairSave<'_>, now: Ts) -> Result<()> {
        if let Some(memo) = tx.memo.as_mut() {
            memo.pairs.push(super::batch::Saved {
                id,
                state: state.json.to_string(),
                phase: state.phase.to_string(),
                status: state.status.to_string(),
                at_risk: state.at_risk as i64,
                next_due_at: state.next_due_at.map(ms),
                updated_at: ms(now),
            });
            return Ok(());
        }
        q!("UPDATE pairs SET state = $1, phase = $2, status = $3, at_risk = $4, next_due_at = $5, updated_at = $6, version = version + 1 WHERE id = $7")
            .bind(state.json)
            .bind(state.phase)
            .bind(state.status)
            .bind(state.at_risk as i64)
            .bind(state.next_due_at.map(ms))
            .bind(ms(now))
            .bind(id)
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    /// (pairs, pairs at risk) in a programme.
    pub async fn pair_counts(&self, tx: &mut Tx, programme: &str) -> Result<(i64, i64)> {
        let r = q!("SELECT COUNT(*), CAST(COALESCE(SUM(at_risk), 0) AS BIGINT) FROM pairs WHERE programme_id = $1")
            .bind(programme)
            .fetch_one(&mut **tx)
            .await?;
        Ok((r.try_get(0)?, r.try_get(1)?))
    }

    /// Pairs whose `next_due_at` has passed, earliest first (an index scan).
    pub async fn due_pairs(&self, now: Ts, limit: i64) -> Result<Vec<i64>> {
        let rows = q!(
            "SELECT id FROM pairs WHERE next_due_at IS NOT NULL AND next_due_at <= $1 ORDER BY next_due_at LIMIT $2"
        )
        .bind(ms(now))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|r| Ok(r.try_get(0)?)).collect()
    }

    /// Drops the update keys recorded before `before` (see
    /// [`bot_core::adapter::UPDATES_KEPT_DAYS`]), a few thousand per
    /// transaction so the write turn is never held long; how many.
    pub async fn forget_updates_before(&self, before: Ts) -> Result<u64> {
        const CHUNK: i64 = 5_000;
        let mut n = 0;
        loop {
            let mut tx = self.begin().await?;
            let r = q!("DELETE FROM processed_updates WHERE (platform, update_key) IN
                          (SELECT platform, update_key FROM processed_updates WHERE processed_at < $1 LIMIT $2)")
            .bind(ms(before))
            .bind(CHUNK)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            n += r.rows_affected();
            if r.rows_affected() < CHUNK as u64 {
                return Ok(n);
            }
        }
    }

    /// Records an update's platform key; false when it was seen before.
    /// A key that is a number (Telegram's update id, a Discord snowflake)
    /// names nobody and is kept as it is, zero-padded so that the index
    /// keeps the platform's order and each insert lands at its end (the
    /// same few pages for a whole group commit). Any other key is kept as
    /// a SHA-256 digest: platforms' keys can name the conversation (Bot
    /// Framework's do), and a forgotten person's address must not stay
    /// behind. Numbers were kept as digests before: the digest is looked
    /// up too, so an update handled before an upgrade is still a duplicate
    /// after it.
    pub async fn record_update(&self, tx: &mut Tx, platform: &str, key: &str, now: Ts) -> Result<bool> {
        use sha2::Digest;
        let digest = hex::encode(sha2::Sha256::digest(key.as_bytes()));
        let kept = match key.len() <= 20 && !key.is_empty() && key.bytes().all(|b| b.is_ascii_digit()) {
            true => format!("{key:0>20}"),
            false => digest.clone(),
        };
        let r = q!("INSERT INTO processed_updates (platform, update_key, processed_at)
                    SELECT $1, $2, $3 WHERE NOT EXISTS
                      (SELECT 1 FROM processed_updates WHERE platform = $1 AND update_key = $4)
                    ON CONFLICT DO NOTHING")
        .bind(platform)
        .bind(kept)
        .bind(ms(now))
        .bind(digest)
        .execute(&mut **tx)
        .await?;
        Ok(r.rows_affected() == 1)
    }
}
