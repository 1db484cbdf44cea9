//! The store: sqlx over SQLite (the embedded default) or PostgreSQL.
//!
//! One set of queries where the dialects agree (`$1` placeholders, `ON
//! CONFLICT DO NOTHING`, `RETURNING`); separate migration folders. Times are
//! epoch milliseconds: sqlx's Any driver cannot bind chrono types.

use anyhow::{Context, Result};
use bot_core::Ts;
use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{Any, AnyPool, Row, Transaction};
use std::str::FromStr;

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("migrations/postgres");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A handle on the database; cheap to clone.
#[derive(Debug, Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
}

pub type Tx = Transaction<'static, Any>;

pub fn ms(t: Ts) -> i64 {
    t.timestamp_millis()
}

pub fn from_ms(v: i64) -> Ts {
    chrono::DateTime::from_timestamp_millis(v).unwrap_or_default()
}

/// A participant as the engine needs them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Participant {
    pub id: i64,
    pub programme_id: String,
    pub role: String,
    pub name: String,
    pub lang: String,
    pub tz: String,
    pub contact: Option<String>,
    pub consent_share: bool,
    pub consent_given_at: Option<i64>,
    pub unreachable_at: Option<i64>,
}

/// Who a new participant is.
#[derive(Debug, Clone)]
pub struct NewParticipant<'a> {
    pub programme_id: &'a str,
    pub role: &'a str,
    pub name: &'a str,
    pub lang: &'a str,
    pub tz: &'a str,
    pub contact: Option<&'a str>,
    /// When they consented to share their contact details with the match.
    pub consent_given_at: Option<Ts>,
}

#[derive(Debug, Clone)]
pub struct PairRow {
    pub id: i64,
    pub programme_id: String,
    pub mentee_id: i64,
    pub mentor_id: i64,
    pub state: String,
}

/// A message to put in the outbox.
#[derive(Debug, Clone)]
pub struct NewOutbox<'a> {
    pub participant_id: Option<i64>,
    pub pair_id: Option<i64>,
    pub platform: Option<&'a str>,
    pub address: Option<&'a str>,
    pub lang: &'a str,
    pub msg: &'a str,
    pub once_key: Option<&'a str>,
    pub not_before: Ts,
}

/// A claimed outbox message, ready to render and send.
#[derive(Debug, Clone)]
pub struct OutboxRow {
    pub id: i64,
    pub participant_id: Option<i64>,
    pub pair_id: Option<i64>,
    pub platform: Option<String>,
    pub address: Option<String>,
    pub lang: String,
    pub tz: Option<String>,
    pub msg: String,
    pub attempts: i64,
}

const PARTICIPANT_COLS: &str = "p.id, p.programme_id, p.role, p.name, p.lang, p.tz, p.contact, p.consent_share, p.consent_given_at, p.unreachable_at";

fn pair_row(r: &AnyRow) -> Result<PairRow> {
    Ok(PairRow {
        id: r.try_get(0)?,
        programme_id: r.try_get(1)?,
        mentee_id: r.try_get(2)?,
        mentor_id: r.try_get(3)?,
        state: r.try_get(4)?,
    })
}

fn participant(row: &AnyRow) -> Result<Participant> {
    Ok(Participant {
        id: row.try_get("id")?,
        programme_id: row.try_get("programme_id")?,
        role: row.try_get("role")?,
        name: row.try_get("name")?,
        lang: row.try_get("lang")?,
        tz: row.try_get("tz")?,
        contact: row.try_get("contact")?,
        consent_share: row.try_get::<i64, _>("consent_share")? != 0,
        consent_given_at: row.try_get("consent_given_at")?,
        unreachable_at: row.try_get("unreachable_at")?,
    })
}

macro_rules! q {
    ($sql:expr) => {
        sqlx::query::<Any>(sqlx::AssertSqlSafe($sql))
    };
}

impl Store {
    /// Connects to `url`: `sqlite://FILE` (created when missing),
    /// `sqlite::memory:`, a bare file path, or `postgres://…`.
    pub async fn connect(url: &str) -> Result<Store> {
        sqlx::any::install_default_drivers();
        let (url, backend) = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            (url.to_string(), Backend::Postgres)
        } else if url.starts_with("sqlite:") {
            let u = if url.contains("memory") || url.contains("mode=") {
                url.to_string()
            } else {
                format!("{url}{}mode=rwc", if url.contains('?') { '&' } else { '?' })
            };
            (u, Backend::Sqlite)
        } else {
            (format!("sqlite://{url}?mode=rwc"), Backend::Sqlite)
        };
        let memory = url.contains(":memory:") || url.contains("mode=memory");
        // SQLite has one writer at a time: more connections only wait in
        // its busy handler (measured: p99 28 ms with 8, 15 ms with 2, see
        // BENCHMARKS.md). PostgreSQL takes more.
        let connections = match (backend, memory) {
            (Backend::Sqlite, true) => 1,
            (Backend::Sqlite, false) => 2,
            (Backend::Postgres, _) => 8,
        };
        let mut opts = AnyPoolOptions::new().max_connections(connections);
        if backend == Backend::Sqlite {
            opts = opts.after_connect(|conn, _| {
                Box::pin(async move {
                    use sqlx::Executor;
                    conn.execute("PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;")
                        .await?;
                    Ok(())
                })
            });
        }
        let pool = opts
            .connect(&url)
            .await
            .with_context(|| format!("cannot open the database at {}", redact(&url)))?;
        Ok(Store { pool, backend })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Applies the migrations of this backend; a no-op when up to date.
    pub async fn migrate(&self) -> Result<()> {
        let m = match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        m.run(&self.pool).await.context("applying migrations")?;
        Ok(())
    }

    /// Begins a transaction. SQLite takes the write lock at once, so two
    /// transactions never deadlock upgrading a read lock.
    pub async fn begin(&self) -> Result<Tx> {
        Ok(match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => self.pool.begin().await?,
        })
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    // ---- programmes, participants, identities ---------------------------

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
        .bind(p.role)
        .bind(p.name)
        .bind(p.lang)
        .bind(p.tz)
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

    pub async fn participant(&self, tx: &mut Tx, id: i64) -> Result<Participant> {
        let sql = format!("SELECT {PARTICIPANT_COLS} FROM participants p WHERE p.id = $1");
        participant(&q!(sql).bind(id).fetch_one(&mut **tx).await?)
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
        let row =
            q!("SELECT platform, address FROM identities WHERE participant_id = $1 ORDER BY created_at DESC LIMIT 1")
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

    pub async fn set_language(&self, tx: &mut Tx, participant_id: i64, lang: &str) -> Result<()> {
        q!("UPDATE participants SET lang = $1 WHERE id = $2")
            .bind(lang)
            .bind(participant_id)
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    /// Removes a participant's personal data: name, contact, identities.
    /// Survey answers stay, tied to a nameless participant.
    pub async fn forget(&self, tx: &mut Tx, participant_id: i64, now: Ts) -> Result<()> {
        q!("UPDATE participants SET name = '-', contact = NULL, consent_share = 0, consent_given_at = NULL, forgotten_at = $1 WHERE id = $2")
            .bind(ms(now))
            .bind(participant_id)
            .execute(&mut **tx)
            .await?;
        q!("DELETE FROM identities WHERE participant_id = $1")
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

    /// They wrote to us again: reachable after all.
    pub async fn set_reachable(&self, tx: &mut Tx, participant_id: i64) -> Result<()> {
        q!("UPDATE participants SET unreachable_at = NULL WHERE id = $1 AND unreachable_at IS NOT NULL")
            .bind(participant_id)
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    // ---- invites and registrations ---------------------------------------

    pub async fn create_invite(&self, code: &str, programme_id: &str, role: &str, now: Ts) -> Result<()> {
        q!("INSERT INTO invites (code, programme_id, role, created_at) VALUES ($1, $2, $3, $4)")
            .bind(code)
            .bind(programme_id)
            .bind(role)
            .bind(ms(now))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Makes an invite with a fixed code unless it exists.
    pub async fn ensure_invite(&self, code: &str, programme_id: &str, role: &str, now: Ts) -> Result<()> {
        q!("INSERT INTO invites (code, programme_id, role, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING")
            .bind(code)
            .bind(programme_id)
            .bind(role)
            .bind(ms(now))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// (programme, role) of a valid invite.
    pub async fn invite(&self, tx: &mut Tx, code: &str) -> Result<Option<(String, String)>> {
        let row = q!("SELECT programme_id, role FROM invites WHERE code = $1 AND revoked_at IS NULL")
            .bind(code)
            .fetch_optional(&mut **tx)
            .await?;
        Ok(match row {
            Some(r) => Some((r.try_get(0)?, r.try_get(1)?)),
            None => None,
        })
    }

    /// A registration in progress: (invite code, state JSON).
    pub async fn registration(&self, tx: &mut Tx, platform: &str, user_id: &str) -> Result<Option<(String, String)>> {
        let row = q!("SELECT invite_code, state FROM registrations WHERE platform = $1 AND platform_user_id = $2")
            .bind(platform)
            .bind(user_id)
            .fetch_optional(&mut **tx)
            .await?;
        Ok(match row {
            Some(r) => Some((r.try_get(0)?, r.try_get(1)?)),
            None => None,
        })
    }

    #[allow(clippy::too_many_arguments)]
    pub async fn save_registration(
        &self,
        tx: &mut Tx,
        platform: &str,
        user_id: &str,
        address: &str,
        code: &str,
        state: &str,
        now: Ts,
    ) -> Result<()> {
        q!("INSERT INTO registrations (platform, platform_user_id, address, invite_code, state, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (platform, platform_user_id) DO UPDATE SET address = excluded.address, invite_code = excluded.invite_code,
                state = excluded.state, updated_at = excluded.updated_at")
        .bind(platform)
        .bind(user_id)
        .bind(address)
        .bind(code)
        .bind(state)
        .bind(ms(now))
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    pub async fn delete_registration(&self, tx: &mut Tx, platform: &str, user_id: &str) -> Result<()> {
        q!("DELETE FROM registrations WHERE platform = $1 AND platform_user_id = $2")
            .bind(platform)
            .bind(user_id)
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    /// Everyone of a role on a platform: (address, language).
    pub async fn addresses_of_role(&self, platform: &str, role: &str) -> Result<Vec<(String, String)>> {
        let rows = q!(
            "SELECT i.address, p.lang FROM identities i JOIN participants p ON p.id = i.participant_id
                       WHERE i.platform = $1 AND p.role = $2 AND p.forgotten_at IS NULL ORDER BY i.address"
        )
        .bind(platform)
        .bind(role)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).collect()
    }

    /// Participants of a programme: (id, role, name, paired).
    pub async fn participants(&self, programme: &str) -> Result<Vec<(i64, String, String, bool)>> {
        let rows = q!("SELECT p.id, p.role, p.name,
                         CASE WHEN EXISTS (SELECT 1 FROM pairs x WHERE x.mentee_id = p.id OR x.mentor_id = p.id) THEN 1 ELSE 0 END
                       FROM participants p WHERE p.programme_id = $1 AND p.forgotten_at IS NULL ORDER BY p.role, p.id")
        .bind(programme)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok((
                    r.try_get(0)?,
                    r.try_get(1)?,
                    r.try_get(2)?,
                    r.try_get::<i32, _>(3)
                        .map(|v| v != 0)
                        .or_else(|_| r.try_get::<i64, _>(3).map(|v| v != 0))?,
                ))
            })
            .collect()
    }

    // ---- pairs ----------------------------------------------------------

    #[allow(clippy::too_many_arguments)]
    pub async fn insert_pair(
        &self,
        tx: &mut Tx,
        programme_id: &str,
        mentee: i64,
        mentor: i64,
        state: &PairSave<'_>,
        now: Ts,
    ) -> Result<i64> {
        let row = q!("INSERT INTO pairs (programme_id, mentee_id, mentor_id, phase, status, at_risk, state, next_due_at, created_at, updated_at)
                      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id")
        .bind(programme_id)
        .bind(mentee)
        .bind(mentor)
        .bind(state.phase)
        .bind(state.status)
        .bind(state.at_risk as i64)
        .bind(state.json)
        .bind(state.next_due_at.map(ms))
        .bind(ms(now))
        .fetch_one(&mut **tx)
        .await?;
        Ok(row.try_get(0)?)
    }

    /// Loads a pair, locking its row on PostgreSQL.
    pub async fn load_pair(&self, tx: &mut Tx, id: i64) -> Result<Option<PairRow>> {
        let sql = match self.backend {
            Backend::Sqlite => "SELECT id, programme_id, mentee_id, mentor_id, state FROM pairs WHERE id = $1",
            Backend::Postgres => {
                "SELECT id, programme_id, mentee_id, mentor_id, state FROM pairs WHERE id = $1 FOR UPDATE"
            }
        };
        let row = q!(sql).bind(id).fetch_optional(&mut **tx).await?;
        row.as_ref().map(pair_row).transpose()
    }

    /// Claims a due pair for a tick: on PostgreSQL another replica's claim
    /// is skipped, not waited for.
    pub async fn load_due_pair(&self, tx: &mut Tx, id: i64, now: Ts) -> Result<Option<PairRow>> {
        let sql = match self.backend {
            Backend::Sqlite => {
                "SELECT id, programme_id, mentee_id, mentor_id, state FROM pairs WHERE id = $1 AND next_due_at <= $2"
            }
            Backend::Postgres => {
                "SELECT id, programme_id, mentee_id, mentor_id, state FROM pairs WHERE id = $1 AND next_due_at <= $2 FOR UPDATE SKIP LOCKED"
            }
        };
        let row = q!(sql).bind(id).bind(ms(now)).fetch_optional(&mut **tx).await?;
        row.as_ref().map(pair_row).transpose()
    }

    /// The pairs a participant is in, most recently active first:
    /// (pair id, the participant's role in it).
    pub async fn pairs_of(&self, tx: &mut Tx, participant_id: i64) -> Result<Vec<(i64, String)>> {
        let rows = q!(
            "SELECT id, CASE WHEN mentee_id = $1 THEN 'mentee' ELSE 'mentor' END FROM pairs
                       WHERE mentee_id = $1 OR mentor_id = $1 ORDER BY updated_at DESC, id DESC"
        )
        .bind(participant_id)
        .fetch_all(&mut **tx)
        .await?;
        rows.iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).collect()
    }

    pub async fn save_pair(&self, tx: &mut Tx, id: i64, state: &PairSave<'_>, now: Ts) -> Result<()> {
        q!("UPDATE pairs SET state = $1, phase = $2, status = $3, at_risk = $4, next_due_at = $5, updated_at = $6, version = version + 1 WHERE id = $7")
            .bind(state.json)
            .bind(state.phase)
            .bind(state.status)
            .bind(state.at_risk as i64)
            .bind(state.next_due_at.map(ms))
            .bind(ms(now))
            .bind(id)
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    /// (pairs, pairs at risk) in a programme.
    pub async fn pair_counts(&self, tx: &mut Tx, programme: &str) -> Result<(i64, i64)> {
        let r = q!("SELECT COUNT(*), CAST(COALESCE(SUM(at_risk), 0) AS BIGINT) FROM pairs WHERE programme_id = $1")
            .bind(programme)
            .fetch_one(&mut **tx)
            .await?;
        Ok((r.try_get(0)?, r.try_get(1)?))
    }

    /// Pairs whose `next_due_at` has passed, earliest first (an index scan).
    pub async fn due_pairs(&self, now: Ts, limit: i64) -> Result<Vec<i64>> {
        let rows = q!(
            "SELECT id FROM pairs WHERE next_due_at IS NOT NULL AND next_due_at <= $1 ORDER BY next_due_at LIMIT $2"
        )
        .bind(ms(now))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|r| Ok(r.try_get(0)?)).collect()
    }

    // ---- what pairs do ----------------------------------------------------

    /// Records an update's platform key; false when it was seen before.
    pub async fn record_update(&self, tx: &mut Tx, platform: &str, key: &str, now: Ts) -> Result<bool> {
        let r = q!("INSERT INTO processed_updates (platform, update_key, processed_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
            .bind(platform)
            .bind(key)
            .bind(ms(now))
            .execute(&mut **tx)
            .await?;
        Ok(r.rows_affected() == 1)
    }

    pub async fn record_meeting(&self, tx: &mut Tx, pair: i64, number: u32, at: Ts, held: bool) -> Result<()> {
        q!(
            "INSERT INTO meetings (pair_id, number, held_at, held) VALUES ($1, $2, $3, $4)
            ON CONFLICT (pair_id, number) DO UPDATE SET held_at = excluded.held_at, held = excluded.held"
        )
        .bind(pair)
        .bind(i64::from(number))
        .bind(ms(at))
        .bind(held as i64)
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    pub async fn meeting_feedback(&self, tx: &mut Tx, pair: i64, number: u32, role: &str, rating: &str) -> Result<()> {
        let sql = if role == "mentor" {
            "UPDATE meetings SET mentor_rating = $1 WHERE pair_id = $2 AND number = $3"
        } else {
            "UPDATE meetings SET mentee_rating = $1 WHERE pair_id = $2 AND number = $3"
        };
        q!(sql)
            .bind(rating)
            .bind(pair)
            .bind(i64::from(number))
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    pub async fn held_meetings(&self, pair: i64) -> Result<i64> {
        let r = q!("SELECT COUNT(*) FROM meetings WHERE pair_id = $1 AND held = 1")
            .bind(pair)
            .fetch_one(&self.pool)
            .await?;
        Ok(r.try_get(0)?)
    }

    pub async fn survey_opened(
        &self,
        tx: &mut Tx,
        pair: i64,
        survey: &str,
        role: &str,
        participant: i64,
        now: Ts,
    ) -> Result<()> {
        q!("INSERT INTO survey_runs (pair_id, survey, role, participant_id, opened_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING")
            .bind(pair)
            .bind(survey)
            .bind(role)
            .bind(participant)
            .bind(ms(now))
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    pub async fn survey_finished(&self, tx: &mut Tx, pair: i64, survey: &str, role: &str, now: Ts) -> Result<()> {
        q!("UPDATE survey_runs SET finished_at = $1 WHERE pair_id = $2 AND survey = $3 AND role = $4")
            .bind(ms(now))
            .bind(pair)
            .bind(survey)
            .bind(role)
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    pub async fn survey_answer(
        &self,
        tx: &mut Tx,
        pair: i64,
        survey: &str,
        role: &str,
        question: &str,
        participant: i64,
        value: &str,
        now: Ts,
    ) -> Result<()> {
        q!("INSERT INTO survey_answers (pair_id, survey, role, question, participant_id, value, answered_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (pair_id, survey, role, question) DO UPDATE SET value = excluded.value, answered_at = excluded.answered_at")
        .bind(pair)
        .bind(survey)
        .bind(role)
        .bind(question)
        .bind(participant)
        .bind(value)
        .bind(ms(now))
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// Answers of a survey: (pair, role, question, value JSON).
    pub async fn survey_answers(&self, survey: &str) -> Result<Vec<(i64, String, String, String)>> {
        let rows = q!("SELECT pair_id, role, question, value FROM survey_answers WHERE survey = $1 ORDER BY pair_id, role, question")
            .bind(survey)
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| Ok((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?, r.try_get(3)?)))
            .collect()
    }

    pub async fn rsvp(
        &self,
        tx: &mut Tx,
        programme: &str,
        event: &str,
        participant: i64,
        going: bool,
        now: Ts,
    ) -> Result<()> {
        q!("INSERT INTO rsvps (programme_id, event_id, participant_id, going, answered_at) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (programme_id, event_id, participant_id) DO UPDATE SET going = excluded.going, answered_at = excluded.answered_at")
        .bind(programme)
        .bind(event)
        .bind(participant)
        .bind(going as i64)
        .bind(ms(now))
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// (event, participant, going) for a programme.
    pub async fn rsvps(&self, programme: &str) -> Result<Vec<(String, i64, bool)>> {
        let rows = q!("SELECT event_id, participant_id, going FROM rsvps WHERE programme_id = $1 ORDER BY event_id, participant_id")
            .bind(programme)
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| Ok((r.try_get(0)?, r.try_get(1)?, r.try_get::<i64, _>(2)? != 0)))
            .collect()
    }

    #[allow(clippy::too_many_arguments)]
    pub async fn add_flag(
        &self,
        tx: &mut Tx,
        programme: &str,
        pair: Option<i64>,
        participant: Option<i64>,
        kind: &str,
        reason: Option<&str>,
        now: Ts,
    ) -> Result<i64> {
        let row = q!("INSERT INTO flags (programme_id, pair_id, participant_id, kind, reason, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id")
            .bind(programme)
            .bind(pair)
            .bind(participant)
            .bind(kind)
            .bind(reason)
            .bind(ms(now))
            .fetch_one(&mut **tx)
            .await?;
        Ok(row.try_get(0)?)
    }

    /// Open flags of a programme: (pair, kind, reason).
    pub async fn open_flags(&self, programme: &str) -> Result<Vec<(Option<i64>, String, Option<String>)>> {
        let rows =
            q!("SELECT pair_id, kind, reason FROM flags WHERE programme_id = $1 AND resolved_at IS NULL ORDER BY id")
                .bind(programme)
                .fetch_all(&self.pool)
                .await?;
        rows.iter()
            .map(|r| Ok((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?)))
            .collect()
    }

    // ---- the outbox -------------------------------------------------------

    /// Queues a message; `None` when its once-key was already used for
    /// this participant.
    pub async fn enqueue(&self, tx: &mut Tx, m: &NewOutbox<'_>, now: Ts) -> Result<Option<i64>> {
        let row = q!("INSERT INTO outbox (participant_id, pair_id, platform, address, lang, msg, once_key, not_before, created_at)
                      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING RETURNING id")
        .bind(m.participant_id)
        .bind(m.pair_id)
        .bind(m.platform)
        .bind(m.address)
        .bind(m.lang)
        .bind(m.msg)
        .bind(m.once_key)
        .bind(ms(m.not_before))
        .bind(ms(now))
        .fetch_optional(&mut **tx)
        .await?;
        row.map(|r| r.try_get(0)).transpose().map_err(Into::into)
    }

    /// Claims up to `limit` due messages for `lease` milliseconds. A claim
    /// that outlives its lease (the worker died) is claimed again.
    pub async fn claim(&self, worker: &str, now: Ts, lease_ms: i64, limit: i64) -> Result<Vec<OutboxRow>> {
        let sql = match self.backend {
            Backend::Sqlite => {
                "UPDATE outbox SET claimed_until = $1, claimed_by = $2 WHERE id IN (
                    SELECT id FROM outbox WHERE status = 'pending' AND not_before <= $3
                      AND (claimed_until IS NULL OR claimed_until < $3)
                    ORDER BY not_before, id LIMIT $4)
                 RETURNING id"
            }
            Backend::Postgres => {
                "UPDATE outbox SET claimed_until = $1, claimed_by = $2 WHERE id IN (
                    SELECT id FROM outbox WHERE status = 'pending' AND not_before <= $3
                      AND (claimed_until IS NULL OR claimed_until < $3)
                    ORDER BY not_before, id LIMIT $4 FOR UPDATE SKIP LOCKED)
                 RETURNING id"
            }
        };
        let mut tx = self.begin().await?;
        let ids: Vec<i64> = q!(sql)
            .bind(ms(now) + lease_ms)
            .bind(worker)
            .bind(ms(now))
            .bind(limit)
            .fetch_all(&mut *tx)
            .await?
            .iter()
            .map(|r| r.try_get(0))
            .collect::<Result<_, _>>()?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            let r = q!("SELECT o.id, o.participant_id, o.pair_id, o.platform, o.address, COALESCE(p.lang, o.lang), p.tz, o.msg, o.attempts
                        FROM outbox o LEFT JOIN participants p ON p.id = o.participant_id WHERE o.id = $1")
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
            out.push(OutboxRow {
                id: r.try_get(0)?,
                participant_id: r.try_get(1)?,
                pair_id: r.try_get(2)?,
                platform: r.try_get(3)?,
                address: r.try_get(4)?,
                lang: r.try_get(5)?,
                tz: r.try_get(6)?,
                msg: r.try_get(7)?,
                attempts: r.try_get(8)?,
            });
        }
        tx.commit().await?;
        out.sort_by_key(|r| r.id);
        Ok(out)
    }

    pub async fn mark_sent(&self, id: i64, now: Ts, platform_message_id: Option<&str>) -> Result<()> {
        q!("UPDATE outbox SET status = 'sent', sent_at = $1, attempts = attempts + 1, platform_message_id = $2, claimed_until = NULL WHERE id = $3")
            .bind(ms(now))
            .bind(platform_message_id)
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub async fn mark_retry(&self, id: i64, attempts: i64, not_before: Ts, error: &str) -> Result<()> {
        q!("UPDATE outbox SET attempts = $1, not_before = $2, last_error = $3, claimed_until = NULL WHERE id = $4")
            .bind(attempts)
            .bind(ms(not_before))
            .bind(error)
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub async fn mark_dead(&self, id: i64, attempts: i64, error: &str) -> Result<()> {
        q!("UPDATE outbox SET status = 'dead', attempts = $1, last_error = $2, claimed_until = NULL WHERE id = $3")
            .bind(attempts)
            .bind(error)
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Messages by status: (pending, sent, dead).
    pub async fn outbox_counts(&self) -> Result<(i64, i64, i64)> {
        let r = q!("SELECT
                      COALESCE(SUM(CASE WHEN status = 'pending' THEN 1 ELSE 0 END), 0),
                      COALESCE(SUM(CASE WHEN status = 'sent' THEN 1 ELSE 0 END), 0),
                      COALESCE(SUM(CASE WHEN status = 'dead' THEN 1 ELSE 0 END), 0)
                    FROM outbox")
        .fetch_one(&self.pool)
        .await?;
        Ok((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?))
    }

    /// (id, status, attempts, last error) of every outbox row, for tests
    /// and the operator.
    pub async fn outbox_rows(&self) -> Result<Vec<(i64, String, i64, Option<String>)>> {
        let rows = q!("SELECT id, status, attempts, last_error FROM outbox ORDER BY id")
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| Ok((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?, r.try_get(3)?)))
            .collect()
    }
}

/// A pair's state as saved: the JSON plus the columns queries need.
#[derive(Debug, Clone)]
pub struct PairSave<'a> {
    pub json: &'a str,
    pub phase: &'a str,
    pub status: &'a str,
    pub at_risk: bool,
    pub next_due_at: Option<Ts>,
}

fn redact(url: &str) -> String {
    match url.find('@') {
        Some(at) => match url.find("://") {
            Some(s) => format!("{}://…{}", &url[..s], &url[at..]),
            None => url.to_string(),
        },
        None => url.to_string(),
    }
}

impl FromStr for Backend {
    type Err = anyhow::Error;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "sqlite" => Ok(Backend::Sqlite),
            "postgres" => Ok(Backend::Postgres),
            _ => anyhow::bail!("unknown backend {s}: sqlite or postgres"),
        }
    }
}
