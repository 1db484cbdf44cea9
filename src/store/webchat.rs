//! The built-in web chat's conversations (token hash, bound user, expiry)
//! and their activities with watermarks, so that a restart loses neither.

use super::{Store, ms};
use anyhow::{Context, Result};
use bot_core::Ts;
use bot_core::adapter::BoxFuture;
use mentorbot_webchat::{Storage, StoredConversation};
use serde_json::Value;
use sqlx::{Any, Row};

impl Store {
    /// Creates or updates a web chat conversation. Writes here take the
    /// store's write turn like every other (on a SQLite file, a member of
    /// the group commit), not SQLite's busy handler.
    pub async fn save_webchat_conversation(&self, c: &StoredConversation, now: Ts) -> Result<()> {
        let mut tx = self.begin().await?;
        q!("INSERT INTO webchat_conversations (id, user_id, token_hash, expires_at, created_at) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (id) DO UPDATE SET expires_at = excluded.expires_at")
        .bind(&c.id)
        .bind(&c.user)
        .bind(&c.token_hash)
        .bind(c.expires_ms)
        .bind(ms(now))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Adds an activity at `watermark` and drops those before `keep_from`.
    pub async fn save_webchat_activity(
        &self,
        conversation: &str,
        watermark: i64,
        activity: &Value,
        keep_from: i64,
    ) -> Result<()> {
        let mut tx = self.begin().await?;
        q!(
            "INSERT INTO webchat_activities (conversation_id, watermark, activity) VALUES ($1, $2, $3)
            ON CONFLICT (conversation_id, watermark) DO NOTHING"
        )
        .bind(conversation)
        .bind(watermark)
        .bind(serde_json::to_string(activity)?)
        .execute(&mut *tx)
        .await?;
        q!("DELETE FROM webchat_activities WHERE conversation_id = $1 AND watermark < $2")
            .bind(conversation)
            .bind(keep_from)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Forgets a web chat conversation and its activities.
    pub async fn delete_webchat_conversation(&self, id: &str) -> Result<()> {
        let mut tx = self.begin().await?;
        q!("DELETE FROM webchat_activities WHERE conversation_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        q!("DELETE FROM webchat_conversations WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Deletes the web chat conversations expired at `now`, with their
    /// activities.
    pub async fn delete_expired_webchat(&self, now: Ts) -> Result<()> {
        let expired = q!("SELECT id FROM webchat_conversations WHERE expires_at <= $1")
            .bind(ms(now))
            .fetch_all(self.pool())
            .await?;
        for r in expired {
            let id: String = r.try_get(0)?;
            self.delete_webchat_conversation(&id).await?;
        }
        Ok(())
    }

    /// The web chat conversations not expired at `now`, oldest first, with
    /// their activities in watermark order; expired ones are deleted.
    pub async fn webchat_conversations(&self, now: Ts) -> Result<Vec<StoredConversation>> {
        self.delete_expired_webchat(now).await?;
        let rows = q!("SELECT id, user_id, token_hash, expires_at FROM webchat_conversations ORDER BY created_at, id")
            .fetch_all(self.pool())
            .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let id: String = r.try_get(0)?;
            let acts =
                q!("SELECT watermark, activity FROM webchat_activities WHERE conversation_id = $1 ORDER BY watermark")
                    .bind(&id)
                    .fetch_all(self.pool())
                    .await?;
            let mut first = 0;
            let mut activities = Vec::with_capacity(acts.len());
            for (i, a) in acts.iter().enumerate() {
                let w: i64 = a.try_get(0)?;
                if i == 0 {
                    first = w;
                }
                let json: String = a.try_get(1)?;
                activities.push(
                    serde_json::from_str(&json)
                        .with_context(|| format!("webchat_activities row ({id}, {w}): activity is not JSON"))?,
                );
            }
            out.push(StoredConversation {
                id,
                user: r.try_get(1)?,
                token_hash: r.try_get(2)?,
                expires_ms: r.try_get(3)?,
                first,
                activities,
            });
        }
        Ok(out)
    }
}

/// The web chat's [`Storage`], in the database.
pub struct WebChatStore(pub Store);

impl Storage for WebChatStore {
    fn load(&self, now_ms: i64) -> BoxFuture<'_, Result<Vec<StoredConversation>, String>> {
        Box::pin(async move {
            let now = chrono::DateTime::from_timestamp_millis(now_ms).unwrap_or_default();
            self.0.webchat_conversations(now).await.map_err(|e| format!("{e:#}"))
        })
    }

    fn save_conversation<'a>(&'a self, c: &'a StoredConversation) -> BoxFuture<'a, Result<(), String>> {
        Box::pin(async move {
            self.0
                .save_webchat_conversation(c, chrono::Utc::now())
                .await
                .map_err(|e| format!("{e:#}"))
        })
    }

    fn save_activity<'a>(
        &'a self,
        conversation: &'a str,
        watermark: i64,
        activity: &'a Value,
        keep_from: i64,
    ) -> BoxFuture<'a, Result<(), String>> {
        Box::pin(async move {
            self.0
                .save_webchat_activity(conversation, watermark, activity, keep_from)
                .await
                .map_err(|e| format!("{e:#}"))
        })
    }

    fn delete_conversation<'a>(&'a self, id: &'a str) -> BoxFuture<'a, Result<(), String>> {
        Box::pin(async move {
            self.0
                .delete_webchat_conversation(id)
                .await
                .map_err(|e| format!("{e:#}"))
        })
    }

    fn delete_expired(&self, now_ms: i64) -> BoxFuture<'_, Result<(), String>> {
        Box::pin(async move {
            let now = chrono::DateTime::from_timestamp_millis(now_ms).unwrap_or_default();
            self.0.delete_expired_webchat(now).await.map_err(|e| format!("{e:#}"))
        })
    }
}
