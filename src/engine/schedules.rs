//! Recurring schedules fired from the scheduler's pass: each programme's
//! weekly digest, the programme file's `[[recurring]]` events and
//! `[[recurring_broadcasts]]`, and the schedules coordinators set
//! (`mentorbot schedule add`). The core says what a schedule is and when
//! it fires (`coordinator::schedules`); the next firing is stored and
//! moved on in the firing's own transaction, so a restart neither loses a
//! firing nor repeats one.

use super::Engine;
use anyhow::{Result, bail};
use bot_core::Ts;
use bot_core::coordinator::digest;
use bot_core::coordinator::schedules::{self, Job, Schedule};
use bot_core::schedule::Cron;

/// A schedule as `schedule list` shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Listed {
    /// The id to remove it by (`sN`, `digest`), or the file's kind.
    pub kind: String,
    /// `broadcast`, `event` or `digest`.
    pub job: &'static str,
    pub cron: String,
    pub next_at: Option<Ts>,
    pub by_coordinator: bool,
}

impl Engine {
    /// Sets up each programme's schedules from its file and fires those
    /// due at `now`. Firings missed while the bot was down fire once.
    pub(super) async fn fire_schedules(&self, now: Ts) -> Result<usize> {
        self.ensure_file_schedules(now).await?;
        let mut fired = 0;
        for s in self.store.due_schedules(now).await? {
            let Ok(p) = self.programme(&s.programme_id) else {
                continue;
            };
            let schedule = match (
                s.cron.parse::<Cron>(),
                s.spec.as_deref().map(serde_json::from_str::<Job>),
            ) {
                (Ok(cron), Some(Ok(job))) => Some(Schedule {
                    kind: s.kind.clone(),
                    cron,
                    job,
                }),
                (cron, spec) => {
                    tracing::error!(programme = %p.id, kind = %s.kind, "schedule `{}` is unreadable: {:?} {:?}",
                        s.cron, cron.err(), spec.map(|r| r.err()));
                    None
                }
            };
            // The next firing: after the event occurrence made now (a
            // firing missed while down is made late, never skipped), or
            // the next after now.
            let next = schedule.as_ref().and_then(|x| match x.job {
                Job::Event { .. } => x.next(p.time_zone, s.next_at),
                _ => x.next(p.time_zone, now),
            });
            let mut tx = self.store.begin().await?;
            if !self.store.take_firing(&mut tx, &s, next, now).await? {
                tx.rollback().await?;
                continue;
            }
            // After the programme's end a broadcast or event firing (a
            // late one too) is taken and does nothing.
            match schedule.map(|x| x.job).filter(|j| j.acts(&p, now)) {
                Some(Job::Digest) => {
                    let coming: Vec<String> = p
                        .events
                        .iter()
                        .filter(|e| p.event_starts_at(e) > now)
                        .map(|e| e.id.clone())
                        .collect();
                    let d = self.store.digest(&mut tx, &p.id, &coming).await?;
                    self.tell_coordinators(&mut tx, &p, &digest::message(&d), now).await?;
                }
                Some(Job::Event { event, label }) => {
                    let mut e = event.occurrence(p.time_zone, s.next_at);
                    e.label = label;
                    // Made only while ahead, and once.
                    if p.event_starts_at(&e) > now && !self.programme(&p.id)?.events.iter().any(|x| x.id == e.id) {
                        self.create_event_in(&mut tx, &p.id, e, now).await?;
                    }
                }
                // The same path as `/broadcast`: a record, one message per
                // recipient with the broadcast's once key, after their
                // quiet hours.
                Some(Job::Broadcast { audience, texts }) => {
                    self.queue_broadcast(&mut tx, &p.id, None, &audience, &texts, now)
                        .await?;
                }
                None => {}
            }
            tx.commit().await?;
            fired += 1;
        }
        Ok(fired)
    }

    /// Stores the schedules each programme file declares (a changed
    /// expression gets its next firing anew; a coordinator's digest stays)
    /// and drops those the file no longer declares.
    pub(super) async fn ensure_file_schedules(&self, now: Ts) -> Result<()> {
        for id in &self.order {
            let p = self.programme(id)?;
            let tz = p.time_zone;
            let declared = schedules::declared(&p);
            for s in &declared {
                let spec = serde_json::to_string(&s.job)?;
                self.store
                    .ensure_schedule(id, &s.kind, &s.cron.source, &spec, s.next(tz, now))
                    .await?;
            }
            let kinds: Vec<String> = declared.into_iter().map(|s| s.kind).collect();
            self.store.drop_undeclared_schedules(id, &kinds).await?;
        }
        Ok(())
    }

    /// `mentorbot schedule add`: checks a coordinator's schedule (the
    /// core) and stores it. Returns its id (`sN`, or `digest`).
    pub async fn add_schedule(&self, programme: &str, cron: &str, job: Job, now: Ts) -> Result<String> {
        let p = self.programme(programme)?;
        for _ in 0..5 {
            let n = self
                .store
                .coordinator_schedule_kinds()
                .await?
                .iter()
                .filter_map(|k| schedules::coordinator_number(k))
                .max()
                .unwrap_or(0)
                + 1;
            let s = schedules::new(&p, schedules::coordinator_kind(&job, n), cron, job.clone())
                .map_err(anyhow::Error::msg)?;
            let spec = serde_json::to_string(&s.job)?;
            let replace = s.job == Job::Digest;
            if self
                .store
                .add_schedule(&p.id, &s.kind, &s.cron.source, &spec, s.next(p.time_zone, now), replace)
                .await?
            {
                return Ok(s.kind);
            }
        }
        bail!("could not find a free schedule id; try again")
    }

    /// `mentorbot schedule list`: a programme's schedules.
    pub async fn list_schedules(&self, programme: &str, now: Ts) -> Result<Vec<Listed>> {
        self.programme(programme)?;
        self.ensure_file_schedules(now).await?;
        let mut out = vec![];
        for r in self.store.schedules(programme).await? {
            let job = r
                .spec
                .as_deref()
                .and_then(|j| serde_json::from_str::<Job>(j).ok())
                .map(|j| j.code())
                .unwrap_or(if r.kind == digest::KIND { "digest" } else { "event" });
            out.push(Listed {
                kind: r.kind,
                job,
                cron: r.cron,
                next_at: r.next_at,
                by_coordinator: r.by_coordinator,
            });
        }
        Ok(out)
    }

    /// `mentorbot schedule remove`: a coordinator's schedule. A programme
    /// file's schedules are changed in the file. Returns its programme.
    pub async fn remove_schedule(&self, programme: Option<&str>, id: &str) -> Result<String> {
        if let Some(p) = programme {
            self.programme(p)?;
        }
        if id == digest::KIND && programme.is_none() {
            bail!("`schedule remove digest` needs --programme: each programme has its own digest");
        }
        let removed = self.store.remove_schedule(programme, id).await?;
        let Some(first) = removed.into_iter().next() else {
            bail!(
                "no schedule `{id}` set with `schedule add`{}; a programme file's schedules are changed in the file",
                programme.map(|p| format!(" in programme `{p}`")).unwrap_or_default()
            );
        };
        Ok(first)
    }
}
