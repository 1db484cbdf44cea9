//! What pair health needs beside each pair's state: the programme's pairs,
//! which have an open flag, who cannot be reached.

use super::{Store, Tx};
use anyhow::Result;
use bot_core::Role;
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

    /// How far a programme's surveys are: (survey, role, opened, finished).
    pub async fn survey_progress(&self, programme: &str) -> Result<Vec<(String, Role, i64, i64)>> {
        let rows = q!(
            "SELECT s.survey, s.role, COUNT(*), COUNT(s.finished_at) FROM survey_runs s
            JOIN pairs p ON p.id = s.pair_id WHERE p.programme_id = $1
            GROUP BY s.survey, s.role ORDER BY s.survey, s.role"
        )
        .bind(programme)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let survey: String = r.try_get(0)?;
                let role: String = r.try_get(1)?;
                let role = super::role_in("survey_runs", &survey, "role", &role)?;
                Ok((survey, role, r.try_get(2)?, r.try_get(3)?))
            })
            .collect()
    }

    /// Pairs of a programme where someone has not finished `survey`.
    pub async fn survey_unfinished_pairs(&self, tx: &mut Tx, programme: &str, survey: &str) -> Result<Vec<i64>> {
        let rows = q!(
            "SELECT DISTINCT s.pair_id FROM survey_runs s JOIN pairs p ON p.id = s.pair_id
            WHERE p.programme_id = $1 AND s.survey = $2 AND s.finished_at IS NULL ORDER BY s.pair_id"
        )
        .bind(programme)
        .bind(survey)
        .fetch_all(&mut **tx)
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
