//! Starting a cohort: the optimal proposal for a programme (loaded from
//! profiles, pairs and the coordinator's pins and forbids, decided by
//! `bot_core::matching`) and publishing it (each pair matched through the
//! guards, so its joint intro goes out).

use super::Engine;
use crate::store::{DecisionKind, DialogueRow, Participant, Tx};
use anyhow::{Result, bail};
use bot_core::matching::{self, Mentee, Mentor, PairStatus, Proposal};
use bot_core::profile_chat;
use bot_core::routing::Said;
use bot_core::{Role, Ts};

/// A proposal and the names behind its ids.
#[derive(Debug, Clone)]
pub struct Reviewed {
    pub proposal: Proposal,
    pub names: std::collections::HashMap<i64, String>,
}

impl Engine {
    /// The optimal proposal for a programme's mentees without a pair under
    /// way and its mentors with places free.
    pub async fn propose(&self, programme_id: &str, now: Ts) -> Result<Reviewed> {
        let mut tx = self.store.begin().await?;
        let r = self.propose_in(&mut tx, programme_id, now).await?;
        tx.commit().await?;
        Ok(r)
    }

    /// [`Engine::propose`] inside a transaction under way (a chat update's).
    pub(super) async fn propose_in(&self, tx: &mut Tx, programme_id: &str, now: Ts) -> Result<Reviewed> {
        let (mentees, mentors, names) = self.candidates(tx, programme_id, now).await?;
        let p = self.programme(programme_id)?;
        let decisions = self.store.decisions(programme_id).await?;
        let proposal = matching::propose(&p.matching, &mentees, &mentors, &decisions);
        Ok(Reviewed { proposal, names })
    }

    /// A new mentor for a mentee whose pair ended early: the best free
    /// mentor (not an earlier one of theirs), matched at once. The
    /// proposal says who, with score and reasons, or why the mentee waits.
    pub async fn rematch(&self, mentee_id: i64, now: Ts) -> Result<(Reviewed, Option<i64>)> {
        let r = self.rematch_proposal(mentee_id, now).await?;
        let made = match r.proposal.pairs.first() {
            Some(pair) => Some(self.match_pair(pair.mentee, pair.mentor, now).await?),
            None => None,
        };
        Ok((r, made))
    }

    /// The rematch proposal alone, nothing matched: the best free mentor
    /// for a mentee (not an earlier one of theirs) with score and reasons,
    /// or why they wait. For the CLI, and for whatever offers a rematch
    /// when a pair ends (a chat proposal with buttons).
    pub async fn rematch_proposal(&self, mentee_id: i64, now: Ts) -> Result<Reviewed> {
        let mut tx = self.store.begin().await?;
        let mentee = self.store.participant(&mut tx, mentee_id).await?;
        let earlier = self.store.mentee_partners(&mut tx, mentee_id).await?;
        tx.commit().await?;
        if mentee.role != Role::Mentee {
            bail!(
                "participant {mentee_id} ({}) is a {}, not a mentee",
                mentee.name,
                mentee.role
            );
        }
        let mut tx = self.store.begin().await?;
        let (mentees, mentors, names) = self.candidates(&mut tx, &mentee.programme_id, now).await?;
        tx.commit().await?;
        let p = self.programme(&mentee.programme_id)?.clone();
        let Some(me) = mentees.into_iter().find(|m| m.id == mentee_id) else {
            let mut tx = self.store.begin().await?;
            let pairs = self.store.mentee_pairs(&mut tx, mentee_id).await?;
            tx.commit().await?;
            let refusal = matching::may_match(&p, &pairs, now)
                .err()
                .unwrap_or(matching::Refusal::Ended);
            bail!(
                "{}",
                self.catalog
                    .text(&refusal.msg(&mentee.name, &p), p.languages[0], p.time_zone)
            );
        };
        let mut decisions = self.store.decisions(&p.id).await?;
        decisions.pins.retain(|(e, _)| *e == mentee_id);
        decisions.forbids.extend(earlier.iter().map(|m| (mentee_id, *m)));
        let proposal = matching::propose(&p.matching, &[me], &mentors, &decisions);
        Ok(Reviewed { proposal, names })
    }

    /// Mentees free to match, mentors with places free, and everyone's name.
    async fn candidates(
        &self,
        tx: &mut Tx,
        programme_id: &str,
        now: Ts,
    ) -> Result<(Vec<Mentee>, Vec<Mentor>, std::collections::HashMap<i64, String>)> {
        let p = self.programme(programme_id)?.clone();
        if let Err(refusal) = matching::may_match(&p, &[], now) {
            bail!(
                "{}",
                self.catalog.text(&refusal.msg("", &p), p.languages[0], p.time_zone)
            );
        }
        let people = self.store.participants(programme_id).await?;
        let mut mentees = vec![];
        let mut mentors = vec![];
        let mut names = std::collections::HashMap::new();
        for (id, role, name, _) in people {
            names.insert(id, name);
            let profile = self.store.profile(tx, id).await?;
            match role {
                Role::Mentee => {
                    let pairs = self.store.mentee_pairs(tx, id).await?;
                    if pairs.iter().all(|(_, s)| *s == PairStatus::EndedEarly) {
                        mentees.push(Mentee { id, profile });
                    }
                }
                Role::Mentor => {
                    let taken = self.store.mentor_load(tx, id).await?;
                    let capacity = profile.capacity.unwrap_or(1).min(p.profile.max_capacity);
                    mentors.push(Mentor {
                        id,
                        profile,
                        free: capacity.saturating_sub(taken),
                    });
                }
                Role::Coordinator => {}
            }
        }
        Ok((mentees, mentors, names))
    }

    /// Records a pin or forbid; both must be this programme's mentee and mentor.
    pub async fn decide(
        &self,
        programme_id: &str,
        mentee: i64,
        mentor: i64,
        kind: DecisionKind,
        now: Ts,
    ) -> Result<()> {
        let mut tx = self.store.begin().await?;
        let a = self.store.participant(&mut tx, mentee).await?;
        let b = self.store.participant(&mut tx, mentor).await?;
        tx.commit().await?;
        if a.programme_id != programme_id || b.programme_id != programme_id {
            bail!("{mentee} and {mentor} must both be in {programme_id}");
        }
        if a.role != Role::Mentee || b.role != Role::Mentor {
            bail!("{mentee}:{mentor} must be a mentee then a mentor");
        }
        self.store.decide(programme_id, mentee, mentor, kind, now).await
    }

    /// Publishes a proposal: each pair is matched (through the guards), so
    /// its joint intro goes out when the programme says. One refused pair
    /// does not stop the rest; the refusals are returned.
    pub async fn publish(&self, proposal: &Proposal, now: Ts) -> Result<(Vec<i64>, Vec<String>)> {
        let mut made = vec![];
        let mut refused = vec![];
        for pair in &proposal.pairs {
            match self.match_pair(pair.mentee, pair.mentor, now).await {
                Ok(id) => made.push(id),
                Err(e) => refused.push(format!("{}:{}: {e:#}", pair.mentee, pair.mentor)),
            }
        }
        Ok((made, refused))
    }
}

impl Engine {
    /// `/profile`, its edit buttons, and answers to the question under way
    /// (the core's `profile_chat::edit`); the question is kept as the
    /// person's dialogue until answered.
    pub(super) async fn profile_step(
        &self,
        tx: &mut Tx,
        me: &mut Participant,
        d: Option<DialogueRow>,
        said: Said,
        now: Ts,
    ) -> Result<()> {
        let p = self.programme(&me.programme_id)?.clone();
        let had = d.as_ref().is_some_and(|d| d.kind == profile_chat::KIND);
        let asking = d
            .filter(|d| d.kind == profile_chat::KIND)
            .and_then(|d| serde_json::from_str(&d.state).ok());
        let profile = self.store.profile(tx, me.id).await?;
        let e = profile_chat::edit(&p.profile, me.role, me.consent_share, &profile, asking, &said);
        if let Some(new) = &e.profile {
            self.store.save_profile(tx, me.id, &p.id, new, now).await?;
        }
        match &e.asking {
            Some(a) => {
                self.store
                    .save_dialogue(tx, me.id, profile_chat::KIND, &serde_json::to_string(a)?, now)
                    .await?
            }
            None if had => self.store.clear_dialogue(tx, me.id).await?,
            None => {}
        }
        for m in e.replies {
            self.reply(tx, me, None, m, now).await?;
        }
        Ok(())
    }
}
