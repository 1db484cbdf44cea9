//! A fake Discord for tests: the REST endpoints mentorbot calls, with
//! Discord's rate-limit headers and buckets, its refusals and scripted
//! faults, recording every call; and a client that signs interaction
//! POSTs with a test Ed25519 key, as Discord does.
//!
//! Scripted faults ([`Fault`]): 429 (a route's or global, with
//! `retry_after` in the JSON body and the `Retry-After` and
//! `X-RateLimit-*` headers), 5xx, an answer too late, a cut connection;
//! a user whose DMs are closed gets 403 with code 50007.
//!
//! It refuses what Discord refuses: content over 2,000 characters (or
//! none at all: 50006), more than 5 action rows or 5 buttons in a row, a
//! `custom_id` over 100 characters, a modal with more than 5 inputs, a
//! call without the bot token.

use crate::{Config, MAX_CONTENT, MAX_CUSTOM_ID, MAX_MODAL_INPUTS, MAX_ROW_BUTTONS, MAX_ROWS, WRITE};
use axum::body::Bytes;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use ed25519_dalek::{Signer as _, SigningKey};
use serde_json::{Value, json};
use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub const TOKEN: &str = "fake-bot-token";
pub const APPLICATION_ID: &str = "1100000000000000001";
pub const GUILD_ID: &str = "1200000000000000002";
/// Requests a bucket allows per window, and the window.
pub const BUCKET_LIMIT: u32 = 5;
pub const BUCKET_WINDOW: Duration = Duration::from_secs(1);

/// One recorded call.
#[derive(Debug, Clone)]
pub struct Call {
    pub method: String,
    pub path: String,
    /// The JSON body; for a file, its `payload_json` with `"file"` added:
    /// `{ "name", "bytes" }`.
    pub body: Value,
    pub status: u16,
    pub at: Instant,
}

/// A scripted failure of the next call(s).
#[derive(Debug, Clone, PartialEq)]
pub enum Fault {
    /// 429 on that route only.
    RateLimited { retry_after: f64 },
    /// 429 for every route (`"global": true`).
    Global { retry_after: f64 },
    /// 502 Bad Gateway.
    ServerError,
    /// Another 5xx (500, 503, 504), without a JSON body.
    ServerErrorCode(u16),
    /// The call is carried out, but its answer comes only after this long
    /// (a client that gave up meanwhile has sent the message all the same).
    Hang(Duration),
    /// The connection is cut before any answer, as on a connection reset.
    /// The call is not carried out.
    Reset,
}

/// An answer body that fails at once: the server drops the connection
/// before the answer's head is out.
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
struct State {
    calls: Vec<Call>,
    faults: VecDeque<Fault>,
    /// Users whose DMs are closed to the bot (50007).
    closed: Vec<String>,
    /// Bucket → (used in this window, window start).
    buckets: HashMap<String, (u32, Instant)>,
    global_until: Option<Instant>,
    enforce: bool,
    next_id: u64,
}

/// The fake Discord REST API on 127.0.0.1.
#[derive(Clone)]
pub struct FakeDiscord {
    pub url: String,
    state: Arc<Mutex<State>>,
}

impl FakeDiscord {
    pub async fn start() -> FakeDiscord {
        let state = Arc::new(Mutex::new(State {
            enforce: true,
            next_id: 1_300_000_000_000_000_000,
            ..Default::default()
        }));
        let s = state.clone();
        let app = axum::Router::new().fallback(move |method: Method, uri: Uri, headers: HeaderMap, body: Bytes| {
            let s = s.clone();
            async move { serve(s, method, uri, headers, body).await }
        });
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let url = format!("http://{}/api/v10", listener.local_addr().expect("addr"));
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        FakeDiscord { url, state }
    }

    /// A configuration pointing at this fake, with the signer's key.
    pub fn config(&self) -> Config {
        Config {
            application_id: APPLICATION_ID.into(),
            public_key: Signer::new().public_key_hex(),
            token: TOKEN.into(),
            guild_id: GUILD_ID.into(),
            api_url: self.url.clone(),
            http_timeout_ms: 2_000,
        }
    }

    /// Whether buckets run out (429 once a bucket's 5 a second are used).
    /// Off, the fake sends no rate-limit headers at all.
    pub fn enforce_limits(&self, on: bool) {
        self.state.lock().expect("lock").enforce = on;
    }

    pub fn fail_next(&self, faults: impl IntoIterator<Item = Fault>) {
        self.state.lock().expect("lock").faults.extend(faults);
    }

    /// The user has closed DMs from the bot: sends to them are 50007.
    pub fn close_dms(&self, user: &str) {
        self.state.lock().expect("lock").closed.push(user.to_string());
    }

    pub fn calls(&self) -> Vec<Call> {
        self.state.lock().expect("lock").calls.clone()
    }

    /// The messages sent (accepted) to `user`'s DM channel, in order.
    pub fn dms(&self, user: &str) -> Vec<Value> {
        let path = format!("/channels/{}/messages", dm_channel(user));
        self.calls()
            .into_iter()
            .filter(|c| c.method == "POST" && c.path == path && c.status == 200)
            .map(|c| c.body)
            .collect()
    }

    /// The texts of the DMs to `user`.
    pub fn texts(&self, user: &str) -> Vec<String> {
        self.dms(user)
            .iter()
            .filter_map(|m| m["content"].as_str().map(str::to_string))
            .collect()
    }

    /// The accepted calls to one route (`PUT /applications/…/commands`).
    pub fn calls_to(&self, method: &str, path: &str) -> Vec<Call> {
        self.calls()
            .into_iter()
            .filter(|c| c.method == method && c.path == path && c.status == 200)
            .collect()
    }
}

/// The DM channel the fake opens with a user.
pub fn dm_channel(user: &str) -> String {
    format!("9{user}")
}

/// The buttons of a message: (label, custom_id).
pub fn buttons(msg: &Value) -> Vec<(String, String)> {
    msg["components"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .map(|b| {
            (
                b["label"].as_str().unwrap_or("").to_string(),
                b["custom_id"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

fn error(status: StatusCode, code: i64, message: &str) -> (StatusCode, Value) {
    (status, json!({ "code": code, "message": message }))
}

/// Why Discord would refuse a message body, if it would.
pub fn refuse_message(body: &Value, has_file: bool) -> Option<(i64, String)> {
    let content = body["content"].as_str().unwrap_or("");
    if content.chars().count() > MAX_CONTENT {
        return Some((50035, "content: Must be 2000 or fewer in length.".into()));
    }
    let rows = body["components"].as_array().cloned().unwrap_or_default();
    if content.is_empty() && rows.is_empty() && !has_file {
        return Some((50006, "Cannot send an empty message".into()));
    }
    refuse_rows(&rows, "button")
}

fn refuse_rows(rows: &[Value], what: &str) -> Option<(i64, String)> {
    if rows.len() > MAX_ROWS {
        return Some((50035, "components: Must be 5 or fewer in length.".into()));
    }
    for row in rows {
        let items = row["components"].as_array().cloned().unwrap_or_default();
        if what == "button" && items.len() > MAX_ROW_BUTTONS {
            return Some((50035, "components.components: Must be 5 or fewer in length.".into()));
        }
        for b in items {
            if b["custom_id"]
                .as_str()
                .is_some_and(|id| id.chars().count() > MAX_CUSTOM_ID)
            {
                return Some((50035, "custom_id: Must be 100 or fewer in length.".into()));
            }
            if b["label"].as_str().is_some_and(|l| l.chars().count() > 80) {
                return Some((50035, "label: Must be 80 or fewer in length.".into()));
            }
        }
    }
    None
}

fn refuse_response(body: &Value) -> Option<(i64, String)> {
    match body["type"].as_u64() {
        Some(9) => {
            let rows = body["data"]["components"].as_array().cloned().unwrap_or_default();
            let inputs: usize = rows
                .iter()
                .map(|r| r["components"].as_array().map_or(0, Vec::len))
                .sum();
            if inputs > MAX_MODAL_INPUTS || rows.len() > MAX_MODAL_INPUTS {
                return Some((50035, "data.components: Must be 5 or fewer in length.".into()));
            }
            if body["data"]["custom_id"]
                .as_str()
                .is_none_or(|id| id.chars().count() > MAX_CUSTOM_ID)
            {
                return Some((50035, "data.custom_id: Must be 100 or fewer in length.".into()));
            }
            None
        }
        Some(4) => refuse_message(&body["data"], false),
        Some(1 | 5 | 6 | 7 | 8) => None,
        _ => Some((50035, "type: Value is not a valid interaction callback type.".into())),
    }
}

/// A multipart body's `payload_json` and first file.
fn multipart(body: &[u8]) -> (Value, Value) {
    let text = String::from_utf8_lossy(body);
    let payload = text
        .split("name=\"payload_json\"")
        .nth(1)
        .and_then(|r| r.split("\r\n\r\n").nth(1))
        .and_then(|r| r.split("\r\n--").next())
        .and_then(|j| serde_json::from_str::<Value>(j).ok())
        .unwrap_or(Value::Null);
    let file = text.split("name=\"files[0]\"").nth(1).map(|r| {
        let name = r
            .split("filename=\"")
            .nth(1)
            .and_then(|n| n.split('"').next())
            .unwrap_or("");
        // Everything after the part's headers up to the closing boundary
        // (the file is the last part; its own lines may end in CRLF).
        let bytes = r
            .split_once("\r\n\r\n")
            .and_then(|(_, b)| b.rsplit_once("\r\n--"))
            .map(|(b, _)| b)
            .unwrap_or("");
        json!({ "name": name, "bytes": bytes })
    });
    (payload, file.unwrap_or(Value::Null))
}

async fn serve(state: Arc<Mutex<State>>, method: Method, uri: Uri, headers: HeaderMap, body: Bytes) -> Response {
    let (resp, late) = answer(&state, method, uri, headers, body);
    if let Some(d) = late {
        // Carried out, answered late: a client that gave up meanwhile
        // does not know the message went.
        tokio::time::sleep(d).await;
    }
    resp
}

/// The answer to a call, and how long to hold it back.
fn answer(
    state: &Mutex<State>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> (Response, Option<Duration>) {
    let full = uri.path().to_string();
    let path = full.strip_prefix("/api/v10").unwrap_or(&full).to_string();
    let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let multipart_body = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|c| c.starts_with("multipart/form-data"));
    let (json_body, file) = if multipart_body {
        multipart(&body)
    } else {
        (
            serde_json::from_slice::<Value>(&body).unwrap_or(Value::Null),
            Value::Null,
        )
    };
    let mut recorded = json_body.clone();
    if !file.is_null() {
        recorded["file"] = file.clone();
    }
    let fault = state.lock().expect("lock").faults.pop_front();
    if fault == Some(Fault::Reset) {
        state.lock().expect("lock").calls.push(Call {
            method: method.to_string(),
            path,
            body: recorded,
            status: 0,
            at: Instant::now(),
        });
        return (Response::new(axum::body::Body::new(Cut)), None);
    }
    let needs_auth = !matches!(segs.first(), Some(&"interactions") | Some(&"webhooks"));
    let authorized = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == format!("Bot {TOKEN}"));
    // The bucket: the route with its major parameter.
    let bucket = match segs.as_slice() {
        ["channels", c, ..] => format!("channel:{c}"),
        ["interactions", ..] => "interaction".to_string(),
        ["webhooks", app, tok, ..] => format!("webhook:{app}:{tok}"),
        _ => format!("{method} {path}"),
    };
    let mut st = state.lock().expect("lock");
    let now = Instant::now();
    let mut rl_headers: Vec<(&'static str, String)> = vec![];
    let (status, reply): (StatusCode, Value) = 'reply: {
        match fault {
            Some(Fault::RateLimited { retry_after }) => {
                rl_headers.push(("retry-after", format!("{}", retry_after.ceil())));
                rl_headers.push(("x-ratelimit-scope", "user".into()));
                break 'reply (
                    StatusCode::TOO_MANY_REQUESTS,
                    json!({ "message": "You are being rate limited.", "retry_after": retry_after, "global": false }),
                );
            }
            Some(Fault::Global { retry_after }) => {
                st.global_until = Some(now + Duration::from_secs_f64(retry_after));
                rl_headers.push(("retry-after", format!("{}", retry_after.ceil())));
                rl_headers.push(("x-ratelimit-global", "true".into()));
                rl_headers.push(("x-ratelimit-scope", "global".into()));
                break 'reply (
                    StatusCode::TOO_MANY_REQUESTS,
                    json!({ "message": "You are being rate limited.", "retry_after": retry_after, "global": true }),
                );
            }
            Some(Fault::ServerError) => break 'reply (StatusCode::BAD_GATEWAY, Value::Null),
            Some(Fault::ServerErrorCode(c)) => {
                break 'reply (StatusCode::from_u16(c).unwrap_or(StatusCode::BAD_GATEWAY), Value::Null);
            }
            _ => {}
        }
        if needs_auth && !authorized {
            break 'reply error(StatusCode::UNAUTHORIZED, 0, "401: Unauthorized");
        }
        if let Some(until) = st.global_until.filter(|u| *u > now) {
            let left = (until - now).as_secs_f64();
            rl_headers.push(("retry-after", format!("{}", left.ceil())));
            rl_headers.push(("x-ratelimit-global", "true".into()));
            break 'reply (
                StatusCode::TOO_MANY_REQUESTS,
                json!({ "message": "You are being rate limited.", "retry_after": left, "global": true }),
            );
        }
        if st.enforce {
            let (used, start) = st.buckets.entry(bucket.clone()).or_insert((0, now));
            if now.duration_since(*start) >= BUCKET_WINDOW {
                *used = 0;
                *start = now;
            }
            let reset_after = (BUCKET_WINDOW.saturating_sub(now.duration_since(*start))).as_secs_f64();
            rl_headers.push(("x-ratelimit-limit", BUCKET_LIMIT.to_string()));
            rl_headers.push(("x-ratelimit-bucket", format!("{:x}", fxhash(&bucket))));
            rl_headers.push(("x-ratelimit-reset-after", format!("{reset_after:.3}")));
            if *used >= BUCKET_LIMIT {
                rl_headers.push(("x-ratelimit-remaining", "0".into()));
                rl_headers.push(("x-ratelimit-scope", "user".into()));
                break 'reply (
                    StatusCode::TOO_MANY_REQUESTS,
                    json!({ "message": "You are being rate limited.", "retry_after": reset_after, "global": false }),
                );
            }
            *used += 1;
            rl_headers.push(("x-ratelimit-remaining", (BUCKET_LIMIT - *used).to_string()));
        }
        st.next_id += 1;
        let id = st.next_id.to_string();
        match (method.as_str(), segs.as_slice()) {
            ("POST", ["users", "@me", "channels"]) => {
                let Some(user) = json_body["recipient_id"].as_str() else {
                    break 'reply error(StatusCode::BAD_REQUEST, 50035, "recipient_id: required");
                };
                (
                    StatusCode::OK,
                    json!({ "id": dm_channel(user), "type": 1, "recipients": [{ "id": user }] }),
                )
            }
            ("POST", ["channels", channel, "messages"]) => {
                let user = channel.strip_prefix('9').unwrap_or("");
                if st.closed.iter().any(|u| u == user) {
                    break 'reply error(StatusCode::FORBIDDEN, 50007, "Cannot send messages to this user");
                }
                if let Some((code, msg)) = refuse_message(&json_body, !file.is_null()) {
                    break 'reply error(StatusCode::BAD_REQUEST, code, &msg);
                }
                (
                    StatusCode::OK,
                    json!({ "id": id, "channel_id": channel, "content": json_body["content"] }),
                )
            }
            ("POST", ["interactions", _, _, "callback"]) => match refuse_response(&json_body) {
                Some((code, msg)) => error(StatusCode::BAD_REQUEST, code, &msg),
                None => (StatusCode::NO_CONTENT, Value::Null),
            },
            ("POST", ["webhooks", app, _]) if *app == APPLICATION_ID => match refuse_message(&json_body, false) {
                Some((code, msg)) => error(StatusCode::BAD_REQUEST, code, &msg),
                None => (StatusCode::OK, json!({ "id": id })),
            },
            ("PUT", ["applications", app, "commands"] | ["applications", app, "guilds", _, "commands"])
                if *app == APPLICATION_ID =>
            {
                match json_body.as_array() {
                    Some(cmds) if cmds.len() <= 100 && cmds.iter().all(valid_command) => {
                        (StatusCode::OK, json_body.clone())
                    }
                    _ => error(StatusCode::BAD_REQUEST, 50035, "Invalid Form Body"),
                }
            }
            _ => error(StatusCode::NOT_FOUND, 0, "404: Not Found"),
        }
    };
    let status = if status == StatusCode::NO_CONTENT {
        StatusCode::OK
    } else {
        status
    };
    st.calls.push(Call {
        method: method.to_string(),
        path: path.clone(),
        body: recorded,
        status: status.as_u16(),
        at: now,
    });
    drop(st);
    let mut resp = (status, axum::Json(reply)).into_response();
    for (k, v) in rl_headers {
        if let Ok(v) = v.parse() {
            resp.headers_mut().insert(k, v);
        }
    }
    let late = match fault {
        Some(Fault::Hang(d)) => Some(d),
        _ => None,
    };
    (resp, late)
}

/// What Discord checks of a command: a lowercase name of 1–32 letters,
/// digits, `-` and `_`, a description of 1–100 characters, and the same
/// of every localization.
fn valid_command(c: &Value) -> bool {
    let name_ok = |n: &str| {
        (1..=32).contains(&n.chars().count())
            && n.chars()
                .all(|c| (c.is_alphanumeric() && !c.is_uppercase()) || c == '-' || c == '_')
    };
    let desc_ok = |d: &str| (1..=100).contains(&d.chars().count());
    let all = |v: &Value, ok: &dyn Fn(&str) -> bool| {
        v.as_object()
            .is_none_or(|m| m.values().all(|x| x.as_str().is_some_and(ok)))
    };
    c["name"].as_str().is_some_and(name_ok)
        && c["description"].as_str().is_some_and(desc_ok)
        && all(&c["name_localizations"], &name_ok)
        && all(&c["description_localizations"], &desc_ok)
}

fn fxhash(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}

/// Signs interaction POSTs as Discord does, with a fixed test key.
pub struct Signer {
    key: SigningKey,
    next: AtomicU64,
    http: reqwest::Client,
    /// The last request sent: (timestamp, body), for a replay.
    last: Mutex<Option<(String, Vec<u8>)>>,
}

impl Default for Signer {
    fn default() -> Self {
        Signer::new()
    }
}

/// An interaction's answer: the HTTP status and the JSON body.
pub type Answer = (u16, Value);

impl Signer {
    pub fn new() -> Signer {
        Signer {
            key: SigningKey::from_bytes(&[7u8; 32]),
            next: AtomicU64::new(1_400_000_000_000_000_000),
            http: reqwest::Client::new(),
            last: Mutex::new(None),
        }
    }

    pub fn public_key_hex(&self) -> String {
        hex::encode(self.key.verifying_key().as_bytes())
    }

    /// The signature Discord would send for this timestamp and body.
    pub fn sign(&self, timestamp: &str, body: &[u8]) -> String {
        let mut msg = timestamp.as_bytes().to_vec();
        msg.extend_from_slice(body);
        hex::encode(self.key.sign(&msg).to_bytes())
    }

    pub fn next_id(&self) -> String {
        self.next.fetch_add(1, Ordering::SeqCst).to_string()
    }

    /// POSTs `interaction` signed now.
    pub async fn post(&self, url: &str, interaction: &Value) -> Answer {
        let ts = chrono::Utc::now().timestamp().to_string();
        self.post_at(url, interaction, &ts).await
    }

    /// POSTs `interaction` signed with this timestamp (an old one: a replay).
    pub async fn post_at(&self, url: &str, interaction: &Value, timestamp: &str) -> Answer {
        let body = serde_json::to_vec(interaction).unwrap_or_default();
        let sig = self.sign(timestamp, &body);
        *self.last.lock().expect("lock") = Some((timestamp.to_string(), body.clone()));
        self.raw(url, timestamp, &sig, body).await
    }

    /// Sends the last request again, byte for byte, signature and all.
    pub async fn replay(&self, url: &str) -> Answer {
        let (ts, body) = self.last.lock().expect("lock").clone().unwrap_or_default();
        let sig = self.sign(&ts, &body);
        self.raw(url, &ts, &sig, body).await
    }

    /// Sends a request with whatever signature it is given.
    pub async fn raw(&self, url: &str, timestamp: &str, signature: &str, body: Vec<u8>) -> Answer {
        let r = self
            .http
            .post(url)
            .header("content-type", "application/json")
            .header("x-signature-timestamp", timestamp)
            .header("x-signature-ed25519", signature)
            .body(body)
            .send()
            .await
            .expect("the interactions endpoint answers");
        let status = r.status().as_u16();
        let body = r.json::<Value>().await.unwrap_or(Value::Null);
        (status, body)
    }

    fn base(&self, kind: u8, user: &str, locale: &str, data: Value) -> Value {
        json!({
            "id": self.next_id(),
            "application_id": APPLICATION_ID,
            "type": kind,
            "token": format!("tok-{}", self.next_id()),
            "version": 1,
            "locale": locale,
            "user": { "id": user, "username": format!("user{user}"), "discriminator": "0", "global_name": null, "avatar": null },
            "channel_id": dm_channel(user),
            "app_permissions": "0",
            "entitlements": [],
            "authorizing_integration_owners": { "0": GUILD_ID },
            "context": 1,
            "attachment_size_limit": 10_485_760,
            "data": data,
        })
    }

    pub fn ping(&self) -> Value {
        json!({ "id": self.next_id(), "application_id": APPLICATION_ID, "type": 1, "token": "t", "version": 1 })
    }

    /// A slash command in the programme's server (`guild`) or a DM (None).
    pub fn command(
        &self,
        user: &str,
        locale: &str,
        guild: Option<&str>,
        name: &str,
        option: Option<(&str, &str)>,
    ) -> Value {
        let options: Vec<Value> = option
            .map(|(n, v)| json!({ "name": n, "type": 3, "value": v }))
            .into_iter()
            .collect();
        let mut i = self.base(
            2,
            user,
            locale,
            json!({ "id": "1", "name": name, "type": 1, "options": options }),
        );
        if let Some(g) = guild {
            let u = i["user"].take();
            i.as_object_mut().map(|m| m.remove("user"));
            i["guild_id"] = json!(g);
            i["guild_locale"] = json!("en-US");
            i["context"] = json!(0);
            i["member"] = json!({ "user": u, "roles": [], "joined_at": "2030-01-01T00:00:00+00:00", "deaf": false, "mute": false, "flags": 0, "permissions": "0" });
        }
        i
    }

    /// A button pressed in a DM.
    pub fn press(&self, user: &str, locale: &str, custom_id: &str) -> Value {
        let mut i = self.base(3, user, locale, json!({ "custom_id": custom_id, "component_type": 2 }));
        i["message"] = json!({ "id": self.next_id(), "channel_id": dm_channel(user), "content": "", "components": [] });
        i
    }

    /// The "Write…" modal submitted with `text`.
    pub fn submit(&self, user: &str, locale: &str, text: &str) -> Value {
        self.base(
            5,
            user,
            locale,
            json!({ "custom_id": WRITE, "components": [{ "type": 1, "components": [
                { "type": 4, "custom_id": crate::components::WRITE_INPUT, "value": text } ] }] }),
        )
    }
}
