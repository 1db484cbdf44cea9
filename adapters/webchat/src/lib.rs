//! The built-in web chat: the subset of Direct Line 3.0 that a web chat
//! client needs (start a conversation, post an activity, get activities
//! with a watermark), the page mentorbot ships, and the adapter that puts
//! the bot's messages into the conversations.
//!
//! Starting a conversation issues a random token; every later call must
//! present it, and the person who writes is the identity bound to it on
//! the server (`from.id` in what a client posts is ignored). Requests must
//! name the configured public address in `Host` and, from a browser, come
//! from its origin.

mod routes;
mod settings;
mod storage;

use routes::*;
pub use routes::{Posted, read_activity};
pub use settings::Settings;
use storage::spawn_write;
pub use storage::{Storage, StoredConversation};

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use bot_core::Lang;
use bot_core::adapter::{Adapter, BoxFuture, Capabilities, Handler, Inbound, InboundKind, Recipient, SendError, Sent};
use bot_core::i18n::Catalog;
use bot_core::message::{File, Msg, Rendered};
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};

pub const PLATFORM: &str = "webchat";
const PAGE: &str = include_str!("../web/index.html");

/// What the web chat can show: the page and Microsoft's
/// botframework-webchat client both render Adaptive Cards with buttons;
/// long texts.
pub const CAPABILITIES: Capabilities = Capabilities {
    buttons: true,
    max_text_len: 28_000,
    max_buttons: 6,
};

/// The activity that carries a rendered message: the text and, with
/// buttons, an Adaptive Card 1.4 whose actions submit `{"payload": …}`
/// (the page and botframework-webchat show them as buttons).
pub fn card_activity(msg: &Rendered) -> Value {
    let mut activity = json!({"type": "message", "text": msg.text, "textFormat": "plain"});
    let actions: Vec<Value> = msg
        .buttons
        .iter()
        .flatten()
        .map(|b| json!({"type": "Action.Submit", "title": b.label, "data": {"payload": b.payload}}))
        .collect();
    if !actions.is_empty() {
        activity["attachments"] = json!([{
            "contentType": "application/vnd.microsoft.card.adaptive",
            "content": {
                "type": "AdaptiveCard",
                "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
                "version": "1.4",
                // The text travels in the activity; the card holds the choices.
                "body": [],
                "actions": actions,
            }
        }]);
    }
    activity
}

/// The activity that carries a file: an attachment with its name and the
/// content as a `data:` URI; the page offers it as a download, and
/// botframework-webchat shows it as a file link.
pub fn file_activity(file: &File) -> Value {
    use base64::Engine;
    let data = base64::engine::general_purpose::STANDARD.encode(&file.bytes);
    json!({
        "type": "message",
        "attachments": [{
            "contentType": file.mime,
            "contentUrl": format!("data:{};base64,{data}", file.mime),
            "name": file.name,
        }],
    })
}

/// The longest text a person may send, in characters.
pub const MAX_TEXT_CHARS: usize = 4096;

struct Conversation {
    /// The identity bound to the conversation's token: the only user who
    /// writes in it, whatever `from.id` a client sends.
    user: String,
    token: [u8; 32],
    expires: chrono::DateTime<chrono::Utc>,
    /// The watermark of `activities[0]`: older ones are gone.
    first: usize,
    /// Held as their JSON text: a parsed `Value` took about five times
    /// the memory (BENCHMARKS.md, "Web chat memory at its caps").
    activities: VecDeque<Box<RawValue>>,
    /// The bytes the activities take as JSON (what the byte cap counts).
    bytes: usize,
    /// Its person was forgotten: it takes the farewell, is never renewed,
    /// and goes at the next sweep after its short grace.
    closing: bool,
}

/// How long a forgotten person's conversation stays, empty but for the
/// farewell, so that an open page can still show it.
pub const FAREWELL_GRACE_MINUTES: i64 = 10;

/// The JSON size of an activity, as the byte cap counts it.
fn size_of(a: &RawValue) -> usize {
    a.get().len()
}

/// An activity as the JSON text it is held as.
fn as_held(a: &Value) -> Box<RawValue> {
    serde_json::value::to_raw_value(a).expect("a JSON value serialises")
}

impl Conversation {
    /// Drops the oldest activities beyond the caps (the newest always
    /// stays); watermarks keep counting.
    fn trim(&mut self, settings: &Settings) {
        while self.activities.len() > settings.max_activities
            || (self.activities.len() > 1 && self.bytes > settings.max_bytes_per_conversation)
        {
            if let Some(a) = self.activities.pop_front() {
                self.bytes = self.bytes.saturating_sub(size_of(&a));
            }
            self.first += 1;
        }
    }
}

/// The global map only finds a conversation; reading and writing one
/// takes that conversation's own lock.
#[derive(Default)]
struct Conversations {
    by_id: HashMap<String, Arc<Mutex<Conversation>>>,
    /// SHA-256 of a token → its conversation (the token itself is never kept).
    by_token: HashMap<[u8; 32], String>,
    /// Conversation ids, oldest first.
    order: VecDeque<String>,
}

/// The conversations of the built-in web chat.
pub struct DirectLine {
    settings: Settings,
    /// Where conversations survive a restart; none: memory only.
    storage: Option<Arc<dyn Storage>>,
    conversations: Mutex<Conversations>,
    /// Wakes the streaming sockets when an activity arrives.
    changed: tokio::sync::Notify,
}

/// 128 random bits from the operating system's CSPRNG (via rand's
/// thread generator, seeded from it), as hex.
fn new_id() -> String {
    hex::encode(rand::random::<[u8; 16]>())
}

/// A conversation's secret: 256 random bits, as hex.
fn new_token() -> String {
    hex::encode(rand::random::<[u8; 32]>())
}

fn token_hash(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

fn now_iso() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// 403: no token, an unknown or expired one, or another conversation's.
struct Forbidden;

impl IntoResponse for Forbidden {
    fn into_response(self) -> Response {
        forbidden()
    }
}

fn forbidden() -> Response {
    (
        StatusCode::FORBIDDEN,
        axum::Json(
            json!({"error": {"code": "TokenInvalid", "message": "a valid token for this conversation is required"}}),
        ),
    )
        .into_response()
}

/// The token a request presents: `Authorization: Bearer …`, or `t=` in the
/// query (the streaming socket, which a browser cannot give headers).
fn presented<'a>(headers: &'a HeaderMap, query: Option<&'a str>) -> Option<&'a str> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .or(query)
        .filter(|t| !t.is_empty())
}

/// A session: the conversation a valid token opens and its bound user.
struct Session {
    conversation: String,
    user: String,
    token: String,
}

impl DirectLine {
    pub fn new(settings: Settings) -> Arc<DirectLine> {
        Arc::new(DirectLine {
            settings,
            storage: None,
            conversations: Mutex::new(Conversations::default()),
            changed: tokio::sync::Notify::new(),
        })
    }

    /// A web chat whose conversations live in `storage` too: those not yet
    /// expired are loaded now (the newest up to the cap), and every change
    /// is written there.
    pub async fn with_storage(settings: Settings, storage: Arc<dyn Storage>) -> Result<Arc<DirectLine>, String> {
        let now = chrono::Utc::now();
        let mut stored = storage.load(now.timestamp_millis()).await?;
        let cap = settings.max_conversations.max(1);
        if stored.len() > cap {
            for c in stored.drain(..stored.len() - cap) {
                storage.delete_conversation(&c.id).await?;
            }
        }
        let mut g = Conversations::default();
        for c in stored {
            let Ok(raw) = hex::decode(&c.token_hash) else { continue };
            let Ok(token) = <[u8; 32]>::try_from(raw.as_slice()) else {
                continue;
            };
            let activities: VecDeque<Box<RawValue>> = c.activities.iter().map(as_held).collect();
            let mut conversation = Conversation {
                user: c.user,
                token,
                expires: chrono::DateTime::from_timestamp_millis(c.expires_ms).unwrap_or_default(),
                first: usize::try_from(c.first).unwrap_or(0),
                bytes: activities.iter().map(|a| size_of(a)).sum(),
                activities,
                closing: false,
            };
            conversation.trim(&settings);
            g.by_token.insert(token, c.id.clone());
            g.order.push_back(c.id.clone());
            g.by_id.insert(c.id, Arc::new(Mutex::new(conversation)));
        }
        Ok(Arc::new(DirectLine {
            settings,
            storage: Some(storage),
            conversations: Mutex::new(g),
            changed: tokio::sync::Notify::new(),
        }))
    }

    fn stored(id: &str, c: &Conversation) -> StoredConversation {
        StoredConversation {
            id: id.to_string(),
            user: c.user.clone(),
            token_hash: hex::encode(c.token),
            expires_ms: c.expires.timestamp_millis(),
            first: c.first as i64,
            activities: vec![],
        }
    }

    fn conversation(&self, id: &str) -> Option<Arc<Mutex<Conversation>>> {
        self.conversations.lock().expect("conversations").by_id.get(id).cloned()
    }

    /// Adds an activity; its storage write runs in the background.
    fn push(&self, conversation: &str, activity: Value) -> Option<String> {
        let (id, write) = self.push_inner(conversation, activity)?;
        if let (Some(storage), Some((watermark, activity, keep_from))) = (self.storage.clone(), write) {
            let conversation = conversation.to_string();
            spawn_write("an activity", async move {
                storage
                    .save_activity(&conversation, watermark, &activity, keep_from)
                    .await
            });
        }
        Some(id)
    }

    /// Adds an activity and waits until it is stored: what the bot sends
    /// is delivered only once it survives a restart.
    async fn push_saved(&self, conversation: &str, activity: Value) -> Result<String, SendError> {
        let (id, write) = self.push_inner(conversation, activity).ok_or(SendError::Blocked)?;
        if let (Some(storage), Some((watermark, activity, keep_from))) = (self.storage.as_ref(), write) {
            storage
                .save_activity(conversation, watermark, &activity, keep_from)
                .await
                .map_err(SendError::Transient)?;
        }
        Ok(id)
    }

    #[allow(clippy::type_complexity)]
    fn push_inner(&self, conversation: &str, mut activity: Value) -> Option<(String, Option<(i64, Value, i64)>)> {
        let c = self.conversation(conversation)?;
        let mut c = c.lock().expect("conversation");
        let watermark = c.first + c.activities.len();
        let id = format!("{conversation}|{watermark:07}");
        activity["id"] = json!(id);
        activity["conversation"] = json!({"id": conversation});
        activity["timestamp"] = json!(now_iso());
        // A forgotten person's conversation is no longer stored: the
        // farewell lives in memory for its short grace only.
        let write = self.storage.as_ref().filter(|_| !c.closing).map(|_| activity.clone());
        let held = as_held(&activity);
        c.bytes += size_of(&held);
        c.activities.push_back(held);
        c.trim(&self.settings);
        let keep_from = c.first as i64;
        drop(c);
        self.changed.notify_waiters();
        Some((id, write.map(|a| (watermark as i64, a, keep_from))))
    }

    /// How many conversations and activities are held (memory is bounded
    /// by the caps).
    pub fn counts(&self) -> (usize, usize) {
        let all: Vec<_> = self
            .conversations
            .lock()
            .expect("conversations")
            .by_id
            .values()
            .cloned()
            .collect();
        let activities = all
            .iter()
            .map(|c| c.lock().expect("conversation").activities.len())
            .sum();
        (all.len(), activities)
    }

    /// The bytes the held activities take as JSON, over all conversations.
    pub fn bytes(&self) -> usize {
        let all: Vec<_> = self
            .conversations
            .lock()
            .expect("conversations")
            .by_id
            .values()
            .cloned()
            .collect();
        all.iter().map(|c| c.lock().expect("conversation").bytes).sum()
    }

    /// Drops every conversation expired at `now`, wherever it stands in
    /// the queue, from memory and from storage (including expired ones
    /// stored before a restart). Returns how many were held in memory.
    pub async fn sweep_at(&self, now: chrono::DateTime<chrono::Utc>) -> Result<usize, String> {
        let gone: Vec<String> = {
            let mut g = self.conversations.lock().expect("conversations");
            let expired: Vec<(String, [u8; 32])> = g
                .by_id
                .iter()
                .filter_map(|(id, c)| {
                    let c = c.lock().expect("conversation");
                    (c.expires <= now).then(|| (id.clone(), c.token))
                })
                .collect();
            for (id, token) in &expired {
                g.by_id.remove(id);
                g.by_token.remove(token);
            }
            if !expired.is_empty() {
                let Conversations { order, by_id, .. } = &mut *g;
                order.retain(|id| by_id.contains_key(id));
            }
            expired.into_iter().map(|(id, _)| id).collect()
        };
        if let Some(storage) = &self.storage {
            for id in &gone {
                storage.delete_conversation(id).await?;
            }
            storage.delete_expired(now.timestamp_millis()).await?;
        }
        Ok(gone.len())
    }

    /// A person was forgotten. Their conversations (`own`) are emptied,
    /// kept only to show the farewell for [`FAREWELL_GRACE_MINUTES`], and
    /// never renewed; in every other conversation, an activity that
    /// contains one of `secrets` (their name, contact, what they wrote;
    /// compared without case) is replaced by an empty event, so that
    /// watermarks keep counting. Storage was already cleaned by the
    /// shell, in the same transaction as the rest of them.
    pub fn forget(&self, own: &[String], secrets: &[String], now: chrono::DateTime<chrono::Utc>) {
        let all: Vec<(String, Arc<Mutex<Conversation>>)> = self
            .conversations
            .lock()
            .expect("conversations")
            .by_id
            .iter()
            .map(|(id, c)| (id.clone(), c.clone()))
            .collect();
        let secrets: Vec<String> = secrets
            .iter()
            .map(|s| s.trim().to_lowercase())
            .filter(|s| !s.is_empty())
            .collect();
        for (id, c) in all {
            let mut c = c.lock().expect("conversation");
            if own.contains(&id) {
                c.first += c.activities.len();
                c.activities.clear();
                c.bytes = 0;
                c.closing = true;
                c.expires = c.expires.min(now + chrono::Duration::minutes(FAREWELL_GRACE_MINUTES));
                continue;
            }
            let c = &mut *c;
            for a in c.activities.iter_mut() {
                let text = a.get().to_lowercase();
                if secrets.iter().any(|s| text.contains(s)) {
                    let before = size_of(a);
                    let id = serde_json::from_str::<Value>(a.get())
                        .map(|v| v["id"].clone())
                        .unwrap_or(Value::Null);
                    *a = as_held(&json!({"type": "event", "name": "removed", "id": id}));
                    c.bytes = c.bytes.saturating_sub(before) + size_of(a);
                }
            }
        }
    }

    /// Sweeps expired conversations every `every` until `stop` turns true.
    pub async fn sweep_every(
        self: Arc<Self>,
        every: std::time::Duration,
        mut stop: tokio::sync::watch::Receiver<bool>,
    ) {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                _ = tick.tick() => {
                    if let Err(e) = self.sweep_at(chrono::Utc::now()).await {
                        tracing::error!("web chat: could not sweep expired conversations: {e}");
                    }
                }
                _ = stop.changed() => return,
            }
        }
    }

    /// A new conversation, its bound user and its token.
    fn open(&self) -> Session {
        let s = Session {
            conversation: new_id(),
            user: format!("web-{}", new_id()),
            token: new_token(),
        };
        let now = chrono::Utc::now();
        let token = token_hash(&s.token);
        let conversation = Conversation {
            user: s.user.clone(),
            token,
            expires: now + self.settings.session_ttl,
            first: 0,
            activities: VecDeque::new(),
            bytes: 0,
            closing: false,
        };
        let row = DirectLine::stored(&s.conversation, &conversation);
        let mut evicted = Vec::new();
        let mut g = self.conversations.lock().expect("conversations");
        // The oldest go: beyond the cap, and any expired at the front.
        while let Some(oldest) = g.order.front().cloned() {
            let expired = g
                .by_id
                .get(&oldest)
                .is_none_or(|c| c.lock().expect("conversation").expires <= now);
            if g.order.len() < self.settings.max_conversations.max(1) && !expired {
                break;
            }
            g.order.pop_front();
            if let Some(c) = g.by_id.remove(&oldest) {
                let t = c.lock().expect("conversation").token;
                g.by_token.remove(&t);
            }
            evicted.push(oldest);
        }
        g.by_token.insert(token, s.conversation.clone());
        g.order.push_back(s.conversation.clone());
        g.by_id
            .insert(s.conversation.clone(), Arc::new(Mutex::new(conversation)));
        drop(g);
        if let Some(storage) = self.storage.clone() {
            spawn_write("a conversation", async move {
                for id in evicted {
                    storage.delete_conversation(&id).await?;
                }
                storage.save_conversation(&row).await
            });
        }
        s
    }

    /// The session of a token: unknown or expired tokens have none. With
    /// `renew`, the token's life starts again (a reconnect, a refresh).
    fn session(&self, token: &str, renew: bool) -> Option<Session> {
        let now = chrono::Utc::now();
        let id = {
            let g = self.conversations.lock().expect("conversations");
            g.by_token.get(&token_hash(token))?.clone()
        };
        let c = self.conversation(&id)?;
        let mut c = c.lock().expect("conversation");
        if c.expires <= now {
            return None;
        }
        if renew && !c.closing {
            c.expires = now + self.settings.session_ttl;
            if let Some(storage) = self.storage.clone() {
                let row = DirectLine::stored(&id, &c);
                spawn_write("a conversation", async move { storage.save_conversation(&row).await });
            }
        }
        Some(Session {
            conversation: id,
            user: c.user.clone(),
            token: token.to_string(),
        })
    }

    /// The session a request's token opens, for conversation `conv` when
    /// given; otherwise 403.
    fn authorize(
        &self,
        headers: &HeaderMap,
        query: Option<&str>,
        conv: Option<&str>,
        renew: bool,
    ) -> Result<Session, Forbidden> {
        let token = presented(headers, query).ok_or(Forbidden)?;
        let s = self.session(token, renew).ok_or(Forbidden)?;
        if conv.is_some_and(|c| c != s.conversation) {
            return Err(Forbidden);
        }
        Ok(s)
    }

    /// What a client is told about its conversation: the id, the token,
    /// and the streaming socket's URL on the host it reached us at.
    fn describe(&self, s: &Session, host: Option<&str>, watermark: &str) -> Value {
        let stream = host.map(|h| {
            format!(
                "{}://{h}/v3/directline/conversations/{}/stream?watermark={watermark}&t={}",
                self.settings.ws_scheme(),
                s.conversation,
                s.token
            )
        });
        json!({
            "conversationId": s.conversation,
            "token": s.token,
            "expires_in": self.settings.session_ttl.num_seconds(),
            "streamUrl": stream,
        })
    }

    /// Activities from watermark `from` on (those still kept), and the new
    /// watermark; only the new ones are copied, under the conversation's
    /// own lock.
    fn since(&self, conversation: &str, from: usize) -> Option<(Vec<Box<RawValue>>, usize)> {
        let c = self.conversation(conversation)?;
        let c = c.lock().expect("conversation");
        let skip = from.saturating_sub(c.first);
        let next = c.first + c.activities.len();
        Some((c.activities.iter().skip(skip).cloned().collect(), next))
    }

    /// The Direct Line routes and the page at `/`, behind the Host and
    /// Origin check.
    pub fn router(self: Arc<Self>, handler: Handler) -> axum::Router {
        axum::Router::new()
            .route("/", get(page))
            .route("/webchat/strings", get(strings))
            .route("/v3/directline/tokens/generate", post(generate))
            .route("/v3/directline/tokens/refresh", post(refresh))
            .route("/v3/directline/conversations", post(start))
            .route("/v3/directline/conversations/{id}", get(reconnect))
            .route(
                "/v3/directline/conversations/{id}/activities",
                post(post_activity).get(get_activities),
            )
            .route("/v3/directline/conversations/{id}/stream", get(stream))
            .layer(axum::extract::DefaultBodyLimit::max(64 * 1024))
            .layer(axum::middleware::from_fn_with_state(self.clone(), same_origin))
            .with_state((self, handler))
    }
}

/// Puts the bot's messages into web chat conversations.
#[derive(Clone)]
pub struct WebChat(pub Arc<DirectLine>);

impl Adapter for WebChat {
    fn platform(&self) -> &str {
        PLATFORM
    }

    fn capabilities(&self) -> Capabilities {
        CAPABILITIES
    }

    fn send<'a>(&'a self, to: &'a Recipient, msg: &'a Rendered) -> BoxFuture<'a, Result<Sent, SendError>> {
        Box::pin(async move {
            let mut a = card_activity(msg);
            a["from"] = json!({"id": "mentorbot", "name": "mentorbot", "role": "bot"});
            // Blocked: the conversation expired or was dropped; nobody is there.
            let id = self.0.push_saved(&to.address, a).await?;
            Ok(Sent {
                platform_message_id: Some(id),
            })
        })
    }

    fn send_file<'a>(&'a self, to: &'a Recipient, file: &'a File) -> BoxFuture<'a, Result<Sent, SendError>> {
        Box::pin(async move {
            let mut a = file_activity(file);
            a["from"] = json!({"id": "mentorbot", "name": "mentorbot", "role": "bot"});
            let id = self.0.push_saved(&to.address, a).await?;
            Ok(Sent {
                platform_message_id: Some(id),
            })
        })
    }
}
