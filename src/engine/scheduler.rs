//! The scheduler's pass: broadcast progress, schedules, then every pair
//! whose `next_due_at` has passed, batched where it can be and pair by
//! pair otherwise; a pair that keeps failing is set aside and the
//! coordinators are told.

use super::*;

/// Batches a PostgreSQL pass runs side by side, each on a connection of
/// its own, each taking its share of the due pairs (`FOR UPDATE SKIP
/// LOCKED`, as two replicas would): the server's work on the inserts and
/// updates is most of a pass, and it then runs on two cores. SQLite has
/// one writer: one batch.
const PG_BATCHES: i64 = 2;

impl Engine {
    /// The scheduler: ticks every pair whose `next_due_at` has passed.
    /// Returns how many pairs were ticked.
    pub async fn tick_due(&self, now: Ts, limit: i64) -> Result<usize> {
        if let Err(e) = self.broadcasts_progress(now).await {
            tracing::error!("scheduler: broadcast progress: {e:#}");
        }
        if let Err(e) = self.fire_schedules(now).await {
            tracing::error!("scheduler: schedules: {e:#}");
        }
        if let Err(e) = self.refresh_events().await {
            tracing::error!("scheduler: events: {e:#}");
        }
        if let Err(e) = self.event_reminders(now).await {
            tracing::error!("scheduler: event reminders: {e:#}");
        }
        if let Err(e) = self.invite_unmatched(now).await {
            tracing::error!("scheduler: invitations to the unmatched: {e:#}");
        }
        // The due pairs in one transaction (on PostgreSQL, in
        // [`PG_BATCHES`] side by side); if anything in one fails, each pair
        // it had alone, so that one bad pair holds up no other.
        let batches = match self.store.backend() {
            crate::store::Backend::Sqlite => 1,
            crate::store::Backend::Postgres => PG_BATCHES,
        };
        let share = (limit + batches - 1) / batches;
        let passes = (0..batches).map(|_| crate::caught(self.tick_batch(now, share)));
        let mut n = 0;
        let mut failed = false;
        for r in futures_util::future::join_all(passes).await {
            match r {
                Ok(k) => n += k,
                Err(e) => {
                    tracing::warn!("scheduler: a batch failed, ticking its pairs one by one: {e:#}");
                    failed = true;
                }
            }
        }
        if !failed {
            return Ok(n);
        }
        for id in self.store.due_pairs(now, limit - n as i64).await? {
            // One pair whose step fails (or whose state cannot be read) is
            // backed off and its coordinators told once; the rest go on.
            match crate::caught(self.tick_pair(id, now)).await {
                Ok(true) => n += 1,
                Ok(false) => {}
                Err(e) => self.pair_failed(id, &format!("{e:#}"), now).await?,
            }
        }
        Ok(n)
    }

    /// Ticks up to `limit` due pairs in one transaction: their rows in one
    /// query, their people and addresses in two, their messages in
    /// multi-row inserts; one state update per pair.
    pub(super) async fn tick_batch(&self, now: Ts, limit: i64) -> Result<usize> {
        let mut tx = self.store.begin().await?;
        let rows = self.store.load_due_pairs(&mut tx, now, limit).await?;
        if rows.is_empty() {
            tx.rollback().await?;
            return Ok(0);
        }
        let people: Vec<i64> = rows.iter().flat_map(|r| [r.mentee_id, r.mentor_id]).collect();
        self.store.begin_batch(&mut tx, &people).await?;
        for row in &rows {
            self.step(&mut tx, row, Input::Tick, None, now).await?;
        }
        let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
        self.store.pairs_tick_ok(&mut tx, &ids).await?;
        self.store.flush_batch(&mut tx).await?;
        tx.commit().await?;
        Ok(rows.len())
    }

    /// One pair's tick in its own transaction; `false` when another
    /// replica took it meanwhile.
    pub(super) async fn tick_pair(&self, id: i64, now: Ts) -> Result<bool> {
        let mut tx = self.store.begin().await?;
        let Some(row) = self.store.load_due_pair(&mut tx, id, now).await? else {
            tx.rollback().await?;
            return Ok(false);
        };
        self.step(&mut tx, &row, Input::Tick, None, now).await?;
        self.store.pair_tick_ok(&mut tx, id).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// A pair's tick failed: back it off (1 minute, doubling, at most 6
    /// hours), keep the error, and tell the coordinators on the first
    /// failure in a row.
    pub(super) async fn pair_failed(&self, id: i64, error: &str, now: Ts) -> Result<()> {
        use rand::RngExt;
        let backoff = bot_core::retry::RetryPolicy {
            base: chrono::Duration::minutes(1),
            cap: chrono::Duration::hours(6),
            max_attempts: u32::MAX,
        };
        let (failures, _, _) = self.store.pair_tick_status(id).await?;
        let delay = backoff.delay((failures + 1) as u32, rand::rng().random(), None);
        let failures = self.store.pair_tick_failed(id, error, now + delay).await?;
        tracing::error!(pair = id, failures, "scheduler: pair set aside: {error}");
        if failures != 1 {
            return Ok(());
        }
        let Some(brief) = self.store.pair_brief(id).await? else {
            return Ok(());
        };
        let p = match self.programme(&brief.programme_id) {
            Ok(p) => p.clone(),
            Err(e) => {
                tracing::warn!(pair = id, "no coordinator to tell: {e:#}");
                return Ok(());
            }
        };
        let msg = Msg::new("alert-pair-set-aside")
            .str("mentee", brief.mentee)
            .str("mentor", brief.mentor)
            .str("error", error.to_string());
        let mut tx = self.store.begin().await?;
        self.alert(&mut tx, &p, Some(id), None, "pair_failed", Some(error), &msg, now)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Ticks until nothing is due at `now`.
    pub async fn tick_all_due(&self, now: Ts) -> Result<usize> {
        let mut total = 0;
        loop {
            let n = self.tick_due(now, 500).await?;
            total += n;
            if n == 0 {
                return Ok(total);
            }
        }
    }
}
