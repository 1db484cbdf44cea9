//! Recurring schedules: each programme's weekly digest, fired from the
//! scheduler's pass. The core says when (`schedule::Cron`) and what the
//! digest says; the next firing is stored and moved on in the firing's
//! own transaction, so a restart neither loses a firing nor repeats one.

use super::Engine;
use anyhow::Result;
use bot_core::Ts;
use bot_core::coordinator::digest;
use bot_core::schedule::Cron;

impl Engine {
    /// Sets up each programme's schedules and fires those due at `now`.
    /// Firings missed while the bot was down fire once.
    pub(super) async fn fire_schedules(&self, now: Ts) -> Result<usize> {
        let default: Cron = digest::DEFAULT_CRON.parse().map_err(anyhow::Error::msg)?;
        for id in &self.order {
            let tz = self.programme(id)?.time_zone;
            self.store
                .ensure_schedule(id, digest::KIND, &default.source, default.next_after(now, tz))
                .await?;
        }
        let mut fired = 0;
        for s in self.store.due_schedules(now).await? {
            let Ok(p) = self.programme(&s.programme_id) else {
                continue;
            };
            let next = match s.cron.parse::<Cron>() {
                Ok(c) => c.next_after(now, p.time_zone),
                Err(e) => {
                    tracing::error!(programme = %p.id, kind = %s.kind, "schedule `{}` is unreadable: {e}", s.cron);
                    None
                }
            };
            let mut tx = self.store.begin().await?;
            if !self.store.take_firing(&mut tx, &s, next, now).await? {
                tx.rollback().await?;
                continue;
            }
            if s.kind == digest::KIND {
                let coming: Vec<String> = p
                    .events
                    .iter()
                    .filter(|e| p.event_starts_at(e) > now)
                    .map(|e| e.id.clone())
                    .collect();
                let d = self.store.digest(&mut tx, &p.id, &coming).await?;
                self.tell_coordinators(&mut tx, &p, &digest::message(&d), now).await?;
            }
            tx.commit().await?;
            fired += 1;
        }
        Ok(fired)
    }
}
