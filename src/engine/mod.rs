//! The engine: inbound updates and clock ticks, each in one transaction.
//!
//! It does five things and decides none of them: it loads what the core
//! needs, asks the core where an update goes (`bot_core::routing`), steps
//! that conversation (registration, account, coordinator or pair), saves
//! the new state, and turns the effects into rows (outbox, meetings,
//! answers, flags, RSVPs) in the same transaction. A message the core
//! decided to send is in the outbox once the transaction commits, so a
//! crash after that loses nothing.
//!
//! Must not know: message texts, command words, payload formats, or any
//! programme rule. `effects.rs` holds the pair steps and the outbox.

mod broadcast;
mod cohort;
mod effects;
mod events;
mod inbound;
mod relay;
mod scheduler;
mod schedules;

pub use broadcast::{Queued, texts as broadcast_texts};
pub use schedules::Listed as ListedSchedule;

pub use cohort::Reviewed;
mod evaluation;
mod flags;
mod pairs;

use crate::store::{DialogueRow, NewParticipant, Participant, Store, Tx};
use anyhow::{Context, Result, anyhow, bail};
use bot_core::adapter::Inbound;
use bot_core::coordinator::rematch;
use bot_core::i18n::Catalog;
use bot_core::message::Msg;
use bot_core::pair::{Input, PairState};
use bot_core::payload::Rm;
use bot_core::registration::{self, Invite, Outcome};
use bot_core::routing::{self, Route, Said, Who};
use bot_core::{Lang, Programme, Role, Ts, account, coordinator};
use chrono_tz::Tz;
use pairs::Rematching;
use std::collections::HashMap;
use std::sync::Arc;

/// What became of an inbound update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Handled {
    Processed,
    /// Seen before: nothing changed.
    Duplicate,
    /// From someone who is not registered: they were told how to join.
    Unregistered,
    /// Someone finished registering in this role.
    Registered(Role),
    /// A press on a button that no longer works, whose only outcome was
    /// the "no longer active" answer: undone, for the platform to answer
    /// itself (only when asked, see [`Engine::handle_with`]).
    Expired,
}

/// Programmes by id.
pub type Programmes = HashMap<String, Arc<Programme>>;

pub struct Engine {
    pub store: Store,
    /// The programmes with the events coordinators made, changed or
    /// cancelled merged in (replaced whole when an event changes).
    programmes: std::sync::RwLock<Programmes>,
    /// Programme ids in the order the configuration lists them.
    pub order: Vec<String>,
    pub catalog: &'static Catalog,
    /// Told when a person has been forgotten, so that what the process
    /// holds in memory (the web chat's conversations) forgets them too.
    forget_hooks: std::sync::RwLock<Vec<ForgetHook>>,
}

/// Called with what was forgotten and when, inside the forgetting
/// transaction (a failed commit leaves memory cleaner than the database,
/// never the reverse).
pub type ForgetHook = Arc<dyn Fn(&crate::store::Forgotten, Ts) + Send + Sync>;

/// Who to register.
#[derive(Debug, Clone)]
pub struct Registration<'a> {
    pub programme_id: &'a str,
    pub role: Role,
    pub name: &'a str,
    pub lang: Lang,
    pub tz: Option<Tz>,
    pub contact: Option<&'a str>,
    pub consent: bool,
    pub platform: &'a str,
    pub user_id: &'a str,
    pub address: &'a str,
}

impl Engine {
    pub fn new(store: Store, programmes: Vec<Programme>) -> Engine {
        Engine {
            store,
            order: programmes.iter().map(|p| p.id.clone()).collect(),
            programmes: std::sync::RwLock::new(programmes.into_iter().map(|p| (p.id.clone(), Arc::new(p))).collect()),
            catalog: Catalog::builtin(),
            forget_hooks: Default::default(),
        }
    }

    /// Registers a hook called each time a person is forgotten.
    pub fn on_forget(&self, hook: ForgetHook) {
        self.forget_hooks.write().expect("forget hooks").push(hook);
    }

    pub fn programme(&self, id: &str) -> Result<Arc<Programme>> {
        self.programmes
            .read()
            .expect("programmes")
            .get(id)
            .cloned()
            .ok_or_else(|| anyhow!("programme `{id}` is in the database but no programme file defines it; add it to `programmes` in the config"))
    }

    /// The programmes, in the configuration's order.
    pub fn programmes(&self) -> Vec<Arc<Programme>> {
        self.order.iter().filter_map(|id| self.programme(id).ok()).collect()
    }

    /// Replaces a programme (its events changed).
    pub(crate) fn set_programme(&self, p: Programme) {
        self.programmes
            .write()
            .expect("programmes")
            .insert(p.id.clone(), Arc::new(p));
    }

    /// Stores the programmes (and their events) so rows can refer to them,
    /// then merges in the events coordinators made, changed or cancelled.
    pub async fn load_programmes(&self, sources: &HashMap<String, String>, now: Ts) -> Result<()> {
        for p in self.programmes() {
            let src = sources.get(&p.id).map(String::as_str).unwrap_or("");
            self.store.upsert_programme(&p, src, now).await?;
        }
        self.refresh_events().await?;
        Ok(())
    }

    /// Registers a participant with a platform identity.
    pub async fn register(&self, r: &Registration<'_>, now: Ts) -> Result<i64> {
        let p = self.programme(r.programme_id)?;
        let mut tx = self.store.begin().await?;
        let id = self
            .store
            .add_participant(
                &mut tx,
                &NewParticipant {
                    programme_id: r.programme_id,
                    role: r.role,
                    name: r.name,
                    lang: r.lang,
                    tz: r.tz.unwrap_or(p.time_zone),
                    contact: r.contact,
                    consent_given_at: r.consent.then_some(now),
                },
                now,
            )
            .await?;
        self.store
            .add_identity(&mut tx, r.platform, r.user_id, r.address, id, now)
            .await?;
        if r.consent {
            self.store
                .record_consent(&mut tx, id, true, account::CONSENT_VERSION, now)
                .await?;
        }
        tx.commit().await?;
        Ok(id)
    }

    /// Matches a mentee with a mentor. The joint intro goes out when the
    /// programme says (or at once, for a late match).
    pub async fn match_pair(&self, mentee_id: i64, mentor_id: i64, now: Ts) -> Result<i64> {
        let mut tx = self.store.begin().await?;
        let mentee = self.store.participant(&mut tx, mentee_id).await?;
        let mentor = self.store.participant(&mut tx, mentor_id).await?;
        if mentee.role != Role::Mentee {
            bail!(
                "participant {mentee_id} ({}) is a {}, not a mentee",
                mentee.name,
                mentee.role
            );
        }
        if mentor.role != Role::Mentor {
            bail!(
                "participant {mentor_id} ({}) is a {}, not a mentor",
                mentor.name,
                mentor.role
            );
        }
        if mentee.programme_id != mentor.programme_id {
            bail!("{} and {} are in different programmes", mentee.name, mentor.name);
        }
        let p = self.programme(&mentee.programme_id)?.clone();
        let pairs = self.store.mentee_pairs(&mut tx, mentee_id).await?;
        if let Err(refusal) = bot_core::matching::may_match(&p, &pairs, now) {
            bail!(
                "{}",
                self.catalog
                    .text(&refusal.msg(&mentee.name, &p), p.languages[0], p.time_zone)
            );
        }
        let (a, b) = (
            self.store.profile(&mut tx, mentee_id).await?,
            self.store.profile(&mut tx, mentor_id).await?,
        );
        let state = PairState::new(&p, effects::person(&mentee, &a), effects::person(&mentor, &b), now);
        let json = serde_json::to_string(&state)?;
        let id = self
            .store
            .insert_pair(
                &mut tx,
                &p.id,
                mentee_id,
                mentor_id,
                &effects::save(&state, &json, &p),
                now,
            )
            .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Drops the keys of updates handled long enough ago that no platform
    /// delivers them again (the core says how long); how many.
    pub async fn forget_old_updates(&self, now: Ts) -> Result<u64> {
        self.store
            .forget_updates_before(bot_core::adapter::updates_kept_since(now))
            .await
    }

    /// Purges every programme whose retention period has passed at `now`
    /// (the core decides when); returns what was removed, per programme.
    pub async fn purge_due(&self, now: Ts) -> Result<Vec<(String, Vec<(&'static str, u64)>)>> {
        let mut out = vec![];
        for id in &self.order {
            if self.programme(id)?.purge_due(now) {
                let removed = self.store.purge_programme(id, false).await?;
                if removed.iter().any(|(_, n)| *n > 0) {
                    out.push((id.clone(), removed));
                }
            }
        }
        Ok(out)
    }

    /// Matches the earliest unmatched mentee with the earliest unmatched
    /// mentor of a programme, if both exist (the web chat demo).
    pub async fn match_waiting(&self, programme: &str, now: Ts) -> Result<Option<i64>> {
        let people = self.store.participants(programme).await?;
        let waiting = |role: Role| {
            people
                .iter()
                .find(|(_, r, _, paired)| *r == role && !paired)
                .map(|p| p.0)
        };
        match (waiting(Role::Mentee), waiting(Role::Mentor)) {
            (Some(mentee), Some(mentor)) => Ok(Some(self.match_pair(mentee, mentor, now).await?)),
            _ => Ok(None),
        }
    }

    /// Makes an invite code for a programme and role, with the default
    /// expiry and use limit.
    pub async fn create_invite(&self, programme_id: &str, role: Role, now: Ts) -> Result<String> {
        self.create_invite_with(programme_id, role, None, None, now).await
    }

    /// Makes an invite code; `uses` and `expires_in_days` default as the
    /// core says (a coordinator code is single-use).
    pub async fn create_invite_with(
        &self,
        programme_id: &str,
        role: Role,
        uses: Option<i64>,
        expires_in_days: Option<i64>,
        now: Ts,
    ) -> Result<String> {
        self.programme(programme_id)?;
        let (expires_at, max_uses) =
            registration::invite_limits(role, uses, expires_in_days, now).map_err(|e| anyhow!(e))?;
        // rand's thread generator is a CSPRNG (ChaCha, seeded by the OS);
        // the code keeps 93 bits of it.
        let code = registration::invite_code(rand::random());
        self.store
            .create_invite(&code, programme_id, role, expires_at, max_uses, now)
            .await?;
        Ok(code)
    }

    /// A coordinator's action on a pair (pause, resume, end early).
    pub async fn coordinate(&self, pair_id: i64, input: Input, now: Ts) -> Result<()> {
        let mut tx = self.store.begin().await?;
        let row = self
            .store
            .load_pair(&mut tx, pair_id)
            .await?
            .with_context(|| format!("no pair {pair_id}"))?;
        self.step(&mut tx, &row, input, None, now).await?;
        tx.commit().await?;
        Ok(())
    }
}
