//! Participants' flags as the coordinator handles them: raised with a
//! note, acknowledged, resolved, raised again. (Alerts share the table:
//! `kind` tells them apart; only kind `flag` is a participant's flag.)

use super::{Store, Tx, from_ms, ms};
use anyhow::Result;
use bot_core::Ts;
use bot_core::coordinator::flags::Flag;
use sqlx::{Any, Row};

const SELECT: &str = "SELECT f.id, f.programme_id, f.kind, f.reason, f.note,
    CASE WHEN p.forgotten_at IS NULL THEN f.participant_id END,
    f.created_at, f.acknowledged_at, f.resolved_at, f.raised_at, f.pair_id
    FROM flags f LEFT JOIN participants p ON p.id = f.participant_id";

fn flag(r: &sqlx::any::AnyRow) -> Result<(Flag, Option<i64>)> {
    Ok((
        Flag {
            id: r.try_get(0)?,
            programme_id: r.try_get(1)?,
            kind: r.try_get(2)?,
            reason: r.try_get(3)?,
            note: r.try_get(4)?,
            flagger: r.try_get(5)?,
            created_at: from_ms(r.try_get(6)?),
            acknowledged: r.try_get::<Option<i64>, _>(7)?.is_some(),
            resolved: r.try_get::<Option<i64>, _>(8)?.is_some(),
            raised_at: r.try_get::<Option<i64>, _>(9)?.map(from_ms),
        },
        r.try_get(10)?,
    ))
}

impl Store {
    /// Records a participant's flag; returns its id.
    #[allow(clippy::too_many_arguments)]
    pub async fn add_participant_flag(
        &self,
        tx: &mut Tx,
        programme: &str,
        pair: i64,
        participant: i64,
        reason: &str,
        note: Option<&str>,
        now: Ts,
    ) -> Result<i64> {
        let row = q!(
            "INSERT INTO flags (programme_id, pair_id, participant_id, kind, reason, note, created_at)
            VALUES ($1, $2, $3, 'flag', $4, $5, $6) RETURNING id"
        )
        .bind(programme)
        .bind(pair)
        .bind(participant)
        .bind(reason)
        .bind(note)
        .bind(ms(now))
        .fetch_one(&mut **tx)
        .await?;
        Ok(row.try_get(0)?)
    }

    /// One flag (and its pair), as the core judges it.
    pub async fn flag(&self, tx: &mut Tx, id: i64) -> Result<Option<(Flag, Option<i64>)>> {
        let sql = format!("{SELECT} WHERE f.id = $1");
        match q!(sql).bind(id).fetch_optional(&mut **tx).await? {
            Some(r) => Ok(Some(flag(&r)?)),
            None => Ok(None),
        }
    }

    /// Participants' flags neither acknowledged nor resolved (every
    /// programme), with their pairs: the candidates for raising again.
    pub async fn unacknowledged_flags(&self) -> Result<Vec<(Flag, Option<i64>)>> {
        let sql = format!(
            "{SELECT} WHERE f.kind = 'flag' AND f.resolved_at IS NULL AND f.acknowledged_at IS NULL ORDER BY f.id"
        );
        let rows = q!(sql).fetch_all(&self.pool).await?;
        rows.iter().map(flag).collect()
    }

    pub async fn acknowledge_flag(&self, tx: &mut Tx, id: i64, by: i64, now: Ts) -> Result<()> {
        q!("UPDATE flags SET acknowledged_at = $1, acknowledged_by = $2 WHERE id = $3 AND acknowledged_at IS NULL")
            .bind(ms(now))
            .bind(by)
            .bind(id)
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    pub async fn resolve_flag(&self, tx: &mut Tx, id: i64, now: Ts) -> Result<()> {
        q!("UPDATE flags SET resolved_at = $1 WHERE id = $2 AND resolved_at IS NULL")
            .bind(ms(now))
            .bind(id)
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    /// Notes that flag `id` was raised again, if it was last raised at
    /// `before` still: `false` when another replica raised it meanwhile.
    pub async fn flag_raised_again(&self, tx: &mut Tx, id: i64, before: Option<Ts>, now: Ts) -> Result<bool> {
        let n = q!("UPDATE flags SET raised_at = $1 WHERE id = $2 AND COALESCE(raised_at, -1) = $3")
            .bind(ms(now))
            .bind(id)
            .bind(before.map_or(-1, ms))
            .execute(&mut **tx)
            .await?
            .rows_affected();
        Ok(n == 1)
    }

    /// Participants' flags of a programme not yet resolved (what `/status`
    /// counts; alerts are not flags).
    pub async fn open_flag_count(&self, tx: &mut Tx, programme: &str) -> Result<i64> {
        let r = q!("SELECT COUNT(*) FROM flags WHERE programme_id = $1 AND kind = 'flag' AND resolved_at IS NULL")
            .bind(programme)
            .fetch_one(&mut **tx)
            .await?;
        Ok(r.try_get(0)?)
    }

    /// Whether a pair has ended (early, or the programme closed).
    pub async fn pair_ended(&self, tx: &mut Tx, pair: i64) -> Result<bool> {
        let r = q!("SELECT status, phase FROM pairs WHERE id = $1")
            .bind(pair)
            .fetch_optional(&mut **tx)
            .await?;
        Ok(match r {
            Some(r) => {
                let (status, phase): (String, String) = (r.try_get(0)?, r.try_get(1)?);
                status == "ended_early" || phase == "closed"
            }
            None => true,
        })
    }
}
