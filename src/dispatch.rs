//! The outbox dispatcher: claims due messages, renders them in the
//! recipient's language, sends them through the platform's adapter, and
//! retries with backoff until they go or are dead-lettered.

use crate::engine::Engine;
use crate::store::{BadRow, OutboxRow};
use anyhow::{Context, Result};
use bot_core::adapter::{Adapter, Recipient, SendError, Sent, fit};
use bot_core::message::{Attachment, File, Msg};
use bot_core::retry::RetryPolicy;
use bot_core::{Role, Ts};
use chrono::Duration;
use rand::RngExt;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

/// What one pass did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DispatchStats {
    pub sent: usize,
    pub retried: usize,
    pub dead: usize,
    /// Claimed rows not tried because another worker claimed them after
    /// this worker's lease ran out (never sent here).
    pub lost: usize,
    /// Rows tried whose outcome could not be recorded: another worker
    /// holds them now (a send may go twice; at most these many).
    pub stale: usize,
}

/// A worker id unique to this dispatcher: the process id and a random
/// part (two replicas in containers may both be process 1).
pub fn worker_id() -> String {
    format!("dispatcher-{}-{:08x}", std::process::id(), rand::rng().random::<u32>())
}

pub struct Dispatcher {
    engine: Arc<Engine>,
    adapters: HashMap<String, Arc<dyn Adapter>>,
    pub policy: RetryPolicy,
    /// Names this worker's claims; the marks touch only rows it holds.
    pub worker: String,
    pub batch: i64,
    /// How long a claim lasts; it is renewed every third of it while the
    /// batch is being sent. A worker that dies mid-batch frees its
    /// messages when the lease runs out.
    pub lease: Duration,
    /// Turns true when the bot shuts down: the message in flight finishes,
    /// the rest of the batch is released unsent.
    pub stop: Option<tokio::sync::watch::Receiver<bool>>,
    /// How many recipients are sent to at once (each recipient's messages
    /// still go one after another, in order). The platform's adapter paces
    /// them to its limits.
    pub concurrency: usize,
}

fn id_of(c: &crate::store::Claimed) -> i64 {
    match c {
        Ok(r) => r.id,
        Err(b) => b.id,
    }
}

/// The rows of a batch this worker still holds, and when the lease was
/// last renewed.
struct Lease {
    held: HashSet<i64>,
    renewed: tokio::time::Instant,
}

impl Dispatcher {
    pub fn new(engine: Arc<Engine>, adapters: Vec<Arc<dyn Adapter>>) -> Dispatcher {
        Dispatcher {
            engine,
            adapters: adapters.into_iter().map(|a| (a.platform().to_string(), a)).collect(),
            policy: RetryPolicy::default(),
            worker: worker_id(),
            batch: 100,
            lease: Duration::seconds(60),
            stop: None,
            concurrency: 1,
        }
    }

    /// The engine this dispatcher serves.
    pub fn engine(&self) -> &Arc<Engine> {
        &self.engine
    }

    /// How often a batch's lease is renewed: a third of it.
    fn renew_every(&self) -> std::time::Duration {
        let third = self.lease.num_milliseconds().max(30) as u64 / 3;
        std::time::Duration::from_millis(third)
    }

    /// Renews the lease on the rows still held. The lease's clock is the
    /// batch's `now` moved on by the time the batch has taken.
    async fn renew(&self, lease: &Mutex<Lease>, now: Ts, started: tokio::time::Instant) -> Result<()> {
        let ids: Vec<i64> = lease
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .held
            .iter()
            .copied()
            .collect();
        if ids.is_empty() {
            return Ok(());
        }
        let elapsed = Duration::from_std(started.elapsed()).unwrap_or_default();
        let until = now + elapsed + self.lease;
        let asked = tokio::time::Instant::now();
        let still = self.engine.store.renew(&self.worker, &ids, until).await?;
        let mut l = lease.lock().unwrap_or_else(|p| p.into_inner());
        let lost = l.held.len().saturating_sub(still.len());
        if lost > 0 {
            tracing::warn!(worker = %self.worker, lost, "outbox: claims lost to another worker (the lease ran out)");
        }
        // Rows settled meanwhile are gone from `held` already.
        l.held.retain(|id| still.binary_search(id).is_ok());
        l.renewed = asked;
        Ok(())
    }

    /// Sends every message due at `now`, once each. Messages to one chat
    /// go one after another, in order; up to `concurrency` chats are sent
    /// to at once, so a paced platform (Telegram: 30 a second overall, 1 a
    /// second per chat) is kept at its limit rather than waiting on each
    /// send in turn.
    pub async fn run_once(&self, now: Ts) -> Result<DispatchStats> {
        use futures_util::StreamExt;
        let started = tokio::time::Instant::now();
        let rows = self
            .engine
            .store
            .claim(&self.worker, now, self.lease.num_milliseconds(), self.batch)
            .await?;
        let lease = Mutex::new(Lease {
            held: rows.iter().map(id_of).collect(),
            renewed: started,
        });
        let every = self.renew_every();
        // Rows to one recipient form a queue, in the claim's order; a row
        // that cannot be read is a queue of its own.
        let mut queues: Vec<Vec<crate::store::Claimed>> = Vec::new();
        let mut by_chat: HashMap<(String, String), usize> = HashMap::new();
        for claimed in rows {
            let chat = match &claimed {
                Ok(r) => r.platform.clone().zip(r.address.clone()),
                Err(_) => None,
            };
            match chat {
                Some(chat) => {
                    let i = *by_chat.entry(chat).or_insert_with(|| {
                        queues.push(Vec::new());
                        queues.len() - 1
                    });
                    queues[i].push(claimed);
                }
                None => queues.push(vec![claimed]),
            }
        }
        // The lease is renewed while the batch is sent (a paced or slow
        // platform).
        let keep = async {
            loop {
                tokio::time::sleep(every).await;
                if let Err(e) = self.renew(&lease, now, started).await {
                    tracing::error!(worker = %self.worker, "outbox: renewing the lease: {e:#}");
                }
            }
        };
        let work = futures_util::stream::iter(queues)
            .map(|queue| self.send_queue(queue, &lease, now, started, every))
            .buffer_unordered(self.concurrency.max(1))
            .fold(
                Ok(DispatchStats::default()),
                |total: Result<DispatchStats>, s| async move {
                    let (mut total, s) = (total?, s?);
                    total.sent += s.sent;
                    total.retried += s.retried;
                    total.dead += s.dead;
                    total.lost += s.lost;
                    total.stale += s.stale;
                    Ok(total)
                },
            );
        tokio::select! {
            r = work => r,
            _ = keep => unreachable!("the renewal never ends"),
        }
    }

    /// Sends one recipient's rows of a batch, in order.
    async fn send_queue(
        &self,
        queue: Vec<crate::store::Claimed>,
        lease: &Mutex<Lease>,
        now: Ts,
        started: tokio::time::Instant,
        every: std::time::Duration,
    ) -> Result<DispatchStats> {
        let mut stats = DispatchStats::default();
        // One bad row never stops the batch: it counts an attempt and is
        // dead-lettered after `max_attempts`, with one alert.
        let mut rows = queue.into_iter();
        while let Some(claimed) = rows.next() {
            let id = id_of(&claimed);
            if self.stop.as_ref().is_some_and(|s| *s.borrow()) {
                let unsent: Vec<i64> = std::iter::once(id).chain(rows.map(|c| id_of(&c))).collect();
                self.engine.store.release(&self.worker, &unsent).await?;
                lease
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .held
                    .retain(|h| !unsent.contains(h));
                break;
            }
            let due = lease.lock().unwrap_or_else(|p| p.into_inner()).renewed.elapsed() >= every;
            if due {
                // The store is away: stop here; the lease frees the rest.
                self.renew(lease, now, started).await?;
            }
            if !lease.lock().unwrap_or_else(|p| p.into_inner()).held.contains(&id) {
                stats.lost += 1;
                continue;
            }
            let bad = match claimed {
                Ok(row) => match crate::caught(self.send_one(&row, now, &mut stats)).await {
                    Ok(()) => None,
                    Err(e) => Some(BadRow {
                        id: row.id,
                        participant_id: row.participant_id,
                        pair_id: row.pair_id,
                        attempts: row.attempts,
                        error: format!("{e:#}"),
                    }),
                },
                Err(bad) => Some(bad),
            };
            if let Some(bad) = bad
                && let Err(e) = self.set_aside(&bad, now, &mut stats).await
            {
                // The store is away: the lease frees the row for a later pass.
                tracing::error!(outbox = bad.id, "dispatcher: {e:#}");
            }
            lease.lock().unwrap_or_else(|p| p.into_inner()).held.remove(&id);
        }
        Ok(stats)
    }

    /// A mark that found the row held by another worker: nothing changed;
    /// the other worker settles it.
    fn stale(&self, id: i64, stats: &mut DispatchStats) {
        stats.stale += 1;
        tracing::warn!(worker = %self.worker, outbox = id, "outbox: the row is no longer this worker's (its lease ran out); the outcome is left to the worker that holds it");
    }

    /// Passes until nothing is due at `now`.
    pub async fn drain(&self, now: Ts) -> Result<DispatchStats> {
        let mut total = DispatchStats::default();
        loop {
            let s = self.run_once(now).await?;
            total.sent += s.sent;
            total.retried += s.retried;
            total.dead += s.dead;
            total.lost += s.lost;
            total.stale += s.stale;
            if s == DispatchStats::default() {
                return Ok(total);
            }
        }
    }

    async fn send_one(&self, row: &OutboxRow, now: Ts, stats: &mut DispatchStats) -> Result<()> {
        let store = &self.engine.store;
        let attempts = row.attempts + 1;
        let (Some(platform), Some(address)) = (&row.platform, &row.address) else {
            if !store
                .mark_dead(&self.worker, row.id, attempts, "the recipient has no platform identity")
                .await?
            {
                self.stale(row.id, stats);
                return Ok(());
            }
            crate::ops::count(crate::ops::DEAD, "none");
            stats.dead += 1;
            return self.dead_letter(row, "no platform identity", now).await;
        };
        let Some(adapter) = self.adapters.get(platform.as_str()) else {
            anyhow::bail!("no adapter for the platform {platform} here");
        };
        let msg: Msg = serde_json::from_str(&row.msg).context("the message cannot be read")?;
        let file = self
            .attachment(row, &msg)
            .await
            .context("the attached file cannot be made")?;
        let (lang, tz) = (row.lang, row.tz.unwrap_or(chrono_tz::UTC));
        let catalog = self.engine.catalog;
        let rendered = catalog.render_for_pair(&msg, lang, tz, row.pair_id);
        let fitted = fit(rendered, adapter.capabilities(), row.id, row.pair_id, catalog, lang, tz);
        if !fitted.choices.is_empty() {
            store.save_choices(platform, address, &fitted.choices, now).await?;
        }
        let to = Recipient {
            platform: platform.clone(),
            address: address.clone(),
        };
        let mut result = Ok(Sent {
            platform_message_id: None,
        });
        // A retry of a split message sends only the parts that did not go.
        let done = usize::try_from(row.parts_sent).unwrap_or(0);
        for (i, part) in fitted.parts.iter().enumerate().skip(done) {
            result = adapter.send(&to, part).await;
            if result.is_err() {
                if i > done && !store.mark_parts_sent(&self.worker, row.id, i as i64).await? {
                    self.stale(row.id, stats);
                    return Ok(());
                }
                break;
            }
        }
        if let (Ok(_), Some(file)) = (&result, &file) {
            result = adapter.send_file(&to, file).await;
        }
        let counted = match &result {
            Ok(_) => crate::ops::SENT,
            Err(SendError::RetryAfter(_) | SendError::Transient(_)) if !self.policy.exhausted(attempts as u32) => {
                crate::ops::FAILED
            }
            Err(_) => crate::ops::DEAD,
        };
        crate::ops::count(counted, platform);
        let w = &self.worker;
        match result {
            Ok(sent) => {
                if !store
                    .mark_sent(w, row.id, now, sent.platform_message_id.as_deref())
                    .await?
                {
                    self.stale(row.id, stats);
                    return Ok(());
                }
                stats.sent += 1;
            }
            Err(SendError::Blocked) => {
                if !store.mark_dead(w, row.id, attempts, "blocked by the recipient").await? {
                    self.stale(row.id, stats);
                    return Ok(());
                }
                stats.dead += 1;
                self.unreachable(row, now).await?;
            }
            Err(SendError::Permanent(e)) => {
                if !store.mark_dead(w, row.id, attempts, &e).await? {
                    self.stale(row.id, stats);
                    return Ok(());
                }
                stats.dead += 1;
                self.dead_letter(row, &e, now).await?;
            }
            Err(e @ (SendError::RetryAfter(_) | SendError::Transient(_))) => {
                let retry_after = match &e {
                    SendError::RetryAfter(d) => Some(*d),
                    _ => None,
                };
                if self.policy.exhausted(attempts as u32) {
                    if !store.mark_dead(w, row.id, attempts, &e.to_string()).await? {
                        self.stale(row.id, stats);
                        return Ok(());
                    }
                    stats.dead += 1;
                    self.dead_letter(row, &e.to_string(), now).await?;
                } else {
                    let at = now + self.policy.delay(attempts as u32, rand::rng().random(), retry_after);
                    if !store.mark_retry(w, row.id, attempts, at, &e.to_string()).await? {
                        self.stale(row.id, stats);
                        return Ok(());
                    }
                    stats.retried += 1;
                }
            }
        }
        Ok(())
    }

    /// A row that could not be read, rendered or handed to a platform:
    /// counts an attempt, retries with backoff, and after `max_attempts`
    /// is dead and the coordinator told once.
    async fn set_aside(&self, bad: &BadRow, now: Ts, stats: &mut DispatchStats) -> Result<()> {
        let store = &self.engine.store;
        let attempts = bad.attempts + 1;
        if !self.policy.exhausted(attempts as u32) {
            let at = now + self.policy.delay(attempts as u32, rand::rng().random(), None);
            if !store.mark_retry(&self.worker, bad.id, attempts, at, &bad.error).await? {
                self.stale(bad.id, stats);
                return Ok(());
            }
            crate::ops::count(crate::ops::FAILED, "unknown");
            stats.retried += 1;
            tracing::warn!(outbox = bad.id, attempts, error = %bad.error, "message not sent; will retry");
            return Ok(());
        }
        if !store.mark_dead(&self.worker, bad.id, attempts, &bad.error).await? {
            self.stale(bad.id, stats);
            return Ok(());
        }
        crate::ops::count(crate::ops::DEAD, "unknown");
        stats.dead += 1;
        tracing::error!(outbox = bad.id, attempts, error = %bad.error, "message set aside (dead)");
        let Some(pid) = bad.participant_id else {
            return Ok(());
        };
        let Some(who) = store.recipient_brief(pid).await? else {
            return Ok(());
        };
        if who.role == Role::Coordinator.code() {
            return Ok(()); // the log is where this goes (see tell_coordinators)
        }
        let p = match self.engine.programme(&who.programme_id) {
            Ok(p) => p.clone(),
            Err(e) => {
                tracing::warn!(outbox = bad.id, "no coordinator to tell: {e:#}");
                return Ok(());
            }
        };
        let msg = Msg::new("alert-set-aside")
            .str("name", who.name)
            .str("error", bad.error.clone());
        let mut tx = store.begin().await?;
        self.engine
            .alert(
                &mut tx,
                &p,
                bad.pair_id,
                Some(pid),
                "set_aside",
                Some(&bad.error),
                &msg,
                now,
            )
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The file a message carries, made now. A data export goes only to
    /// the participant it describes.
    async fn attachment(&self, row: &OutboxRow, msg: &Msg) -> Result<Option<File>> {
        match &msg.attachment {
            None => Ok(None),
            Some(Attachment::DataExport { participant }) => {
                anyhow::ensure!(
                    row.participant_id == Some(*participant),
                    "a data export addressed to someone else than its subject"
                );
                let data = self.engine.store.export(*participant).await?;
                Ok(Some(File {
                    name: format!("mentorbot-data-{participant}.json"),
                    mime: "application/json".into(),
                    bytes: serde_json::to_vec_pretty(&data)?,
                }))
            }
            Some(Attachment::Calendar { event }) => {
                let pid = row.participant_id.context("a calendar file for nobody")?;
                let who = self
                    .engine
                    .store
                    .recipient_brief(pid)
                    .await?
                    .context("a calendar file for someone unknown")?;
                let p = self.engine.programme(&who.programme_id)?;
                let e = p
                    .events
                    .iter()
                    .find(|e| e.id == *event)
                    .with_context(|| format!("no event `{event}` in programme `{}`", p.id))?;
                let tz = row.tz.unwrap_or(p.time_zone);
                let summary = match &e.label {
                    Some(title) => title.clone(),
                    None => self.engine.catalog.text(&Msg::new(e.name_key()), row.lang, tz),
                };
                let ics = crate::ics::event_ics(&p, e, &summary, p.event_invite_at(e));
                Ok(Some(File {
                    name: format!("{}.ics", e.id),
                    mime: "text/calendar".into(),
                    bytes: ics.into_bytes(),
                }))
            }
            Some(Attachment::BenefitChart { programme }) => {
                let mut tx = self.engine.store.begin().await?;
                let to = match row.participant_id {
                    Some(id) => Some(self.engine.store.participant(&mut tx, id).await?),
                    None => None,
                };
                tx.rollback().await?;
                anyhow::ensure!(
                    to.is_some_and(|p| p.role == bot_core::Role::Coordinator && &p.programme_id == programme),
                    "a programme's chart addressed to someone who is not its coordinator"
                );
                let figures = self.engine.evaluation(programme).await?;
                Ok(Some(File {
                    name: format!("{programme}-benefit.svg"),
                    mime: "image/svg+xml".into(),
                    bytes: crate::evaluation_report::benefit_chart(&figures)?.into_bytes(),
                }))
            }
        }
    }

    /// A message that will never go: the coordinator is told whom it was for.
    async fn dead_letter(&self, row: &OutboxRow, error: &str, now: Ts) -> Result<()> {
        self.tell_coordinators(row, "dead_letter", Some(error), "alert-dead-letter", now)
            .await
    }

    /// The recipient blocked the bot: mark them unreachable and tell the
    /// coordinator.
    async fn unreachable(&self, row: &OutboxRow, now: Ts) -> Result<()> {
        if let Some(pid) = row.participant_id
            && !self.engine.store.set_unreachable(pid, now).await?
        {
            return Ok(()); // the coordinator knows already
        }
        self.tell_coordinators(row, "unreachable", None, "alert-unreachable", now)
            .await
    }

    async fn tell_coordinators(
        &self,
        row: &OutboxRow,
        kind: &str,
        error: Option<&str>,
        key: &'static str,
        now: Ts,
    ) -> Result<()> {
        let Some(pid) = row.participant_id else {
            tracing::warn!(outbox = row.id, "undeliverable message to an unregistered address");
            return Ok(());
        };
        let store = &self.engine.store;
        let mut tx = store.begin().await?;
        let who = store.participant(&mut tx, pid).await?;
        if who.role == Role::Coordinator {
            // Telling a coordinator that a coordinator cannot be reached
            // would loop; the log is where this goes.
            tracing::error!(
                outbox = row.id,
                participant = pid,
                error,
                "a message to a coordinator could not be delivered"
            );
            tx.rollback().await?;
            return Ok(());
        }
        let p = self.engine.programme(&who.programme_id)?.clone();
        let msg = Msg::new(key)
            .str("name", who.name.clone())
            .key("role", format!("role-{}", who.role))
            .str("error", error.unwrap_or("").to_string());
        self.engine
            .alert(&mut tx, &p, row.pair_id, Some(pid), kind, error, &msg, now)
            .await?;
        tx.commit().await?;
        Ok(())
    }
}
