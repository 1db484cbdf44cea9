//! Items set aside so one bad item never stops the bot: pairs whose
//! scheduled step keeps failing (backed off, counted), and platform updates
//! that failed again and again (parked for the operator).

use super::{Store, Tx, from_ms, ms};
use anyhow::Result;
use bot_core::Ts;
use sqlx::{Any, Row};

/// A platform update set aside after failing `attempts` times.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParkedUpdate {
    pub platform: String,
    pub update_key: String,
    /// The update as the engine received it (`Inbound`, JSON).
    pub update_json: String,
    pub error: String,
    pub attempts: i64,
    pub parked_at: Ts,
}

/// Whose pair it is, read as raw text (the pair's state may be what is
/// wrong): programme, mentee's and mentor's names.
#[derive(Debug, Clone)]
pub struct PairBrief {
    pub programme_id: String,
    pub mentee: String,
    pub mentor: String,
}

impl Store {
    /// A pair's scheduled step failed: counts it, keeps the error, and
    /// moves its next tick to `retry_at`. Returns the failures in a row.
    pub async fn pair_tick_failed(&self, id: i64, error: &str, retry_at: Ts) -> Result<i64> {
        let r = q!(
            "UPDATE pairs SET tick_failures = tick_failures + 1, tick_error = $1, next_due_at = $2
                    WHERE id = $3 RETURNING tick_failures"
        )
        .bind(error)
        .bind(ms(retry_at))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(match r {
            Some(r) => r.try_get(0)?,
            None => 0,
        })
    }

    /// A pair's step went through: it is no longer failing.
    pub async fn pair_tick_ok(&self, tx: &mut Tx, id: i64) -> Result<()> {
        q!("UPDATE pairs SET tick_failures = 0, tick_error = NULL WHERE id = $1 AND tick_failures > 0")
            .bind(id)
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    /// (failures in a row, last error, next due) of a pair.
    pub async fn pair_tick_status(&self, id: i64) -> Result<(i64, Option<String>, Option<Ts>)> {
        let r = q!("SELECT tick_failures, tick_error, next_due_at FROM pairs WHERE id = $1")
            .bind(id)
            .fetch_one(&self.pool)
            .await?;
        let due: Option<i64> = r.try_get(2)?;
        Ok((r.try_get(0)?, r.try_get(1)?, due.map(from_ms)))
    }

    pub async fn pair_brief(&self, id: i64) -> Result<Option<PairBrief>> {
        let r = q!("SELECT p.programme_id, a.name, b.name FROM pairs p
                    JOIN participants a ON a.id = p.mentee_id JOIN participants b ON b.id = p.mentor_id
                    WHERE p.id = $1")
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        r.map(|r| {
            Ok(PairBrief {
                programme_id: r.try_get(0)?,
                mentee: r.try_get(1)?,
                mentor: r.try_get(2)?,
            })
        })
        .transpose()
    }

    /// Who wrote from (platform, user id), read as raw text: participant
    /// id, programme and name. `None` for a stranger.
    pub async fn writer_brief(&self, platform: &str, user_id: &str) -> Result<Option<(i64, String, String)>> {
        let r = q!(
            "SELECT p.id, p.programme_id, p.name FROM identities i JOIN participants p ON p.id = i.participant_id
                    WHERE i.platform = $1 AND i.platform_user_id = $2"
        )
        .bind(platform)
        .bind(user_id)
        .fetch_optional(&self.pool)
        .await?;
        r.map(|r| Ok((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?))).transpose()
    }

    /// Parks an update; `false` when it was parked already.
    pub async fn park_update(&self, p: &ParkedUpdate) -> Result<bool> {
        let r = q!(
            "INSERT INTO parked_updates (platform, update_key, update_json, error, attempts, parked_at)
                    VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING"
        )
        .bind(&p.platform)
        .bind(&p.update_key)
        .bind(&p.update_json)
        .bind(&p.error)
        .bind(p.attempts)
        .bind(ms(p.parked_at))
        .execute(&self.pool)
        .await?;
        Ok(r.rows_affected() > 0)
    }

    /// Every parked update, oldest first.
    pub async fn parked_updates(&self) -> Result<Vec<ParkedUpdate>> {
        let rows = q!("SELECT platform, update_key, update_json, error, attempts, parked_at
                       FROM parked_updates ORDER BY parked_at, platform, update_key")
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(ParkedUpdate {
                    platform: r.try_get(0)?,
                    update_key: r.try_get(1)?,
                    update_json: r.try_get(2)?,
                    error: r.try_get(3)?,
                    attempts: r.try_get(4)?,
                    parked_at: from_ms(r.try_get(5)?),
                })
            })
            .collect()
    }
}
