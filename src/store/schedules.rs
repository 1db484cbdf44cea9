//! Recurring schedules (the digest, recurring events and broadcasts, from
//! programme files or set by coordinators) and what the digest counts.

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
    /// What the firing does (JSON of `coordinator::schedules::Job`).
    pub spec: Option<String>,
}

/// A programme's schedule as stored, for `schedule list`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduleRow {
    pub kind: String,
    pub cron: String,
    pub next_at: Option<Ts>,
    pub spec: Option<String>,
    pub by_coordinator: bool,
}

impl Store {
    /// Sets a schedule the programme file declares: a new one, or one
    /// whose expression changed, gets `next_at`; an unchanged one keeps
    /// its next firing (its spec follows the file). A coordinator's
    /// schedule of the same kind (their digest) is left as it is.
    pub async fn ensure_schedule(
        &self,
        programme: &str,
        kind: &str,
        cron: &str,
        spec: &str,
        next_at: Option<Ts>,
    ) -> Result<()> {
        q!(
            "INSERT INTO schedules (programme_id, kind, cron, next_at, spec) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (programme_id, kind) DO UPDATE SET
              next_at = CASE WHEN schedules.cron <> excluded.cron THEN excluded.next_at ELSE schedules.next_at END,
              cron = excluded.cron, spec = excluded.spec
            WHERE schedules.by_coordinator = 0
              AND (schedules.cron <> excluded.cron OR schedules.spec IS NULL OR schedules.spec <> excluded.spec)"
        )
        .bind(programme)
        .bind(kind)
        .bind(cron)
        .bind(next_at.map(ms))
        .bind(spec)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Drops the file's schedules of a programme that the file no longer
    /// declares (a removed recurring broadcast stops).
    pub async fn drop_undeclared_schedules(&self, programme: &str, declared: &[String]) -> Result<()> {
        let rows = q!("SELECT kind FROM schedules WHERE programme_id = $1 AND by_coordinator = 0")
            .bind(programme)
            .fetch_all(&self.pool)
            .await?;
        for r in rows {
            let kind: String = r.try_get(0)?;
            if !declared.contains(&kind) {
                q!("DELETE FROM schedules WHERE programme_id = $1 AND kind = $2 AND by_coordinator = 0")
                    .bind(programme)
                    .bind(&kind)
                    .execute(&self.pool)
                    .await?;
            }
        }
        Ok(())
    }

    /// A programme's schedules, by kind.
    pub async fn schedules(&self, programme: &str) -> Result<Vec<ScheduleRow>> {
        q!("SELECT kind, cron, next_at, spec, by_coordinator FROM schedules WHERE programme_id = $1 ORDER BY kind")
            .bind(programme)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| {
                Ok(ScheduleRow {
                    kind: r.try_get(0)?,
                    cron: r.try_get(1)?,
                    next_at: r.try_get::<Option<i64>, _>(2)?.map(from_ms),
                    spec: r.try_get(3)?,
                    by_coordinator: r.try_get::<i64, _>(4)? != 0,
                })
            })
            .collect()
    }

    /// The kinds of every coordinator's schedule, in all programmes (their
    /// numbers are unique across programmes: `schedule remove ID`).
    pub async fn coordinator_schedule_kinds(&self) -> Result<Vec<String>> {
        q!("SELECT kind FROM schedules WHERE by_coordinator = 1")
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| Ok(r.try_get(0)?))
            .collect()
    }

    /// Stores a coordinator's schedule (replacing their own or the file's
    /// schedule of the same kind: the digest). `false` if the kind was
    /// taken by another coordinator's schedule meanwhile.
    pub async fn add_schedule(
        &self,
        programme: &str,
        kind: &str,
        cron: &str,
        spec: &str,
        next_at: Option<Ts>,
        replace: bool,
    ) -> Result<bool> {
        let sql = if replace {
            "INSERT INTO schedules (programme_id, kind, cron, next_at, spec, by_coordinator) VALUES ($1, $2, $3, $4, $5, 1)
            ON CONFLICT (programme_id, kind) DO UPDATE SET cron = excluded.cron, next_at = excluded.next_at,
              spec = excluded.spec, by_coordinator = 1"
        } else {
            "INSERT INTO schedules (programme_id, kind, cron, next_at, spec, by_coordinator) VALUES ($1, $2, $3, $4, $5, 1)
            ON CONFLICT (programme_id, kind) DO NOTHING"
        };
        let n = q!(sql)
            .bind(programme)
            .bind(kind)
            .bind(cron)
            .bind(next_at.map(ms))
            .bind(spec)
            .execute(&self.pool)
            .await?
            .rows_affected();
        Ok(n == 1)
    }

    /// Removes a coordinator's schedule (`programme`: only there); the
    /// file's schedules stay. Returns the programmes it was removed from.
    pub async fn remove_schedule(&self, programme: Option<&str>, kind: &str) -> Result<Vec<String>> {
        let rows = match programme {
            Some(p) => {
                q!("DELETE FROM schedules WHERE programme_id = $1 AND kind = $2 AND by_coordinator = 1 RETURNING programme_id")
                    .bind(p)
                    .bind(kind)
                    .fetch_all(&self.pool)
                    .await?
            }
            None => {
                q!("DELETE FROM schedules WHERE kind = $1 AND by_coordinator = 1 RETURNING programme_id")
                    .bind(kind)
                    .fetch_all(&self.pool)
                    .await?
            }
        };
        rows.iter().map(|r| Ok(r.try_get(0)?)).collect()
    }

    /// Schedules due at `now`, earliest first.
    pub async fn due_schedules(&self, now: Ts) -> Result<Vec<DueSchedule>> {
        q!("SELECT programme_id, kind, cron, next_at, spec FROM schedules WHERE next_at <= $1 ORDER BY next_at")
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
                    spec: r.try_get(4)?,
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
