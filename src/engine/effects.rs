//! Carrying out the core's decisions: a pair is stepped and saved, and
//! its effects become rows in the same transaction: outbox messages (with
//! the recipient's quiet hours), meetings, answers, flags and RSVPs.

use super::Engine;
use crate::store::{NewOutbox, PairRow, PairSave, Participant, Tx};
use anyhow::{Context, Result};
use bot_core::adapter::Inbound;
use bot_core::message::Msg;
use bot_core::pair::{self, Effect, Input, PairState, Person, Status};
use bot_core::{Lang, Programme, Role, Ts};

impl Engine {
    /// Steps a pair with one input, applies the effects, saves the state.
    /// `replying_to`: the role whose message this answers (its replies go
    /// at once; everything else keeps the recipient's quiet hours).
    pub(super) async fn step(
        &self,
        tx: &mut Tx,
        row: &PairRow,
        input: Input,
        replying_to: Option<Role>,
        now: Ts,
    ) -> Result<()> {
        let p = self.programme(&row.programme_id)?.clone();
        let state = state_of(row)?;
        let (next, effects) = pair::step(&p, &state, input, now);
        self.apply(tx, row, &p, effects, replying_to, now).await?;
        let json = serde_json::to_string(&next)?;
        // A step that changed nothing (a /status) writes nothing: the
        // row's updated_at stays the time of its last change.
        let saved = save(&next, &json, &p);
        if !row.holds(&saved) {
            self.store.save_pair(tx, row.id, &saved, now).await?;
        }
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
                    let (who, addr) = self.store.recipient(tx, id_of(to)).await?;
                    let not_before = if replying_to == Some(to) {
                        now
                    } else {
                        quiet(p, &who, now)
                    };
                    self.enqueue_at(tx, &who, addr, Some(row.id), &msg, once.as_deref(), not_before, now)
                        .await?;
                }
                Effect::Alert { kind, by, reason, msg } => {
                    let by = by.map(id_of);
                    self.alert(tx, p, Some(row.id), by, kind.code(), reason.as_deref(), &msg, now)
                        .await?;
                }
                Effect::Meeting { number, at, held } => self.store.record_meeting(tx, row.id, number, at, held).await?,
                Effect::MeetingFeedback { number, role, rating } => {
                    self.store
                        .meeting_feedback(tx, row.id, number, role, rating.code())
                        .await?
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
                Effect::Rsvp { event, role, answer } => {
                    self.store.rsvp(tx, &p.id, &event, id_of(role), answer, now).await?
                }
                Effect::Flag { by, reason, note, msg } => {
                    self.raise_flag(tx, p, row.id, id_of(by), reason, note.as_deref(), msg, now)
                        .await?
                }
                Effect::AskFlagNote { by } => self.ask_flag_note(tx, row.id, by, id_of(by), now).await?,
            }
        }
        Ok(())
    }

    /// Tells every coordinator of the programme, without a flag (news that
    /// needs no action, such as a person reachable again).
    pub async fn tell_coordinators(&self, tx: &mut Tx, p: &Programme, msg: &Msg, now: Ts) -> Result<()> {
        for c in self.store.coordinators(tx, &p.id).await? {
            let at = quiet(p, &c, now);
            self.enqueue(tx, &c, None, msg, None, at, now).await?;
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
    pub(super) async fn enqueue(
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
        self.enqueue_at(tx, who, addr, pair, msg, once, not_before, now).await
    }

    /// [`Engine::enqueue`] to an address already read.
    #[allow(clippy::too_many_arguments)]
    pub(super) async fn enqueue_at(
        &self,
        tx: &mut Tx,
        who: &Participant,
        addr: Option<(String, String)>,
        pair: Option<i64>,
        msg: &Msg,
        once: Option<&str>,
        not_before: Ts,
        now: Ts,
    ) -> Result<()> {
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

    /// A direct answer to what a participant just wrote: it goes at once.
    pub(super) async fn reply(
        &self,
        tx: &mut Tx,
        who: &Participant,
        pair: Option<i64>,
        msg: Msg,
        now: Ts,
    ) -> Result<()> {
        self.enqueue(tx, who, pair, &msg, None, now, now).await
    }

    /// An answer to someone not registered, at the address they wrote from.
    pub(super) async fn reply_raw(&self, tx: &mut Tx, u: &Inbound, lang: Lang, msg: Msg, now: Ts) -> Result<()> {
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
}

/// A pair's stored state.
pub(super) fn state_of(row: &PairRow) -> Result<PairState> {
    serde_json::from_str(&row.state).with_context(|| format!("pair {} has unreadable state", row.id))
}

/// One side of a new pair, as the pair's messages need it.
pub(super) fn person(p: &Participant, profile: &bot_core::profile::Profile) -> Person {
    Person {
        name: p.name.clone(),
        contact: if p.consent_share { contact(p, profile) } else { None },
        tz: p.tz,
        shares: p.consent_share,
        profile: bot_core::profile::Profile {
            // Contact details travel only in `contact`, and only with consent.
            email: None,
            phone: None,
            ..profile.clone()
        },
    }
}

/// A person's contact details: the chat app's, then the profile's e-mail
/// and phone.
pub(super) fn contact(p: &Participant, profile: &bot_core::profile::Profile) -> Option<String> {
    let parts: Vec<String> = p
        .contact
        .iter()
        .cloned()
        .chain(bot_core::profile_chat::contact_line(profile))
        .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// When a message to this participant may go, given the quiet hours.
pub(super) fn quiet(p: &Programme, who: &Participant, now: Ts) -> Ts {
    p.quiet_hours.next_allowed(now, who.tz)
}

/// What the store keeps beside a pair's state: its phase, status, risk
/// and when it next needs a tick (derived, for the scheduler's index).
pub(super) fn save<'a>(s: &'a PairState, json: &'a str, p: &Programme) -> PairSave<'a> {
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
