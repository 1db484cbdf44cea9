//! Programmes, participants and their platform identities.

use super::{Store, Tx, lang_in, ms, role_in, tz_in};
use anyhow::Result;
use bot_core::{Lang, Role, Ts};
use chrono_tz::Tz;
use sqlx::any::AnyRow;
use sqlx::{Any, Row};

/// A participant as the engine needs them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Participant {
    pub id: i64,
    pub programme_id: String,
    pub role: Role,
    pub name: String,
    pub lang: Lang,
    pub tz: Tz,
    pub contact: Option<String>,
    pub consent_share: bool,
    pub consent_given_at: Option<i64>,
    pub unreachable_at: Option<i64>,
}

/// Who a new participant is.
#[derive(Debug, Clone)]
pub struct NewParticipant<'a> {
    pub programme_id: &'a str,
    pub role: Role,
    pub name: &'a str,
    pub lang: Lang,
    pub tz: Tz,
    pub contact: Option<&'a str>,
    /// When they consented to share their contact details with the match.
    pub consent_given_at: Option<Ts>,
}

pub(super) const PARTICIPANT_COLS: &str = "p.id, p.programme_id, p.role, p.name, p.lang, p.tz, p.contact, p.consent_share, p.consent_given_at, p.unreachable_at";

/// The order of a person's identities, newest first: the first is where
/// they are reached (ties broken by the key, so that every query picks the
/// same one).
pub(super) const NEWEST: &str = "i.created_at DESC, i.platform, i.platform_user_id";

/// Reads a participant row; a role, language or time zone the bot does
/// not know is an error naming the row.
pub(super) fn participant(row: &AnyRow) -> Result<Participant> {
    Raw(
        row.try_get("id")?,
        row.try_get("programme_id")?,
        row.try_get("role")?,
        row.try_get("name")?,
        row.try_get("lang")?,
        row.try_get("tz")?,
        row.try_get("contact")?,
        row.try_get("consent_share")?,
        row.try_get("consent_given_at")?,
        row.try_get("unreachable_at")?,
    )
    .check()
}

/// A participant row as stored, its columns in [`PARTICIPANT_COLS`]'
/// order: read from a row, or from a JSON array of them (a batch's reads,
/// see `Store::json_rows`).
#[derive(serde::Deserialize)]
pub(super) struct Raw(
    i64,
    String,
    String,
    String,
    String,
    String,
    Option<String>,
    i64,
    Option<i64>,
    Option<i64>,
);

impl Raw {
    /// The participant; a role, language or time zone the bot does not
    /// know is an error naming the row.
    pub(super) fn check(self) -> Result<Participant> {
        let Raw(id, programme_id, role, name, lang, tz, contact, consent_share, consent_given_at, unreachable_at) =
            self;
        Ok(Participant {
            id,
            programme_id,
            role: role_in("participants", id, "role", &role)?,
            name,
            lang: lang_in("participants", id, "lang", &lang)?,
            tz: tz_in("participants", id, "tz", &tz)?,
            contact,
            consent_share: consent_share != 0,
            consent_given_at,
            unreachable_at,
        })
    }
}

impl Store {
    pub async fn upsert_programme(&self, p: &bot_core::Programme, source: &str, now: Ts) -> Result<()> {
        let mut tx = self.begin().await?;
        q!("INSERT INTO programmes (id, name, source, loaded_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, source = excluded.source, loaded_at = excluded.loaded_at")
        .bind(&p.id)
        .bind(&p.name)
        .bind(source)
        .bind(ms(now))
        .execute(&mut *tx)
        .await?;
        for e in &p.events {
            q!("INSERT INTO events (programme_id, event_id, kind, starts_at, place) VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (programme_id, event_id) DO UPDATE SET kind = excluded.kind, starts_at = excluded.starts_at, place = excluded.place")
            .bind(&p.id)
            .bind(&e.id)
            .bind(e.kind.code())
            .bind(ms(p.event_starts_at(e)))
            .bind(&e.place)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    pub async fn add_participant(&self, tx: &mut Tx, p: &NewParticipant<'_>, now: Ts) -> Result<i64> {
        let row = q!("INSERT INTO participants (programme_id, role, name, lang, tz, contact, consent_share, consent_given_at, created_at)
                      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id")
        .bind(p.programme_id)
        .bind(p.role.code())
        .bind(p.name)
        .bind(p.lang.code())
        .bind(p.tz.name())
        .bind(p.contact)
        .bind(p.consent_given_at.is_some() as i64)
        .bind(p.consent_given_at.map(ms))
        .bind(ms(now))
        .fetch_one(&mut **tx)
        .await?;
        Ok(row.try_get(0)?)
    }

    pub async fn add_identity(
        &self,
        tx: &mut Tx,
        platform: &str,
        user_id: &str,
        address: &str,
        participant_id: i64,
        now: Ts,
    ) -> Result<()> {
        q!("INSERT INTO identities (platform, platform_user_id, address, participant_id, created_at) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (platform, platform_user_id) DO UPDATE SET address = excluded.address, participant_id = excluded.participant_id")
        .bind(platform)
        .bind(user_id)
        .bind(address)
        .bind(participant_id)
        .bind(ms(now))
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    pub async fn find_by_identity(&self, tx: &mut Tx, platform: &str, user_id: &str) -> Result<Option<Participant>> {
        let sql = format!(
            "SELECT {PARTICIPANT_COLS} FROM identities i JOIN participants p ON p.id = i.participant_id
             WHERE i.platform = $1 AND i.platform_user_id = $2 AND p.forgotten_at IS NULL"
        );
        let row = q!(sql).bind(platform).bind(user_id).fetch_optional(&mut **tx).await?;
        row.as_ref().map(participant).transpose()
    }

    /// [`Store::find_by_identity`] and the person's dialogue under way
    /// (see [`Store::dialogue`]), in one query.
    pub async fn find_by_identity_with_dialogue(
        &self,
        tx: &mut Tx,
        platform: &str,
        user_id: &str,
    ) -> Result<Option<(Participant, Option<super::DialogueRow>)>> {
        let sql = format!(
            "SELECT {PARTICIPANT_COLS}, d.kind AS d_kind, d.state AS d_state, d.updated_at AS d_updated_at
             FROM identities i JOIN participants p ON p.id = i.participant_id
             LEFT JOIN dialogues d ON d.participant_id = p.id
             WHERE i.platform = $1 AND i.platform_user_id = $2 AND p.forgotten_at IS NULL"
        );
        let Some(row) = q!(sql).bind(platform).bind(user_id).fetch_optional(&mut **tx).await? else {
            return Ok(None);
        };
        let dialogue = match row.try_get::<Option<String>, _>("d_kind")? {
            Some(kind) => Some(super::DialogueRow {
                kind,
                state: row.try_get("d_state")?,
                updated_at: super::from_ms(row.try_get("d_updated_at")?),
            }),
            None => None,
        };
        Ok(Some((participant(&row)?, dialogue)))
    }

    /// A participant and the address to reach them at (see
    /// [`Store::address_of`]), in one query (or none, in a batch).
    pub async fn recipient(&self, tx: &mut Tx, id: i64) -> Result<(Participant, Option<(String, String)>)> {
        if let Some(m) = tx.memo.as_ref()
            && let (Some(p), Some(a)) = (m.participants.get(&id), m.addresses.get(&id))
        {
            return Ok((p.clone(), a.clone()));
        }
        // The newest identity found once, joined by its key.
        let sql = format!(
            "SELECT {PARTICIPANT_COLS}, n.platform AS i_platform, n.address AS i_address
             FROM participants p
             LEFT JOIN identities n ON (n.platform, n.platform_user_id) =
                  (SELECT i.platform, i.platform_user_id FROM identities i WHERE i.participant_id = p.id
                   ORDER BY {NEWEST} LIMIT 1)
             WHERE p.id = $1"
        );
        let row = q!(sql).bind(id).fetch_one(&mut **tx).await?;
        let address = match row.try_get::<Option<String>, _>("i_platform")? {
            Some(platform) => Some((platform, row.try_get("i_address")?)),
            None => None,
        };
        Ok((participant(&row)?, address))
    }

    pub async fn participant(&self, tx: &mut Tx, id: i64) -> Result<Participant> {
        if let Some(p) = tx.memo.as_ref().and_then(|m| m.participants.get(&id)) {
            return Ok(p.clone());
        }
        let sql = format!("SELECT {PARTICIPANT_COLS} FROM participants p WHERE p.id = $1");
        participant(&q!(sql).bind(id).fetch_one(&mut **tx).await?)
    }

    /// A participant by id, if there is one not forgotten (an id from a
    /// button: it may be stale or forged).
    pub async fn find_participant(&self, tx: &mut Tx, id: i64) -> Result<Option<Participant>> {
        let sql = format!("SELECT {PARTICIPANT_COLS} FROM participants p WHERE p.id = $1 AND p.forgotten_at IS NULL");
        let row = q!(sql).bind(id).fetch_optional(&mut **tx).await?;
        row.as_ref().map(participant).transpose()
    }

    pub async fn coordinators(&self, tx: &mut Tx, programme_id: &str) -> Result<Vec<Participant>> {
        let sql = format!(
            "SELECT {PARTICIPANT_COLS} FROM participants p
             WHERE p.programme_id = $1 AND p.role = 'coordinator' AND p.forgotten_at IS NULL ORDER BY p.id"
        );
        q!(sql)
            .bind(programme_id)
            .fetch_all(&mut **tx)
            .await?
            .iter()
            .map(participant)
            .collect()
    }

    /// The platform address to reach a participant at, if any.
    pub async fn address_of(&self, tx: &mut Tx, participant_id: i64) -> Result<Option<(String, String)>> {
        if let Some(a) = tx.memo.as_ref().and_then(|m| m.addresses.get(&participant_id)) {
            return Ok(a.clone());
        }
        let row = q!(format!(
            "SELECT i.platform, i.address FROM identities i WHERE i.participant_id = $1 ORDER BY {NEWEST} LIMIT 1"
        ))
        .bind(participant_id)
        .fetch_optional(&mut **tx)
        .await?;
        Ok(match row {
            Some(r) => Some((r.try_get(0)?, r.try_get(1)?)),
            None => None,
        })
    }

    pub async fn identity_count(&self, tx: &mut Tx, participant_id: i64) -> Result<i64> {
        let row = q!("SELECT COUNT(*) FROM identities WHERE participant_id = $1")
            .bind(participant_id)
            .fetch_one(&mut **tx)
            .await?;
        Ok(row.try_get(0)?)
    }

    pub async fn set_language(&self, tx: &mut Tx, participant_id: i64, lang: Lang) -> Result<()> {
        q!("UPDATE participants SET lang = $1 WHERE id = $2")
            .bind(lang.code())
            .bind(participant_id)
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    /// Marks a participant unreachable; true when they were not already.
    pub async fn set_unreachable(&self, participant_id: i64, now: Ts) -> Result<bool> {
        let r = q!("UPDATE participants SET unreachable_at = $1 WHERE id = $2 AND unreachable_at IS NULL")
            .bind(ms(now))
            .bind(participant_id)
            .execute(&self.pool)
            .await?;
        Ok(r.rows_affected() == 1)
    }

    /// Marks a participant unreachable inside a transaction (they blocked
    /// the bot).
    pub async fn mark_unreachable(&self, tx: &mut Tx, participant_id: i64, now: Ts) -> Result<()> {
        q!("UPDATE participants SET unreachable_at = $1 WHERE id = $2 AND unreachable_at IS NULL")
            .bind(ms(now))
            .bind(participant_id)
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    /// They wrote to us again: reachable after all.
    pub async fn set_reachable(&self, tx: &mut Tx, participant_id: i64) -> Result<()> {
        q!("UPDATE participants SET unreachable_at = NULL WHERE id = $1 AND unreachable_at IS NOT NULL")
            .bind(participant_id)
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    /// Everyone of a role on a platform: (address, language).
    pub async fn addresses_of_role(&self, platform: &str, role: Role) -> Result<Vec<(String, Lang)>> {
        let rows = q!(
            "SELECT i.address, p.lang, p.id FROM identities i JOIN participants p ON p.id = i.participant_id
                       WHERE i.platform = $1 AND p.role = $2 AND p.forgotten_at IS NULL ORDER BY i.address"
        )
        .bind(platform)
        .bind(role.code())
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let id: i64 = r.try_get(2)?;
                Ok((
                    r.try_get(0)?,
                    lang_in("participants", id, "lang", &r.try_get::<String, _>(1)?)?,
                ))
            })
            .collect()
    }

    /// Participants of a programme: (id, role, name, paired).
    pub async fn participants(&self, programme: &str) -> Result<Vec<(i64, Role, String, bool)>> {
        let rows = q!("SELECT p.id, p.role, p.name,
                         CASE WHEN EXISTS (SELECT 1 FROM pairs x WHERE x.mentee_id = p.id OR x.mentor_id = p.id) THEN 1 ELSE 0 END
                       FROM participants p WHERE p.programme_id = $1 AND p.forgotten_at IS NULL ORDER BY p.role, p.id")
        .bind(programme)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let id: i64 = r.try_get(0)?;
                Ok((
                    id,
                    role_in("participants", id, "role", &r.try_get::<String, _>(1)?)?,
                    r.try_get(2)?,
                    r.try_get::<i32, _>(3)
                        .map(|v| v != 0)
                        .or_else(|_| r.try_get::<i64, _>(3).map(|v| v != 0))?,
                ))
            })
            .collect()
    }
}
