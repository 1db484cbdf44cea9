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
use std::collections::HashMap;
use std::sync::Arc;

/// What one pass did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DispatchStats {
    pub sent: usize,
    pub retried: usize,
    pub dead: usize,
}

pub struct Dispatcher {
    engine: Arc<Engine>,
    adapters: HashMap<String, Arc<dyn Adapter>>,
    pub policy: RetryPolicy,
    /// Names this worker's claims.
    pub worker: String,
    pub batch: i64,
    /// How long a claim lasts; a worker that dies mid-batch frees its
    /// messages when the lease runs out.
    pub lease: Duration,
    /// Turns true when the bot shuts down: the message in flight finishes,
    /// the rest of the batch is released unsent.
    pub stop: Option<tokio::sync::watch::Receiver<bool>>,
}

impl Dispatcher {
    pub fn new(engine: Arc<Engine>, adapters: Vec<Arc<dyn Adapter>>) -> Dispatcher {
        Dispatcher {
            engine,
            adapters: adapters.into_iter().map(|a| (a.platform().to_string(), a)).collect(),
            policy: RetryPolicy::default(),
            worker: format!("dispatcher-{}", std::process::id()),
            batch: 100,
            lease: Duration::seconds(60),
            stop: None,
        }
    }

    /// Sends every message due at `now`, once each, in order.
    pub async fn run_once(&self, now: Ts) -> Result<DispatchStats> {
        let mut stats = DispatchStats::default();
        let rows = self
            .engine
            .store
            .claim(&self.worker, now, self.lease.num_milliseconds(), self.batch)
            .await?;
        // One bad row never stops the batch: it counts an attempt and is
        // dead-lettered after `max_attempts`, with one alert.
        let mut rows = rows.into_iter();
        while let Some(claimed) = rows.next() {
            if self.stop.as_ref().is_some_and(|s| *s.borrow()) {
                let unsent: Vec<i64> = std::iter::once(claimed)
                    .chain(rows)
                    .map(|c| match c {
                        Ok(r) => r.id,
                        Err(b) => b.id,
                    })
                    .collect();
                self.engine.store.release(&unsent).await?;
                break;
            }
            let bad = match claimed {
                Ok(row) => match crate::caught(self.send_one(&row, now, &mut stats)).await {
                    Ok(()) => continue,
                    Err(e) => BadRow {
                        id: row.id,
                        participant_id: row.participant_id,
                        pair_id: row.pair_id,
                        attempts: row.attempts,
                        error: format!("{e:#}"),
                    },
                },
                Err(bad) => bad,
            };
            if let Err(e) = self.set_aside(&bad, now, &mut stats).await {
                // The store is away: the lease frees the row for a later pass.
                tracing::error!(outbox = bad.id, "dispatcher: {e:#}");
            }
        }
        Ok(stats)
    }

    /// Passes until nothing is due at `now`.
    pub async fn drain(&self, now: Ts) -> Result<DispatchStats> {
        let mut total = DispatchStats::default();
        loop {
            let s = self.run_once(now).await?;
            total.sent += s.sent;
            total.retried += s.retried;
            total.dead += s.dead;
            if s == DispatchStats::default() {
                return Ok(total);
            }
        }
    }

    async fn send_one(&self, row: &OutboxRow, now: Ts, stats: &mut DispatchStats) -> Result<()> {
        let store = &self.engine.store;
        let attempts = row.attempts + 1;
        let (Some(platform), Some(address)) = (&row.platform, &row.address) else {
            crate::ops::count(crate::ops::DEAD, "none");
            stats.dead += 1;
            store
                .mark_dead(row.id, attempts, "the recipient has no platform identity")
                .await?;
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
                if i > done {
                    store.mark_parts_sent(row.id, i as i64).await?;
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
        match result {
            Ok(sent) => {
                stats.sent += 1;
                store
                    .mark_sent(row.id, now, sent.platform_message_id.as_deref())
                    .await?;
            }
            Err(SendError::Blocked) => {
                stats.dead += 1;
                store.mark_dead(row.id, attempts, "blocked by the recipient").await?;
                self.unreachable(row, now).await?;
            }
            Err(SendError::Permanent(e)) => {
                stats.dead += 1;
                store.mark_dead(row.id, attempts, &e).await?;
                self.dead_letter(row, &e, now).await?;
            }
            Err(e @ (SendError::RetryAfter(_) | SendError::Transient(_))) => {
                let retry_after = match &e {
                    SendError::RetryAfter(d) => Some(*d),
                    _ => None,
                };
                if self.policy.exhausted(attempts as u32) {
                    stats.dead += 1;
                    store.mark_dead(row.id, attempts, &e.to_string()).await?;
                    self.dead_letter(row, &e.to_string(), now).await?;
                } else {
                    stats.retried += 1;
                    let at = now + self.policy.delay(attempts as u32, rand::rng().random(), retry_after);
                    store.mark_retry(row.id, attempts, at, &e.to_string()).await?;
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
            crate::ops::count(crate::ops::FAILED, "unknown");
            stats.retried += 1;
            tracing::warn!(outbox = bad.id, attempts, error = %bad.error, "message not sent; will retry");
            let at = now + self.policy.delay(attempts as u32, rand::rng().random(), None);
            return store.mark_retry(bad.id, attempts, at, &bad.error).await;
        }
        crate::ops::count(crate::ops::DEAD, "unknown");
        stats.dead += 1;
        store.mark_dead(bad.id, attempts, &bad.error).await?;
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
