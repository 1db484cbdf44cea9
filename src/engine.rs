//! The engine: inbound updates and clock ticks, each in one transaction.
//!
//! Every decision is the core's; the engine loads state, calls
//! [`bot_core::pair::step`], saves the new state and turns the effects into
//! rows (outbox, meetings, answers, flags, RSVPs) in the same transaction.
//! A message the core decided to send is in the outbox once the
//! transaction commits, so a crash after that loses nothing.

use crate::store::{NewOutbox, NewParticipant, PairRow, PairSave, Participant, Store, Tx};
use anyhow::{Context, Result, anyhow, bail};
use bot_core::adapter::{Inbound, InboundKind, untag_payload};
use bot_core::command::{self, Command};
use bot_core::i18n::Catalog;
use bot_core::message::{Arg, Button, Msg};
use bot_core::pair::{self, Effect, EndReason, Input, PairState, Person, Status};
use bot_core::{Lang, Programme, Role, Ts};
use chrono_tz::Tz;
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
}

/// Programmes by id.
pub type Programmes = HashMap<String, Arc<Programme>>;

pub struct Engine {
    pub store: Store,
    pub programmes: Programmes,
    /// Programme ids in the order the configuration lists them.
    pub order: Vec<String>,
    pub catalog: &'static Catalog,
}

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
            programmes: programmes.into_iter().map(|p| (p.id.clone(), Arc::new(p))).collect(),
            catalog: Catalog::builtin(),
        }
    }

    pub fn programme(&self, id: &str) -> Result<&Arc<Programme>> {
        self.programmes
            .get(id)
            .ok_or_else(|| anyhow!("programme `{id}` is in the database but no programme file defines it; add it to `programmes` in the config"))
    }

    /// Stores the programmes (and their events) so rows can refer to them.
    pub async fn load_programmes(&self, sources: &HashMap<String, String>, now: Ts) -> Result<()> {
        for p in self.programmes.values() {
            let src = sources.get(&p.id).map(String::as_str).unwrap_or("");
            self.store.upsert_programme(p, src, now).await?;
        }
        Ok(())
    }

    /// Registers a participant with a platform identity.
    pub async fn register(&self, r: &Registration<'_>, now: Ts) -> Result<i64> {
        let p = self.programme(r.programme_id)?;
        let tz = r.tz.unwrap_or(p.time_zone);
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
                    tz,
                    contact: r.contact,
                    consent_given_at: r.consent.then_some(now),
                },
                now,
            )
            .await?;
        self.store
            .add_identity(&mut tx, r.platform, r.user_id, r.address, id, now)
            .await?;
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
        let state = PairState::new(&p, person(&mentee), person(&mentor), now);
        let json = serde_json::to_string(&state)?;
        let id = self
            .store
            .insert_pair(&mut tx, &p.id, mentee_id, mentor_id, &save(&state, &json, &p), now)
            .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Handles one inbound update in one transaction.
    pub async fn handle(&self, u: &Inbound, now: Ts) -> Result<Handled> {
        let mut tx = self.store.begin().await?;
        if !self
            .store
            .record_update(&mut tx, &u.platform, &u.update_key, now)
            .await?
        {
            tx.rollback().await?;
            return Ok(Handled::Duplicate);
        }
        let Some(me) = self.store.find_by_identity(&mut tx, &u.platform, &u.user_id).await? else {
            let handled = self.registration(&mut tx, u, now).await?;
            tx.commit().await?;
            return Ok(handled);
        };
        if me.unreachable_at.is_some() {
            self.store.set_reachable(&mut tx, me.id).await?;
        }
        let (tagged_pair, text, payload) = match &u.kind {
            InboundKind::Text(t) => (None, Some(t.as_str()), None),
            InboundKind::Button(p) => {
                let (pair, payload) = untag_payload(p);
                (pair, None, Some(payload))
            }
        };
        if self.participant_level(&mut tx, &me, text, payload, now).await? {
            tx.commit().await?;
            return Ok(Handled::Processed);
        }
        let role = me.role;
        if role == Role::Coordinator {
            self.coordinator(&mut tx, &me, text, now).await?;
            tx.commit().await?;
            return Ok(Handled::Processed);
        }
        let pairs = self.store.pairs_of(&mut tx, me.id).await?;
        let chosen = match tagged_pair {
            Some(id) if pairs.iter().any(|(p, _)| *p == id) => Some(id),
            Some(_) => None,
            None => self.pick_pair(&mut tx, &pairs, role).await?,
        };
        let Some(pair_id) = chosen else {
            let key = if tagged_pair.is_some() {
                "button-expired"
            } else {
                "unpaired"
            };
            self.reply(&mut tx, &me, None, Msg::new(key), now).await?;
            tx.commit().await?;
            return Ok(Handled::Processed);
        };
        let row = self.store.load_pair(&mut tx, pair_id).await?.context("pair vanished")?;
        let input = match (text, payload) {
            (Some(t), _) => Input::Text {
                from: role,
                text: t.to_string(),
            },
            (_, Some(p)) => Input::Button {
                from: role,
                payload: p.to_string(),
            },
            _ => unreachable!("an update is text or a button"),
        };
        self.step(&mut tx, &row, input, Some(role), now).await?;
        tx.commit().await?;
        Ok(Handled::Processed)
    }

    /// Someone the bot does not know: `/start <code>` from an invite link
    /// begins registration (language, name, consent; the invite gives the
    /// role), later messages continue it, anything else is told how to join.
    async fn registration(&self, tx: &mut Tx, u: &Inbound, now: Ts) -> Result<Handled> {
        let hint = u.lang_hint.as_deref().and_then(Lang::parse);
        let text = match &u.kind {
            InboundKind::Text(t) => t.clone(),
            InboundKind::Button(p) => untag_payload(p).1.to_string(),
        };
        if let Some(Command::Start(Some(code))) = command::parse(&text) {
            let Some((programme_id, role)) = self.store.invite(tx, &code).await? else {
                self.reply_raw(tx, u, hint.unwrap_or(Lang::En), Msg::new("invite-unknown"), now)
                    .await?;
                return Ok(Handled::Unregistered);
            };
            let p = self.programme(&programme_id)?.clone();
            let (reg, msg) =
                bot_core::registration::Registration::start(&p.id, &p.name, role, hint.or(Some(p.languages[0])));
            let json = serde_json::to_string(&reg)?;
            self.store
                .save_registration(tx, &u.platform, &u.user_id, &u.address, &code, &json, now)
                .await?;
            self.reply_raw(tx, u, reg.lang, msg, now).await?;
            return Ok(Handled::Processed);
        }
        let Some((code, state)) = self.store.registration(tx, &u.platform, &u.user_id).await? else {
            self.reply_raw(tx, u, hint.unwrap_or(Lang::En), Msg::new("not-registered"), now)
                .await?;
            return Ok(Handled::Unregistered);
        };
        let reg: bot_core::registration::Registration = serde_json::from_str(&state)?;
        match reg.step(&text) {
            bot_core::registration::Outcome::Continue(reg, msgs) => {
                let json = serde_json::to_string(&reg)?;
                self.store
                    .save_registration(tx, &u.platform, &u.user_id, &u.address, &code, &json, now)
                    .await?;
                for m in msgs {
                    self.reply_raw(tx, u, reg.lang, m, now).await?;
                }
            }
            bot_core::registration::Outcome::Complete {
                registration: reg,
                name,
                consent,
                messages,
            } => {
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
                self.store.delete_registration(tx, &u.platform, &u.user_id).await?;
                let me = self.store.participant(tx, id).await?;
                for m in messages {
                    self.reply(tx, &me, None, m, now).await?;
                }
                return Ok(Handled::Registered(reg.role));
            }
        }
        Ok(Handled::Processed)
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

    /// Makes an invite code for a programme and role.
    pub async fn create_invite(&self, programme_id: &str, role: Role, now: Ts) -> Result<String> {
        self.programme(programme_id)?;
        let code = bot_core::registration::invite_code(rand::random());
        self.store.create_invite(&code, programme_id, role, now).await?;
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
        let mut n = 0;
        for id in self.store.due_pairs(now, limit).await? {
            let mut tx = self.store.begin().await?;
            // Another replica may have taken it meanwhile.
            let Some(row) = self.store.load_due_pair(&mut tx, id, now).await? else {
                tx.rollback().await?;
                continue;
            };
            self.step(&mut tx, &row, Input::Tick, None, now).await?;
            tx.commit().await?;
            n += 1;
        }
        Ok(n)
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

    /// With several pairs, text goes to the pair waiting for this role's
    /// answer, else to the most recently active one.
    async fn pick_pair(&self, tx: &mut Tx, pairs: &[(i64, String)], role: Role) -> Result<Option<i64>> {
        if pairs.len() > 1 {
            for (id, _) in pairs {
                if let Some(row) = self.store.load_pair(tx, *id).await? {
                    let s: PairState = serde_json::from_str(&row.state)?;
                    let waiting = s.awaiting.contains_key(&role)
                        || s.surveys
                            .iter()
                            .any(|r| r.role == role && r.finished_at.is_none() && !r.closed);
                    if waiting {
                        return Ok(Some(*id));
                    }
                }
            }
        }
        Ok(pairs.first().map(|(id, _)| *id))
    }

    async fn step(&self, tx: &mut Tx, row: &PairRow, input: Input, replying_to: Option<Role>, now: Ts) -> Result<()> {
        let p = self.programme(&row.programme_id)?.clone();
        let state: PairState =
            serde_json::from_str(&row.state).with_context(|| format!("pair {} has unreadable state", row.id))?;
        let (next, effects) = pair::step(&p, &state, input, now);
        self.apply(tx, row, &p, effects, replying_to, now).await?;
        let json = serde_json::to_string(&next)?;
        self.store.save_pair(tx, row.id, &save(&next, &json, &p), now).await?;
        Ok(())
    }

    async fn apply(
        &self,
        tx: &mut Tx,
        row: &PairRow,
        p: &Programme,
        effects: Vec<Effect>,
        replying_to: Option<Role>,
        now: Ts,
    ) -> Result<()> {
        let id_of = |role: Role| {
            if role == Role::Mentor {
                row.mentor_id
            } else {
                row.mentee_id
            }
        };
        for fx in effects {
            match fx {
                Effect::Send { to, msg, once } => {
                    let who = self.store.participant(tx, id_of(to)).await?;
                    // A direct answer goes at once; anything else keeps the
                    // recipient's quiet hours.
                    let not_before = if replying_to == Some(to) {
                        now
                    } else {
                        quiet(p, &who, now)
                    };
                    self.enqueue(tx, &who, Some(row.id), &msg, once.as_deref(), not_before, now)
                        .await?;
                }
                Effect::Alert { kind, by, reason, msg } => {
                    let by = by.map(id_of);
                    self.alert(tx, p, Some(row.id), by, kind.code(), reason.as_deref(), &msg, now)
                        .await?;
                }
                Effect::Meeting { number, at, held } => self.store.record_meeting(tx, row.id, number, at, held).await?,
                Effect::MeetingFeedback { number, role, rating } => {
                    self.store.meeting_feedback(tx, row.id, number, role, &rating).await?
                }
                Effect::SurveyOpened { survey, role } => {
                    self.store
                        .survey_opened(tx, row.id, survey.code(), role, id_of(role), now)
                        .await?
                }
                Effect::Answer {
                    survey,
                    role,
                    question,
                    value,
                } => {
                    let v = serde_json::to_string(&value)?;
                    self.store
                        .survey_answer(tx, row.id, survey.code(), role, &question, id_of(role), &v, now)
                        .await?
                }
                Effect::SurveyFinished { survey, role } => {
                    self.store.survey_finished(tx, row.id, survey.code(), role, now).await?
                }
                Effect::Rsvp { event, role, going } => {
                    self.store.rsvp(tx, &p.id, &event, id_of(role), going, now).await?
                }
            }
        }
        Ok(())
    }

    /// Records a flag and tells every coordinator of the programme.
    #[allow(clippy::too_many_arguments)]
    pub async fn alert(
        &self,
        tx: &mut Tx,
        p: &Programme,
        pair: Option<i64>,
        by: Option<i64>,
        kind: &str,
        reason: Option<&str>,
        msg: &Msg,
        now: Ts,
    ) -> Result<()> {
        self.store.add_flag(tx, &p.id, pair, by, kind, reason, now).await?;
        for c in self.store.coordinators(tx, &p.id).await? {
            let at = quiet(p, &c, now);
            self.enqueue(tx, &c, pair, msg, None, at, now).await?;
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    async fn enqueue(
        &self,
        tx: &mut Tx,
        who: &Participant,
        pair: Option<i64>,
        msg: &Msg,
        once: Option<&str>,
        not_before: Ts,
        now: Ts,
    ) -> Result<()> {
        let addr = self.store.address_of(tx, who.id).await?;
        let json = serde_json::to_string(msg)?;
        self.store
            .enqueue(
                tx,
                &NewOutbox {
                    participant_id: Some(who.id),
                    pair_id: pair,
                    platform: addr.as_ref().map(|a| a.0.as_str()),
                    address: addr.as_ref().map(|a| a.1.as_str()),
                    lang: who.lang,
                    msg: &json,
                    once_key: once,
                    not_before,
                },
                now,
            )
            .await?;
        Ok(())
    }

    async fn reply(&self, tx: &mut Tx, who: &Participant, pair: Option<i64>, msg: Msg, now: Ts) -> Result<()> {
        self.enqueue(tx, who, pair, &msg, None, now, now).await
    }

    async fn reply_raw(&self, tx: &mut Tx, u: &Inbound, lang: Lang, msg: Msg, now: Ts) -> Result<()> {
        let json = serde_json::to_string(&msg)?;
        self.store
            .enqueue(
                tx,
                &NewOutbox {
                    participant_id: None,
                    pair_id: None,
                    platform: Some(&u.platform),
                    address: Some(&u.address),
                    lang,
                    msg: &json,
                    once_key: None,
                    not_before: now,
                },
                now,
            )
            .await?;
        Ok(())
    }

    /// Commands about the participant rather than the pair: language, data,
    /// forgetting. Returns whether it handled the update.
    async fn participant_level(
        &self,
        tx: &mut Tx,
        me: &Participant,
        text: Option<&str>,
        payload: Option<&str>,
        now: Ts,
    ) -> Result<bool> {
        let cmd = text.and_then(command::parse);
        match (cmd, payload) {
            (Some(Command::Language(arg)), _) => {
                match arg.as_deref().and_then(Lang::parse) {
                    Some(lang) => self.set_language(tx, me, lang, now).await?,
                    None => {
                        let msg = Msg::new("language-ask").row(
                            Lang::ALL
                                .iter()
                                .map(|l| Button::new(format!("language-name-{l}"), format!("lang:{l}")))
                                .collect(),
                        );
                        self.reply(tx, me, None, msg, now).await?;
                    }
                }
                Ok(true)
            }
            (_, Some(p)) if p.starts_with("lang:") => {
                match Lang::parse(&p[5..]) {
                    Some(lang) => self.set_language(tx, me, lang, now).await?,
                    None => self.reply(tx, me, None, Msg::new("button-expired"), now).await?,
                }
                Ok(true)
            }
            (Some(Command::MyData), _) => {
                self.my_data(tx, me, now).await?;
                Ok(true)
            }
            (Some(Command::Forget), _) => {
                let msg = Msg::new("forget-confirm").row(vec![
                    Button::new("button-forget-yes", "forget:yes"),
                    Button::new("button-forget-no", "forget:no"),
                ]);
                self.reply(tx, me, None, msg, now).await?;
                Ok(true)
            }
            (_, Some("forget:no")) => {
                self.reply(tx, me, None, Msg::new("forget-cancelled"), now).await?;
                Ok(true)
            }
            (_, Some("forget:yes")) => {
                self.forget(tx, me, now).await?;
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    async fn set_language(&self, tx: &mut Tx, me: &Participant, lang: Lang, now: Ts) -> Result<()> {
        self.store.set_language(tx, me.id, lang).await?;
        let mut me = me.clone();
        me.lang = lang;
        self.reply(
            tx,
            &me,
            None,
            Msg::new("language-set").key("language", format!("language-name-{lang}")),
            now,
        )
        .await
    }

    async fn my_data(&self, tx: &mut Tx, me: &Participant, now: Ts) -> Result<()> {
        let p = self.programme(&me.programme_id)?;
        let identities = self.store.identity_count(tx, me.id).await?;
        let pairs = self.store.pairs_of(tx, me.id).await?.len();
        let mut msg = Msg::new("mydata")
            .str("name", me.name.clone())
            .key("role", format!("role-{}", me.role))
            .str("programme", p.name.clone())
            .key("language", format!("language-name-{}", me.lang))
            .str("tz", me.tz.name())
            .str("contact", me.contact.clone().unwrap_or_else(|| "-".into()))
            .str("consent", if me.consent_share { "yes" } else { "no" })
            .num("identities", identities)
            .num("pairs", pairs as i64);
        msg = match me.consent_given_at {
            Some(t) => msg.arg("consent-at", Arg::Date(crate::store::from_ms(t))),
            None => msg.str("consent-at", "-"),
        };
        self.reply(tx, me, None, msg, now).await
    }

    async fn forget(&self, tx: &mut Tx, me: &Participant, now: Ts) -> Result<()> {
        // The confirmation is queued with the address before it is deleted.
        self.reply(tx, me, None, Msg::new("forget-done"), now).await?;
        let p = self.programme(&me.programme_id)?.clone();
        for (pair_id, role) in self.store.pairs_of(tx, me.id).await? {
            let Some(row) = self.store.load_pair(tx, pair_id).await? else {
                continue;
            };
            let mut state: PairState = serde_json::from_str(&row.state)?;
            let (mut next, effects) = if matches!(state.status, Status::EndedEarly { .. }) {
                (state.clone(), vec![])
            } else {
                pair::step(
                    &p,
                    &state,
                    Input::EndEarly {
                        reason: EndReason::Other,
                    },
                    now,
                )
            };
            // Nothing personal stays in the pair's state.
            for s in [&mut state, &mut next] {
                let person = if role == "mentor" { &mut s.mentor } else { &mut s.mentee };
                person.name = "-".into();
                person.contact = None;
            }
            let effects: Vec<Effect> = effects
                .into_iter()
                .filter(|e| !matches!(e, Effect::Send { to, .. } if to.code() == role))
                .collect();
            self.apply(tx, &row, &p, effects, None, now).await?;
            let json = serde_json::to_string(&next)?;
            self.store.save_pair(tx, pair_id, &save(&next, &json, &p), now).await?;
        }
        self.alert(
            tx,
            &p,
            None,
            Some(me.id),
            "forgotten",
            None,
            &Msg::new("alert-forgotten").key("role", format!("role-{}", me.role)),
            now,
        )
        .await?;
        self.store.forget(tx, me.id, now).await
    }

    /// Coordinators in chat: help and a status overview. Matching and
    /// broadcasts from chat come with their own issues.
    async fn coordinator(&self, tx: &mut Tx, me: &Participant, text: Option<&str>, now: Ts) -> Result<()> {
        let msg = match text.and_then(command::parse) {
            Some(Command::Status) => {
                let p = self.programme(&me.programme_id)?;
                let flags = self.store.open_flags(&p.id).await?;
                let (pairs, at_risk) = self.store.pair_counts(tx, &p.id).await?;
                Msg::new("coordinator-status")
                    .str("programme", p.name.clone())
                    .num("pairs", pairs)
                    .num("at-risk", at_risk)
                    .num("flags", flags.len() as i64)
            }
            Some(Command::Unknown(name)) => Msg::new("unknown-command")
                .str("command", name)
                .key("help", "help-coordinator"),
            _ => Msg::new("help-coordinator"),
        };
        self.reply(tx, me, None, msg, now).await
    }
}

fn person(p: &Participant) -> Person {
    Person {
        name: p.name.clone(),
        contact: if p.consent_share { p.contact.clone() } else { None },
        tz: p.tz,
    }
}

/// When a message to this participant may go, given the quiet hours.
fn quiet(p: &Programme, who: &Participant, now: Ts) -> Ts {
    p.quiet_hours.next_allowed(now, who.tz)
}

fn save<'a>(s: &'a PairState, json: &'a str, p: &Programme) -> PairSave<'a> {
    PairSave {
        json,
        phase: s.phase.code(),
        status: match s.status {
            Status::Running => "running",
            Status::Paused { .. } => "paused",
            Status::EndedEarly { .. } => "ended_early",
        },
        at_risk: s.at_risk,
        next_due_at: s.next_due(p),
    }
}
