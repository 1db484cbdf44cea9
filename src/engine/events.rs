//! Events as coordinators see them and change them: `/event` in chat and
//! `mentorbot event show|create|edit|cancel`; the RSVP reminders on the
//! scheduler's pass.
//!
//! An event a coordinator makes is stored (`events.spec`) and merged into
//! the programme in memory, so the pairs' clocks invite to it exactly as
//! to a programme file's event (late matches included), and RSVPs, the
//! `.ics` file and `/event` work the same. The core decides; this loads,
//! stores and queues.

use super::Engine;
use super::effects::quiet;
use crate::store::{SavedEvent, Tx};
use anyhow::{Context, Result, bail};
use bot_core::Ts;
use bot_core::coordinator::event_dialogue::{self, Draft, Effect, Input};
use bot_core::coordinator::events::{self, EventAnswers};
use bot_core::message::Msg;
use bot_core::payload::RsvpAnswer;
use bot_core::programme::{Event, Programme};

impl Engine {
    /// One event's answers so far.
    pub async fn event_answers(&self, programme: &str, event: &str) -> Result<EventAnswers> {
        let p = self.programme(programme)?.clone();
        let e = p
            .events
            .iter()
            .find(|e| e.id == event)
            .with_context(|| format!("programme `{programme}` has no event `{event}`"))?;
        let answers = self.store.event_answers(&p.id, &e.id).await?;
        Ok(EventAnswers {
            id: e.id.clone(),
            name_key: e.name_key(),
            label: e.label.clone(),
            starts: p.event_starts_at(e),
            coming: answers
                .iter()
                .filter(|a| a.answer == RsvpAnswer::Yes)
                .map(|a| a.name.clone())
                .collect(),
            not_coming: answers.iter().filter(|a| a.answer == RsvpAnswer::No).count() as i64,
            maybe: answers.iter().filter(|a| a.answer == RsvpAnswer::Maybe).count() as i64,
            invited: self.store.event_invited(&p.id, &e.id).await?,
        })
    }

    /// The programme's events still ahead at `now`, with their answers.
    pub async fn coming_events(&self, programme: &str, now: Ts) -> Result<Vec<EventAnswers>> {
        let p = self.programme(programme)?.clone();
        let mut out = vec![];
        for e in p.events.iter().filter(|e| p.event_starts_at(e) > now) {
            out.push(self.event_answers(&p.id, &e.id).await?);
        }
        Ok(out)
    }

    /// Merges the events coordinators made, changed or cancelled into the
    /// programmes in memory (at load, and on each scheduler pass, so that
    /// replicas see each other's changes). A programme is replaced only if
    /// its events differ.
    pub async fn refresh_events(&self) -> Result<()> {
        let saved = self.store.saved_events().await?;
        for p in self.programmes() {
            let mut events = p.events.clone();
            for (_, s) in saved.iter().filter(|(id, _)| *id == p.id) {
                merge(&mut events, s.clone());
            }
            if events != p.events {
                self.set_programme(p.with_events(events));
            }
        }
        Ok(())
    }

    /// One step of a coordinator's event dialogue.
    pub(super) async fn event_step(
        &self,
        tx: &mut Tx,
        me: &crate::store::Participant,
        input: Input,
        now: Ts,
    ) -> Result<()> {
        let p = self.programme(&me.programme_id)?;
        let draft = match self.store.dialogue(tx, me.id).await? {
            Some(d) if d.kind == event_dialogue::KIND => serde_json::from_str::<Draft>(&d.state).ok(),
            _ => None,
        };
        for fx in event_dialogue::step(&p, draft, input, now) {
            match fx {
                Effect::Reply(msg) => self.reply(tx, me, None, msg, now).await?,
                Effect::Save(d) => {
                    let json = serde_json::to_string(&d)?;
                    self.store
                        .save_dialogue(tx, me.id, event_dialogue::KIND, &json, now)
                        .await?;
                }
                Effect::Clear => self.store.clear_dialogue(tx, me.id).await?,
                Effect::Create(e) => {
                    let msg = e.named(Msg::new("event-created"), "event");
                    self.create_event_in(tx, &p.id, e, now).await?;
                    self.reply(tx, me, None, msg, now).await?
                }
                Effect::Change(e) => {
                    let msg = e.named(Msg::new("event-change-done"), "event");
                    let told = self.change_event_in(tx, &p.id, e, now).await?;
                    self.reply(tx, me, None, msg.num("count", told as i64), now).await?
                }
                Effect::Cancel(id) => {
                    let e = p.events.iter().find(|e| e.id == id).context("checked by the core")?;
                    let msg = e.named(Msg::new("event-dropped"), "event");
                    let told = self.cancel_event_in(tx, &p.id, &id, now).await?;
                    self.reply(tx, me, None, msg.num("count", told as i64), now).await?
                }
            }
        }
        Ok(())
    }

    /// Adds event `e` to a programme: stored, merged, and the programme's
    /// pairs woken so that their next tick invites them.
    pub(super) async fn create_event_in(&self, tx: &mut Tx, programme: &str, e: Event, now: Ts) -> Result<()> {
        let p = self.programme(programme)?;
        if p.events.iter().any(|x| x.id == e.id) {
            bail!("programme `{programme}` already has an event `{}`", e.id);
        }
        let mut events = p.events.clone();
        events.push(e.clone());
        let p = p.with_events(events);
        self.store.save_event(tx, programme, &e, p.event_starts_at(&e)).await?;
        self.store
            .wake_pairs(tx, programme, p.event_invite_at(&e).max(now))
            .await?;
        self.set_programme(p);
        Ok(())
    }

    /// Replaces an event; everyone invited is told once (the change's own
    /// `once` key) with the new calendar file. Returns how many.
    pub(super) async fn change_event_in(&self, tx: &mut Tx, programme: &str, e: Event, now: Ts) -> Result<usize> {
        let p = self.programme(programme)?;
        let events = p
            .events
            .iter()
            .map(|x| if x.id == e.id { e.clone() } else { x.clone() })
            .collect();
        let p = p.with_events(events);
        let version = self.store.save_event(tx, programme, &e, p.event_starts_at(&e)).await?;
        let (msg, once) = events::changed(&p, &e, version);
        let told = self.tell_invited(tx, &p, &e.id, &msg, &once, now).await?;
        self.store
            .wake_pairs(tx, programme, p.event_invite_at(&e).max(now))
            .await?;
        self.set_programme(p);
        Ok(told)
    }

    /// Cancels an event: invitations not yet sent are dropped, everyone
    /// whose invitation went is told once. Returns how many.
    pub(super) async fn cancel_event_in(&self, tx: &mut Tx, programme: &str, event: &str, now: Ts) -> Result<usize> {
        let p = self.programme(programme)?;
        let e = p
            .events
            .iter()
            .find(|e| e.id == event)
            .with_context(|| format!("programme `{programme}` has no event `{event}`"))?
            .clone();
        // A file's event gets its row's spec too, so the row says what was cancelled.
        self.store.save_event(tx, programme, &e, p.event_starts_at(&e)).await?;
        self.store.cancel_event(tx, programme, event, now).await?;
        let (msg, once) = events::cancelled(&p, &e);
        let told = self.tell_invited(tx, &p, event, &msg, &once, now).await?;
        self.set_programme(p.with_events(p.events.iter().filter(|x| x.id != event).cloned().collect()));
        Ok(told)
    }

    /// Queues `msg` once (key `once`) for everyone an event's invitation
    /// was queued for, after their quiet hours.
    async fn tell_invited(
        &self,
        tx: &mut Tx,
        p: &Programme,
        event: &str,
        msg: &Msg,
        once: &str,
        now: Ts,
    ) -> Result<usize> {
        let invited = self.store.invitees(tx, &p.id, event).await?;
        for i in &invited {
            let who = self.store.participant(tx, i.participant).await?;
            self.enqueue(tx, &who, None, msg, Some(once), quiet(p, &who, now), now)
                .await?;
        }
        Ok(invited.len())
    }

    /// The RSVP reminders due at `now` for every coming event (the core
    /// says who and which; each once, after the recipient's quiet hours).
    pub(super) async fn event_reminders(&self, now: Ts) -> Result<usize> {
        let mut n = 0;
        for p in self.programmes() {
            for e in p
                .events
                .iter()
                .filter(|e| p.event_starts_at(e) > now && reminders_may_be_due(&p, e, now))
            {
                let mut tx = self.store.begin().await?;
                let invited = self.store.invitees(&mut tx, &p.id, &e.id).await?;
                for (person, r) in events::reminders(&p, e, &invited, now) {
                    let who = self.store.participant(&mut tx, person).await?;
                    let msg = events::reminder(&p, e, r);
                    self.enqueue(
                        &mut tx,
                        &who,
                        None,
                        &msg,
                        Some(&r.once_key(&e.id)),
                        quiet(&p, &who, now),
                        now,
                    )
                    .await?;
                    n += 1;
                }
                tx.commit().await?;
            }
        }
        Ok(n)
    }

    /// Invites the unmatched to the events for them whose invitation is
    /// due (the core says which): each unmatched person of the event's
    /// roles once (key `event:ID`), after their quiet hours. Someone who
    /// registers later is invited on a later pass while the event is ahead.
    pub(super) async fn invite_unmatched(&self, now: Ts) -> Result<usize> {
        use bot_core::coordinator::broadcast::Audience;
        let mut n = 0;
        for p in self.programmes() {
            for e in p.events.iter().filter(|e| events::invites_unmatched(&p, e, now)) {
                let mut tx = self.store.begin().await?;
                let people = self.store.audience(&mut tx, &p.id, &Audience::Unmatched).await?;
                // Those invited already are passed over without a write.
                let invited: std::collections::HashSet<i64> = self
                    .store
                    .invitees(&mut tx, &p.id, &e.id)
                    .await?
                    .iter()
                    .map(|i| i.participant)
                    .collect();
                let msg = events::invitation(&p, e);
                let key = format!("event:{}", e.id);
                for (person, _, _) in people.unwrap_or_default() {
                    if invited.contains(&person) {
                        continue;
                    }
                    let who = self.store.participant(&mut tx, person).await?;
                    if !e.roles.contains(&who.role) {
                        continue;
                    }
                    self.enqueue(&mut tx, &who, None, &msg, Some(&key), quiet(&p, &who, now), now)
                        .await?;
                    n += 1;
                }
                tx.commit().await?;
            }
        }
        Ok(n)
    }

    /// An RSVP press by someone in no pair: stored if the event is for the
    /// unmatched and still ahead (the core says), else "no longer active".
    pub(super) async fn rsvp_unpaired(
        &self,
        tx: &mut Tx,
        me: &crate::store::Participant,
        event: &str,
        answer: RsvpAnswer,
        now: Ts,
    ) -> Result<()> {
        let p = self.programme(&me.programme_id)?;
        let msg = match events::rsvp_unpaired(&p, event, answer, now) {
            Some(msg) => {
                self.store.rsvp(tx, &p.id, event, me.id, answer, now).await?;
                msg
            }
            None => Msg::new("button-expired"),
        };
        self.reply(tx, me, None, msg, now).await
    }

    /// `mentorbot event create`: checks the event as the dialogue would
    /// and adds it. Returns its id.
    pub async fn create_event(&self, programme: &str, e: Event, now: Ts) -> Result<String> {
        let p = self.programme(programme)?;
        event_dialogue::check(&p, &e, now)
            .map_err(|why| anyhow::anyhow!(self.catalog.text(&Msg::new(why), p.languages[0], p.time_zone)))?;
        let mut tx = self.store.begin().await?;
        let id = e.id.clone();
        self.create_event_in(&mut tx, programme, e, now).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// `mentorbot event edit`: changes an event, telling those invited.
    pub async fn change_event(&self, programme: &str, e: Event, now: Ts) -> Result<usize> {
        let p = self.programme(programme)?;
        let old = p
            .events
            .iter()
            .find(|x| x.id == e.id)
            .with_context(|| format!("programme `{programme}` has no event `{}`", e.id))?;
        anyhow::ensure!(p.event_starts_at(old) > now, "event `{}` is over", e.id);
        event_dialogue::check(&p, &e, now)
            .map_err(|why| anyhow::anyhow!(self.catalog.text(&Msg::new(why), p.languages[0], p.time_zone)))?;
        let mut tx = self.store.begin().await?;
        let told = self.change_event_in(&mut tx, programme, e, now).await?;
        tx.commit().await?;
        Ok(told)
    }

    /// `mentorbot event cancel`.
    pub async fn cancel_event(&self, programme: &str, event: &str, now: Ts) -> Result<usize> {
        let p = self.programme(programme)?;
        let e = p
            .events
            .iter()
            .find(|x| x.id == event)
            .with_context(|| format!("programme `{programme}` has no event `{event}`"))?;
        anyhow::ensure!(p.event_starts_at(e) > now, "event `{event}` is over");
        let mut tx = self.store.begin().await?;
        let told = self.cancel_event_in(&mut tx, programme, event, now).await?;
        tx.commit().await?;
        Ok(told)
    }
}

/// A saved change applied to a programme's events: replaced or added, or
/// removed.
fn merge(events: &mut Vec<Event>, s: SavedEvent) {
    match s {
        SavedEvent::Set(e) => match events.iter_mut().find(|x| x.id == e.id) {
            Some(x) => *x = e,
            None => events.push(e),
        },
        SavedEvent::Cancelled(id) => events.retain(|x| x.id != id),
    }
}

/// Whether any invitee of `e` could have a reminder due at `now`: the core's
/// [`events::next_reminder_at`] for the invitees who would be reminded
/// first, one invited at the earliest time there is who has not answered
/// and one who said yes and was not told yet. A later invitation is
/// reminded no sooner, so before that time the pass reads no invitees
/// (each read is a query over every invitation queued for the event).
fn reminders_may_be_due(p: &Programme, e: &Event, now: Ts) -> bool {
    let first = |going| events::Invitee {
        participant: 0,
        invited_at: chrono::DateTime::<chrono::Utc>::MIN_UTC,
        going,
        asked: false,
        told_tomorrow: false,
    };
    events::next_reminder_at(p, e, &[first(None), first(Some(true))]).is_some_and(|at| at <= now)
}
