//! The built-in web chat: the subset of Direct Line 3.0 that a web chat
//! client needs (start a conversation, post an activity, get activities
//! with a watermark), the page mentorbot ships, and the adapter that puts
//! the bot's messages into the conversations. Conversations live in
//! memory: this is the embedded default for trying mentorbot on one
//! machine, bound to 127.0.0.1.

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use bot_core::Lang;
use bot_core::adapter::{Adapter, BoxFuture, Capabilities, Handler, Inbound, InboundKind, Recipient, SendError, Sent};
use bot_core::i18n::Catalog;
use bot_core::message::{File, Msg, Rendered};
use serde::Deserialize;
use serde_json::{Value, json};
use std::collections::HashMap;
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

#[derive(Default)]
struct Conversation {
    activities: Vec<Value>,
}

/// The conversations of the built-in web chat.
#[derive(Default)]
pub struct DirectLine {
    conversations: Mutex<HashMap<String, Conversation>>,
    /// Wakes the streaming sockets when an activity arrives.
    changed: tokio::sync::Notify,
}

fn new_id() -> String {
    format!("{:016x}", rand::random::<u64>())
}

fn now_iso() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

impl DirectLine {
    pub fn new() -> Arc<DirectLine> {
        Arc::new(DirectLine::default())
    }

    fn push(&self, conversation: &str, mut activity: Value) -> Option<String> {
        let mut g = self.conversations.lock().expect("conversations");
        let c = g.get_mut(conversation)?;
        let id = format!("{conversation}|{:07}", c.activities.len());
        activity["id"] = json!(id);
        activity["conversation"] = json!({"id": conversation});
        activity["timestamp"] = json!(now_iso());
        c.activities.push(activity);
        drop(g);
        self.changed.notify_waiters();
        Some(id)
    }

    /// A new conversation; with the request's host, the streaming socket's URL.
    fn start(&self, host: Option<&str>) -> Value {
        let id = new_id();
        self.conversations
            .lock()
            .expect("conversations")
            .insert(id.clone(), Conversation::default());
        let stream = host.map(|h| format!("ws://{h}/v3/directline/conversations/{id}/stream?watermark=0"));
        json!({"conversationId": id, "token": format!("local-{id}"), "expires_in": 3600, "streamUrl": stream})
    }

    /// Activities from `from` on, and the new watermark.
    fn since(&self, conversation: &str, from: usize) -> Option<(Vec<Value>, usize)> {
        let g = self.conversations.lock().expect("conversations");
        let c = g.get(conversation)?;
        Some((c.activities.iter().skip(from).cloned().collect(), c.activities.len()))
    }

    /// The Direct Line routes and the page at `/`.
    pub fn router(self: Arc<Self>, handler: Handler) -> axum::Router {
        axum::Router::new()
            .route("/", get(page))
            .route("/webchat/strings", get(strings))
            .route("/v3/directline/tokens/generate", post(generate))
            .route("/v3/directline/conversations", post(start))
            .route("/v3/directline/conversations/{id}", get(reconnect))
            .route(
                "/v3/directline/conversations/{id}/activities",
                post(post_activity).get(get_activities),
            )
            .route("/v3/directline/conversations/{id}/stream", get(stream))
            .with_state((self, handler))
    }
}

type St = State<(Arc<DirectLine>, Handler)>;

async fn page() -> Response {
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], Html(PAGE)).into_response()
}

/// The page's own words, from the locales, in the browser's language.
async fn strings(headers: HeaderMap) -> Response {
    let lang = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split([',', ';', '-']).find_map(Lang::parse))
        .unwrap_or(Lang::En);
    let cat = Catalog::builtin();
    let keys = [
        "webchat-title",
        "webchat-intro",
        "webchat-try-mentee",
        "webchat-try-mentor",
        "webchat-try-coordinator",
        "webchat-placeholder",
        "webchat-send",
    ];
    let map: serde_json::Map<String, Value> = keys
        .iter()
        .map(|k| (k.to_string(), json!(cat.text(&Msg::new(*k), lang, chrono_tz::UTC))))
        .collect();
    axum::Json(json!({"lang": lang.code(), "strings": map})).into_response()
}

fn host(headers: &HeaderMap) -> Option<&str> {
    headers.get(header::HOST).and_then(|v| v.to_str().ok())
}

async fn generate(State((dl, _)): St, headers: HeaderMap) -> Response {
    (StatusCode::OK, axum::Json(dl.start(host(&headers)))).into_response()
}

async fn start(State((dl, _)): St, headers: HeaderMap) -> Response {
    (StatusCode::CREATED, axum::Json(dl.start(host(&headers)))).into_response()
}

/// The streaming socket: each new batch of activities as a text frame
/// `{"activities": [...], "watermark": "N"}`, as Direct Line sends them.
async fn stream(
    State((dl, _)): St,
    Path(conv): Path<String>,
    Query(q): Query<Watermark>,
    ws: axum::extract::ws::WebSocketUpgrade,
) -> Response {
    use axum::extract::ws::Message;
    if dl.since(&conv, 0).is_none() {
        return StatusCode::NOT_FOUND.into_response();
    }
    let mut mark: usize = q.watermark.as_deref().and_then(|w| w.parse().ok()).unwrap_or(0);
    ws.on_upgrade(move |mut socket| async move {
        loop {
            let changed = dl.changed.notified();
            let Some((acts, next)) = dl.since(&conv, mark) else {
                return;
            };
            if !acts.is_empty() {
                let frame = json!({"activities": acts, "watermark": next.to_string()}).to_string();
                if socket.send(Message::Text(frame.into())).await.is_err() {
                    return;
                }
                mark = next;
                continue;
            }
            tokio::select! {
                _ = changed => {}
                // A keep-alive now and then, as Direct Line does.
                _ = tokio::time::sleep(std::time::Duration::from_secs(20)) => {
                    if socket.send(Message::Text("".into())).await.is_err() {
                        return;
                    }
                }
                incoming = socket.recv() => {
                    if !matches!(incoming, Some(Ok(_))) {
                        return;
                    }
                }
            }
        }
    })
}

async fn reconnect(
    State((dl, _)): St,
    Path(id): Path<String>,
    Query(q): Query<Watermark>,
    headers: HeaderMap,
) -> Response {
    if dl.conversations.lock().expect("conversations").contains_key(&id) {
        let mark = q.watermark.unwrap_or_else(|| "0".into());
        let stream =
            host(&headers).map(|h| format!("ws://{h}/v3/directline/conversations/{id}/stream?watermark={mark}"));
        axum::Json(
            json!({"conversationId": id, "token": format!("local-{id}"), "expires_in": 3600, "streamUrl": stream}),
        )
        .into_response()
    } else {
        StatusCode::NOT_FOUND.into_response()
    }
}

async fn post_activity(State((dl, handler)): St, Path(conv): Path<String>, body: axum::body::Bytes) -> Response {
    let Ok(mut activity) = serde_json::from_slice::<Value>(&body) else {
        return (
            StatusCode::BAD_REQUEST,
            axum::Json(json!({"error": {"code": "BadArgument", "message": "not an activity"}})),
        )
            .into_response();
    };
    let Some(user) = activity.pointer("/from/id").and_then(Value::as_str).map(str::to_string) else {
        return (
            StatusCode::BAD_REQUEST,
            axum::Json(json!({"error": {"code": "BadArgument", "message": "from.id is required"}})),
        )
            .into_response();
    };
    activity["from"]["role"] = json!("user");
    let Some(id) = dl.push(&conv, activity.clone()) else {
        return (
            StatusCode::NOT_FOUND,
            axum::Json(json!({"error": {"code": "BadArgument", "message": "unknown conversation"}})),
        )
            .into_response();
    };
    let kind = match activity
        .get("value")
        .and_then(|v| v.get("payload"))
        .and_then(Value::as_str)
    {
        Some(p) => Some(InboundKind::Button(p.to_string())),
        None => activity
            .get("text")
            .and_then(Value::as_str)
            .filter(|t| !t.trim().is_empty())
            .map(|t| InboundKind::Text(t.trim().to_string())),
    };
    if let Some(kind) = kind {
        let lang = activity
            .get("locale")
            .and_then(Value::as_str)
            .map(|l| l.split('-').next().unwrap_or(l).to_string());
        let inbound = Inbound {
            platform: PLATFORM.into(),
            update_key: id.clone(),
            user_id: user,
            address: conv,
            lang_hint: lang,
            contact: None,
            kind,
        };
        if !handler(inbound).await {
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    }
    axum::Json(json!({"id": id})).into_response()
}

#[derive(Deserialize)]
struct Watermark {
    watermark: Option<String>,
}

async fn get_activities(State((dl, _)): St, Path(conv): Path<String>, Query(q): Query<Watermark>) -> Response {
    let from: usize = q.watermark.as_deref().and_then(|w| w.parse().ok()).unwrap_or(0);
    let g = dl.conversations.lock().expect("conversations");
    let Some(c) = g.get(&conv) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let acts: Vec<Value> = c.activities.iter().skip(from).cloned().collect();
    axum::Json(json!({"activities": acts, "watermark": c.activities.len().to_string()})).into_response()
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
            match self.0.push(&to.address, a) {
                Some(id) => Ok(Sent {
                    platform_message_id: Some(id),
                }),
                // The page was closed and the server restarted: nobody is there.
                None => Err(SendError::Blocked),
            }
        })
    }

    fn send_file<'a>(&'a self, to: &'a Recipient, file: &'a File) -> BoxFuture<'a, Result<Sent, SendError>> {
        Box::pin(async move {
            let mut a = file_activity(file);
            a["from"] = json!({"id": "mentorbot", "name": "mentorbot", "role": "bot"});
            match self.0.push(&to.address, a) {
                Some(id) => Ok(Sent {
                    platform_message_id: Some(id),
                }),
                None => Err(SendError::Blocked),
            }
        })
    }
}
