//! What a platform without buttons was last offered, per address: the
//! payloads of the numbered choices, so that a typed number presses one.

use super::{Store, Tx, ms};
use anyhow::{Context, Result};
use bot_core::Ts;
use sqlx::{Any, Row};

impl Store {
    /// Remembers the numbered choices just shown at an address.
    pub async fn save_choices(&self, platform: &str, address: &str, payloads: &[String], now: Ts) -> Result<()> {
        q!("INSERT INTO choices (platform, address, payloads, updated_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (platform, address) DO UPDATE SET payloads = excluded.payloads, updated_at = excluded.updated_at")
        .bind(platform)
        .bind(address)
        .bind(serde_json::to_string(payloads)?)
        .bind(ms(now))
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// The numbered choices last shown at an address (none: empty).
    pub async fn choices(&self, tx: &mut Tx, platform: &str, address: &str) -> Result<Vec<String>> {
        let row = q!("SELECT payloads FROM choices WHERE platform = $1 AND address = $2")
            .bind(platform)
            .bind(address)
            .fetch_optional(&mut **tx)
            .await?;
        match row {
            Some(r) => {
                let json: String = r.try_get(0)?;
                serde_json::from_str(&json)
                    .with_context(|| format!("choices of {platform} address {address} are unreadable"))
            }
            None => Ok(vec![]),
        }
    }

    /// One outbox message: (recipient, pair, message JSON).
    pub async fn outbox_message(&self, tx: &mut Tx, id: i64) -> Result<Option<(Option<i64>, Option<i64>, String)>> {
        let row = q!("SELECT participant_id, pair_id, msg FROM outbox WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut **tx)
            .await?;
        Ok(match row {
            Some(r) => Some((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?)),
            None => None,
        })
    }
}
