//! A fake Telegram Bot API server on 127.0.0.1, speaking the real wire
//! protocol: `POST /bot<token>/<method>` with JSON (or multipart) bodies,
//! `{"ok": true, "result": …}` answers, Telegram's error shapes, long-polled
//! `getUpdates` with offset semantics, and webhook delivery with the
//! secret-token header. It enforces Telegram's rate limits (1 message a
//! second per chat, 30 a second overall) with 429 and `retry_after`, can
//! inject faults, and records every call.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use serde_json::{Value, json};
use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::Notify;

/// One call the bot made.
#[derive(Debug, Clone)]
pub struct Call {
    /// The method, lower-case (`sendmessage`).
    pub method: String,
    /// The parameters, from JSON, query or multipart text fields.
    pub params: Value,
    /// The HTTP status the fake answered with.
    pub status: u16,
}

/// A fault to inject into the next matching call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// 429 with this `retry_after`.
    TooManyRequests(u32),
    /// A 5xx answer.
    ServerError(u16),
    /// The call is carried out, but answered only after this long (past
    /// the client's timeout, the bot cannot know it went through).
    Slow(Duration),
    /// 403: the bot was blocked by the user.
    Blocked,
    /// The connection is cut after the answer's head: the call fails
    /// without a readable answer, as on a connection reset. The call was
    /// not carried out.
    Reset,
}

/// An answer body that fails at once: the server drops the connection.
struct Cut;

impl http_body::Body for Cut {
    type Data = Bytes;
    type Error = std::io::Error;
    fn poll_frame(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<Bytes>, std::io::Error>>> {
        std::task::Poll::Ready(Some(Err(std::io::Error::new(
            std::io::ErrorKind::ConnectionReset,
            "connection reset by the fake",
        ))))
    }
}

#[derive(Default)]
struct Inner {
    calls: Vec<Call>,
    updates: VecDeque<Value>,
    next_update_id: i64,
    next_message_id: i64,
    /// Method (lower-case, or "*") → faults for its next calls.
    faults: HashMap<String, VecDeque<Fault>>,
    /// Chats that blocked the bot.
    blocked: Vec<i64>,
    webhook: Option<(String, Option<String>)>,
    /// The update kinds asked for last (getUpdates or setWebhook); empty:
    /// Telegram's default, every kind but chat_member and reactions.
    allowed: Vec<String>,
    last_per_chat: HashMap<i64, Instant>,
    recent: VecDeque<Instant>,
    enforce_limits: bool,
    /// A `getUpdates` is being answered: a second one at the same time
    /// gets 409 Conflict, as from Telegram.
    polling: bool,
}

/// Marks a `getUpdates` under way until it is answered or abandoned.
struct Polling(Arc<Mutex<Inner>>);

impl Drop for Polling {
    fn drop(&mut self) {
        if let Ok(mut g) = self.0.lock() {
            g.polling = false;
        }
    }
}

/// The fake server; cheap to clone.
#[derive(Clone)]
pub struct FakeTelegram {
    inner: Arc<Mutex<Inner>>,
    notify: Arc<Notify>,
    pub addr: SocketAddr,
    pub token: String,
}

pub const BOT_ID: i64 = 7_000_000_001;
pub const BOT_USERNAME: &str = "mentorbot_test_bot";

impl FakeTelegram {
    /// Starts on a free port of 127.0.0.1.
    pub async fn start(token: &str) -> FakeTelegram {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1");
        let addr = listener.local_addr().expect("local addr");
        let fake = FakeTelegram {
            inner: Arc::new(Mutex::new(Inner {
                next_update_id: 1,
                next_message_id: 1,
                enforce_limits: true,
                ..Default::default()
            })),
            notify: Arc::new(Notify::new()),
            addr,
            token: token.to_string(),
        };
        let app = axum::Router::new()
            .route("/{bot}/{method}", any(handle))
            .with_state(fake.clone());
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        fake
    }

    /// The URL to point the bot at (`telegram.api_url`).
    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().expect("fake state")
    }

    /// Every call so far.
    pub fn calls(&self) -> Vec<Call> {
        self.lock().calls.clone()
    }

    /// Calls of one method (case-insensitive).
    pub fn calls_to(&self, method: &str) -> Vec<Call> {
        let m = method.to_lowercase();
        self.calls().into_iter().filter(|c| c.method == m).collect()
    }

    /// Documents sent to a chat: (file name, content as text), in order.
    pub fn documents_to(&self, chat: i64) -> Vec<(String, String)> {
        self.calls_to("senddocument")
            .into_iter()
            .filter(|c| c.status == 200 && chat_of(&c.params) == Some(chat))
            .map(|c| {
                let d = &c.params["document"];
                (
                    d["filename"].as_str().unwrap_or("").to_string(),
                    d["content"].as_str().unwrap_or("").to_string(),
                )
            })
            .collect()
    }

    /// Successful sendMessage texts to a chat, in order.
    pub fn texts_to(&self, chat: i64) -> Vec<String> {
        self.calls_to("sendMessage")
            .into_iter()
            .filter(|c| c.status == 200 && c.params["chat_id"].as_i64() == Some(chat))
            .map(|c| c.params["text"].as_str().unwrap_or_default().to_string())
            .collect()
    }

    /// Injects faults into the next calls of `method` ("*" for any).
    pub fn inject(&self, method: &str, faults: impl IntoIterator<Item = Fault>) {
        self.lock()
            .faults
            .entry(method.to_lowercase())
            .or_default()
            .extend(faults);
    }

    /// The chat blocks the bot: sends to it answer 403.
    pub fn block(&self, chat: i64) {
        self.lock().blocked.push(chat);
    }

    /// Turns Telegram's rate limits on or off (on by default).
    pub fn enforce_limits(&self, on: bool) {
        self.lock().enforce_limits = on;
    }

    /// Queues a text message from a user, as Telegram would; returns its
    /// update id. With a webhook set, it is delivered there at once.
    pub async fn user_says(&self, user: i64, first_name: &str, lang: &str, text: &str) -> i64 {
        let (id, update) = {
            let mut g = self.lock();
            let id = g.next_update_id;
            g.next_update_id += 1;
            let mid = g.next_message_id;
            g.next_message_id += 1;
            let update = json!({
                "update_id": id,
                "message": {
                    "message_id": mid,
                    "date": 1_700_000_000,
                    "chat": {"id": user, "type": "private", "first_name": first_name},
                    "from": {"id": user, "is_bot": false, "first_name": first_name, "language_code": lang},
                    "text": text,
                    "entities": if text.starts_with('/') {
                        json!([{"type": "bot_command", "offset": 0, "length": text.split(' ').next().unwrap_or(text).encode_utf16().count()}])
                    } else { json!([]) }
                }
            });
            (id, update)
        };
        self.push(update).await;
        id
    }

    /// Queues a button press on a message the bot sent.
    pub async fn user_presses(&self, user: i64, first_name: &str, message_id: i64, data: &str) -> i64 {
        let (id, update) = {
            let mut g = self.lock();
            let id = g.next_update_id;
            g.next_update_id += 1;
            let update = json!({
                "update_id": id,
                "callback_query": {
                    "id": format!("cb{id}"),
                    "from": {"id": user, "is_bot": false, "first_name": first_name},
                    "chat_instance": format!("ci{user}"),
                    "data": data,
                    "message": {
                        "message_id": message_id,
                        "date": 1_700_000_000,
                        "chat": {"id": user, "type": "private", "first_name": first_name},
                        "from": {"id": BOT_ID, "is_bot": true, "first_name": "mentorbot", "username": BOT_USERNAME},
                        "text": "…"
                    }
                }
            });
            (id, update)
        };
        self.push(update).await;
        id
    }

    /// The user blocks the bot, as Telegram tells it (`my_chat_member`,
    /// "kicked"); sends to them answer 403 from now on.
    pub async fn user_blocks(&self, user: i64, first_name: &str) {
        self.lock().blocked.push(user);
        self.membership(user, first_name, "member", "kicked").await;
    }

    /// The user unblocks the bot (restarts it): `my_chat_member`, "member".
    pub async fn user_unblocks(&self, user: i64, first_name: &str) {
        self.lock().blocked.retain(|c| *c != user);
        self.membership(user, first_name, "kicked", "member").await;
    }

    async fn membership(&self, user: i64, first_name: &str, old: &str, new: &str) {
        let bot = json!({"id": BOT_ID, "is_bot": true, "first_name": "mentorbot", "username": BOT_USERNAME});
        let member = |status: &str| {
            let mut m = json!({"user": bot, "status": status});
            if status == "kicked" {
                m["until_date"] = json!(0);
            }
            m
        };
        self.push(json!({
            "my_chat_member": {
                "chat": {"id": user, "type": "private", "first_name": first_name},
                "from": {"id": user, "is_bot": false, "first_name": first_name},
                "date": 1_700_000_000,
                "old_chat_member": member(old),
                "new_chat_member": member(new),
            }
        }))
        .await;
    }

    /// Queues a raw update (it gets the next update id). An update of a
    /// kind the bot did not ask for is dropped, as Telegram does.
    pub async fn push(&self, mut update: Value) {
        let webhook = {
            let mut g = self.lock();
            let kind = update
                .as_object()
                .and_then(|o| o.keys().find(|k| *k != "update_id").cloned())
                .unwrap_or_default();
            let default_off = ["chat_member", "message_reaction", "message_reaction_count"];
            let wanted = if g.allowed.is_empty() {
                !default_off.contains(&kind.as_str())
            } else {
                g.allowed.contains(&kind)
            };
            if !wanted {
                return;
            }
            if update.get("update_id").is_none() {
                update["update_id"] = json!(g.next_update_id);
                g.next_update_id += 1;
            }
            g.updates.push_back(update.clone());
            g.webhook.clone()
        };
        self.notify.notify_waiters();
        if let Some((url, secret)) = webhook {
            self.deliver(&url, secret.as_deref(), &update).await;
        }
    }

    /// Delivers an update to the webhook as Telegram does, returning the
    /// HTTP status; a 2xx removes it from the queue.
    pub async fn deliver(&self, url: &str, secret: Option<&str>, update: &Value) -> u16 {
        let status = post_json(url, secret, update).await;
        if (200..300).contains(&status) {
            let id = update["update_id"].as_i64();
            self.lock().updates.retain(|u| u["update_id"].as_i64() != id);
        }
        status
    }

    /// Updates not yet confirmed.
    pub fn pending_updates(&self) -> usize {
        self.lock().updates.len()
    }
}

/// A minimal HTTP/1.1 POST over a TCP stream (the fake needs no client
/// library); returns the status code, or 0 when the connection failed.
async fn post_json(url: &str, secret: Option<&str>, body: &Value) -> u16 {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let Some(rest) = url.strip_prefix("http://") else {
        return 0;
    };
    let (hostport, path) = rest
        .split_once('/')
        .map(|(h, p)| (h, format!("/{p}")))
        .unwrap_or((rest, "/".into()));
    let Ok(mut stream) = tokio::net::TcpStream::connect(hostport).await else {
        return 0;
    };
    let body = body.to_string();
    let mut req = format!(
        "POST {path} HTTP/1.1\r\nHost: {hostport}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    if let Some(s) = secret {
        req.push_str(&format!("X-Telegram-Bot-Api-Secret-Token: {s}\r\n"));
    }
    req.push_str("\r\n");
    req.push_str(&body);
    if stream.write_all(req.as_bytes()).await.is_err() {
        return 0;
    }
    let mut buf = Vec::new();
    let _ = stream.read_to_end(&mut buf).await;
    let head = String::from_utf8_lossy(&buf);
    head.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0)
}

fn ok(result: Value) -> Response {
    (StatusCode::OK, axum::Json(json!({"ok": true, "result": result}))).into_response()
}

fn err(code: u16, description: &str, retry_after: Option<u32>) -> Response {
    let mut body = json!({"ok": false, "error_code": code, "description": description});
    if let Some(s) = retry_after {
        body["parameters"] = json!({"retry_after": s});
    }
    (
        StatusCode::from_u16(code).unwrap_or(StatusCode::BAD_REQUEST),
        axum::Json(body),
    )
        .into_response()
}

/// Reads parameters from a JSON body, a form or multipart text fields.
fn params(headers: &HeaderMap, body: &Bytes) -> Value {
    let ctype = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    if body.is_empty() {
        return json!({});
    }
    if ctype.starts_with("application/json") {
        return serde_json::from_slice(body).unwrap_or(json!({}));
    }
    if let Some(boundary) = ctype.split("boundary=").nth(1) {
        let mut out = serde_json::Map::new();
        let text = String::from_utf8_lossy(body);
        for part in text.split(&format!("--{}", boundary.trim_matches('"'))) {
            let Some((head, value)) = part.split_once("\r\n\r\n") else {
                continue;
            };
            let Some(name) = head.split("name=\"").nth(1).and_then(|s| s.split('"').next()) else {
                continue;
            };
            let value = value.trim_end_matches("\r\n");
            let v = if head.contains("filename=") {
                let filename = head.split("filename=\"").nth(1).and_then(|s| s.split('"').next());
                json!({"file": true, "bytes": value.len(), "filename": filename, "content": value})
            } else {
                serde_json::from_str(value).unwrap_or_else(|_| json!(value))
            };
            out.insert(name.to_string(), v);
        }
        // `"document": "attach://<part>"` names the part that holds the file.
        let attached: Vec<(String, String)> = out
            .iter()
            .filter_map(|(k, v)| {
                v.as_str()
                    .and_then(|s| s.strip_prefix("attach://"))
                    .map(|p| (k.clone(), p.to_string()))
            })
            .collect();
        for (field, part) in attached {
            if let Some(file) = out.remove(&part) {
                out.insert(field, file);
            }
        }
        return Value::Object(out);
    }
    // application/x-www-form-urlencoded
    let mut out = serde_json::Map::new();
    for pair in String::from_utf8_lossy(body).split('&') {
        if let Some((k, v)) = pair.split_once('=') {
            let v = v.replace('+', " ");
            out.insert(k.to_string(), serde_json::from_str(&v).unwrap_or_else(|_| json!(v)));
        }
    }
    Value::Object(out)
}

/// What Telegram answers a `sendDocument` it will not take: no document,
/// an empty file, or one over the Bot API's 50 MB.
fn refuse_document(method: &str, p: &Value) -> Option<&'static str> {
    if method != "senddocument" {
        return None;
    }
    match &p["document"] {
        Value::Null => Some("Bad Request: there is no document in the request"),
        Value::String(s) if s.is_empty() => Some("Bad Request: there is no document in the request"),
        Value::Object(f) => match f.get("bytes").and_then(Value::as_u64) {
            Some(0) => Some("Bad Request: file must be non-empty"),
            Some(n) if n > 50 * 1024 * 1024 => Some("Request Entity Too Large"),
            _ => None,
        },
        _ => None,
    }
}

fn chat_of(p: &Value) -> Option<i64> {
    match &p["chat_id"] {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

async fn handle(
    State(fake): State<FakeTelegram>,
    Path((bot, method)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let mut late = None;
    let answer = carry_out(fake, bot, method, headers, body, &mut late).await;
    if let Some(d) = late {
        // Carried out, answered late: a client that gave up meanwhile
        // does not know the call went through.
        tokio::time::sleep(d).await;
    }
    answer
}

/// Carries out a call; `late` is set when its answer is to be held back.
async fn carry_out(
    fake: FakeTelegram,
    bot: String,
    method: String,
    headers: HeaderMap,
    body: Bytes,
    late: &mut Option<Duration>,
) -> Response {
    let method = method.to_lowercase();
    let p = params(&headers, &body);
    let record = |status: u16| {
        fake.lock().calls.push(Call {
            method: method.clone(),
            params: p.clone(),
            status,
        });
    };
    if bot != format!("bot{}", fake.token) {
        record(401);
        return err(401, "Unauthorized", None);
    }
    // Injected faults.
    let fault = {
        let mut g = fake.lock();
        let f = g.faults.get_mut(&method).and_then(|q| q.pop_front());
        f.or_else(|| g.faults.get_mut("*").and_then(|q| q.pop_front()))
    };
    match fault {
        Some(Fault::TooManyRequests(s)) => {
            record(429);
            return err(429, &format!("Too Many Requests: retry after {s}"), Some(s));
        }
        Some(Fault::ServerError(code)) => {
            record(code);
            return err(code, "Internal Server Error", None);
        }
        Some(Fault::Blocked) => {
            record(403);
            return err(403, "Forbidden: bot was blocked by the user", None);
        }
        Some(Fault::Reset) => {
            record(0);
            return Response::new(axum::body::Body::new(Cut));
        }
        Some(Fault::Slow(d)) => *late = Some(d),
        None => {}
    }
    let sends = matches!(method.as_str(), "sendmessage" | "sendphoto" | "senddocument");
    if sends && let Some(chat) = chat_of(&p) {
        let mut g = fake.lock();
        if g.blocked.contains(&chat) {
            drop(g);
            record(403);
            return err(403, "Forbidden: bot was blocked by the user", None);
        }
        if g.enforce_limits {
            let now = Instant::now();
            while g
                .recent
                .front()
                .is_some_and(|t| now.duration_since(*t) >= Duration::from_secs(1))
            {
                g.recent.pop_front();
            }
            let per_chat = g
                .last_per_chat
                .get(&chat)
                .is_some_and(|t| now.duration_since(*t) < Duration::from_millis(1000));
            if per_chat || g.recent.len() >= 30 {
                drop(g);
                record(429);
                return err(429, "Too Many Requests: retry after 1", Some(1));
            }
            g.recent.push_back(now);
            g.last_per_chat.insert(chat, now);
        }
    }
    if let Some(refusal) = refuse_document(&method, &p) {
        record(400);
        return err(400, refusal, None);
    }
    let result = match method.as_str() {
        "getme" => json!({
            "id": BOT_ID, "is_bot": true, "first_name": "mentorbot", "username": BOT_USERNAME,
            "can_join_groups": false, "can_read_all_group_messages": false, "supports_inline_queries": false,
            "can_connect_to_business": false, "has_main_web_app": false
        }),
        "getupdates" => {
            if fake.lock().webhook.is_some() {
                record(409);
                return err(
                    409,
                    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
                    None,
                );
            }
            // Two bot instances polling one token: Telegram refuses the
            // second with 409.
            let _polling = {
                let mut g = fake.lock();
                if g.polling {
                    drop(g);
                    record(409);
                    return err(
                        409,
                        "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
                        None,
                    );
                }
                g.polling = true;
                Polling(fake.inner.clone())
            };
            if let Some(a) = p["allowed_updates"].as_array() {
                fake.lock().allowed = a.iter().filter_map(Value::as_str).map(str::to_string).collect();
            }
            let offset = p["offset"].as_i64().unwrap_or(0);
            let limit = p["limit"].as_u64().unwrap_or(100) as usize;
            let timeout = p["timeout"].as_u64().unwrap_or(0);
            let deadline = tokio::time::Instant::now() + Duration::from_secs(timeout);
            loop {
                let notified = fake.notify.notified();
                let batch: Vec<Value> = {
                    let mut g = fake.lock();
                    // An offset confirms every update before it.
                    g.updates.retain(|u| u["update_id"].as_i64().unwrap_or(0) >= offset);
                    g.updates.iter().take(limit).cloned().collect()
                };
                if !batch.is_empty() || tokio::time::Instant::now() >= deadline {
                    break Value::Array(batch);
                }
                if tokio::time::timeout_at(deadline, notified).await.is_err() {
                    break json!([]);
                }
            }
        }
        "setwebhook" => {
            let url = p["url"].as_str().unwrap_or("").to_string();
            let secret = p["secret_token"].as_str().map(str::to_string);
            if let Some(a) = p["allowed_updates"].as_array() {
                fake.lock().allowed = a.iter().filter_map(Value::as_str).map(str::to_string).collect();
            }
            fake.lock().webhook = (!url.is_empty()).then_some((url, secret));
            json!(true)
        }
        "deletewebhook" => {
            let mut g = fake.lock();
            g.webhook = None;
            if p["drop_pending_updates"].as_bool() == Some(true) {
                g.updates.clear();
            }
            json!(true)
        }
        "getwebhookinfo" => {
            let g = fake.lock();
            json!({
                "url": g.webhook.as_ref().map(|w| w.0.clone()).unwrap_or_default(),
                "has_custom_certificate": false,
                "pending_update_count": g.updates.len(),
            })
        }
        "sendmessage" | "sendphoto" | "senddocument" | "editmessagetext" | "editmessagereplymarkup" => {
            let chat = chat_of(&p).unwrap_or(0);
            let mid = match p["message_id"].as_i64() {
                Some(m) => m,
                None => {
                    let mut g = fake.lock();
                    g.next_message_id += 1;
                    g.next_message_id - 1
                }
            };
            let mut m = json!({
                "message_id": mid,
                "date": 1_700_000_000,
                "chat": {"id": chat, "type": "private", "first_name": "user"},
                "from": {"id": BOT_ID, "is_bot": true, "first_name": "mentorbot", "username": BOT_USERNAME},
            });
            match method.as_str() {
                "sendphoto" => {
                    m["photo"] = json!([{"file_id": "photo1", "file_unique_id": "u1", "width": 1, "height": 1}]);
                    m["caption"] = p["caption"].clone();
                }
                "senddocument" => {
                    m["document"] = json!({"file_id": "doc1", "file_unique_id": "u2"});
                    m["caption"] = p["caption"].clone();
                }
                _ => m["text"] = json!(p["text"].as_str().unwrap_or("…")),
            }
            if !p["reply_markup"].is_null() {
                m["reply_markup"] = p["reply_markup"].clone();
            }
            m
        }
        "answercallbackquery" | "setmycommands" | "deletemycommands" => json!(true),
        _ => {
            record(404);
            return err(404, "Not Found: method not found", None);
        }
    };
    record(200);
    ok(result)
}
