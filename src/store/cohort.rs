//! Starting a cohort: what matching needs from the store: a mentee's pairs
//! (for the guards), profiles, and the coordinator's pins and forbids.

use super::{Store, Tx, ms};
use anyhow::{Result, anyhow};
use bot_core::Ts;
use bot_core::matching::{Decisions, PairStatus};
use bot_core::profile::Profile;
use sqlx::{Any, Row};

impl Store {
    /// A mentee's pairs with their status, for [`bot_core::matching::may_match`].
    pub async fn mentee_pairs(&self, tx: &mut Tx, mentee_id: i64) -> Result<Vec<(i64, PairStatus)>> {
        let rows = q!("SELECT id, status FROM pairs WHERE mentee_id = $1 ORDER BY id")
            .bind(mentee_id)
            .fetch_all(&mut **tx)
            .await?;
        rows.iter()
            .map(|r| {
                let id: i64 = r.try_get(0)?;
                let s: String = r.try_get(1)?;
                let status = PairStatus::parse(&s).ok_or_else(|| anyhow!("pairs row {id}: unknown status `{s}`"))?;
                Ok((id, status))
            })
            .collect()
    }
}

/// A pin or a forbid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecisionKind {
    Pin,
    Forbid,
}

impl DecisionKind {
    fn code(self) -> &'static str {
        match self {
            DecisionKind::Pin => "pin",
            DecisionKind::Forbid => "forbid",
        }
    }
}

impl Store {
    /// A person's profile (an empty one if none was given).
    pub async fn profile(&self, tx: &mut Tx, participant_id: i64) -> Result<Profile> {
        let row = q!("SELECT profile FROM profiles WHERE participant_id = $1")
            .bind(participant_id)
            .fetch_optional(&mut **tx)
            .await?;
        match row {
            Some(r) => {
                let json: String = r.try_get(0)?;
                serde_json::from_str(&json).map_err(|e| anyhow!("profiles row {participant_id}: {e}"))
            }
            None => Ok(Profile::default()),
        }
    }

    /// Stores a person's profile, replacing what was there.
    pub async fn save_profile(
        &self,
        tx: &mut Tx,
        participant_id: i64,
        programme_id: &str,
        profile: &Profile,
        now: Ts,
    ) -> Result<()> {
        q!(
            "INSERT INTO profiles (participant_id, programme_id, profile, updated_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (participant_id) DO UPDATE SET profile = excluded.profile, updated_at = excluded.updated_at"
        )
        .bind(participant_id)
        .bind(programme_id)
        .bind(serde_json::to_string(profile)?)
        .bind(ms(now))
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// Erases a person's profile and the coordinator's decisions naming them.
    pub async fn forget_profile(&self, tx: &mut Tx, participant_id: i64) -> Result<()> {
        q!("DELETE FROM profiles WHERE participant_id = $1")
            .bind(participant_id)
            .execute(&mut **tx)
            .await?;
        q!("DELETE FROM match_decisions WHERE mentee_id = $1 OR mentor_id = $1")
            .bind(participant_id)
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    /// Records a pin or a forbid (a later one for the same pair replaces it).
    pub async fn decide(
        &self,
        programme_id: &str,
        mentee_id: i64,
        mentor_id: i64,
        kind: DecisionKind,
        now: Ts,
    ) -> Result<()> {
        q!("INSERT INTO match_decisions (programme_id, mentee_id, mentor_id, kind, created_at) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (programme_id, mentee_id, mentor_id) DO UPDATE SET kind = excluded.kind, created_at = excluded.created_at")
        .bind(programme_id)
        .bind(mentee_id)
        .bind(mentor_id)
        .bind(kind.code())
        .bind(ms(now))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Drops every pin and forbid of a programme.
    pub async fn clear_decisions(&self, programme_id: &str) -> Result<u64> {
        Ok(q!("DELETE FROM match_decisions WHERE programme_id = $1")
            .bind(programme_id)
            .execute(&self.pool)
            .await?
            .rows_affected())
    }

    /// A programme's pins and forbids.
    pub async fn decisions(&self, programme_id: &str) -> Result<Decisions> {
        let rows = q!("SELECT mentee_id, mentor_id, kind FROM match_decisions WHERE programme_id = $1 ORDER BY created_at, mentee_id, mentor_id")
            .bind(programme_id)
            .fetch_all(&self.pool)
            .await?;
        let mut d = Decisions::default();
        for r in rows {
            let pair = (r.try_get::<i64, _>(0)?, r.try_get::<i64, _>(1)?);
            match r.try_get::<String, _>(2)?.as_str() {
                "pin" => d.pins.push(pair),
                _ => d.forbids.push(pair),
            }
        }
        Ok(d)
    }
}

impl Store {
    /// How many pairs a mentor has that have not ended early.
    pub async fn mentor_load(&self, tx: &mut Tx, mentor_id: i64) -> Result<u32> {
        let row = q!("SELECT COUNT(*) FROM pairs WHERE mentor_id = $1 AND status <> 'ended_early'")
            .bind(mentor_id)
            .fetch_one(&mut **tx)
            .await?;
        Ok(u32::try_from(row.try_get::<i64, _>(0)?).unwrap_or(u32::MAX))
    }
}

impl Store {
    /// The mentors a mentee has been paired with (any status).
    pub async fn mentee_partners(&self, tx: &mut Tx, mentee_id: i64) -> Result<Vec<i64>> {
        let rows = q!("SELECT mentor_id FROM pairs WHERE mentee_id = $1 ORDER BY id")
            .bind(mentee_id)
            .fetch_all(&mut **tx)
            .await?;
        rows.iter().map(|r| Ok(r.try_get::<i64, _>(0)?)).collect()
    }
}

impl Store {
    /// The person a personal invite (from `mentorbot import`) was made for.
    pub async fn imported(&self, tx: &mut Tx, code: &str) -> Result<Option<bot_core::registration::Imported>> {
        let row = q!("SELECT imported FROM invites WHERE code = $1")
            .bind(code)
            .fetch_optional(&mut **tx)
            .await?;
        match row.and_then(|r| r.try_get::<Option<String>, _>(0).ok().flatten()) {
            Some(json) => Ok(Some(
                serde_json::from_str(&json).map_err(|e| anyhow!("invites row {code}: imported: {e}"))?,
            )),
            None => Ok(None),
        }
    }

    /// Once the person joined, the invite no longer holds what the form said.
    pub async fn clear_imported(&self, tx: &mut Tx, code: &str) -> Result<()> {
        q!("UPDATE invites SET imported = NULL WHERE code = $1")
            .bind(code)
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    /// Personal invites for imported people, all in one transaction: one
    /// use each, for this role, expiring at `expires_at`.
    pub async fn create_imported_invites(
        &self,
        programme_id: &str,
        people: &[(String, bot_core::Role, bot_core::registration::Imported)],
        expires_at: Ts,
        now: Ts,
    ) -> Result<()> {
        let mut tx = self.begin().await?;
        for (code, role, person) in people {
            q!("INSERT INTO invites (code, programme_id, role, created_at, expires_at, max_uses, imported) VALUES ($1, $2, $3, $4, $5, 1, $6)")
                .bind(code.as_str())
                .bind(programme_id)
                .bind(role.code())
                .bind(ms(now))
                .bind(ms(expires_at))
                .bind(serde_json::to_string(person)?)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
