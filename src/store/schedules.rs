//! Recurring schedules (the weekly digest) and what the digest counts.

use super::{Store, Tx, from_ms, ms};
use anyhow::Result;
use bot_core::Ts;
use bot_core::coordinator::digest::Digest;
use sqlx::{Any, Row};

/// A schedule whose firing is due.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueSchedule {
    pub programme_id: String,
    pub kind: String,
    pub cron: String,
    pub next_at: Ts,
}

impl Store {
    /// Sets a programme's schedule: a new one, or one whose expression
    /// changed, gets `next_at`; an unchanged one keeps its next firing.
    pub async fn ensure_schedule(&self, programme: &str, kind: &str, cron: &str, next_at: Option<Ts>) -> Result<()> {
        q!(
            "INSERT INTO schedules (programme_id, kind, cron, next_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (programme_id, kind) DO UPDATE SET cron = excluded.cron, next_at = excluded.next_at
            WHERE schedules.cron <> excluded.cron"
        )
        .bind(programme)
        .bind(kind)
        .bind(cron)
        .bind(next_at.map(ms))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Schedules due at `now`, earliest first.
    pub async fn due_schedules(&self, now: Ts) -> Result<Vec<DueSchedule>> {
        q!("SELECT programme_id, kind, cron, next_at FROM schedules WHERE next_at <= $1 ORDER BY next_at")
            .bind(ms(now))
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| {
                Ok(DueSchedule {
                    programme_id: r.try_get(0)?,
                    kind: r.try_get(1)?,
                    cron: r.try_get(2)?,
                    next_at: from_ms(r.try_get(3)?),
                })
            })
            .collect()
    }

    /// Takes a due firing: moves `next_at` on from the value read, in
    /// `tx`. `false` when someone else took it meanwhile.
    pub async fn take_firing(&self, tx: &mut Tx, s: &DueSchedule, next: Option<Ts>, now: Ts) -> Result<bool> {
        let n = q!("UPDATE schedules SET next_at = $1, last_fired_at = $2
                    WHERE programme_id = $3 AND kind = $4 AND next_at = $5")
        .bind(next.map(ms))
        .bind(ms(now))
        .bind(&s.programme_id)
        .bind(&s.kind)
        .bind(ms(s.next_at))
        .execute(&mut **tx)
        .await?
        .rows_affected();
        Ok(n == 1)
    }

    /// What the weekly digest says of a programme; `events` are the
    /// coming events' ids.
    pub async fn digest(&self, tx: &mut Tx, programme: &str, events: &[String]) -> Result<Digest> {
        let mut d = Digest::default();
        for r in q!("SELECT a.name, b.name FROM pairs p JOIN participants a ON a.id = p.mentee_id
                     JOIN participants b ON b.id = p.mentor_id WHERE p.programme_id = $1 AND p.at_risk = 1 ORDER BY p.id")
        .bind(programme)
        .fetch_all(&mut **tx)
        .await?
        {
            d.at_risk.push((r.try_get(0)?, r.try_get(1)?));
        }
        d.open_flags = q!("SELECT COUNT(*) FROM flags WHERE programme_id = $1 AND resolved_at IS NULL")
            .bind(programme)
            .fetch_one(&mut **tx)
            .await?
            .try_get(0)?;
        for r in q!(
            "SELECT s.survey, CAST(SUM(CASE WHEN s.finished_at IS NULL THEN 0 ELSE 1 END) AS BIGINT), COUNT(*)
                     FROM survey_runs s JOIN pairs p ON p.id = s.pair_id WHERE p.programme_id = $1
                     GROUP BY s.survey ORDER BY s.survey"
        )
        .bind(programme)
        .fetch_all(&mut **tx)
        .await?
        {
            d.surveys.push((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?));
        }
        for e in events {
            let r = q!("SELECT CAST(COALESCE(SUM(going), 0) AS BIGINT), COUNT(*) FROM rsvps
                        WHERE programme_id = $1 AND event_id = $2")
            .bind(programme)
            .bind(e)
            .fetch_one(&mut **tx)
            .await?;
            let (yes, all): (i64, i64) = (r.try_get(0)?, r.try_get(1)?);
            d.events.push((e.clone(), yes, all - yes));
        }
        d.dead_letters = q!(
            "SELECT COUNT(*) FROM outbox o JOIN participants p ON p.id = o.participant_id
                             WHERE p.programme_id = $1 AND o.status = 'dead'"
        )
        .bind(programme)
        .fetch_one(&mut **tx)
        .await?
        .try_get(0)?;
        Ok(d)
    }
}
