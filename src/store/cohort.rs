//! Starting a cohort: what matching needs from the store (a mentee's pairs
//! for the guards).

use super::{Store, Tx};
use anyhow::{Result, anyhow};
use bot_core::matching::PairStatus;
use sqlx::{Any, Row};

impl Store {
    /// A mentee's pairs with their status, for [`bot_core::matching::may_match`].
    pub async fn mentee_pairs(&self, tx: &mut Tx, mentee_id: i64) -> Result<Vec<(i64, PairStatus)>> {
        let rows = q!("SELECT id, status FROM pairs WHERE mentee_id = $1 ORDER BY id")
            .bind(mentee_id)
            .fetch_all(&mut **tx)
            .await?;
        rows.iter()
            .map(|r| {
                let id: i64 = r.try_get(0)?;
                let s: String = r.try_get(1)?;
                let status = PairStatus::parse(&s).ok_or_else(|| anyhow!("pairs row {id}: unknown status `{s}`"))?;
                Ok((id, status))
            })
            .collect()
    }
}
