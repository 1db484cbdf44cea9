//! Leadership among replicas on PostgreSQL: a session-level advisory lock
//! held on a connection of its own. The lock lasts as long as that
//! connection: when the holder's process dies, PostgreSQL ends its session
//! and the lock is free for another replica. SQLite serves one process and
//! needs none.

use super::{Backend, Store};
use anyhow::Result;
use sqlx::{Any, AnyConnection, Connection, Row};

/// A session-level advisory lock, held until dropped (the connection
/// closes) or released.
pub struct SessionLock {
    conn: AnyConnection,
    key: i64,
}

/// The lock key of a name: the first 8 bytes of its SHA-256.
pub fn lock_key(name: &str) -> i64 {
    use sha2::Digest;
    let d = sha2::Sha256::digest(name.as_bytes());
    i64::from_be_bytes(d[..8].try_into().unwrap_or_default())
}

impl Store {
    /// Tries to take advisory lock `key` on a connection taken out of the
    /// pool for it. `None` when another session holds it. Only on
    /// PostgreSQL.
    pub async fn try_session_lock(&self, key: i64) -> Result<Option<SessionLock>> {
        anyhow::ensure!(
            self.backend == Backend::Postgres,
            "advisory locks are a PostgreSQL feature"
        );
        let mut conn = self.pool.acquire().await?.detach();
        let taken: bool = q!("SELECT pg_try_advisory_lock($1)")
            .bind(key)
            .fetch_one(&mut conn)
            .await?
            .try_get(0)?;
        if !taken {
            conn.close().await?;
            return Ok(None);
        }
        Ok(Some(SessionLock { conn, key }))
    }
}

impl SessionLock {
    /// Whether the lock is still held: its session answers (a session
    /// lock goes only with its session or an unlock).
    pub async fn held(&mut self) -> bool {
        sqlx::query::<Any>("SELECT 1").fetch_one(&mut self.conn).await.is_ok()
    }

    /// Gives the lock back and closes its connection.
    pub async fn release(mut self) -> Result<()> {
        q!("SELECT pg_advisory_unlock($1)")
            .bind(self.key)
            .execute(&mut self.conn)
            .await?;
        self.conn.close().await?;
        Ok(())
    }
}
