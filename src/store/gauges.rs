//! What the operator's `/metrics` and `/healthz` read from the store: a
//! ping, the outbox's depth and oldest pending message, pairs at risk and
//! how far the scheduler is behind. Counts only: nothing personal.

use super::{Store, ms};
use anyhow::Result;
use bot_core::Ts;
use sqlx::{Any, Row};

/// The gauges, read at one instant.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Gauges {
    /// Messages waiting to be sent (pending, whether due or not).
    pub outbox_pending: i64,
    /// Seconds since the oldest message due at `now` became due.
    pub oldest_pending_secs: f64,
    /// Pairs the core marks at risk.
    pub pairs_at_risk: i64,
    /// Seconds since the earliest pair due at `now` became due: the
    /// scheduler's lag.
    pub scheduler_lag_secs: f64,
    /// Dead letters.
    pub outbox_dead: i64,
}

impl Store {
    /// The database answers.
    pub async fn ping(&self) -> Result<()> {
        q!("SELECT 1").fetch_one(&self.pool).await?;
        Ok(())
    }

    pub async fn gauges(&self, now: Ts) -> Result<Gauges> {
        let now_ms = ms(now);
        let o = q!("SELECT
                      COALESCE(SUM(CASE WHEN status = 'pending' THEN 1 ELSE 0 END), 0),
                      MIN(CASE WHEN status = 'pending' AND not_before <= $1 THEN not_before END),
                      COALESCE(SUM(CASE WHEN status = 'dead' THEN 1 ELSE 0 END), 0)
                    FROM outbox")
        .bind(now_ms)
        .fetch_one(&self.pool)
        .await?;
        let p = q!("SELECT CAST(COALESCE(SUM(at_risk), 0) AS BIGINT),
                           MIN(CASE WHEN next_due_at <= $1 THEN next_due_at END)
                    FROM pairs")
        .bind(now_ms)
        .fetch_one(&self.pool)
        .await?;
        let since = |t: Option<i64>| t.map_or(0.0, |t| (now_ms - t).max(0) as f64 / 1000.0);
        Ok(Gauges {
            outbox_pending: o.try_get(0)?,
            oldest_pending_secs: since(o.try_get(1)?),
            outbox_dead: o.try_get(2)?,
            pairs_at_risk: p.try_get(0)?,
            scheduler_lag_secs: since(p.try_get(1)?),
        })
    }
}
