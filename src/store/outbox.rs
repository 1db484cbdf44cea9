//! The outbox: messages queued in a transaction, claimed and marked by the
//! dispatcher.

use super::{Backend, Store, Tx, lang_in, ms, tz_in};
use anyhow::Result;
use bot_core::{Lang, Ts};
use chrono_tz::Tz;
use sqlx::{Any, Row};

/// A message to put in the outbox.
#[derive(Debug, Clone)]
pub struct NewOutbox<'a> {
    pub participant_id: Option<i64>,
    pub pair_id: Option<i64>,
    pub platform: Option<&'a str>,
    pub address: Option<&'a str>,
    pub lang: Lang,
    pub msg: &'a str,
    pub once_key: Option<&'a str>,
    pub not_before: Ts,
}

/// A claimed outbox message, ready to render and send.
#[derive(Debug, Clone)]
pub struct OutboxRow {
    pub id: i64,
    pub participant_id: Option<i64>,
    pub pair_id: Option<i64>,
    pub platform: Option<String>,
    pub address: Option<String>,
    /// The recipient's language now (the participant's), else the one
    /// the message was queued in.
    pub lang: Lang,
    /// The recipient's time zone, when the message is for a participant.
    pub tz: Option<Tz>,
    pub msg: String,
    pub attempts: i64,
    /// Parts of a split message already sent (a retry sends the rest).
    pub parts_sent: i64,
}

/// A claimed outbox row that could not be read: its id, whom it was for,
/// and why. The dispatcher counts an attempt and sets it aside.
#[derive(Debug, Clone)]
pub struct BadRow {
    pub id: i64,
    pub participant_id: Option<i64>,
    pub pair_id: Option<i64>,
    pub attempts: i64,
    pub error: String,
}

/// One claimed row: ready to send, or unreadable.
pub type Claimed = std::result::Result<OutboxRow, BadRow>;

/// Who an outbox row was for, read without typing their language or time
/// zone (which may be what is wrong): programme, name and role as stored.
#[derive(Debug, Clone)]
pub struct RecipientBrief {
    pub programme_id: String,
    pub name: String,
    pub role: String,
}

impl Store {
    /// Who participant `id` is, read as raw text so a bad language or
    /// time zone in their row does not stop an alert about them.
    pub async fn recipient_brief(&self, id: i64) -> Result<Option<RecipientBrief>> {
        let r = q!("SELECT programme_id, name, role FROM participants WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        r.map(|r| {
            Ok(RecipientBrief {
                programme_id: r.try_get(0)?,
                name: r.try_get(1)?,
                role: r.try_get(2)?,
            })
        })
        .transpose()
    }

    /// The newest outbox row's id (0 when there is none).
    pub async fn outbox_last_id(&self, tx: &mut Tx) -> Result<i64> {
        let r = q!("SELECT COALESCE(MAX(id), 0) FROM outbox")
            .fetch_one(&mut **tx)
            .await?;
        Ok(r.try_get(0)?)
    }

    /// The rows after `after` (as this transaction sees them): recipient
    /// and message JSON.
    pub async fn outbox_after(&self, tx: &mut Tx, after: i64) -> Result<Vec<(Option<i64>, String)>> {
        let rows = q!("SELECT participant_id, msg FROM outbox WHERE id > $1 ORDER BY id")
            .bind(after)
            .fetch_all(&mut **tx)
            .await?;
        rows.iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).collect()
    }

    /// Queues a message; `None` when its once-key was already used for
    /// this participant.
    /// In a batch (see [`Store::begin_batch`]) the message waits for the
    /// batch's insert, and no id is known yet: `None`.
    pub async fn enqueue(&self, tx: &mut Tx, m: &NewOutbox<'_>, now: Ts) -> Result<Option<i64>> {
        if let Some(memo) = tx.memo.as_mut() {
            memo.outbox.push(super::batch::Queued {
                participant_id: m.participant_id,
                pair_id: m.pair_id,
                platform: m.platform.map(str::to_string),
                address: m.address.map(str::to_string),
                lang: m.lang.code(),
                msg: m.msg.to_string(),
                once_key: m.once_key.map(str::to_string),
                not_before: ms(m.not_before),
                created_at: ms(now),
            });
            return Ok(None);
        }
        let row = q!("INSERT INTO outbox (participant_id, pair_id, platform, address, lang, msg, once_key, not_before, created_at)
                      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING RETURNING id")
        .bind(m.participant_id)
        .bind(m.pair_id)
        .bind(m.platform)
        .bind(m.address)
        .bind(m.lang.code())
        .bind(m.msg)
        .bind(m.once_key)
        .bind(ms(m.not_before))
        .bind(ms(now))
        .fetch_optional(&mut **tx)
        .await?;
        row.map(|r| r.try_get(0)).transpose().map_err(Into::into)
    }

    /// Claims up to `limit` due messages for `lease` milliseconds. A claim
    /// that outlives its lease (the worker died) is claimed again.
    pub async fn claim(&self, worker: &str, now: Ts, lease_ms: i64, limit: i64) -> Result<Vec<Claimed>> {
        let sql = match self.backend {
            Backend::Sqlite => {
                "UPDATE outbox SET claimed_until = $1, claimed_by = $2 WHERE id IN (
                    SELECT id FROM outbox WHERE status = 'pending' AND not_before <= $3
                      AND (claimed_until IS NULL OR claimed_until < $3)
                    ORDER BY not_before, id LIMIT $4)
                 RETURNING id"
            }
            Backend::Postgres => {
                "UPDATE outbox SET claimed_until = $1, claimed_by = $2 WHERE id IN (
                    SELECT id FROM outbox WHERE status = 'pending' AND not_before <= $3
                      AND (claimed_until IS NULL OR claimed_until < $3)
                    ORDER BY not_before, id LIMIT $4 FOR UPDATE SKIP LOCKED)
                 RETURNING id"
            }
        };
        let mut tx = self.begin().await?;
        let ids: Vec<i64> = q!(sql)
            .bind(ms(now) + lease_ms)
            .bind(worker)
            .bind(ms(now))
            .bind(limit)
            .fetch_all(&mut *tx)
            .await?
            .iter()
            .map(|r| r.try_get(0))
            .collect::<Result<_, _>>()?;
        // The claimed rows read in one query; the ids are numbers formatted
        // here, never text from outside.
        let mut read_rows = Vec::with_capacity(ids.len());
        if !ids.is_empty() {
            let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
            let sql = format!(
                "SELECT o.id, o.participant_id, o.pair_id, o.platform, o.address, COALESCE(p.lang, o.lang), p.tz, o.msg, o.attempts, o.parts_sent
                 FROM outbox o LEFT JOIN participants p ON p.id = o.participant_id WHERE o.id IN ({list})"
            );
            read_rows = q!(sql).fetch_all(&mut *tx).await?;
        }
        let mut out = Vec::with_capacity(ids.len());
        for r in read_rows {
            let id: i64 = r.try_get(0)?;
            // One row that cannot be read (a bad language or time zone in
            // the recipient's row) is set aside on its own; the rest of the
            // batch goes on.
            let participant_id: Option<i64> = r.try_get(1).ok().flatten();
            let pair_id: Option<i64> = r.try_get(2).ok().flatten();
            let attempts: i64 = r.try_get(8).unwrap_or(0);
            let read = || -> Result<OutboxRow> {
                // The language is the participant's when there is one (their
                // column is NOT NULL), else the outbox row's own.
                let lang: String = r.try_get(5)?;
                let lang = match participant_id {
                    Some(p) => lang_in("participants", p, "lang", &lang)?,
                    None => lang_in("outbox", id, "lang", &lang)?,
                };
                let tz = match (participant_id, r.try_get::<Option<String>, _>(6)?) {
                    (Some(p), Some(tz)) => Some(tz_in("participants", p, "tz", &tz)?),
                    _ => None,
                };
                Ok(OutboxRow {
                    id,
                    participant_id,
                    pair_id,
                    platform: r.try_get(3)?,
                    address: r.try_get(4)?,
                    lang,
                    tz,
                    msg: r.try_get(7)?,
                    attempts,
                    parts_sent: r.try_get(9)?,
                })
            };
            out.push(read().map_err(|e| BadRow {
                id,
                participant_id,
                pair_id,
                attempts,
                error: format!("{e:#}"),
            }));
        }
        tx.commit().await?;
        out.sort_by_key(|r| match r {
            Ok(r) => r.id,
            Err(b) => b.id,
        });
        Ok(out)
    }

    /// Gives back claimed rows that were not tried (shutting down): they
    /// are pending again at once, for this or another worker. Only rows
    /// `worker` still holds are touched.
    pub async fn release(&self, worker: &str, ids: &[i64]) -> Result<()> {
        for id in ids {
            q!("UPDATE outbox SET claimed_until = NULL, claimed_by = NULL WHERE id = $1 AND status = 'pending' AND claimed_by = $2")
                .bind(id)
                .bind(worker)
                .execute(&self.pool)
                .await?;
        }
        Ok(())
    }

    /// Renews `worker`'s lease on `ids` until `until`, while it is still
    /// sending them. Returns the ids it still holds: a row another worker
    /// claimed meanwhile (the lease ran out), or one already marked, is
    /// not among them and must not be sent.
    pub async fn renew(&self, worker: &str, ids: &[i64], until: Ts) -> Result<Vec<i64>> {
        let mut held = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(500) {
            let list = chunk.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
            // The ids are numbers formatted here, never text from outside.
            let sql = format!(
                "UPDATE outbox SET claimed_until = $1 WHERE claimed_by = $2 AND status = 'pending' AND id IN ({list}) RETURNING id"
            );
            for r in q!(sql).bind(ms(until)).bind(worker).fetch_all(&self.pool).await? {
                held.push(r.try_get(0)?);
            }
        }
        held.sort_unstable();
        Ok(held)
    }

    /// The first `n` parts of a split message went out. `false` when
    /// `worker` no longer holds the row.
    pub async fn mark_parts_sent(&self, worker: &str, id: i64, n: i64) -> Result<bool> {
        let r = q!("UPDATE outbox SET parts_sent = $1 WHERE id = $2 AND claimed_by = $3 AND status = 'pending'")
            .bind(n)
            .bind(id)
            .bind(worker)
            .execute(&self.pool)
            .await?;
        Ok(r.rows_affected() == 1)
    }

    /// The message went. Only a row `worker` still holds is marked:
    /// `false` when another worker claimed it meanwhile (this worker's
    /// lease ran out) or it was settled already; nothing changes then.
    pub async fn mark_sent(&self, worker: &str, id: i64, now: Ts, platform_message_id: Option<&str>) -> Result<bool> {
        // A farewell to a forgotten person keeps no address once it went.
        let r = q!(
            "UPDATE outbox SET status = 'sent', sent_at = $1, attempts = attempts + 1, platform_message_id = $2,
              claimed_until = NULL, claimed_by = NULL,
              address = CASE WHEN erase_after_send = 1 THEN NULL ELSE address END
            WHERE id = $3 AND claimed_by = $4 AND status = 'pending'"
        )
        .bind(ms(now))
        .bind(platform_message_id)
        .bind(id)
        .bind(worker)
        .execute(&self.pool)
        .await?;
        Ok(r.rows_affected() == 1)
    }

    /// Tries again at `not_before`. `false` (and nothing changed) when
    /// `worker` no longer holds the row.
    pub async fn mark_retry(&self, worker: &str, id: i64, attempts: i64, not_before: Ts, error: &str) -> Result<bool> {
        let r = q!(
            "UPDATE outbox SET attempts = $1, not_before = $2, last_error = $3, claimed_until = NULL, claimed_by = NULL
            WHERE id = $4 AND claimed_by = $5 AND status = 'pending'"
        )
        .bind(attempts)
        .bind(ms(not_before))
        .bind(error)
        .bind(id)
        .bind(worker)
        .execute(&self.pool)
        .await?;
        Ok(r.rows_affected() == 1)
    }

    /// Gives up on the message. `false` (and nothing changed) when
    /// `worker` no longer holds the row.
    pub async fn mark_dead(&self, worker: &str, id: i64, attempts: i64, error: &str) -> Result<bool> {
        let r = q!(
            "UPDATE outbox SET status = 'dead', attempts = $1, last_error = $2, claimed_until = NULL, claimed_by = NULL
            WHERE id = $3 AND claimed_by = $4 AND status = 'pending'"
        )
        .bind(attempts)
        .bind(error)
        .bind(id)
        .bind(worker)
        .execute(&self.pool)
        .await?;
        Ok(r.rows_affected() == 1)
    }

    /// Messages by status: (pending, sent, dead).
    pub async fn outbox_counts(&self) -> Result<(i64, i64, i64)> {
        let r = q!("SELECT
                      COALESCE(SUM(CASE WHEN status = 'pending' THEN 1 ELSE 0 END), 0),
                      COALESCE(SUM(CASE WHEN status = 'sent' THEN 1 ELSE 0 END), 0),
                      COALESCE(SUM(CASE WHEN status = 'dead' THEN 1 ELSE 0 END), 0)
                    FROM outbox")
        .fetch_one(&self.pool)
        .await?;
        Ok((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?))
    }

    /// (id, status, attempts, last error) of every outbox row, for tests
    /// and the operator.
    pub async fn outbox_rows(&self) -> Result<Vec<(i64, String, i64, Option<String>)>> {
        let rows = q!("SELECT id, status, attempts, last_error FROM outbox ORDER BY id")
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| Ok((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?, r.try_get(3)?)))
            .collect()
    }
}
