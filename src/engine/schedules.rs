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
            let p = self.programme(id)?;
            let tz = p.time_zone;
            self.store
                .ensure_schedule(id, digest::KIND, &default.source, default.next_after(now, tz))
                .await?;
            for r in &p.recurring {
                self.store
                    .ensure_schedule(id, &r.schedule_kind(), &r.cron, r.next_making(tz, now))
                    .await?;
            }
        }
        let mut fired = 0;
        for s in self.store.due_schedules(now).await? {
            let Ok(p) = self.programme(&s.programme_id) else {
                continue;
            };
            let recurring = p.recurring.iter().find(|r| r.schedule_kind() == s.kind);
            let next = match s.cron.parse::<Cron>() {
                // The next occurrence after the one made now (a firing
                // missed while down is made late, never skipped).
                Ok(c) => match recurring {
                    Some(r) => r.next_making(p.time_zone, s.next_at),
                    None => c.next_after(now, p.time_zone),
                },
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
            if let Some(r) = recurring {
                let e = r.occurrence(p.time_zone, s.next_at);
                // Made only while ahead, and once.
                if p.event_starts_at(&e) > now && !self.programme(&p.id)?.events.iter().any(|x| x.id == e.id) {
                    self.create_event_in(&mut tx, &p.id, e, now).await?;
                }
            }
            tx.commit().await?;
            fired += 1;
        }
        Ok(fired)
    }
}
