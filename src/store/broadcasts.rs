//! Coordinators' broadcasts: who an audience is, the record of each
//! broadcast, its progress (counted from its outbox rows) and stopping it.

use super::{Store, Tx, lang_in, ms, tz_in};
use anyhow::Result;
use bot_core::coordinator::broadcast::{Audience, once_key};
use bot_core::{Lang, Ts};
use chrono_tz::Tz;
use sqlx::{Any, Row};

/// A broadcast as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BroadcastRow {
    pub id: i64,
    pub programme_id: String,
    pub by_participant: Option<i64>,
    pub total: i64,
    pub status: String,
    pub progress_shown: i64,
}

/// Where a broadcast stands: messages sent, given up (dead), still queued.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    pub sent: i64,
    pub dead: i64,
    pub pending: i64,
}

impl Store {
    /// The mentors and mentees an audience names in a programme, as (id,
    /// language), by id; `None` when the audience cannot be chosen yet
    /// (profile fields). Forgotten people are never in it.
    pub async fn audience(&self, tx: &mut Tx, programme: &str, a: &Audience) -> Result<Option<Vec<(i64, Lang, Tz)>>> {
        const BASE: &str = "SELECT p.id, p.lang, p.tz FROM participants p
            WHERE p.programme_id = $1 AND p.forgotten_at IS NULL AND p.role IN ('mentee', 'mentor')";
        const ACTIVE: &str = "x.status <> 'ended_early' AND x.phase NOT IN ('closed', 'follow_up')";
        let (cond, arg): (String, Option<&str>) = match a {
            Audience::Everyone => (String::new(), None),
            Audience::Mentors => (" AND p.role = 'mentor'".into(), None),
            Audience::Mentees => (" AND p.role = 'mentee'".into(), None),
            Audience::Profile { .. } => return Ok(None),
            Audience::Unmatched => (
                format!(
                    " AND NOT EXISTS (SELECT 1 FROM pairs x WHERE (x.mentee_id = p.id OR x.mentor_id = p.id) AND {ACTIVE})"
                ),
                None,
            ),
            Audience::AtRisk => (
                " AND EXISTS (SELECT 1 FROM pairs x WHERE (x.mentee_id = p.id OR x.mentor_id = p.id) AND x.at_risk = 1)"
                    .into(),
                None,
            ),
            Audience::SurveyUnanswered => (
                " AND EXISTS (SELECT 1 FROM survey_runs s WHERE s.participant_id = p.id AND s.finished_at IS NULL)".into(),
                None,
            ),
            // Only those invited (the invitation's once key `event:ID`) who
            // have not answered.
            Audience::EventUnanswered(event) => (
                " AND EXISTS (SELECT 1 FROM outbox o WHERE o.participant_id = p.id AND o.once_key = 'event:' || $2)
                    AND NOT EXISTS (SELECT 1 FROM rsvps r WHERE r.programme_id = p.programme_id AND r.event_id = $2
                    AND r.participant_id = p.id)"
                    .into(),
                Some(event.as_str()),
            ),
        };
        let sql = format!("{BASE}{cond} ORDER BY p.id");
        let mut query = q!(sql).bind(programme);
        if let Some(arg) = arg {
            query = query.bind(arg);
        }
        let rows = query.fetch_all(&mut **tx).await?;
        rows.iter()
            .map(|r| {
                let id: i64 = r.try_get(0)?;
                Ok((
                    id,
                    lang_in("participants", id, "lang", &r.try_get::<String, _>(1)?)?,
                    tz_in("participants", id, "tz", &r.try_get::<String, _>(2)?)?,
                ))
            })
            .collect::<Result<Vec<_>>>()
            .map(Some)
    }

    /// Records a broadcast about to be queued; returns its id.
    #[allow(clippy::too_many_arguments)]
    pub async fn add_broadcast(
        &self,
        tx: &mut Tx,
        programme: &str,
        by: Option<i64>,
        audience: &Audience,
        texts_json: &str,
        total: i64,
        now: Ts,
    ) -> Result<i64> {
        let r = q!(
            "INSERT INTO broadcasts (programme_id, by_participant, audience, texts, total, created_at)
                    VALUES ($1, $2, $3, $4, $5, $6) RETURNING id"
        )
        .bind(programme)
        .bind(by)
        .bind(audience.code())
        .bind(texts_json)
        .bind(total)
        .bind(ms(now))
        .fetch_one(&mut **tx)
        .await?;
        Ok(r.try_get(0)?)
    }

    pub async fn broadcast(&self, tx: &mut Tx, id: i64) -> Result<Option<BroadcastRow>> {
        let r =
            q!("SELECT id, programme_id, by_participant, total, status, progress_shown FROM broadcasts WHERE id = $1")
                .bind(id)
                .fetch_optional(&mut **tx)
                .await?;
        r.map(|r| broadcast_row(&r)).transpose()
    }

    /// Broadcasts still sending, oldest first.
    pub async fn sending_broadcasts(&self) -> Result<Vec<BroadcastRow>> {
        q!(
            "SELECT id, programme_id, by_participant, total, status, progress_shown FROM broadcasts
            WHERE status = 'sending' ORDER BY id"
        )
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(broadcast_row)
        .collect()
    }

    /// How far broadcast `id` got, from its outbox rows.
    pub async fn broadcast_progress(&self, tx: &mut Tx, id: i64) -> Result<Progress> {
        let rows = q!("SELECT status, COUNT(*) FROM outbox WHERE once_key = $1 GROUP BY status")
            .bind(once_key(id))
            .fetch_all(&mut **tx)
            .await?;
        let mut p = Progress::default();
        for r in rows {
            let n: i64 = r.try_get(1)?;
            match r.try_get::<String, _>(0)?.as_str() {
                "sent" => p.sent = n,
                "dead" => p.dead = n,
                _ => p.pending = n,
            }
        }
        Ok(p)
    }

    /// Notes the progress last shown, and the end once it is reached, if
    /// the progress shown was still `before`: `false` when another
    /// replica showed it meanwhile (nothing changes then).
    pub async fn set_broadcast_progress(
        &self,
        tx: &mut Tx,
        id: i64,
        before: i64,
        shown: i64,
        done: bool,
        now: Ts,
    ) -> Result<bool> {
        let n = q!("UPDATE broadcasts SET progress_shown = $1,
              status = CASE WHEN $2 = 1 AND status = 'sending' THEN 'done' ELSE status END,
              finished_at = CASE WHEN $2 = 1 AND finished_at IS NULL THEN $3 ELSE finished_at END
            WHERE id = $4 AND progress_shown = $5")
        .bind(shown)
        .bind(done as i64)
        .bind(ms(now))
        .bind(id)
        .bind(before)
        .execute(&mut **tx)
        .await?
        .rows_affected();
        Ok(n == 1)
    }

    /// Stops a broadcast: its messages not yet sent are dropped. Returns
    /// how many were dropped.
    pub async fn stop_broadcast(&self, tx: &mut Tx, id: i64, now: Ts) -> Result<u64> {
        let dropped = q!("DELETE FROM outbox WHERE once_key = $1 AND status = 'pending'")
            .bind(once_key(id))
            .execute(&mut **tx)
            .await?
            .rows_affected();
        q!("UPDATE broadcasts SET status = 'stopped', finished_at = $1 WHERE id = $2")
            .bind(ms(now))
            .bind(id)
            .execute(&mut **tx)
            .await?;
        Ok(dropped)
    }

    /// A forgotten coordinator no longer signs their broadcasts.
    pub(super) async fn forget_broadcast_author(&self, tx: &mut Tx, participant_id: i64) -> Result<()> {
        q!("UPDATE broadcasts SET by_participant = NULL WHERE by_participant = $1")
            .bind(participant_id)
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    /// A purged programme's broadcasts go with it.
    pub(super) async fn purge_broadcasts(&self, tx: &mut Tx, programme_id: &str) -> Result<u64> {
        Ok(q!("DELETE FROM broadcasts WHERE programme_id = $1")
            .bind(programme_id)
            .execute(&mut **tx)
            .await?
            .rows_affected())
    }
}

fn broadcast_row(r: &sqlx::any::AnyRow) -> Result<BroadcastRow> {
    Ok(BroadcastRow {
        id: r.try_get(0)?,
        programme_id: r.try_get(1)?,
        by_participant: r.try_get(2)?,
        total: r.try_get(3)?,
        status: r.try_get(4)?,
        progress_shown: r.try_get(5)?,
    })
}
