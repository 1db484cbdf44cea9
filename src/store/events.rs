//! Event answers for coordinators: who was invited, who answered what.

use super::{Store, Tx, from_ms, ms};
use anyhow::{Context, Result};
use bot_core::Ts;
use bot_core::coordinator::events::{Invitee, Reminder, invite_key};
use bot_core::payload::RsvpAnswer;
use bot_core::programme::{Event, EventKind};
use sqlx::{Any, Row};

/// One answer to an event invitation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventAnswer {
    pub name: String,
    pub role: String,
    pub answer: RsvpAnswer,
    pub answered_at: Ts,
}

impl Store {
    /// The answers to an event, by name (forgotten people left out).
    pub async fn event_answers(&self, programme: &str, event: &str) -> Result<Vec<EventAnswer>> {
        q!(
            "SELECT p.name, p.role, r.going, r.answered_at, r.maybe FROM rsvps r JOIN participants p ON p.id = r.participant_id
            WHERE r.programme_id = $1 AND r.event_id = $2 AND p.forgotten_at IS NULL ORDER BY p.name, p.id"
        )
        .bind(programme)
        .bind(event)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| {
            Ok(EventAnswer {
                name: r.try_get(0)?,
                role: r.try_get(1)?,
                answer: match (r.try_get::<i64, _>(2)? != 0, r.try_get::<i64, _>(4)? != 0) {
                    (true, _) => RsvpAnswer::Yes,
                    (false, true) => RsvpAnswer::Maybe,
                    (false, false) => RsvpAnswer::No,
                },
                answered_at: from_ms(r.try_get(3)?),
            })
        })
        .collect()
    }

    /// How many people of the programme got the event's invitation.
    pub async fn event_invited(&self, programme: &str, event: &str) -> Result<i64> {
        Ok(q!(
            "SELECT COUNT(DISTINCT o.participant_id) FROM outbox o JOIN participants p ON p.id = o.participant_id
                WHERE p.programme_id = $1 AND o.once_key = $2"
        )
        .bind(programme)
        .bind(format!("event:{event}"))
        .fetch_one(&self.pool)
        .await?
        .try_get(0)?)
    }
}

/// An event as a coordinator left it (the `spec` column): the core's
/// [`Event`] in JSON.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct Spec {
    kind: EventKind,
    title: Option<String>,
    label: Option<String>,
    date: chrono::NaiveDate,
    starts: chrono::NaiveTime,
    ends: chrono::NaiveTime,
    place: String,
    invite_days_before: u32,
    roles: Vec<bot_core::Role>,
    #[serde(default)]
    audience: bot_core::programme::Among,
    rsvp_by: Option<chrono::NaiveDate>,
}

/// A coordinator's change to a programme's events.
#[derive(Debug, Clone)]
pub enum SavedEvent {
    /// Made or changed: the event as it now stands.
    Set(Event),
    Cancelled(String),
}

impl Store {
    /// The events coordinators made, changed or cancelled, by programme.
    pub async fn saved_events(&self) -> Result<Vec<(String, SavedEvent)>> {
        let rows = q!("SELECT programme_id, event_id, spec, cancelled_at FROM events
                WHERE spec IS NOT NULL OR cancelled_at IS NOT NULL ORDER BY starts_at, event_id")
        .fetch_all(&self.pool)
        .await?;
        let mut out = vec![];
        for r in rows {
            let programme: String = r.try_get(0)?;
            let id: String = r.try_get(1)?;
            let spec: Option<String> = r.try_get(2)?;
            let cancelled: Option<i64> = r.try_get(3)?;
            let saved = match (cancelled, spec) {
                (Some(_), _) => SavedEvent::Cancelled(id),
                (None, Some(s)) => {
                    let s: Spec =
                        serde_json::from_str(&s).with_context(|| format!("events row {programme}/{id}: spec"))?;
                    SavedEvent::Set(Event {
                        id,
                        kind: s.kind,
                        title: s.title,
                        date: s.date,
                        starts: s.starts,
                        ends: s.ends,
                        place: s.place,
                        invite_days_before: s.invite_days_before,
                        roles: s.roles,
                        audience: s.audience,
                        rsvp_by: s.rsvp_by,
                        label: s.label,
                    })
                }
                (None, None) => continue,
            };
            out.push((programme, saved));
        }
        Ok(out)
    }

    /// Stores a made or changed event; returns its version (1 for a new
    /// one, one more for each change).
    pub async fn save_event(&self, tx: &mut Tx, programme: &str, e: &Event, starts_at: Ts) -> Result<i64> {
        let spec = serde_json::to_string(&Spec {
            kind: e.kind,
            title: e.title.clone(),
            label: e.label.clone(),
            date: e.date,
            starts: e.starts,
            ends: e.ends,
            place: e.place.clone(),
            invite_days_before: e.invite_days_before,
            roles: e.roles.clone(),
            audience: e.audience,
            rsvp_by: e.rsvp_by,
        })?;
        let row = q!("INSERT INTO events (programme_id, event_id, kind, starts_at, place, spec, version) VALUES ($1, $2, $3, $4, $5, $6, 1)
                ON CONFLICT (programme_id, event_id) DO UPDATE SET kind = excluded.kind, starts_at = excluded.starts_at,
                    place = excluded.place, spec = excluded.spec, version = events.version + 1
                RETURNING version")
        .bind(programme)
        .bind(&e.id)
        .bind(e.kind.code())
        .bind(ms(starts_at))
        .bind(&e.place)
        .bind(spec)
        .fetch_one(&mut **tx)
        .await?;
        Ok(row.try_get(0)?)
    }

    /// Marks an event cancelled and drops its invitations not yet sent;
    /// returns how many were dropped.
    pub async fn cancel_event(&self, tx: &mut Tx, programme: &str, event: &str, now: Ts) -> Result<u64> {
        q!("UPDATE events SET cancelled_at = $1 WHERE programme_id = $2 AND event_id = $3")
            .bind(ms(now))
            .bind(programme)
            .bind(event)
            .execute(&mut **tx)
            .await?;
        Ok(q!("DELETE FROM outbox WHERE status = 'pending' AND once_key = $1
                AND participant_id IN (SELECT id FROM participants WHERE programme_id = $2)")
        .bind(invite_key(event))
        .bind(programme)
        .execute(&mut **tx)
        .await?
        .rows_affected())
    }

    /// Everyone of the programme an event's invitation was queued for
    /// (forgotten people left out), with what they have had since.
    pub async fn invitees(&self, tx: &mut Tx, programme: &str, event: &str) -> Result<Vec<Invitee>> {
        let key = invite_key(event);
        let rows = q!("SELECT o.participant_id, MIN(o.created_at),
                (SELECT r.going FROM rsvps r WHERE r.programme_id = $1 AND r.event_id = $2 AND r.participant_id = o.participant_id),
                (SELECT COUNT(*) FROM outbox a WHERE a.participant_id = o.participant_id AND a.once_key = $4),
                (SELECT COUNT(*) FROM outbox s WHERE s.participant_id = o.participant_id AND s.once_key = $5)
            FROM outbox o JOIN participants p ON p.id = o.participant_id
            WHERE p.programme_id = $1 AND o.once_key = $3 AND p.forgotten_at IS NULL
            GROUP BY o.participant_id ORDER BY o.participant_id")
        .bind(programme)
        .bind(event)
        .bind(&key)
        .bind(Reminder::Answer.once_key(event))
        .bind(Reminder::Tomorrow.once_key(event))
        .fetch_all(&mut **tx)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Invitee {
                    participant: r.try_get(0)?,
                    invited_at: from_ms(r.try_get(1)?),
                    going: r.try_get::<Option<i64>, _>(2)?.map(|g| g != 0),
                    asked: r.try_get::<i64, _>(3)? > 0,
                    told_tomorrow: r.try_get::<i64, _>(4)? > 0,
                })
            })
            .collect()
    }

    /// Wakes the programme's running pairs by `at` (an event was made or
    /// changed: their next tick invites them).
    pub async fn wake_pairs(&self, tx: &mut Tx, programme: &str, at: Ts) -> Result<()> {
        q!("UPDATE pairs SET next_due_at = $1
            WHERE programme_id = $2 AND status = 'running' AND (next_due_at IS NULL OR next_due_at > $1)")
        .bind(ms(at))
        .bind(programme)
        .execute(&mut **tx)
        .await?;
        Ok(())
    }
}
