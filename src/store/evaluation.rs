//! What the evaluation report is made from: a programme's survey runs and
//! answers and its participants' flags. A row this version cannot read is
//! left out (and logged), never the whole report.

use super::Store;
use anyhow::Result;
use bot_core::evaluation::{Answer, Run};
use bot_core::programme::SurveyKind;
use bot_core::{Role, survey::AnswerValue};
use sqlx::{Any, Row};

impl Store {
    /// Survey runs of a programme's pairs.
    pub async fn survey_runs(&self, programme: &str) -> Result<Vec<Run>> {
        let rows = q!(
            "SELECT r.survey, r.role, r.participant_id, r.finished_at FROM survey_runs r
            JOIN pairs p ON p.id = r.pair_id WHERE p.programme_id = $1 ORDER BY r.pair_id"
        )
        .bind(programme)
        .fetch_all(&self.pool)
        .await?;
        let mut out = vec![];
        for r in &rows {
            let (survey, role): (String, String) = (r.try_get(0)?, r.try_get(1)?);
            match (SurveyKind::parse(&survey), Role::parse(&role)) {
                (Some(survey), Some(role)) => out.push(Run {
                    survey,
                    role,
                    person: r.try_get(2)?,
                    finished: r.try_get::<Option<i64>, _>(3)?.is_some(),
                }),
                _ => tracing::warn!(
                    survey,
                    role,
                    "survey run left out of the report: unknown survey or role"
                ),
            }
        }
        Ok(out)
    }

    /// Survey answers of a programme's pairs.
    pub async fn programme_answers(&self, programme: &str) -> Result<Vec<Answer>> {
        let rows = q!("SELECT a.survey, a.role, a.question, a.value FROM survey_answers a
            JOIN pairs p ON p.id = a.pair_id WHERE p.programme_id = $1 ORDER BY a.pair_id")
        .bind(programme)
        .fetch_all(&self.pool)
        .await?;
        let mut out = vec![];
        for r in &rows {
            let (survey, role, question, value): (String, String, String, String) =
                (r.try_get(0)?, r.try_get(1)?, r.try_get(2)?, r.try_get(3)?);
            let v: Option<AnswerValue> = serde_json::from_str(&value).ok();
            match (SurveyKind::parse(&survey), Role::parse(&role), v) {
                (Some(survey), Some(role), Some(value)) => out.push(Answer {
                    survey,
                    role,
                    question,
                    value,
                }),
                _ => tracing::warn!(survey, role, question, "answer left out of the report: unreadable"),
            }
        }
        Ok(out)
    }

    /// The reasons of a programme's participants' flags.
    pub async fn flag_reasons(&self, programme: &str) -> Result<Vec<String>> {
        let rows = q!("SELECT reason FROM flags WHERE programme_id = $1 AND kind = 'flag' ORDER BY id")
            .bind(programme)
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| Ok(r.try_get::<Option<String>, _>(0)?.unwrap_or_else(|| "other".into())))
            .collect()
    }
}
