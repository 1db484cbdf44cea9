//! The relay between the two members of a pair, carried out: the
//! writer's pairs and held message are loaded, the core's `relay::step`
//! decides, and its effects become a pair step, an outbox row to the other
//! member, an answer, or the held message stored or cleared.
//!
//! The relayed text is written to one place only: the outbox row to the
//! other member (with the pair's id, so `/forget` finds it). It is never
//! logged, and never part of an alert or a flag.

use super::{Engine, effects};
use crate::store::{Participant, Tx};
use anyhow::{Context as _, Result};
use bot_core::pair::Input;
use bot_core::relay::{self, Effect, Held, Writer};
use bot_core::{Role, Ts};
use std::collections::HashMap;

impl Engine {
    /// A participant's text (not a command), or a press on the relay's
    /// "which pair" question.
    pub(super) async fn relay(&self, tx: &mut Tx, me: &mut Participant, input: relay::Input, now: Ts) -> Result<()> {
        let p = self.programme(&me.programme_id)?.clone();
        let mut rows = HashMap::new();
        let mut pairs = vec![];
        for (id, _) in self.store.pairs_of(tx, me.id).await? {
            if let Some(row) = self.store.load_pair(tx, id).await? {
                pairs.push((id, effects::state_of(&row)?));
                rows.insert(id, row);
            }
        }
        // A held message is the relay's only dialogue; another kind under
        // way is not the relay's to read.
        let held: Option<Held> = match self.store.dialogue(tx, me.id).await? {
            Some(d) if d.kind == relay::KIND => serde_json::from_str(&d.state).ok(),
            _ => None,
        };
        let writer = Writer {
            role: me.role,
            name: me.name.clone(),
        };
        let cx = relay::Context {
            enabled: p.relay,
            writer: &writer,
            pairs: &pairs,
            held: held.as_ref(),
        };
        for fx in relay::step(cx, input, now) {
            match fx {
                Effect::Answer { pair, text } => {
                    let row = rows.get(&pair).context("the relay picked a pair that is not loaded")?;
                    let input = Input::Text { from: me.role, text };
                    self.step(tx, row, input, Some(me.role), now).await?;
                }
                Effect::Send { pair, to, msg } => {
                    let row = rows.get(&pair).context("the relay picked a pair that is not loaded")?;
                    let id = if to == Role::Mentor {
                        row.mentor_id
                    } else {
                        row.mentee_id
                    };
                    anyhow::ensure!(id != me.id, "the relay would send a person's text back to them");
                    let them = self.store.participant(tx, id).await?;
                    let at = effects::quiet(&p, &them, now);
                    self.enqueue(tx, &them, Some(pair), &msg, None, at, now).await?;
                }
                Effect::Reply(msg) => self.reply(tx, me, None, msg, now).await?,
                Effect::Hold(held) => {
                    let json = serde_json::to_string(&held)?;
                    self.store.save_dialogue(tx, me.id, relay::KIND, &json, now).await?;
                }
                Effect::Release => self.store.clear_dialogue(tx, me.id).await?,
            }
        }
        Ok(())
    }
}
