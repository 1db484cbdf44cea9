//! Where the web chat's conversations survive a restart.

use bot_core::adapter::BoxFuture;
use serde_json::Value;

/// A conversation as the database keeps it (the token only as its
/// SHA-256, hex).
#[derive(Debug, Clone, PartialEq)]
pub struct StoredConversation {
    pub id: String,
    pub user: String,
    pub token_hash: String,
    /// Epoch milliseconds.
    pub expires_ms: i64,
    /// The watermark of `activities[0]`.
    pub first: i64,
    pub activities: Vec<Value>,
}

/// Where the web chat's conversations survive a restart; the shell
/// implements it with its database. Errors are text for the log.
pub trait Storage: Send + Sync {
    /// Every conversation not yet expired at `now_ms`, oldest first, with
    /// its activities in watermark order.
    fn load(&self, now_ms: i64) -> BoxFuture<'_, Result<Vec<StoredConversation>, String>>;
    /// Creates or updates a conversation (its activities are left alone).
    fn save_conversation<'a>(&'a self, c: &'a StoredConversation) -> BoxFuture<'a, Result<(), String>>;
    /// Adds the activity at `watermark` and drops the conversation's
    /// activities older than `keep_from`.
    fn save_activity<'a>(
        &'a self,
        conversation: &'a str,
        watermark: i64,
        activity: &'a Value,
        keep_from: i64,
    ) -> BoxFuture<'a, Result<(), String>>;
    /// Forgets a conversation and its activities.
    fn delete_conversation<'a>(&'a self, id: &'a str) -> BoxFuture<'a, Result<(), String>>;
    /// Forgets every conversation (and its activities) expired at `now_ms`.
    fn delete_expired(&self, now_ms: i64) -> BoxFuture<'_, Result<(), String>>;
}

/// Runs a storage write in the background (the request does not wait);
/// failures are logged.
pub(crate) fn spawn_write<F>(what: &'static str, f: F)
where
    F: std::future::Future<Output = Result<(), String>> + Send + 'static,
{
    if let Ok(rt) = tokio::runtime::Handle::try_current() {
        rt.spawn(async move {
            if let Err(e) = f.await {
                tracing::error!("web chat: could not store {what}: {e}");
            }
        });
    }
}
