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
mod relay;
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

    /// Handles one inbound update in one transaction.
    pub async fn handle(&self, u: &Inbound, now: Ts) -> Result<Handled> {
        self.handle_with(u, now, false).await
    }

    /// [`Engine::handle`], for a platform that answers a stale press itself
    /// when `answers_stale` (Discord's ephemeral answer): a press whose one
    /// outcome is the core's "no longer active" answer to the presser is
    /// rolled back (nothing stored, no message queued) and reported as
    /// [`Handled::Expired`].
    pub async fn handle_with(&self, u: &Inbound, now: Ts, answers_stale: bool) -> Result<Handled> {
        let mut tx = self.store.begin().await?;
        if !self
            .store
            .record_update(&mut tx, &u.platform, &u.update_key, now)
            .await?
        {
            tx.rollback().await?;
            return Ok(Handled::Duplicate);
        }
        if let bot_core::adapter::InboundKind::Membership { blocked } = u.kind {
            let handled = self.membership(&mut tx, u, blocked, now).await?;
            tx.commit().await?;
            return Ok(handled);
        }
        // The numbered choices last shown here, when a number was typed.
        let choices = match routing::typed_number(&u.kind) {
            Some(_) => self.store.choices(&mut tx, &u.platform, &u.address).await?,
            None => vec![],
        };
        let said = routing::read(&u.kind, &choices);
        let handled = match self.store.find_by_identity(&mut tx, &u.platform, &u.user_id).await? {
            None => {
                let reg = self.store.registration(&mut tx, &u.platform, &u.user_id).await?;
                let route = routing::route(
                    Who::Stranger {
                        registering: reg.is_some(),
                    },
                    said,
                );
                self.stranger(&mut tx, u, route, reg, now).await?
            }
            Some(mut me) => {
                let press = answers_stale && matches!(u.kind, bot_core::adapter::InboundKind::Button(_));
                let queued_before = match press {
                    true => Some(self.store.outbox_last_id(&mut tx).await?),
                    false => None,
                };
                if me.unreachable_at.is_some() {
                    self.store.set_reachable(&mut tx, me.id).await?;
                }
                let dialogue = self.store.dialogue(&mut tx, me.id).await?;
                let route = routing::route(
                    Who::Participant {
                        role: me.role,
                        dialogue: dialogue.is_some(),
                    },
                    said,
                );
                let in_dialogue = match (&route, dialogue) {
                    (Route::Dialogue(said), Some(d)) => Some((said.clone(), d)),
                    _ => None,
                };
                match in_dialogue {
                    Some((said, d)) => self.dialogue(&mut tx, &mut me, d, said, now).await?,
                    None => {
                        let rematch = match route {
                            Route::PairControl {
                                pair,
                                ctl: bot_core::payload::PairCtl::Rematch,
                            } => Some(Rematching::Pair(Some(pair))),
                            Route::Rematch { pair, rm } => Some(match rm {
                                Rm::Ended => Rematching::Pair(pair),
                                Rm::Mentee(m) => Rematching::Mentee(m, rematch::Ask::Propose),
                                Rm::Confirm { mentee, mentor } => {
                                    Rematching::Mentee(mentee, rematch::Ask::Confirm(mentor))
                                }
                            }),
                            _ => None,
                        };
                        if let Some(what) = rematch {
                            // The cohort's rematch runs its own transactions: this
                            // update is recorded first.
                            tx.commit().await?;
                            self.rematch_press(&me, what, now).await?;
                            return Ok(Handled::Processed);
                        }
                        self.participant(&mut tx, &mut me, route, now).await?
                    }
                }
                if let Some(before) = queued_before
                    && self.only_expired(&mut tx, before, me.id).await?
                {
                    tx.rollback().await?;
                    return Ok(Handled::Expired);
                }
                Handled::Processed
            }
        };
        tx.commit().await?;
        Ok(handled)
    }

    /// Whether all this transaction queued after outbox row `before` is
    /// one message to `me`, the core's "no longer active". Rows another
    /// transaction committed meanwhile make it false: the answer then goes
    /// as a message, as on every platform.
    async fn only_expired(&self, tx: &mut Tx, before: i64, me: i64) -> Result<bool> {
        let rows = self.store.outbox_after(tx, before).await?;
        Ok(match rows.as_slice() {
            [(to, json)] if *to == Some(me) => {
                serde_json::from_str::<Msg>(json).is_ok_and(|m| m == Msg::new("button-expired"))
            }
            _ => false,
        })
    }

    /// A person blocked or unblocked the bot: stored as the core's
    /// `routing::membership` says, and the coordinators told once per change.
    async fn membership(&self, tx: &mut Tx, u: &Inbound, blocked: bool, now: Ts) -> Result<Handled> {
        let Some(me) = self.store.find_by_identity(tx, &u.platform, &u.user_id).await? else {
            return Ok(Handled::Unregistered);
        };
        let r = routing::membership(blocked, me.unreachable_at.is_some(), me.role);
        match r.mark_unreachable {
            Some(true) => self.store.mark_unreachable(tx, me.id, now).await?,
            Some(false) => self.store.set_reachable(tx, me.id).await?,
            None => {}
        }
        if let Some(key) = r.alert {
            let p = self.programme(&me.programme_id)?.clone();
            let msg = Msg::new(key)
                .str("name", me.name.clone())
                .key("role", format!("role-{}", me.role));
            if blocked {
                self.alert(tx, &p, None, Some(me.id), "unreachable", None, &msg, now)
                    .await?;
            } else {
                // Good news needs no action: no open flag.
                self.tell_coordinators(tx, &p, &msg, now).await?;
            }
        }
        Ok(Handled::Processed)
    }

    /// Someone the bot does not know: registration from an invite link,
    /// or how to join.
    async fn stranger(
        &self,
        tx: &mut Tx,
        u: &Inbound,
        route: Route,
        reg: Option<(String, String)>,
        now: Ts,
    ) -> Result<Handled> {
        let hint = u.lang_hint.as_deref().and_then(Lang::parse);
        match route {
            Route::Registration(registration::Input::Start { code }) => {
                let invite = self.invite(tx, &code).await?;
                let (reg, msg) = registration::start(invite.as_ref(), &u.platform, hint, now);
                let lang = reg
                    .as_ref()
                    .map(|r| r.lang)
                    .or(hint)
                    .or(invite.as_ref().map(|i| i.default_lang))
                    .unwrap_or(Lang::En);
                if let Some(reg) = &reg {
                    let json = serde_json::to_string(reg)?;
                    self.store
                        .save_registration(tx, &u.platform, &u.user_id, &u.address, &code, &json, now)
                        .await?;
                }
                self.reply_raw(tx, u, lang, msg, now).await?;
                Ok(if reg.is_some() {
                    Handled::Processed
                } else {
                    Handled::Unregistered
                })
            }
            Route::Registration(registration::Input::Said(said)) => {
                let (code, state) = reg.context("routed to a registration that is not stored")?;
                let reg: registration::Registration = serde_json::from_str(&state)?;
                match reg.step(&said) {
                    Outcome::Continue(reg, msgs) => {
                        let json = serde_json::to_string(&reg)?;
                        self.store
                            .save_registration(tx, &u.platform, &u.user_id, &u.address, &code, &json, now)
                            .await?;
                        for m in msgs {
                            self.reply_raw(tx, u, reg.lang, m, now).await?;
                        }
                        Ok(Handled::Processed)
                    }
                    Outcome::Complete {
                        registration: reg,
                        name,
                        consent,
                        profile,
                        messages,
                    } => {
                        // The code may have been used up, revoked or expired meanwhile.
                        if !self.use_invite(tx, u, &code, reg.lang, now).await? {
                            return Ok(Handled::Unregistered);
                        }
                        let p = self.programme(&reg.programme_id)?.clone();
                        let id = self
                            .store
                            .add_participant(
                                tx,
                                &NewParticipant {
                                    programme_id: &p.id,
                                    role: reg.role,
                                    name: &name,
                                    lang: reg.lang,
                                    tz: p.time_zone,
                                    // Kept only when they agreed to share it.
                                    contact: if consent { u.contact.as_deref() } else { None },
                                    consent_given_at: consent.then_some(now),
                                },
                                now,
                            )
                            .await?;
                        self.store
                            .add_identity(tx, &u.platform, &u.user_id, &u.address, id, now)
                            .await?;
                        if consent {
                            self.store
                                .record_consent(tx, id, true, account::CONSENT_VERSION, now)
                                .await?;
                        }
                        self.store.clear_imported(tx, &code).await?;
                        if profile != bot_core::profile::Profile::default() {
                            self.store.save_profile(tx, id, &p.id, &profile, now).await?;
                        }
                        self.store.delete_registration(tx, &u.platform, &u.user_id).await?;
                        let me = self.store.participant(tx, id).await?;
                        for m in messages {
                            self.reply(tx, &me, None, m, now).await?;
                        }
                        // Then the profile questions still open, one by one.
                        if let Some((a, msgs)) =
                            bot_core::profile_chat::after_registration(&p.profile, reg.role, consent, &profile)
                        {
                            let json = serde_json::to_string(&a)?;
                            self.store
                                .save_dialogue(tx, id, bot_core::profile_chat::KIND, &json, now)
                                .await?;
                            for m in msgs {
                                self.reply(tx, &me, None, m, now).await?;
                            }
                        }
                        Ok(Handled::Registered(reg.role))
                    }
                }
            }
            Route::Reply(msg) => {
                self.reply_raw(tx, u, hint.unwrap_or(Lang::En), msg, now).await?;
                Ok(Handled::Unregistered)
            }
            other => bail!("a stranger's update was routed to {other:?}"),
        }
    }

    /// An invite as registration needs it.
    async fn invite(&self, tx: &mut Tx, code: &str) -> Result<Option<Invite>> {
        let Some(row) = self.store.invite(tx, code).await? else {
            return Ok(None);
        };
        // A code of a programme no longer configured opens nothing.
        let Ok(p) = self.programme(&row.programme_id) else {
            return Ok(None);
        };
        Ok(Some(Invite {
            programme_name: p.name.clone(),
            default_lang: p.languages[0],
            programme_id: row.programme_id,
            role: row.role,
            platform: row.platform,
            expires_at: row.expires_at,
            uses: row.uses,
            max_uses: row.max_uses,
            revoked: row.revoked_at.is_some(),
            imported: self.store.imported(tx, code).await?,
        }))
    }

    /// Counts a finished registration on its code when the core says the
    /// code still allows it; otherwise the registration is dropped and the
    /// person told why (false).
    async fn use_invite(&self, tx: &mut Tx, u: &Inbound, code: &str, lang: Lang, now: Ts) -> Result<bool> {
        let invite = self.invite(tx, code).await?;
        match registration::may_finish(invite.as_ref(), &u.platform, now) {
            Ok(()) => {
                let uses = invite.map(|i| i.uses).unwrap_or_default();
                self.store.use_invite(tx, code, uses).await?;
                Ok(true)
            }
            Err(msg) => {
                self.store.delete_registration(tx, &u.platform, &u.user_id).await?;
                self.reply_raw(tx, u, lang, msg, now).await?;
                Ok(false)
            }
        }
    }

    /// Text for the dialogue a person has under way: handed to the
    /// conversation its kind names, which says what to store next. A kind
    /// this version does not know (left by an older one) is dropped, and
    /// the text goes where it would have gone without it.
    async fn dialogue(&self, tx: &mut Tx, me: &mut Participant, d: DialogueRow, said: Said, now: Ts) -> Result<()> {
        match d.kind.as_str() {
            bot_core::relay::KIND => {
                let Said::Text(text) = said else {
                    bail!("the relay's dialogue was handed {said:?}")
                };
                self.relay(tx, me, bot_core::relay::Input::Text(text), now).await
            }
            bot_core::coordinator::broadcast::KIND if me.role == Role::Coordinator => {
                let input = match said {
                    Said::Text(t) => bot_core::coordinator::broadcast::Input::Text(t),
                    _ => return Ok(()),
                };
                self.broadcast_step(tx, me, input, now).await
            }
            coordinator::event_dialogue::KIND if me.role == Role::Coordinator => {
                let input = match said {
                    Said::Text(t) => coordinator::event_dialogue::Input::Text(t),
                    _ => return Ok(()),
                };
                self.event_step(tx, me, input, now).await
            }
            coordinator::flags::NOTE_DIALOGUE => self.flag_note(tx, me, d, said, now).await,
            bot_core::profile_chat::KIND => {
                let takes_text =
                    serde_json::from_str::<bot_core::profile_chat::Asking>(&d.state).is_ok_and(|a| a.takes_text());
                if takes_text {
                    self.profile_step(tx, me, Some(d), said, now).await
                } else {
                    // A question with buttons: the text goes where it would
                    // go without it, and the question stays.
                    self.participant(tx, me, Route::Dialogue(said), now).await
                }
            }
            _ => {
                self.store.clear_dialogue(tx, me.id).await?;
                self.participant(tx, me, Route::Dialogue(said), now).await
            }
        }
    }

    /// A registered participant's update, where the core routed it.
    async fn participant(&self, tx: &mut Tx, me: &mut Participant, route: Route, now: Ts) -> Result<()> {
        match route {
            Route::Reply(msg) => self.reply(tx, me, None, msg, now).await,
            Route::Dialogue(said) => {
                // No dialogue (any longer): where it goes without one.
                let route = routing::route(
                    Who::Participant {
                        role: me.role,
                        dialogue: false,
                    },
                    said,
                );
                Box::pin(self.participant(tx, me, route, now)).await
            }
            Route::Account(input) => {
                let snapshot = self.account(tx, me).await?;
                // Where a farewell goes once the person is forgotten.
                let mut farewell_to = None;
                for fx in account::step(&snapshot, input, now) {
                    match fx {
                        account::Effect::SetLanguage(lang) => {
                            self.store.set_language(tx, me.id, lang).await?;
                            me.lang = lang;
                        }
                        account::Effect::Reply(msg) => self.reply(tx, me, None, msg, now).await?,
                        account::Effect::Alert { kind, msg } => {
                            let p = self.programme(&me.programme_id)?.clone();
                            self.alert(tx, &p, None, Some(me.id), kind, None, &msg, now).await?
                        }
                        account::Effect::Forget => {
                            farewell_to = self.store.address_of(tx, me.id).await?;
                            self.forget(tx, me, now).await?
                        }
                        account::Effect::Consent { given, version } => {
                            self.store.record_consent(tx, me.id, given, version, now).await?;
                            me.consent_share = given;
                            let profile = self.store.profile(tx, me.id).await?;
                            let contact = if given { effects::contact(me, &profile) } else { None };
                            for (pair_id, _) in self.store.pairs_of(tx, me.id).await? {
                                if let Some(row) = self.store.load_pair(tx, pair_id).await? {
                                    let input = Input::Contact {
                                        who: me.role,
                                        contact: contact.clone(),
                                        shares: given,
                                    };
                                    self.step(tx, &row, input, None, now).await?;
                                }
                            }
                        }
                        account::Effect::Farewell(msg) => {
                            if let Some((platform, address)) = &farewell_to {
                                self.store
                                    .enqueue_farewell(tx, platform, address, me.lang, &msg, now)
                                    .await?
                            }
                        }
                    }
                }
                Ok(())
            }
            Route::Coordinator(routing::Said::Command(bot_core::command::Command::Match)) => {
                let msg = match self.propose_in(tx, &me.programme_id, now).await {
                    Ok(r) => coordinator::cohort::summary(&me.programme_id, &r.proposal, &r.names),
                    Err(e) => Msg::new("cohort-chat-error").str("error", format!("{e:#}")),
                };
                self.reply(tx, me, None, msg, now).await?;
                Ok(())
            }
            Route::Coordinator(said) => {
                let p = self.programme(&me.programme_id)?;
                let open_flags = self.store.open_flag_count(tx, &p.id).await?;
                let (pairs, at_risk) = self.store.pair_counts(tx, &p.id).await?;
                let overview = coordinator::Overview {
                    programme_name: p.name.clone(),
                    pairs,
                    at_risk,
                    open_flags,
                };
                for fx in coordinator::step(&overview, said, now) {
                    match fx {
                        coordinator::Effect::Reply(msg) => self.reply(tx, me, None, msg, now).await?,
                        coordinator::Effect::Broadcast(input) => self.broadcast_step(tx, me, input, now).await?,
                        coordinator::Effect::Event(input) => self.event_step(tx, me, input, now).await?,
                        coordinator::Effect::Events => {
                            for msg in coordinator::events::overview_with_buttons(
                                &self.coming_events(&me.programme_id, now).await?,
                            ) {
                                self.reply(tx, me, None, msg, now).await?
                            }
                        }
                    }
                }
                Ok(())
            }
            Route::Pair { tagged, input } => {
                let mut rows = HashMap::new();
                let mut states = vec![];
                for (id, _) in self.store.pairs_of(tx, me.id).await? {
                    if let Some(row) = self.store.load_pair(tx, id).await? {
                        states.push((id, effects::state_of(&row)?));
                        rows.insert(id, row);
                    }
                }
                match (routing::pick_pair(me.role, tagged, &states), input) {
                    (Ok(id), input) => {
                        let row = rows.remove(&id).context("the picked pair is loaded")?;
                        self.step(tx, &row, input, Some(me.role), now).await
                    }
                    // Someone in no pair answering an event for the unmatched.
                    (
                        Err(_),
                        Input::Button {
                            payload: bot_core::payload::Payload::Rsvp { event, answer },
                            ..
                        },
                    ) if states.is_empty() => self.rsvp_unpaired(tx, me, &event, answer, now).await,
                    (Err(msg), _) => self.reply(tx, me, None, msg, now).await,
                }
            }
            Route::MoreChoices { outbox, offset } => {
                // Only the person the message went to may page it.
                let more = match self.store.outbox_message(tx, outbox).await? {
                    Some((Some(to), pair, json)) if to == me.id => {
                        let msg: Msg = serde_json::from_str(&json)?;
                        bot_core::adapter::more_choices(&msg, offset).map(|m| (pair, m))
                    }
                    _ => None,
                };
                match more {
                    Some((pair, msg)) => self.reply(tx, me, pair, msg, now).await,
                    None => self.reply(tx, me, None, Msg::new("button-expired"), now).await,
                }
            }
            Route::Relay(input) => self.relay(tx, me, input, now).await,
            Route::Profile(said) => {
                let d = self.store.dialogue(tx, me.id).await?;
                self.profile_step(tx, me, d, said, now).await
            }
            Route::FlagAct { id, act } => self.flag_act(tx, me, id, act, now).await,
            Route::PairList(page) => self.pair_list(tx, me, page, now).await,
            Route::Report => {
                let p = self.programme(&me.programme_id)?.clone();
                let figures = self.evaluation(&p.id).await?;
                let msg = bot_core::evaluation::summary(&p, &figures);
                self.reply(tx, me, None, msg, now).await?;
                // Surveys open now: their response rates so far.
                for msg in self.survey_progress(&p.id, now).await? {
                    self.reply(tx, me, None, msg, now).await?;
                }
                Ok(())
            }
            Route::SurveyRemind(kind) => self.survey_remind(tx, me, kind, now).await,
            Route::PairControl { pair, ctl } => self.pair_control(tx, me, pair, ctl, now).await,
            other => bail!("a participant's update was routed to {other:?}"),
        }
    }

    /// What the account conversation shows of a person.
    async fn account(&self, tx: &mut Tx, me: &Participant) -> Result<account::Account> {
        let p = self.programme(&me.programme_id)?;
        Ok(account::Account {
            id: me.id,
            name: me.name.clone(),
            role: me.role,
            programme_name: p.name.clone(),
            lang: me.lang,
            tz: me.tz,
            contact: me.contact.clone(),
            consent_share: me.consent_share,
            consent_given_at: me.consent_given_at.map(crate::store::from_ms),
            identities: self.store.identity_count(tx, me.id).await?,
            pairs: self.store.pairs_of(tx, me.id).await?.len() as i64,
            on_forget: p.privacy.on_forget,
        })
    }

    /// Erases a person: each of their pairs is told by the core that they
    /// are forgotten (it ends and drops their name), then the store
    /// removes their personal data.
    /// What they wrote that the pair states held (the goals) is gathered
    /// first, so that messages quoting it are found and scrubbed.
    async fn forget(&self, tx: &mut Tx, me: &Participant, now: Ts) -> Result<()> {
        let mut free_text = vec![];
        for (pair_id, _) in self.store.pairs_of(tx, me.id).await? {
            if let Some(row) = self.store.load_pair(tx, pair_id).await? {
                let state = effects::state_of(&row)?;
                if me.role == Role::Mentee
                    && let Some(goals) = state.agreement.goals
                {
                    free_text.push(goals);
                }
                self.step(tx, &row, Input::Forget { who: me.role }, None, now).await?;
            }
        }
        let policy = self.programme(&me.programme_id)?.privacy.on_forget;
        let done = self.store.forget(tx, me.id, &free_text, policy, now).await?;
        for hook in self.forget_hooks.read().expect("forget hooks").iter() {
            hook(&done, now);
        }
        tracing::info!(
            participant = me.id,
            cancelled = done.outbox_cancelled,
            scrubbed = done.outbox_scrubbed,
            "forgotten"
        );
        Ok(())
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
        // The due pairs in one transaction; if anything in it fails, each
        // pair alone, so that one bad pair holds up no other.
        match crate::caught(self.tick_batch(now, limit)).await {
            Ok(n) => return Ok(n),
            Err(e) => tracing::warn!("scheduler: the batch failed, ticking pair by pair: {e:#}"),
        }
        let mut n = 0;
        for id in self.store.due_pairs(now, limit).await? {
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
    async fn tick_batch(&self, now: Ts, limit: i64) -> Result<usize> {
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
    async fn tick_pair(&self, id: i64, now: Ts) -> Result<bool> {
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
    async fn pair_failed(&self, id: i64, error: &str, now: Ts) -> Result<()> {
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
