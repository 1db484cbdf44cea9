//! The shell of `/broadcast` and `mentorbot broadcast`: loads the draft,
//! steps the core's dialogue, resolves the audience, queues one message
//! per recipient (once each) and shows the coordinator the progress.

use super::Engine;
use crate::store::{Participant, Tx};
use anyhow::Result;
use bot_core::coordinator::broadcast::{self, Audience, Draft, Effect, Input, Texts};
use bot_core::message::{Button, Msg};
use bot_core::payload::{Bc, Payload};
use bot_core::{Lang, Ts};

/// What a broadcast queued.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Queued {
    pub id: i64,
    pub recipients: i64,
}

impl Engine {
    /// One step of a coordinator's `/broadcast` dialogue, with what follows
    /// from it (a count steps it again).
    pub(super) async fn broadcast_step(&self, tx: &mut Tx, me: &Participant, input: Input, now: Ts) -> Result<()> {
        let p = self.programme(&me.programme_id)?.clone();
        let today = now.with_timezone(&p.time_zone).date_naive();
        let ctx = broadcast::Ctx {
            langs: p.languages.clone(),
            events: p
                .events
                .iter()
                .filter(|e| e.date >= today)
                .map(|e| (e.id.clone(), e.id.clone()))
                .collect(),
        };
        let mut input = Some(input);
        while let Some(i) = input.take() {
            let draft = match self.store.dialogue(tx, me.id).await? {
                Some(d) if d.kind == broadcast::KIND => serde_json::from_str::<Draft>(&d.state).ok(),
                _ => None,
            };
            for fx in broadcast::step(draft, &ctx, i, now) {
                match fx {
                    Effect::Reply(msg) => self.reply(tx, me, None, msg, now).await?,
                    Effect::Save(d) => {
                        let json = serde_json::to_string(&d)?;
                        self.store.save_dialogue(tx, me.id, broadcast::KIND, &json, now).await?;
                    }
                    Effect::Clear => self.store.clear_dialogue(tx, me.id).await?,
                    Effect::Count(a) => match self.store.audience(tx, &p.id, &a).await? {
                        Some(people) => input = Some(Input::Counted(people.len() as i64)),
                        None => {
                            self.reply(tx, me, None, Msg::new("broadcast-profile-not-yet"), now)
                                .await?
                        }
                    },
                    Effect::Send { audience, texts } => {
                        let msg = match self
                            .queue_broadcast(tx, &p.id, Some(me.id), &audience, &texts, now)
                            .await?
                        {
                            Some(q) => Msg::new("broadcast-started")
                                .num("count", q.recipients)
                                .row(vec![stop_button(q.id)]),
                            None => Msg::new("broadcast-profile-not-yet"),
                        };
                        self.reply(tx, me, None, msg, now).await?
                    }
                    Effect::Stop(id) => {
                        let msg = match self.store.broadcast(tx, id).await? {
                            // Only this programme's, and only while it sends.
                            Some(b) if b.programme_id == me.programme_id && b.status == "sending" => {
                                let dropped = self.store.stop_broadcast(tx, id, now).await?;
                                let done = self.store.broadcast_progress(tx, id).await?;
                                Msg::new("broadcast-stopped")
                                    .num("sent", done.sent)
                                    .num("dropped", dropped as i64)
                            }
                            _ => Msg::new("button-expired"),
                        };
                        self.reply(tx, me, None, msg, now).await?
                    }
                }
            }
        }
        Ok(())
    }

    /// Queues a broadcast in `tx`: records it and puts one message per
    /// recipient in the outbox, each with the broadcast's once-key.
    /// `None` when the audience cannot be chosen yet (profile fields).
    pub(super) async fn queue_broadcast(
        &self,
        tx: &mut Tx,
        programme: &str,
        by: Option<i64>,
        audience: &Audience,
        texts: &Texts,
        now: Ts,
    ) -> Result<Option<Queued>> {
        let Some(people) = self.store.audience(tx, programme, audience).await? else {
            return Ok(None);
        };
        let json = serde_json::to_string(texts)?;
        let id = self
            .store
            .add_broadcast(tx, programme, by, audience, &json, people.len() as i64, now)
            .await?;
        let key = broadcast::once_key(id);
        let quiet = &self.programme(programme)?.quiet_hours;
        for (person, lang, tz) in &people {
            let text = broadcast::text_for(texts, *lang).unwrap_or_default();
            let msg = serde_json::to_string(&Msg::new("broadcast-message").str("text", text))?;
            let addr = self.store.address_of(tx, *person).await?;
            self.store
                .enqueue(
                    tx,
                    &crate::store::NewOutbox {
                        participant_id: Some(*person),
                        pair_id: None,
                        platform: addr.as_ref().map(|a| a.0.as_str()),
                        address: addr.as_ref().map(|a| a.1.as_str()),
                        lang: *lang,
                        msg: &msg,
                        once_key: Some(&key),
                        // An announcement is proactive: it waits for the
                        // end of the recipient's quiet hours.
                        not_before: quiet.next_allowed(now, *tz),
                    },
                    now,
                )
                .await?;
        }
        Ok(Some(Queued {
            id,
            recipients: people.len() as i64,
        }))
    }

    /// `mentorbot broadcast`: who an audience is (a dry run), or the
    /// broadcast queued. `None` when the audience cannot be chosen yet.
    pub async fn broadcast(
        &self,
        programme: &str,
        audience: &Audience,
        texts: &Texts,
        dry_run: bool,
        now: Ts,
    ) -> Result<Option<Queued>> {
        self.programme(programme)?;
        let mut tx = self.store.begin().await?;
        let out = if dry_run {
            let people = self.store.audience(&mut tx, programme, audience).await?;
            people.map(|p| Queued {
                id: 0,
                recipients: p.len() as i64,
            })
        } else {
            self.queue_broadcast(&mut tx, programme, None, audience, texts, now)
                .await?
        };
        tx.commit().await?;
        Ok(out)
    }

    /// How many of broadcast `id`'s messages are settled (sent or given
    /// up) and its total: for a progress bar.
    pub async fn broadcast_done(&self, id: i64) -> Result<(i64, i64)> {
        let mut tx = self.store.begin().await?;
        let b = self.store.broadcast(&mut tx, id).await?;
        let p = self.store.broadcast_progress(&mut tx, id).await?;
        tx.commit().await?;
        let total = b.map(|b| b.total).unwrap_or(0);
        Ok(((total - p.pending).max(0), total))
    }

    /// Tells each sending broadcast's coordinator how far it got, at 25 %,
    /// 50 % and 100 % (the core says when), and marks the finished ones.
    pub(super) async fn broadcasts_progress(&self, now: Ts) -> Result<()> {
        for b in self.store.sending_broadcasts().await? {
            let mut tx = self.store.begin().await?;
            let done = self.store.broadcast_progress(&mut tx, b.id).await?;
            // Rows dropped meanwhile (a recipient forgotten) count as done.
            let settled = (b.total - done.pending).max(0);
            if let Some(mark) = broadcast::progress(b.progress_shown, settled, b.total) {
                if !self
                    .store
                    .set_broadcast_progress(&mut tx, b.id, b.progress_shown, mark, mark >= 100, now)
                    .await?
                {
                    // Another replica showed it.
                    tx.rollback().await?;
                    continue;
                }
                if let Some(by) = b.by_participant {
                    let me = self.store.participant(&mut tx, by).await?;
                    let mut msg = Msg::new("broadcast-progress")
                        .num("percent", mark)
                        .num("sent", done.sent)
                        .num("failed", done.dead)
                        .num("total", b.total);
                    if mark < 100 {
                        msg = msg.row(vec![stop_button(b.id)]);
                    }
                    self.reply(&mut tx, &me, None, msg, now).await?;
                }
            }
            tx.commit().await?;
        }
        Ok(())
    }
}

fn stop_button(id: i64) -> Button {
    Button::new("broadcast-button-stop", Payload::Broadcast(Bc::Stop(id)))
}

/// Reads a text file for `mentorbot broadcast`: the text for everyone, or
/// for one language.
pub fn texts(text: String, lang: Option<Lang>) -> Texts {
    vec![(lang, text.trim().to_string())]
}
