//! A person's dialogue under way (one per person): its kind and the state
//! the core's conversation serialised. The store neither reads nor judges
//! the state; the core's step does.

use super::{Store, Tx, ms};
use anyhow::Result;
use bot_core::Ts;
use sqlx::{Any, Row};

/// A stored dialogue: which conversation, and its state as serialised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DialogueRow {
    pub kind: String,
    pub state: String,
    pub updated_at: Ts,
}

impl Store {
    /// The dialogue a person has under way, if any.
    pub async fn dialogue(&self, tx: &mut Tx, participant_id: i64) -> Result<Option<DialogueRow>> {
        let row = q!("SELECT kind, state, updated_at FROM dialogues WHERE participant_id = $1")
            .bind(participant_id)
            .fetch_optional(&mut **tx)
            .await?;
        Ok(match row {
            Some(r) => Some(DialogueRow {
                kind: r.try_get(0)?,
                state: r.try_get(1)?,
                updated_at: super::from_ms(r.try_get(2)?),
            }),
            None => None,
        })
    }

    /// Stores a person's dialogue, replacing the one under way.
    pub async fn save_dialogue(
        &self,
        tx: &mut Tx,
        participant_id: i64,
        kind: &str,
        state: &str,
        now: Ts,
    ) -> Result<()> {
        q!(
            "INSERT INTO dialogues (participant_id, kind, state, updated_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (participant_id) DO UPDATE SET kind = excluded.kind, state = excluded.state,
            updated_at = excluded.updated_at"
        )
        .bind(participant_id)
        .bind(kind)
        .bind(state)
        .bind(ms(now))
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// Ends a person's dialogue (done, cancelled or forgotten).
    pub async fn clear_dialogue(&self, tx: &mut Tx, participant_id: i64) -> Result<()> {
        q!("DELETE FROM dialogues WHERE participant_id = $1")
            .bind(participant_id)
            .execute(&mut **tx)
            .await?;
        Ok(())
    }
}
