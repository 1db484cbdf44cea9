//! Flags in the shell: a participant's flag recorded and sent to the
//! coordinators with its buttons; the `flag-note` dialogue; a coordinator's
//! Acknowledge / Resolve / Call me; unacknowledged flags raised again. The
//! core (`bot_core::coordinator::flags`) decides each of them.

use super::Engine;
use crate::store::{DialogueRow, Participant, Tx};
use anyhow::Result;
use bot_core::coordinator::flags::{self, Handler, NoteDialogue, NoteOutcome};
use bot_core::message::Msg;
use bot_core::pair::Input;
use bot_core::payload::{FlagAct, FlagReason};
use bot_core::routing::{Route, Said};
use bot_core::{Programme, Role, Ts};

impl Engine {
    /// Records a participant's flag and sends it, with its buttons, to
    /// every coordinator of the programme.
    #[allow(clippy::too_many_arguments)]
    pub(super) async fn raise_flag(
        &self,
        tx: &mut Tx,
        p: &Programme,
        pair: i64,
        by: i64,
        reason: FlagReason,
        note: Option<&str>,
        msg: Msg,
        now: Ts,
    ) -> Result<()> {
        let id = self
            .store
            .add_participant_flag(tx, &p.id, pair, by, reason.code(), note, now)
            .await?;
        let msg = flags::alert(msg, id);
        for c in self.store.coordinators(tx, &p.id).await? {
            let at = p.quiet_hours.next_allowed(now, c.tz);
            self.enqueue(tx, &c, Some(pair), &msg, None, at, now).await?;
        }
        Ok(())
    }

    /// Stores the question for a flag's line of text.
    pub(super) async fn ask_flag_note(&self, tx: &mut Tx, pair: i64, role: Role, who: i64, now: Ts) -> Result<()> {
        let d = NoteDialogue {
            pair_id: pair,
            role,
            asked_at: now,
        };
        self.store
            .save_dialogue(tx, who, flags::NOTE_DIALOGUE, &serde_json::to_string(&d)?, now)
            .await
    }

    /// Text while a flag's note is asked for.
    pub(super) async fn flag_note(
        &self,
        tx: &mut Tx,
        me: &mut Participant,
        d: DialogueRow,
        said: Said,
        now: Ts,
    ) -> Result<()> {
        let state: Option<NoteDialogue> = serde_json::from_str(&d.state).ok();
        let outcome = match &state {
            Some(s) => flags::note(s, &said, now),
            None => NoteOutcome::Expired,
        };
        match (outcome, state) {
            (NoteOutcome::Note(note), Some(s)) => {
                self.store.clear_dialogue(tx, me.id).await?;
                // Only a pair they are still in.
                let mine = self
                    .store
                    .pairs_of(tx, me.id)
                    .await?
                    .iter()
                    .any(|(id, _)| *id == s.pair_id);
                match self.store.load_pair(tx, s.pair_id).await? {
                    Some(row) if mine => {
                        let input = Input::FlagNote { from: me.role, note };
                        self.step(tx, &row, input, Some(me.role), now).await
                    }
                    _ => self.reply(tx, me, None, Msg::new("pair-ended-reply"), now).await,
                }
            }
            (NoteOutcome::AskAgain(msg), _) => self.reply(tx, me, None, msg, now).await,
            _ => {
                self.store.clear_dialogue(tx, me.id).await?;
                Box::pin(self.participant(tx, me, Route::Dialogue(said), now)).await
            }
        }
    }

    /// A coordinator pressed a flag's button.
    pub(super) async fn flag_act(&self, tx: &mut Tx, me: &Participant, id: i64, act: FlagAct, now: Ts) -> Result<()> {
        let found = self.store.flag(tx, id).await?;
        let handler = Handler {
            programme_id: me.programme_id.clone(),
            name: me.name.clone(),
            contact: me.contact.clone(),
        };
        let flag = found.as_ref().map(|(f, _)| f);
        for fx in flags::act(flag, &handler, act) {
            match fx {
                flags::Effect::Acknowledge => self.store.acknowledge_flag(tx, id, me.id, now).await?,
                flags::Effect::Resolve => self.store.resolve_flag(tx, id, now).await?,
                flags::Effect::TellFlagger(msg) => {
                    if let Some((f, pair)) = &found
                        && let Some(flagger) = f.flagger
                    {
                        let who = self.store.participant(tx, flagger).await?;
                        let p = self.programme(&who.programme_id)?;
                        let at = p.quiet_hours.next_allowed(now, who.tz);
                        self.enqueue(tx, &who, *pair, &msg, None, at, now).await?;
                    }
                }
                flags::Effect::Reply(msg) => self.reply(tx, me, None, msg, now).await?,
            }
        }
        Ok(())
    }

    /// Raises again every participant's flag left unacknowledged for three
    /// days (the core says which); returns how many.
    pub async fn reraise_flags(&self, now: Ts) -> Result<usize> {
        let mut n = 0;
        for (f, pair) in self.store.unacknowledged_flags().await? {
            let mut tx = self.store.begin().await?;
            let ended = match pair {
                Some(id) => self.store.pair_ended(&mut tx, id).await?,
                None => true,
            };
            let (Some(pair), Some(flagger), Ok(p)) = (pair, f.flagger, self.programme(&f.programme_id)) else {
                continue;
            };
            if !flags::reraise_due(&f, ended, now) {
                continue;
            }
            let p = p.clone();
            let by = self.store.participant(&mut tx, flagger).await?;
            let Some(brief) = self.store.pair_brief(pair).await? else {
                continue;
            };
            // Taken first, so that of two replicas only one raises it.
            if !self.store.flag_raised_again(&mut tx, f.id, f.raised_at, now).await? {
                tx.rollback().await?;
                continue;
            }
            let msg = flags::reraise(&f, &by.name, &brief.mentee, &brief.mentor, now);
            for c in self.store.coordinators(&mut tx, &p.id).await? {
                let at = p.quiet_hours.next_allowed(now, c.tz);
                self.enqueue(&mut tx, &c, Some(pair), &msg, None, at, now).await?;
            }
            tx.commit().await?;
            n += 1;
        }
        Ok(n)
    }
}
