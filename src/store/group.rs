//! SQLite's write turn, and on a SQLite file its group commit.
//!
//! SQLite has one writer at a time: transactions wait their turn in a fair
//! queue ([`Writer`]) rather than in SQLite's busy handler. On a file, the
//! transactions that queue up behind one another also share one SQLite
//! transaction: the first begins it, each after it runs in a savepoint of
//! its own (`SAVEPOINT member`, rolled back to and released on rollback or
//! drop, left nested on commit), and the shared transaction commits when
//! no one is waiting for the turn any more, or when the first member that
//! committed gets the turn back. A member costs no more statements than a
//! transaction of its own (one to begin it, one to commit it, shared). A
//! member's `commit` returns only after that commit, with its result: nothing is
//! acknowledged before it is in the database. The pages the members touch
//! alike (the tails of the outbox, of the processed updates and of their
//! indexes) go into the write-ahead log once per group instead of once per
//! transaction, and the log's checkpoints copy that much less.
//!
//! Finishing a member (commit, rollback, drop) runs in a task of its own,
//! so a caller that is cancelled half way (a webhook whose client hung up)
//! never leaves the shared transaction half done, nor fails the members
//! that committed before it.

use super::Checkpoints;
use anyhow::{Context, Result};
use sqlx::{Any, Executor, Transaction};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use tokio::sync::{Mutex, OwnedMutexGuard, oneshot};

/// How long a transaction waits for its turn: as long as SQLite's
/// `busy_timeout`, so a turn never freed (a transaction begun inside
/// another) fails, as SQLite would.
const TURN_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

/// The store's write turn on SQLite.
#[derive(Debug, Clone, Default)]
pub(super) struct Writer {
    turn: Arc<Mutex<Turn>>,
    /// Transactions waiting for the turn in [`Store::begin`](super::Store::begin).
    queued: Arc<AtomicUsize>,
    /// On a file: transactions share commits, and each commit counts
    /// towards the next checkpoint. In memory: none, each transaction
    /// its own.
    checkpoints: Option<Checkpoints>,
}

/// Who holds it holds the turn; on a file, it also holds the shared
/// transaction while one is open.
#[derive(Default)]
pub(super) struct Turn {
    open: Option<Open>,
}

impl std::fmt::Debug for Turn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Turn")
    }
}

struct Open {
    tx: Transaction<'static, Any>,
    /// The members that committed and wait for the shared commit.
    committed: Vec<oneshot::Sender<Result<(), String>>>,
}

/// Counts a transaction as queued for the turn while it waits.
struct Queued(Arc<AtomicUsize>);

impl Queued {
    fn new(n: &Arc<AtomicUsize>) -> Queued {
        n.fetch_add(1, Ordering::AcqRel);
        Queued(n.clone())
    }
}

impl Drop for Queued {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

impl Writer {
    /// The write turn; with `checkpoints` (a SQLite file), group commit.
    pub(super) fn new(checkpoints: Option<Checkpoints>) -> Writer {
        Writer {
            checkpoints,
            ..Writer::default()
        }
    }

    /// Whether transactions share commits (see [`Writer::begin_member`]).
    pub(super) fn grouped(&self) -> bool {
        self.checkpoints.is_some()
    }

    /// Waits for the turn, at most [`TURN_WAIT`].
    pub(super) async fn turn(&self) -> Result<OwnedMutexGuard<Turn>> {
        let _queued = Queued::new(&self.queued);
        tokio::time::timeout(TURN_WAIT, self.turn.clone().lock_owned())
            .await
            .context("database is locked: no write turn within 10 s")
    }

    /// Begins a member of the shared transaction on `pool` (a SQLite
    /// file's one transaction connection), opening it if none is.
    pub(super) async fn begin_member(&self, pool: &sqlx::AnyPool) -> Result<Member> {
        let mut turn = self.turn().await?;
        // Cancelled here, this caller leaves at most a savepoint that holds
        // nothing: the next member's own comes after it, and `COMMIT` ends
        // both.
        let Some(open) = turn.open.as_mut() else {
            turn.open = Some(Open {
                tx: pool.begin_with("BEGIN IMMEDIATE").await?,
                committed: vec![],
            });
            return Ok(Member {
                turn: Some(turn),
                writer: self.clone(),
                savepoint: false,
            });
        };
        if let Err(e) = (&mut *open.tx).execute("SAVEPOINT member").await {
            fail(turn, &e).await;
            return Err(e.into());
        }
        Ok(Member {
            turn: Some(turn),
            writer: self.clone(),
            savepoint: true,
        })
    }
}

/// One transaction's part of the shared one, with the turn.
pub(super) struct Member {
    turn: Option<OwnedMutexGuard<Turn>>,
    writer: Writer,
    /// In a savepoint: there are members before it. The first has none:
    /// rolling it back rolls back the shared transaction.
    savepoint: bool,
}

impl Member {
    pub(super) fn conn(&self) -> &sqlx::AnyConnection {
        let turn = self.turn.as_ref().expect("a member in use holds the turn");
        &turn.open.as_ref().expect("a member's transaction is open").tx
    }

    pub(super) fn conn_mut(&mut self) -> &mut sqlx::AnyConnection {
        let turn = self.turn.as_mut().expect("a member in use holds the turn");
        &mut turn.open.as_mut().expect("a member's transaction is open").tx
    }

    /// Returns once the shared transaction committed, with its result.
    pub(super) async fn commit(mut self) -> Result<(), sqlx::Error> {
        let turn = self.turn.take().expect("a member is finished once");
        tokio::spawn(commit(turn, self.writer.clone()))
            .await
            .unwrap_or_else(|e| Err(gone(&e.to_string())))
    }

    /// Rolls back what this member did; the members before it are kept.
    pub(super) async fn rollback(mut self) -> Result<(), sqlx::Error> {
        let turn = self.turn.take().expect("a member is finished once");
        tokio::spawn(rollback(turn, self.savepoint, self.writer.clone()))
            .await
            .unwrap_or_else(|e| Err(gone(&e.to_string())))
    }
}

impl Drop for Member {
    fn drop(&mut self) {
        let Some(mut turn) = self.turn.take() else {
            return;
        };
        let savepoint = self.savepoint;
        match tokio::runtime::Handle::try_current() {
            Ok(rt) => {
                let writer = self.writer.clone();
                rt.spawn(async move {
                    if let Err(e) = rollback(turn, savepoint, writer).await {
                        tracing::warn!("rolling back an unfinished transaction: {e}");
                    }
                });
            }
            // No runtime to roll back in (the process is ending): the
            // shared transaction is dropped, which sqlx rolls back, and the
            // members waiting for it are told.
            Err(_) => {
                if let Some(open) = turn.open.take() {
                    for tell in open.committed {
                        let _ = tell.send(Err("rolled back: a transaction was dropped unfinished".into()));
                    }
                }
            }
        }
    }
}

fn gone(why: &str) -> sqlx::Error {
    sqlx::Error::Io(std::io::Error::other(format!("the shared SQLite transaction: {why}")))
}

async fn commit(mut turn: OwnedMutexGuard<Turn>, writer: Writer) -> Result<(), sqlx::Error> {
    if writer.queued.load(Ordering::Acquire) == 0 {
        return close(turn, &writer).await;
    }
    // Others wait for the turn: they go next, in this transaction, and
    // whoever finds no one behind them commits it; or this member, when
    // its own request for the turn comes round, should they keep coming.
    // Its savepoint stays, nested under theirs: `COMMIT` ends them all.
    let (tell, mut told) = oneshot::channel();
    let open = turn.open.as_mut().expect("a member's transaction is open");
    open.committed.push(tell);
    drop(turn);
    tokio::select! {
        biased;
        r = &mut told => r.unwrap_or_else(|_| Err("it was dropped".into())).map_err(|e| gone(&e)),
        turn = writer.turn.clone().lock_owned() => match told.try_recv() {
            Ok(r) => r.map_err(|e| gone(&e)),
            Err(oneshot::error::TryRecvError::Closed) => Err(gone("it was dropped")),
            // Not yet told with the turn in hand: the transaction is the
            // one this member is in, still open.
            Err(oneshot::error::TryRecvError::Empty) => close(turn, &writer).await,
        },
    }
}

async fn rollback(mut turn: OwnedMutexGuard<Turn>, savepoint: bool, writer: Writer) -> Result<(), sqlx::Error> {
    if !savepoint {
        // The first member: the transaction holds nothing else.
        let open = turn.open.take().expect("a member's transaction is open");
        return open.tx.rollback().await;
    }
    let open = turn.open.as_mut().expect("a member's transaction is open");
    if let Err(e) = (&mut *open.tx).execute("ROLLBACK TO member; RELEASE member").await {
        fail(turn, &e).await;
        return Err(e);
    }
    if writer.queued.load(Ordering::Acquire) > 0 {
        return Ok(());
    }
    close(turn, &writer).await
}

/// Commits the shared transaction and tells its members.
async fn close(mut turn: OwnedMutexGuard<Turn>, writer: &Writer) -> Result<(), sqlx::Error> {
    let open = turn.open.take().expect("a member's transaction is open");
    let r = open.tx.commit().await;
    let said = r.as_ref().map_err(|e| format!("its commit failed: {e}")).copied();
    for tell in open.committed {
        let _ = tell.send(said.clone());
    }
    drop(turn);
    if r.is_ok()
        && let Some(c) = &writer.checkpoints
    {
        c.committed();
    }
    r
}

/// The shared transaction cannot go on: it is rolled back, and the members
/// waiting for its commit are told.
async fn fail(mut turn: OwnedMutexGuard<Turn>, e: &sqlx::Error) {
    let Some(open) = turn.open.take() else {
        return;
    };
    for tell in open.committed {
        let _ = tell.send(Err(format!("rolled back after {e}")));
    }
    let _ = open.tx.rollback().await;
}

#[cfg(test)]
mod tests {
    use crate::Store;
    use sqlx::{Any, Row};
    use std::sync::atomic::Ordering;

    async fn store() -> (Store, tempfile::TempDir) {
        let dir = tempfile::tempdir().unwrap();
        let s = Store::connect(&format!("sqlite://{}", dir.path().join("g.db").display()))
            .await
            .unwrap();
        q!("CREATE TABLE t (v BIGINT NOT NULL)")
            .execute(s.pool())
            .await
            .unwrap();
        (s, dir)
    }

    async fn insert(tx: &mut super::super::Tx, v: i64) {
        q!("INSERT INTO t (v) VALUES ($1)")
            .bind(v)
            .execute(&mut **tx)
            .await
            .unwrap();
    }

    /// What another connection reads: only what is committed.
    async fn committed(s: &Store) -> Vec<i64> {
        q!("SELECT v FROM t ORDER BY v")
            .fetch_all(s.pool())
            .await
            .unwrap()
            .iter()
            .map(|r| r.get::<i64, _>(0))
            .collect()
    }

    async fn until_queued(s: &Store, n: usize) {
        let queued = &s.writer.as_ref().unwrap().queued;
        while queued.load(Ordering::Acquire) != n {
            tokio::task::yield_now().await;
        }
    }

    fn commits(s: &Store) -> u64 {
        s.writer
            .as_ref()
            .unwrap()
            .checkpoints
            .as_ref()
            .unwrap()
            .commits
            .load(Ordering::Relaxed)
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn transactions_queued_behind_one_another_share_one_commit_and_each_returns_once_readable() {
        let (s, _dir) = store().await;
        let mut first = s.begin().await.unwrap();
        let mut tasks = vec![];
        for v in 1..=10 {
            let s2 = s.clone();
            tasks.push(tokio::spawn(async move {
                let mut tx = s2.begin().await.unwrap();
                insert(&mut tx, v).await;
                tx.commit().await.unwrap();
                // Returned: another connection reads it.
                assert!(
                    committed(&s2).await.contains(&v),
                    "{v} acknowledged before it was committed"
                );
            }));
            until_queued(&s, v as usize).await;
        }
        let before = commits(&s);
        insert(&mut first, 0).await;
        first.commit().await.unwrap();
        assert!(committed(&s).await.contains(&0));
        for t in tasks {
            t.await.unwrap();
        }
        assert_eq!(committed(&s).await, (0..=10).collect::<Vec<_>>());
        assert_eq!(commits(&s) - before, 1, "eleven transactions, one commit");
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_member_rolled_back_or_dropped_takes_only_its_own_rows_with_it() {
        let (s, _dir) = store().await;
        let mut first = s.begin().await.unwrap();
        let mut tasks = vec![];
        for (n, (v, end)) in [(1, "rollback"), (2, "drop"), (3, "commit"), (4, "error")]
            .into_iter()
            .enumerate()
        {
            let s2 = s.clone();
            tasks.push(tokio::spawn(async move {
                let mut tx = s2.begin().await.unwrap();
                insert(&mut tx, v).await;
                match end {
                    "rollback" => tx.rollback().await.unwrap(),
                    "commit" => tx.commit().await.unwrap(),
                    "error" => {
                        // A statement that fails, then the transaction dropped
                        // as `?` would.
                        assert!(q!("INSERT INTO nowhere VALUES (1)").execute(&mut *tx).await.is_err());
                    }
                    _ => drop(tx),
                }
            }));
            until_queued(&s, n + 1).await;
        }
        insert(&mut first, 0).await;
        first.commit().await.unwrap();
        for t in tasks {
            t.await.unwrap();
        }
        // The dropped ones roll back in tasks of their own: the next
        // transaction comes after them.
        let mut last = s.begin().await.unwrap();
        insert(&mut last, 5).await;
        last.commit().await.unwrap();
        assert_eq!(committed(&s).await, vec![0, 3, 5]);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_commit_whose_caller_gives_up_half_way_still_commits_and_frees_the_turn() {
        let (s, _dir) = store().await;
        let mut first = s.begin().await.unwrap();
        let s2 = s.clone();
        let behind = tokio::spawn(async move {
            let mut tx = s2.begin().await.unwrap();
            insert(&mut tx, 1).await;
            tx.commit().await.unwrap();
        });
        until_queued(&s, 1).await;
        insert(&mut first, 0).await;
        // Polled once, then dropped (a webhook whose client hung up).
        tokio::select! {
            biased;
            _ = first.commit() => {}
            _ = std::future::ready(()) => {}
        }
        behind.await.unwrap();
        let mut tx = s.begin().await.unwrap();
        insert(&mut tx, 2).await;
        tx.commit().await.unwrap();
        assert_eq!(committed(&s).await, vec![0, 1, 2]);
    }
}
