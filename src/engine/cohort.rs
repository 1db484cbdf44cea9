//! Starting a cohort: the optimal proposal for a programme (loaded from
//! profiles, pairs and the coordinator's pins and forbids, decided by
//! `bot_core::matching`) and publishing it (each pair matched through the
//! guards, so its joint intro goes out).

use super::Engine;
use crate::store::DecisionKind;
use anyhow::{Result, bail};
use bot_core::matching::{self, Mentee, Mentor, PairStatus, Proposal};
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
        let p = self.programme(programme_id)?.clone();
        if let Err(refusal) = matching::may_match(&p, &[], now) {
            bail!(
                "{}",
                self.catalog.text(&refusal.msg("", &p), p.languages[0], p.time_zone)
            );
        }
        let people = self.store.participants(programme_id).await?;
        let mut tx = self.store.begin().await?;
        let mut mentees = vec![];
        let mut mentors = vec![];
        let mut names = std::collections::HashMap::new();
        for (id, role, name, _) in people {
            names.insert(id, name);
            let profile = self.store.profile(&mut tx, id).await?;
            match role {
                Role::Mentee => {
                    let pairs = self.store.mentee_pairs(&mut tx, id).await?;
                    if pairs.iter().all(|(_, s)| *s == PairStatus::EndedEarly) {
                        mentees.push(Mentee { id, profile });
                    }
                }
                Role::Mentor => {
                    let taken = self.store.mentor_load(&mut tx, id).await?;
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
        tx.commit().await?;
        let decisions = self.store.decisions(programme_id).await?;
        let proposal = matching::propose(&p.matching, &mentees, &mentors, &decisions);
        Ok(Reviewed { proposal, names })
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
