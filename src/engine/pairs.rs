//! Pair health and control in the shell: the lines `/pairs` and
//! `mentorbot pairs` show, and a coordinator's pause, resume or end. The
//! core (`bot_core::coordinator::pairs`) decides the risks, the pages and
//! who may control which pair.

use super::{Engine, effects};
use crate::store::{Participant, Tx};
use anyhow::{Context, Result};
use bot_core::Ts;
use bot_core::coordinator::pairs::{self, Control, Facts, Line};
use bot_core::message::Msg;
use bot_core::payload::PairCtl;

impl Engine {
    /// A programme's pairs with their risks at `now` (only those at risk
    /// with `at_risk_only`).
    pub async fn pair_lines(&self, programme: &str, at_risk_only: bool, now: Ts) -> Result<Vec<Line>> {
        let p = self.programme(programme)?.clone();
        let flagged = self.store.flagged_pairs(programme).await?;
        let unreachable = self.store.unreachable_people(programme).await?;
        let mut out = vec![];
        for (id, json, mentee, mentor) in self.store.programme_pairs(programme).await? {
            // One unreadable pair does not hide the others.
            let Ok(state) = serde_json::from_str(&json) else {
                tracing::warn!(pair = id, "pair state unreadable; left out of the list");
                continue;
            };
            let facts = Facts {
                open_flag: flagged.contains(&id),
                unreachable: unreachable.contains(&mentee) || unreachable.contains(&mentor),
            };
            let risks = pairs::risks(&p, &state, facts, now);
            if !at_risk_only || !risks.is_empty() {
                out.push(Line { id, state, risks });
            }
        }
        Ok(out)
    }

    /// A coordinator's `/pairs` page.
    pub(super) async fn pair_list(&self, tx: &mut Tx, me: &Participant, page: u16, now: Ts) -> Result<()> {
        let p = self.programme(&me.programme_id)?.clone();
        let lines = self.pair_lines(&p.id, false, now).await?;
        for msg in pairs::page(&p, &lines, page) {
            self.reply(tx, me, None, msg, now).await?;
        }
        Ok(())
    }

    /// A coordinator's control press in chat.
    pub(super) async fn pair_control(
        &self,
        tx: &mut Tx,
        me: &Participant,
        pair: i64,
        ctl: PairCtl,
        now: Ts,
    ) -> Result<()> {
        let msg = self.control(tx, &me.programme_id, pair, ctl, now).await?;
        self.reply(tx, me, None, msg, now).await
    }

    async fn control(&self, tx: &mut Tx, mine: &str, pair: i64, ctl: PairCtl, now: Ts) -> Result<Msg> {
        let programme = self.store.pair_programme(tx, pair).await?;
        Ok(match pairs::control(programme.as_deref(), mine, pair, ctl) {
            Control::Reply(msg) => msg,
            Control::Step(input, msg) => {
                let row = self.store.load_pair(tx, pair).await?.context("the pair is stored")?;
                let before = effects::state_of(&row)?;
                self.step(tx, &row, input, None, now).await?;
                let after = self.store.load_pair(tx, pair).await?.context("the pair is stored")?;
                if effects::state_of(&after)?.status == before.status {
                    Msg::new("pair-control-unchanged")
                } else {
                    msg.str("mentee", before.mentee.name.clone())
                        .str("mentor", before.mentor.name.clone())
                }
            }
        })
    }

    /// `mentorbot pair`: pause, resume or end a pair of `programme`; the
    /// answer to print. Both members are told, each in their language.
    pub async fn control_pair(&self, programme: &str, pair: i64, ctl: PairCtl, now: Ts) -> Result<Msg> {
        self.programme(programme)?;
        let mut tx = self.store.begin().await?;
        let msg = self.control(&mut tx, programme, pair, ctl, now).await?;
        tx.commit().await?;
        Ok(msg)
    }
}
