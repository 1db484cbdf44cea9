//! Pair health and control in the shell: the lines `/pairs` and
//! `mentorbot pairs` show, and a coordinator's pause, resume or end. The
//! core (`bot_core::coordinator::pairs`) decides the risks, the pages and
//! who may control which pair.

use super::{Engine, effects};
use crate::store::{Participant, Tx};
use anyhow::{Context, Result, bail};
use bot_core::Ts;
use bot_core::coordinator::pairs::{self, Control, Facts, Line};
use bot_core::coordinator::rematch;
use bot_core::coordinator::surveys;
use bot_core::message::Msg;
use bot_core::pair::Input;
use bot_core::payload::PairCtl;
use bot_core::programme::SurveyKind;
use std::collections::HashSet;

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
            // Runs its own transactions: see `rematch_press`.
            Control::Rematch => bail!("a rematch is not run inside another transaction"),
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

    /// The surveys open at `now` with their response rates so far, each
    /// with the button for the extra reminder (`/report`, `mentorbot surveys`).
    pub async fn survey_progress(&self, programme: &str, now: Ts) -> Result<Vec<Msg>> {
        let p = self.programme(programme)?.clone();
        let rows: Vec<surveys::Progress> = self
            .store
            .survey_progress(programme)
            .await?
            .into_iter()
            .filter_map(|(survey, role, asked, answered)| {
                Some(surveys::Progress {
                    survey: SurveyKind::parse(&survey)?,
                    role,
                    asked,
                    answered,
                })
            })
            .collect();
        Ok(surveys::progress(&p, &rows, now))
    }

    /// The extra reminder of an open survey to those of `programme` who
    /// have not finished it; each pair's core decides whom it reaches
    /// (once per person and survey). The answer says how many.
    async fn remind(&self, tx: &mut Tx, programme: &str, kind: SurveyKind, now: Ts) -> Result<Msg> {
        let p = self.programme(programme)?.clone();
        if let Err(msg) = surveys::may_remind(&p, kind, now) {
            return Ok(msg);
        }
        let mut reminded = HashSet::new();
        for id in self.store.survey_unfinished_pairs(tx, programme, kind.code()).await? {
            let Some(row) = self.store.load_pair(tx, id).await? else {
                continue;
            };
            let due = effects::state_of(&row)?.extra_reminder_due(kind);
            if due.is_empty() {
                continue;
            }
            for role in due {
                reminded.insert(if role == bot_core::Role::Mentor {
                    row.mentor_id
                } else {
                    row.mentee_id
                });
            }
            self.step(tx, &row, Input::RemindSurvey { survey: kind }, None, now)
                .await?;
        }
        Ok(surveys::reminded(kind, reminded.len() as i64))
    }

    /// A coordinator's press on "Remind them now".
    pub(super) async fn survey_remind(&self, tx: &mut Tx, me: &Participant, kind: SurveyKind, now: Ts) -> Result<()> {
        let msg = self.remind(tx, &me.programme_id, kind, now).await?;
        self.reply(tx, me, None, msg, now).await
    }

    /// `mentorbot surveys --remind`: the answer to print.
    pub async fn remind_survey(&self, programme: &str, kind: SurveyKind, now: Ts) -> Result<Msg> {
        let mut tx = self.store.begin().await?;
        let msg = self.remind(&mut tx, programme, kind, now).await?;
        tx.commit().await?;
        Ok(msg)
    }

    /// A coordinator's rematch press: on the alert that a pair ended, on
    /// the answer to ending one in `/pairs`, on a waitlisted mentee under
    /// `/match`, or confirming the mentor shown. The core
    /// (`coordinator::rematch`) decides whose mentee may be rematched and
    /// what a press does, given what the cohort's rematch finds now. It
    /// runs its own transactions, so the press's update is committed first
    /// (see `handle`); the answer goes in one more.
    pub(super) async fn rematch_press(&self, me: &Participant, what: Rematching, now: Ts) -> Result<()> {
        let replies = match self.rematch_answer(me, what, now).await? {
            rematch::Outcome::Reply(msgs) => msgs,
            rematch::Outcome::Match { mentee, mentor } => {
                let names = self.names(&[mentee, mentor]).await?;
                vec![match self.match_pair(mentee, mentor, now).await {
                    Ok(pair) => Msg::new("pair-rematched")
                        .str("mentee", names[0].clone())
                        .str("mentor", names[1].clone())
                        .num("pair", pair),
                    Err(e) => Msg::new("pair-rematch-refused").str("error", format!("{e:#}")),
                }]
            }
        };
        let mut tx = self.store.begin().await?;
        for msg in replies {
            self.reply(&mut tx, me, None, msg, now).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn rematch_answer(&self, me: &Participant, what: Rematching, now: Ts) -> Result<rematch::Outcome> {
        let reply = |m: Msg| Ok(rematch::Outcome::Reply(vec![m]));
        let mut tx = self.store.begin().await?;
        let (mentee_id, ask) = match what {
            Rematching::Pair(None) => return reply(Msg::new("button-expired")),
            Rematching::Pair(Some(pair)) => {
                let programme = self.store.pair_programme(&mut tx, pair).await?;
                match pairs::control(programme.as_deref(), &me.programme_id, pair, PairCtl::Rematch) {
                    Control::Rematch => {
                        let row = self
                            .store
                            .load_pair(&mut tx, pair)
                            .await?
                            .context("the pair is stored")?;
                        (row.mentee_id, rematch::Ask::Propose)
                    }
                    Control::Reply(msg) | Control::Step(_, msg) => return reply(msg),
                }
            }
            Rematching::Mentee(id, ask) => (id, ask),
        };
        let mentee = self.store.find_participant(&mut tx, mentee_id).await?;
        tx.commit().await?;
        let mentee = mentee.map(|p| rematch::Mentee {
            id: p.id,
            programme: p.programme_id,
            role: p.role,
            name: p.name,
        });
        if let Err(msg) = rematch::may(&me.programme_id, mentee.as_ref()) {
            return reply(msg);
        }
        let mentee = mentee.context("allowed, so found")?;
        let found = match self.rematch_proposal(mentee.id, now).await {
            Ok(r) => match (r.proposal.pairs.first(), r.proposal.waitlist.first()) {
                (Some(p), _) => rematch::Found::Mentor {
                    id: p.mentor,
                    name: r.names.get(&p.mentor).cloned().unwrap_or_default(),
                    score: p.score,
                    reasons: p.reasons.clone(),
                },
                (None, Some((_, why))) => rematch::Found::Waits(*why),
                (None, None) => rematch::Found::Waits(bot_core::matching::WaitReason::Full),
            },
            Err(e) => rematch::Found::Refused(format!("{e:#}")),
        };
        Ok(rematch::press(&mentee, ask, found))
    }

    /// The names of these participants, in order ("" for one not found).
    async fn names(&self, ids: &[i64]) -> Result<Vec<String>> {
        let mut tx = self.store.begin().await?;
        let mut out = vec![];
        for id in ids {
            let p = self.store.find_participant(&mut tx, *id).await?;
            out.push(p.map(|p| p.name).unwrap_or_default());
        }
        tx.commit().await?;
        Ok(out)
    }
}

/// What a rematch press is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Rematching {
    /// The mentee of this pair (the pair the pressed message belongs to;
    /// none: a message without one, a stale button).
    Pair(Option<i64>),
    /// This mentee: show the best free mentor, or confirm the one shown.
    Mentee(i64, rematch::Ask),
}
