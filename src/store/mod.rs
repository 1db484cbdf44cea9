//! The store: sqlx over SQLite (the embedded default) or PostgreSQL.
//!
//! One set of queries where the dialects agree (`$1` placeholders, `ON
//! CONFLICT DO NOTHING`, `RETURNING`); separate migration folders. Times are
//! epoch milliseconds: sqlx's Any driver cannot bind chrono types.
//!
//! The queries live by concern, one `impl Store` block per file:
//! [`participants`] (programmes, participants, identities), [`invites`]
//! (invites, registrations in progress), [`pairs`] (pairs, processed
//! updates), [`outbox`] (queued messages), [`answers`] (meetings, surveys,
//! RSVPs, flags), [`webchat`] (the web chat's conversations and activities).

use anyhow::{Context, Result};
use bot_core::{Lang, Role, Ts};
use chrono_tz::Tz;
use sqlx::any::AnyPoolOptions;
use sqlx::{Any, AnyPool, Transaction};
use std::fmt::Display;
use std::str::FromStr;

/// `sqlx::query` on the Any driver, for SQL built from constant pieces.
macro_rules! q {
    ($sql:expr) => {
        sqlx::query::<Any>(sqlx::AssertSqlSafe($sql))
    };
}

mod answers;
mod batch;
mod broadcasts;
mod choices;
mod cohort;
mod dialogues;
mod evaluation;
mod events;
mod flags;
mod gauges;
mod group;
mod health;
mod invites;
mod leader;
mod nodelay;
mod outbox;
mod pairs;
mod parked;
mod participants;
mod privacy;
mod relay;
mod schedules;
mod webchat;

pub use broadcasts::{BroadcastRow, Progress};
pub use cohort::DecisionKind;
pub use dialogues::DialogueRow;
pub use events::{EventAnswer, SavedEvent};
pub use gauges::Gauges;
pub use invites::InviteRow;
pub use leader::{SessionLock, lock_key};
pub use outbox::{BadRow, Claimed, NewOutbox, OutboxRow, RecipientBrief};
pub use pairs::{PairRow, PairSave};
pub use parked::{PairBrief, ParkedUpdate};
pub use participants::{NewParticipant, Participant};
pub use privacy::Forgotten;
pub use schedules::{DueSchedule, ScheduleRow};
pub use webchat::WebChatStore;

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
    /// Where transactions run: on a SQLite file one connection of its own,
    /// else `pool`.
    tx_pool: AnyPool,
    backend: Backend,
    /// SQLite's write turn (see [`Tx`]); none on PostgreSQL.
    writer: Option<group::Writer>,
    /// A test's switch: the scheduler's batched pass refuses to start, so
    /// the scheduler ticks pair by pair (see [`Store::without_batches`]).
    no_batches: bool,
}

/// A transaction. On SQLite it also holds the store's write turn: SQLite
/// has one writer at a time, and a second `BEGIN IMMEDIATE` would sleep in
/// SQLite's busy handler (1, 2, 5 … 100 ms steps) while the first commits
/// and starts again, so writers wait their turn in a fair queue instead.
/// On a SQLite file the transactions queued one behind another share one
/// commit (see [`group`]). It derefs to the connection: queries take
/// `&mut **tx`.
pub struct Tx {
    conn: Conn,
    /// Set in a batch (see [`Store::begin_batch`]).
    memo: Option<Box<batch::Memo>>,
}

enum Conn {
    /// PostgreSQL, and SQLite in memory (with the turn): a transaction of
    /// its own.
    Own(
        Transaction<'static, Any>,
        Option<tokio::sync::OwnedMutexGuard<group::Turn>>,
    ),
    /// A SQLite file: a savepoint in the shared transaction.
    Member(group::Member),
}

impl Tx {
    /// Commits; on a SQLite file, returns once the shared transaction
    /// committed.
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        match self.conn {
            Conn::Own(tx, turn) => {
                tx.commit().await?;
                drop(turn);
                Ok(())
            }
            Conn::Member(m) => m.commit().await,
        }
    }

    pub async fn rollback(self) -> Result<(), sqlx::Error> {
        match self.conn {
            Conn::Own(tx, _) => tx.rollback().await,
            Conn::Member(m) => m.rollback().await,
        }
    }
}

impl std::ops::Deref for Tx {
    type Target = sqlx::AnyConnection;
    fn deref(&self) -> &sqlx::AnyConnection {
        match &self.conn {
            Conn::Own(tx, _) => tx,
            Conn::Member(m) => m.conn(),
        }
    }
}

impl std::ops::DerefMut for Tx {
    fn deref_mut(&mut self) -> &mut sqlx::AnyConnection {
        match &mut self.conn {
            Conn::Own(tx, _) => tx,
            Conn::Member(m) => m.conn_mut(),
        }
    }
}

impl std::fmt::Debug for Tx {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Tx")
    }
}

pub fn ms(t: Ts) -> i64 {
    t.timestamp_millis()
}

pub fn from_ms(v: i64) -> Ts {
    chrono::DateTime::from_timestamp_millis(v).unwrap_or_default()
}

/// A value in the database that is not what its column holds, e.g.
/// `participants row 17: role "boss" is not one of mentee, mentor, coordinator`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{table} row {row}: {column} {value:?} is not {expected}")]
pub struct BadValue {
    pub table: &'static str,
    /// The row's key, as text.
    pub row: String,
    pub column: &'static str,
    pub value: String,
    pub expected: String,
}

impl BadValue {
    fn new(table: &'static str, row: impl Display, column: &'static str, value: &str, expected: String) -> BadValue {
        BadValue {
            table,
            row: row.to_string(),
            column,
            value: value.to_string(),
            expected,
        }
    }
}

const ROLES: [Role; 3] = [Role::Mentee, Role::Mentor, Role::Coordinator];

/// Reads a role column: exactly a role's code.
fn role_in(table: &'static str, row: impl Display, column: &'static str, value: &str) -> Result<Role, BadValue> {
    ROLES.into_iter().find(|r| r.code() == value).ok_or_else(|| {
        let codes: Vec<_> = ROLES.iter().map(|r| r.code()).collect();
        BadValue::new(table, row, column, value, format!("one of {}", codes.join(", ")))
    })
}

/// Reads a language column: exactly a language's code.
fn lang_in(table: &'static str, row: impl Display, column: &'static str, value: &str) -> Result<Lang, BadValue> {
    Lang::ALL.into_iter().find(|l| l.code() == value).ok_or_else(|| {
        let codes: Vec<_> = Lang::ALL.iter().map(|l| l.code()).collect();
        BadValue::new(table, row, column, value, format!("one of {}", codes.join(", ")))
    })
}

/// Reads a time zone column: an IANA name such as `Europe/Copenhagen`.
fn tz_in(table: &'static str, row: impl Display, column: &'static str, value: &str) -> Result<Tz, BadValue> {
    value
        .parse()
        .map_err(|_| BadValue::new(table, row, column, value, "an IANA time zone name".into()))
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
        if backend == Backend::Postgres {
            let port = url::Url::parse(&url).ok().and_then(|u| u.port()).unwrap_or(5432);
            opts = opts.after_connect(move |conn, _| {
                Box::pin(async move {
                    nodelay::set(conn, port).await;
                    Ok(())
                })
            });
        }
        if backend == Backend::Sqlite {
            opts = opts.after_connect(|conn, _| Box::pin(sqlite_pragmas(conn)));
        }
        let pool = opts
            .connect(&url)
            .await
            .with_context(|| format!("cannot open the database at {}", redact(&url)))?;
        // SQLite's transactions on a connection of their own: a connection
        // drops its page cache whenever another one wrote since its last
        // transaction, so transactions taking turns on two connections
        // would read every page they touch again. Reads outside a
        // transaction keep the pool.
        let tx_pool = match (backend, memory) {
            (Backend::Sqlite, false) => AnyPoolOptions::new()
                .max_connections(1)
                .after_connect(|conn, _| Box::pin(sqlite_pragmas(conn)))
                .connect(&url)
                .await
                .with_context(|| format!("cannot open the database at {}", redact(&url)))?,
            _ => pool.clone(),
        };
        let checkpoints = (backend == Backend::Sqlite && !memory).then(|| Checkpoints {
            pool: pool.clone(),
            commits: Default::default(),
            running: Default::default(),
        });
        let writer = (backend == Backend::Sqlite).then(|| group::Writer::new(checkpoints));
        Ok(Store {
            pool,
            tx_pool,
            backend,
            writer,
            no_batches: false,
        })
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
        // Two processes opening one new SQLite file at once (serve and a
        // command) both apply its first migrations: sqlx locks nothing on
        // SQLite, so the later one fails on what the other just added
        // ("duplicate column"), its own migration rolled back. Run again, it
        // finds them applied. PostgreSQL's migrator holds an advisory lock.
        let mut attempt = 0;
        loop {
            match m.run(&self.pool).await {
                Ok(()) => return Ok(()),
                Err(e) if self.backend == Backend::Sqlite && attempt < 5 => {
                    attempt += 1;
                    tracing::debug!("migrations, attempt {attempt}: {e}");
                    tokio::time::sleep(std::time::Duration::from_millis(50 * attempt)).await;
                }
                Err(e) => return Err(anyhow::Error::new(e).context("applying migrations")),
            }
        }
    }

    /// Begins a transaction. SQLite takes the write lock at once, so two
    /// transactions never deadlock upgrading a read lock.
    pub async fn begin(&self) -> Result<Tx> {
        let conn = match &self.writer {
            Some(writer) if writer.grouped() => Conn::Member(writer.begin_member(&self.tx_pool).await?),
            Some(writer) => {
                let turn = writer.turn().await?;
                Conn::Own(self.tx_pool.begin_with("BEGIN IMMEDIATE").await?, Some(turn))
            }
            None => Conn::Own(self.tx_pool.begin().await?, None),
        };
        Ok(Tx { conn, memo: None })
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }
}

/// SQLite's checkpoints (copying the write-ahead log into the database
/// file, with an fsync) off the write turn. Left to SQLite, the commit that
/// takes the log past 1,000 pages runs one while every other writer waits
/// its turn. Measured on the webhook bench (load average 3-4): 2,480
/// updates/s with SQLite's own; 4,870 with none at all (not an option: the
/// log would grow without end); 4,000-4,600 with these. Every
/// [`CHECKPOINT_EVERY`] commits a passive checkpoint runs on a reading
/// connection beside the next transactions (one at a time); SQLite's own
/// still comes at [`WAL_PAGES`] pages should these fall behind. The p99
/// stayed about 3 times the p50 (the copy and its fsync slow the writer
/// beside them) until group commit (see [`group`]) cut the pages each
/// update writes: then every 32 to 256 commits measured alike, and every
/// 1,024 worse (p99 78 ms against 17-24: each copy is longer).
///
/// What is left of the p99 (traced with `perf sched` on 2026-11-24): the
/// writer's appends to the log wait 10-50 ms, a few times per 20,000
/// updates, for the disk to read back a page of the log missing from this
/// VM's page cache (`fincore` shows a few of the log's pages gone at a
/// time; the kernel counts file refaults with no reclaim under way): a
/// frame (4,096 + 24 bytes) never covers whole pages, so a missing page is
/// read before it is written. Checkpoints every 32, 64, 256 or 1,024
/// commits, and a log truncated at each restart (`journal_size_limit =
/// 0`), measured alike. The webhook bench's tmpfs row measures the rest:
/// the same server with no disk still has a p99 of about 2.5 times its
/// p50 on these 2 cores, shared by the load, the server and SQLite's
/// threads.
#[derive(Debug, Clone)]
struct Checkpoints {
    pool: AnyPool,
    commits: std::sync::Arc<std::sync::atomic::AtomicU64>,
    running: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

/// Commits between two passive checkpoints.
const CHECKPOINT_EVERY: u64 = 256;

/// The log's length at which SQLite checkpoints in the committing
/// transaction itself (its `wal_autocheckpoint`; 1,000 by default).
const WAL_PAGES: u32 = 10_000;

impl Checkpoints {
    fn committed(&self) {
        use std::sync::atomic::Ordering;
        let n = self.commits.fetch_add(1, Ordering::Relaxed) + 1;
        if !n.is_multiple_of(CHECKPOINT_EVERY) || self.running.swap(true, Ordering::AcqRel) {
            return;
        }
        let (pool, running) = (self.pool.clone(), self.running.clone());
        tokio::spawn(async move {
            use sqlx::Executor;
            if let Err(e) = pool.execute("PRAGMA wal_checkpoint(PASSIVE)").await {
                tracing::debug!("SQLite checkpoint: {e}");
            }
            running.store(false, Ordering::Release);
        });
    }
}

/// Every SQLite connection's settings: foreign keys, a busy timeout as
/// long as the write turn's, WAL without a sync per commit, and temporary
/// tables and indexes (sorts) in memory, and checkpoints as [`Checkpoints`]
/// says.
async fn sqlite_pragmas(conn: &mut sqlx::AnyConnection) -> Result<(), sqlx::Error> {
    use sqlx::Executor;
    conn.execute(
        "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;
         PRAGMA temp_store = MEMORY;",
    )
    .await?;
    conn.execute(sqlx::AssertSqlSafe(format!("PRAGMA wal_autocheckpoint = {WAL_PAGES};")))
        .await?;
    Ok(())
}

/// A database URL fit for logs: the user and password are left out.
pub fn redact(url: &str) -> String {
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
