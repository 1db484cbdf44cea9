//! What pairs do: meetings and their feedback, surveys and answers, RSVPs,
//! flags.

use super::{Store, Tx, ms};
use anyhow::Result;
use bot_core::payload::RsvpAnswer;
use bot_core::{Role, Ts};
use sqlx::{Any, Row};

impl Store {
    pub async fn record_meeting(&self, tx: &mut Tx, pair: i64, number: u32, at: Ts, held: bool) -> Result<()> {
        q!(
            "INSERT INTO meetings (pair_id, number, held_at, held) VALUES ($1, $2, $3, $4)
            ON CONFLICT (pair_id, number) DO UPDATE SET held_at = excluded.held_at, held = excluded.held"
        )
        .bind(pair)
        .bind(i64::from(number))
        .bind(ms(at))
        .bind(held as i64)
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    pub async fn meeting_feedback(&self, tx: &mut Tx, pair: i64, number: u32, role: Role, rating: &str) -> Result<()> {
        let sql = if role == Role::Mentor {
            "UPDATE meetings SET mentor_rating = $1 WHERE pair_id = $2 AND number = $3"
        } else {
            "UPDATE meetings SET mentee_rating = $1 WHERE pair_id = $2 AND number = $3"
        };
        q!(sql)
            .bind(rating)
            .bind(pair)
            .bind(i64::from(number))
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    pub async fn held_meetings(&self, pair: i64) -> Result<i64> {
        let r = q!("SELECT COUNT(*) FROM meetings WHERE pair_id = $1 AND held = 1")
            .bind(pair)
            .fetch_one(&self.pool)
            .await?;
        Ok(r.try_get(0)?)
    }

    pub async fn survey_opened(
        &self,
        tx: &mut Tx,
        pair: i64,
        survey: &str,
        role: Role,
        participant: i64,
        now: Ts,
    ) -> Result<()> {
        q!("INSERT INTO survey_runs (pair_id, survey, role, participant_id, opened_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING")
            .bind(pair)
            .bind(survey)
            .bind(role.code())
            .bind(participant)
            .bind(ms(now))
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    pub async fn survey_finished(&self, tx: &mut Tx, pair: i64, survey: &str, role: Role, now: Ts) -> Result<()> {
        q!("UPDATE survey_runs SET finished_at = $1 WHERE pair_id = $2 AND survey = $3 AND role = $4")
            .bind(ms(now))
            .bind(pair)
            .bind(survey)
            .bind(role.code())
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    pub async fn survey_answer(
        &self,
        tx: &mut Tx,
        pair: i64,
        survey: &str,
        role: Role,
        question: &str,
        participant: i64,
        value: &str,
        now: Ts,
    ) -> Result<()> {
        q!("INSERT INTO survey_answers (pair_id, survey, role, question, participant_id, value, answered_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (pair_id, survey, role, question) DO UPDATE SET value = excluded.value, answered_at = excluded.answered_at")
        .bind(pair)
        .bind(survey)
        .bind(role.code())
        .bind(question)
        .bind(participant)
        .bind(value)
        .bind(ms(now))
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// Answers of a survey: (pair, role, question, value JSON).
    pub async fn survey_answers(&self, survey: &str) -> Result<Vec<(i64, String, String, String)>> {
        let rows = q!("SELECT pair_id, role, question, value FROM survey_answers WHERE survey = $1 ORDER BY pair_id, role, question")
            .bind(survey)
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| Ok((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?, r.try_get(3)?)))
            .collect()
    }

    pub async fn rsvp(
        &self,
        tx: &mut Tx,
        programme: &str,
        event: &str,
        participant: i64,
        answer: RsvpAnswer,
        now: Ts,
    ) -> Result<()> {
        q!("INSERT INTO rsvps (programme_id, event_id, participant_id, going, maybe, answered_at) VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (programme_id, event_id, participant_id)
            DO UPDATE SET going = excluded.going, maybe = excluded.maybe, answered_at = excluded.answered_at")
        .bind(programme)
        .bind(event)
        .bind(participant)
        .bind(answer.going() as i64)
        .bind((answer == RsvpAnswer::Maybe) as i64)
        .bind(ms(now))
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// (event, participant, going) for a programme.
    pub async fn rsvps(&self, programme: &str) -> Result<Vec<(String, i64, bool)>> {
        let rows = q!("SELECT event_id, participant_id, going FROM rsvps WHERE programme_id = $1 ORDER BY event_id, participant_id")
            .bind(programme)
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| Ok((r.try_get(0)?, r.try_get(1)?, r.try_get::<i64, _>(2)? != 0)))
            .collect()
    }

    #[allow(clippy::too_many_arguments)]
    pub async fn add_flag(
        &self,
        tx: &mut Tx,
        programme: &str,
        pair: Option<i64>,
        participant: Option<i64>,
        kind: &str,
        reason: Option<&str>,
        now: Ts,
    ) -> Result<i64> {
        let row = q!("INSERT INTO flags (programme_id, pair_id, participant_id, kind, reason, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id")
            .bind(programme)
            .bind(pair)
            .bind(participant)
            .bind(kind)
            .bind(reason)
            .bind(ms(now))
            .fetch_one(&mut **tx)
            .await?;
        Ok(row.try_get(0)?)
    }

    /// Open flags of a programme: (pair, kind, reason).
    pub async fn open_flags(&self, programme: &str) -> Result<Vec<(Option<i64>, String, Option<String>)>> {
        let rows =
            q!("SELECT pair_id, kind, reason FROM flags WHERE programme_id = $1 AND resolved_at IS NULL ORDER BY id")
                .bind(programme)
                .fetch_all(&self.pool)
                .await?;
        rows.iter()
            .map(|r| Ok((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?)))
            .collect()
    }
}
