//! Event answers for coordinators: who was invited, who answered what.

use super::{Store, from_ms};
use anyhow::Result;
use bot_core::Ts;
use sqlx::{Any, Row};

/// One answer to an event invitation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventAnswer {
    pub name: String,
    pub role: String,
    pub going: bool,
    pub answered_at: Ts,
}

impl Store {
    /// The answers to an event, by name (forgotten people left out).
    pub async fn event_answers(&self, programme: &str, event: &str) -> Result<Vec<EventAnswer>> {
        q!(
            "SELECT p.name, p.role, r.going, r.answered_at FROM rsvps r JOIN participants p ON p.id = r.participant_id
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
                going: r.try_get::<i64, _>(2)? != 0,
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
