//! A fake Bot Framework on 127.0.0.1: OpenID metadata and a JWKS with a
//! test RSA key, the client-credentials token endpoint, and the v3
//! conversation endpoints. It records the activities the bot sends, can
//! answer 429 (with Retry-After) or 5xx, answer late or cut the connection,
//! answers 403 for a conversation whose user blocked the bot, refuses with
//! 400 an Adaptive Card
//! with more actions than Teams shows, and mints tokens for activities it
//! delivers to the bot, signed with its key or, for tests, badly.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use jsonwebtoken::{Algorithm, EncodingKey, Header, encode};
use serde_json::{Value, json};
use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

pub const TEST_KEY_PEM: &str = include_str!("../testdata/test-key.pem");
pub const WRONG_KEY_PEM: &str = include_str!("../testdata/wrong-key.pem");
pub const TEST_KEY_N: &str = include_str!("../testdata/test-key.n");
pub const KEY_ID: &str = "mentorbot-test-key";
pub const APP_ID: &str = "00000000-1111-2222-3333-444444444444";
pub const APP_PASSWORD: &str = "fake-password";
pub const BOT_ID: &str = "28:mentorbot";

/// One activity the bot posted.
#[derive(Debug, Clone)]
pub struct Posted {
    /// The conversation id, as the connector decodes it from the path.
    pub conversation: String,
    /// The exact request path (and query) the bot posted to.
    pub path: String,
    pub activity: Value,
    pub authorization: Option<String>,
    pub status: u16,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// 429 with this Retry-After.
    TooManyRequests(u32),
    ServerError(u16),
    /// 412 Precondition Failed, which Teams answers now and then and
    /// documents as worth retrying.
    PreconditionFailed,
    /// The activity is delivered, but the answer comes only after this
    /// long (past the client's timeout: a timeout for the bot, which cannot
    /// know the activity went).
    Slow(std::time::Duration),
    /// The connection is cut before any answer, as on a connection reset.
    /// Nothing is delivered.
    Reset,
}

/// An answer body that fails at once: the server drops the connection
/// before the answer's head is out.
struct Cut;

impl http_body::Body for Cut {
    type Data = axum::body::Bytes;
    type Error = std::io::Error;
    fn poll_frame(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<Self::Data>, Self::Error>>> {
        std::task::Poll::Ready(Some(Err(std::io::Error::new(
            std::io::ErrorKind::ConnectionReset,
            "connection reset by the fake",
        ))))
    }
}

/// The fake's endpoints, to make one hang (never answer until released).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Endpoint {
    Metadata,
    Keys,
    Token,
    Activities,
}

#[derive(Default)]
struct Inner {
    posted: Vec<Posted>,
    faults: VecDeque<Fault>,
    tokens_issued: usize,
    next_id: u64,
    /// Recent successful posts per conversation, for Teams' limit.
    recent: std::collections::HashMap<String, VecDeque<std::time::Instant>>,
    enforce_limits: bool,
    /// Requests to any path the fake does not serve (method and path).
    strays: Vec<String>,
    metadata_fetches: usize,
    key_fetches: usize,
    hung: std::collections::HashSet<Endpoint>,
    /// The channels the signing key is endorsed for.
    endorsements: Option<Vec<String>>,
    /// Conversations whose user blocked the bot (403).
    blocked: std::collections::HashSet<String>,
}

/// Teams accepts 7 messages a second per conversation.
pub const PER_CONVERSATION_PER_SEC: usize = 7;

/// Teams shows at most 6 actions on an Adaptive Card (Microsoft's
/// adaptivecards library reports `TooManyActions` beyond its host's
/// `maxActions`); the fake refuses a card with more.
pub const MAX_CARD_ACTIONS: usize = 6;

/// The most actions of any Adaptive Card the activity carries.
fn card_actions(activity: &Value) -> usize {
    activity["attachments"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|a| a["contentType"] == "application/vnd.microsoft.card.adaptive")
        .map(|a| a["content"]["actions"].as_array().map_or(0, Vec::len))
        .max()
        .unwrap_or(0)
}

/// An attachment the connector would refuse: no `contentType`, or
/// neither `content` nor a `contentUrl` (an http(s) URL or a data: URI).
fn bad_attachment(activity: &Value) -> Option<String> {
    for a in activity["attachments"].as_array().into_iter().flatten() {
        if a["contentType"].as_str().is_none_or(str::is_empty) {
            return Some("An attachment has no contentType".into());
        }
        let url = a["contentUrl"].as_str();
        if a["content"].is_null() && url.is_none() {
            return Some("An attachment has neither content nor contentUrl".into());
        }
        if let Some(u) = url
            && !(u.starts_with("https://") || u.starts_with("http://") || u.starts_with("data:"))
        {
            return Some(format!("contentUrl is not a URL: {u}"));
        }
    }
    None
}

/// How to sign a token the fake hands out with an activity.
#[derive(Debug, Clone)]
pub struct TokenSpec {
    pub audience: String,
    pub issuer: String,
    /// Seconds from now (negative: already expired).
    pub expires_in: i64,
    pub service_url: String,
    pub wrong_key: bool,
    /// The key id in the token's header.
    pub kid: String,
}

#[derive(Clone)]
pub struct FakeConnector {
    inner: Arc<Mutex<Inner>>,
    released: Arc<tokio::sync::Notify>,
    pub addr: SocketAddr,
}

impl FakeConnector {
    pub async fn start() -> FakeConnector {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1");
        let addr = listener.local_addr().expect("addr");
        let fake = FakeConnector {
            inner: Arc::new(Mutex::new(Inner {
                enforce_limits: true,
                endorsements: Some(vec!["msteams".into(), "webchat".into(), "directline".into()]),
                ..Inner::default()
            })),
            released: Arc::new(tokio::sync::Notify::new()),
            addr,
        };
        let app = axum::Router::new()
            .route("/v1/.well-known/openidconfiguration", get(metadata))
            .route("/v1/keys", get(keys))
            .route("/token", post(token))
            .route("/v3/conversations/{conversation}/activities", post(activities))
            .route("/v3/conversations/{conversation}/activities/{reply_to}", post(reply))
            .fallback(stray)
            .with_state(fake.clone());
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        fake
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().expect("fake state")
    }

    pub fn base(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The serviceUrl activities from this fake carry.
    pub fn service_url(&self) -> String {
        format!("{}/", self.base())
    }

    /// The adapter configuration that points at this fake.
    pub fn config(&self) -> crate::Config {
        crate::Config {
            app_id: APP_ID.into(),
            app_password: APP_PASSWORD.into(),
            openid_metadata_url: format!("{}/v1/.well-known/openidconfiguration", self.base()),
            token_url: format!("{}/token", self.base()),
            token_scope: "https://api.botframework.com/.default".into(),
            service_hosts: vec![self.addr.to_string()],
            // The fake speaks plain http on 127.0.0.1.
            insecure_test_hosts: vec![self.addr.to_string()],
            http_timeout_ms: 10_000,
        }
    }

    /// Requests to paths the fake does not serve ("POST /evil/path").
    pub fn strays(&self) -> Vec<String> {
        self.lock().strays.clone()
    }

    /// How often the OpenID metadata and the JWKS were fetched.
    pub fn key_fetches(&self) -> (usize, usize) {
        let g = self.lock();
        (g.metadata_fetches, g.key_fetches)
    }

    /// The endpoint answers nothing until [`FakeConnector::release`].
    pub fn hang(&self, e: Endpoint) {
        self.lock().hung.insert(e);
    }

    pub fn release(&self, e: Endpoint) {
        self.lock().hung.remove(&e);
        self.released.notify_waiters();
    }

    async fn wait_unless_hung(&self, e: Endpoint) {
        loop {
            let released = self.released.notified();
            if !self.lock().hung.contains(&e) {
                return;
            }
            released.await;
        }
    }

    /// The channels the signing key is endorsed for (`None`: no
    /// `endorsements` field at all).
    pub fn set_endorsements(&self, channels: Option<Vec<String>>) {
        self.lock().endorsements = channels;
    }

    pub fn posted(&self) -> Vec<Posted> {
        self.lock().posted.clone()
    }

    /// Texts of activities posted to a conversation (successful ones).
    pub fn texts_to(&self, conversation: &str) -> Vec<String> {
        self.posted()
            .into_iter()
            .filter(|p| p.conversation == conversation && p.status == 200)
            .map(|p| p.activity["text"].as_str().unwrap_or_default().to_string())
            .collect()
    }

    pub fn tokens_issued(&self) -> usize {
        self.lock().tokens_issued
    }

    /// Turns Teams' per-conversation limit on or off (on by default).
    pub fn enforce_limits(&self, on: bool) {
        self.lock().enforce_limits = on;
    }

    pub fn inject(&self, faults: impl IntoIterator<Item = Fault>) {
        self.lock().faults.extend(faults);
    }

    /// The user of this conversation blocked the bot (or uninstalled it):
    /// the connector answers 403 `ConversationBlockedByUser`, as Teams does.
    pub fn block(&self, conversation: &str) {
        self.lock().blocked.insert(conversation.to_string());
    }

    /// A token as the Bot Framework would send it with an activity.
    pub fn good_token(&self) -> TokenSpec {
        TokenSpec {
            audience: APP_ID.into(),
            issuer: crate::ISSUER.into(),
            expires_in: 3600,
            service_url: self.service_url(),
            wrong_key: false,
            kid: KEY_ID.into(),
        }
    }

    pub fn sign(&self, spec: &TokenSpec) -> String {
        let now = chrono::Utc::now().timestamp();
        let claims = json!({
            "iss": spec.issuer,
            "aud": spec.audience,
            "exp": now + spec.expires_in,
            "nbf": now - 60,
            "serviceurl": spec.service_url,
        });
        let mut header = Header::new(Algorithm::RS256);
        header.kid = Some(spec.kid.clone());
        let pem = if spec.wrong_key { WRONG_KEY_PEM } else { TEST_KEY_PEM };
        let key = EncodingKey::from_rsa_pem(pem.as_bytes()).expect("test key");
        encode(&header, &claims, &key).expect("sign")
    }

    /// A message activity from a user in a conversation.
    pub fn message(&self, id: &str, user: &str, conversation: &str, text: &str) -> Value {
        json!({
            "type": "message", "id": id, "channelId": "msteams", "serviceUrl": self.service_url(),
            "from": {"id": user, "name": user}, "recipient": {"id": BOT_ID, "name": "mentorbot"},
            "conversation": {"id": conversation}, "text": text, "locale": "en-GB",
        })
    }

    /// An Adaptive Card submit (Teams sends a message with `value`).
    pub fn submit(&self, id: &str, user: &str, conversation: &str, payload: &str) -> Value {
        json!({
            "type": "message", "id": id, "channelId": "msteams", "serviceUrl": self.service_url(),
            "from": {"id": user, "name": user}, "recipient": {"id": BOT_ID, "name": "mentorbot"},
            "conversation": {"id": conversation}, "value": {"payload": payload},
        })
    }

    /// Posts an activity to the bot with a token; returns the HTTP status.
    pub async fn deliver(&self, bot_url: &str, activity: &Value, token: Option<&str>) -> u16 {
        let client = reqwest::Client::new();
        let mut req = client.post(bot_url).json(activity);
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        req.send().await.map(|r| r.status().as_u16()).unwrap_or(0)
    }
}

async fn stray(State(f): State<FakeConnector>, method: axum::http::Method, uri: Uri) -> Response {
    f.lock().strays.push(format!("{method} {uri}"));
    StatusCode::NOT_FOUND.into_response()
}

async fn metadata(State(f): State<FakeConnector>) -> Response {
    f.lock().metadata_fetches += 1;
    f.wait_unless_hung(Endpoint::Metadata).await;
    axum::Json(json!({
        "issuer": crate::ISSUER,
        "authorization_endpoint": "https://invalid.example/",
        "jwks_uri": format!("{}/v1/keys", f.base()),
        "id_token_signing_alg_values_supported": ["RS256"],
        "token_endpoint_auth_methods_supported": ["private_key_jwt"],
    }))
    .into_response()
}

async fn keys(State(f): State<FakeConnector>) -> Response {
    let endorsements = {
        let mut g = f.lock();
        g.key_fetches += 1;
        g.endorsements.clone()
    };
    f.wait_unless_hung(Endpoint::Keys).await;
    let mut key = json!({
        "kty": "RSA", "use": "sig", "kid": KEY_ID, "alg": "RS256",
        "n": TEST_KEY_N.trim(), "e": "AQAB",
    });
    if let Some(e) = endorsements {
        key["endorsements"] = json!(e);
    }
    axum::Json(json!({"keys": [key]})).into_response()
}

async fn token(State(f): State<FakeConnector>, body: String) -> Response {
    f.wait_unless_hung(Endpoint::Token).await;
    let ok = body.contains("grant_type=client_credentials")
        && body.contains(&format!("client_id={APP_ID}"))
        && body.contains(&format!("client_secret={APP_PASSWORD}"));
    if !ok {
        return (StatusCode::UNAUTHORIZED, axum::Json(json!({"error": "invalid_client"}))).into_response();
    }
    let n = {
        let mut g = f.lock();
        g.tokens_issued += 1;
        g.tokens_issued
    };
    axum::Json(json!({"token_type": "Bearer", "expires_in": 3600, "ext_expires_in": 3600, "access_token": format!("fake-access-{n}")}))
        .into_response()
}

async fn post_activity(
    f: FakeConnector,
    conversation: String,
    path: String,
    headers: HeaderMap,
    activity: Value,
) -> Response {
    f.wait_unless_hung(Endpoint::Activities).await;
    let authorization = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let authorized = authorization
        .as_deref()
        .is_some_and(|a| a.starts_with("Bearer fake-access-"));
    let actions = card_actions(&activity);
    if authorized && actions > MAX_CARD_ACTIONS {
        // Refused before faults and limits: nothing was delivered.
        let body = json!({"error": {
            "code": "BadArgument",
            "message": format!(
                "The Adaptive Card has {actions} actions; at most {MAX_CARD_ACTIONS} are allowed (TooManyActions)"
            ),
        }});
        f.lock().posted.push(Posted {
            conversation,
            path,
            activity,
            authorization,
            status: 400,
        });
        return (StatusCode::BAD_REQUEST, axum::Json(body)).into_response();
    }
    if authorized && let Some(problem) = bad_attachment(&activity) {
        // The connector refuses an attachment it cannot deliver.
        let body = json!({"error": {"code": "BadArgument", "message": problem}});
        f.lock().posted.push(Posted {
            conversation,
            path,
            activity,
            authorization,
            status: 400,
        });
        return (StatusCode::BAD_REQUEST, axum::Json(body)).into_response();
    }
    let injected = f.lock().faults.pop_front();
    if injected == Some(Fault::Reset) {
        f.lock().posted.push(Posted {
            conversation,
            path,
            activity,
            authorization,
            status: 0,
        });
        return Response::new(axum::body::Body::new(Cut));
    }
    if authorized && f.lock().blocked.contains(&conversation) {
        let body = json!({"error": {
            "code": "ConversationBlockedByUser",
            "message": "User blocked the conversation with the bot.",
        }});
        f.lock().posted.push(Posted {
            conversation,
            path,
            activity,
            authorization,
            status: 403,
        });
        return (StatusCode::FORBIDDEN, axum::Json(body)).into_response();
    }
    // A slow answer: the activity is delivered at once, the answer held back.
    let late = match injected {
        Some(Fault::Slow(d)) => Some(d),
        _ => None,
    };
    let injected = injected.filter(|f| !matches!(f, Fault::Slow(_)));
    let fault = injected.or_else(|| {
        let mut g = f.lock();
        if !g.enforce_limits {
            return None;
        }
        let now = std::time::Instant::now();
        let q = g.recent.entry(conversation.clone()).or_default();
        while q.front().is_some_and(|t| now.duration_since(*t).as_millis() >= 1000) {
            q.pop_front();
        }
        if q.len() >= PER_CONVERSATION_PER_SEC {
            Some(Fault::TooManyRequests(1))
        } else {
            q.push_back(now);
            None
        }
    });
    let (status, response) = if !authorized {
        (401, StatusCode::UNAUTHORIZED.into_response())
    } else {
        match fault {
            Some(Fault::TooManyRequests(s)) => (
                429,
                (StatusCode::TOO_MANY_REQUESTS, [("retry-after", s.to_string())], "").into_response(),
            ),
            Some(Fault::PreconditionFailed) => (412, StatusCode::PRECONDITION_FAILED.into_response()),
            Some(Fault::ServerError(c)) => (
                c,
                StatusCode::from_u16(c)
                    .unwrap_or(StatusCode::BAD_GATEWAY)
                    .into_response(),
            ),
            Some(Fault::Slow(_) | Fault::Reset) | None => {
                let id = {
                    let mut g = f.lock();
                    g.next_id += 1;
                    g.next_id
                };
                (200, axum::Json(json!({"id": format!("activity-{id}")})).into_response())
            }
        }
    };
    f.lock().posted.push(Posted {
        conversation,
        path,
        activity,
        authorization,
        status,
    });
    if let Some(d) = late {
        tokio::time::sleep(d).await;
    }
    response
}

async fn activities(
    State(f): State<FakeConnector>,
    Path(conversation): Path<String>,
    uri: Uri,
    headers: HeaderMap,
    axum::Json(activity): axum::Json<Value>,
) -> Response {
    post_activity(f, conversation, uri.to_string(), headers, activity).await
}

async fn reply(
    State(f): State<FakeConnector>,
    Path((conversation, _reply_to)): Path<(String, String)>,
    uri: Uri,
    headers: HeaderMap,
    axum::Json(activity): axum::Json<Value>,
) -> Response {
    post_activity(f, conversation, uri.to_string(), headers, activity).await
}
