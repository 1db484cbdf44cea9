//! Relayed text when its writer is forgotten: the outbox row to the other
//! member of a pair is the text's only copy. A relayed message the writer
//! sent that is still queued never goes; one that went keeps no word of it.

use super::{Store, Tx};
use anyhow::Result;
use bot_core::message::{Arg, Msg};
use sqlx::{Any, Row};

impl Store {
    /// Scrubs the messages `writer` had relayed to the other member of
    /// their pairs. Returns (cancelled, scrubbed).
    pub(super) async fn scrub_relayed(&self, tx: &mut Tx, writer: i64) -> Result<(u64, u64)> {
        let rows = q!("SELECT id, status, msg, platform, address FROM outbox
            WHERE pair_id IN (SELECT id FROM pairs WHERE mentee_id = $1 OR mentor_id = $1)
              AND participant_id IS NOT NULL AND participant_id <> $1")
        .bind(writer)
        .fetch_all(&mut **tx)
        .await?;
        let (mut cancelled, mut scrubbed) = (0, 0);
        for r in rows {
            let (id, status, json): (i64, String, String) = (r.try_get(0)?, r.try_get(1)?, r.try_get(2)?);
            let (platform, address): (Option<String>, Option<String>) = (r.try_get(3)?, r.try_get(4)?);
            let Ok(mut msg) = serde_json::from_str::<Msg>(&json) else {
                continue;
            };
            // Within a pair, only its members relay, so a relayed message
            // to the other member is the writer's.
            if msg.key != bot_core::relay::MESSAGE_KEY {
                continue;
            }
            if status == "pending" {
                q!("DELETE FROM outbox WHERE id = $1")
                    .bind(id)
                    .execute(&mut **tx)
                    .await?;
                cancelled += 1;
                continue;
            }
            for (_, arg) in msg.args.iter_mut() {
                if let Arg::Str(s) = arg {
                    // The copy the web chat keeps of what it showed.
                    if platform.as_deref() == Some("webchat")
                        && let Some(conversation) = &address
                        && !s.trim().is_empty()
                    {
                        q!(
                            "DELETE FROM webchat_activities WHERE conversation_id = $1 AND activity LIKE $2 ESCAPE '\\'"
                        )
                        .bind(conversation)
                        .bind(super::privacy::like_pattern(s))
                        .execute(&mut **tx)
                        .await?;
                    }
                    *s = "-".into();
                }
            }
            q!("UPDATE outbox SET msg = $1 WHERE id = $2")
                .bind(serde_json::to_string(&msg)?)
                .bind(id)
                .execute(&mut **tx)
                .await?;
            scrubbed += 1;
        }
        Ok((cancelled, scrubbed))
    }
}
