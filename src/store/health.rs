//! What pair health needs beside each pair's state: the programme's pairs,
//! which have an open flag, who cannot be reached.

use super::{Store, Tx};
use anyhow::Result;
use sqlx::{Any, Row};
use std::collections::HashSet;

/// A pair of a programme: id, state (JSON), mentee and mentor ids.
pub type PairOfProgramme = (i64, String, i64, i64);

impl Store {
    /// Every pair of a programme, oldest first.
    pub async fn programme_pairs(&self, programme: &str) -> Result<Vec<PairOfProgramme>> {
        let rows = q!("SELECT id, state, mentee_id, mentor_id FROM pairs WHERE programme_id = $1 ORDER BY id")
            .bind(programme)
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| Ok((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?, r.try_get(3)?)))
            .collect()
    }

    /// Pairs of a programme with a participant's flag not yet resolved.
    pub async fn flagged_pairs(&self, programme: &str) -> Result<HashSet<i64>> {
        let rows = q!("SELECT DISTINCT pair_id FROM flags
            WHERE programme_id = $1 AND kind = 'flag' AND resolved_at IS NULL AND pair_id IS NOT NULL")
        .bind(programme)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|r| Ok(r.try_get(0)?)).collect()
    }

    /// Participants of a programme who blocked the bot.
    pub async fn unreachable_people(&self, programme: &str) -> Result<HashSet<i64>> {
        let rows = q!("SELECT id FROM participants WHERE programme_id = $1 AND unreachable_at IS NOT NULL")
            .bind(programme)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(|r| Ok(r.try_get(0)?)).collect()
    }

    /// The programme a pair belongs to, if the pair exists.
    pub async fn pair_programme(&self, tx: &mut Tx, pair: i64) -> Result<Option<String>> {
        let r = q!("SELECT programme_id FROM pairs WHERE id = $1")
            .bind(pair)
            .fetch_optional(&mut **tx)
            .await?;
        Ok(match r {
            Some(r) => Some(r.try_get(0)?),
            None => None,
        })
    }
}
