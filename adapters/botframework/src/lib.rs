//! mentorbot over the Bot Framework Activity protocol (Microsoft Teams and
//! other Bot Framework channels).
//!
//! Inbound: `POST /api/messages` with an Activity and a bearer JWT. The
//! token is fully validated before anything is read: RS256 signature
//! against the JWKS named by the OpenID metadata (a configurable URL),
//! issuer, audience (the app id), expiry with 5 minutes of clock skew, and
//! the `serviceurl` claim, which must equal the activity's `serviceUrl`.
//! `message` (text, or an Adaptive Card submit's `value`), `invoke`
//! (Adaptive Card actions) and `conversationUpdate` (a member added is
//! greeted) become [`Inbound`]s.
//!
//! Outbound: `POST {serviceUrl}v3/conversations/{id}/activities` with a
//! client-credentials token, cached until it expires. Only configured
//! serviceUrl hosts are ever called. Buttons are the actions of an
//! Adaptive Card 1.4, shown once: the text does not repeat them.

mod auth;
#[cfg(feature = "fake")]
pub mod fake;

pub use auth::*;

use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use bot_core::adapter::{Adapter, BoxFuture, Capabilities, Handler, Inbound, InboundKind, Recipient, SendError, Sent};
use bot_core::message::{File, Rendered};
use jsonwebtoken::{Algorithm, DecodingKey, Validation, decode, decode_header};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::Mutex;

pub const PLATFORM: &str = "botframework";
/// The issuer of the Bot Framework's tokens.
pub const ISSUER: &str = "https://api.botframework.com";
/// Clock skew accepted on `exp` and `nbf`.
pub const LEEWAY_SECS: u64 = 300;

/// What Bot Framework clients (Teams) can show: cards with at most 6
/// actions, long texts.
pub const CAPABILITIES: Capabilities = Capabilities {
    buttons: true,
    max_text_len: 28_000,
    max_buttons: 6,
};

/// How this bot is known to the Bot Framework and where it checks tokens.
/// Its Debug output shows the app password as `***`.
#[derive(Clone, Serialize, Deserialize)]
pub struct Config {
    pub app_id: String,
    pub app_password: String,
    /// OpenID metadata (`https://login.botframework.com/v1/.well-known/openidconfiguration`).
    pub openid_metadata_url: String,
    /// The client-credentials token endpoint.
    pub token_url: String,
    /// The scope asked for in the token (`https://api.botframework.com/.default`).
    pub token_scope: String,
    /// Hosts of serviceUrls the bot may call (e.g. `smba.trafficmanager.net`).
    pub service_hosts: Vec<String>,
    /// Hosts (`host:port`) that may be called over plain http: test fakes
    /// on 127.0.0.1. Every other serviceUrl must be https.
    #[serde(default)]
    pub insecure_test_hosts: Vec<String>,
    /// How long any outbound HTTP call may take (a connector send, the
    /// token, the OpenID metadata, the signing keys), in milliseconds.
    #[serde(default = "default_timeout_ms")]
    pub http_timeout_ms: u64,
}

pub const DEFAULT_TIMEOUT_MS: u64 = 10_000;

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("app_id", &self.app_id)
            .field("app_password", &"***")
            .field("openid_metadata_url", &self.openid_metadata_url)
            .field("token_url", &self.token_url)
            .field("token_scope", &self.token_scope)
            .field("service_hosts", &self.service_hosts)
            .field("insecure_test_hosts", &self.insecure_test_hosts)
            .field("http_timeout_ms", &self.http_timeout_ms)
            .finish()
    }
}

fn default_timeout_ms() -> u64 {
    DEFAULT_TIMEOUT_MS
}

impl Config {
    fn timeout(&self) -> Duration {
        Duration::from_millis(self.http_timeout_ms.max(1))
    }
}

/// An attacker-chosen value as it may appear in a log line or an error:
/// escaped (no newlines or control characters) and cut to 64 characters.
pub fn shown(value: &str) -> String {
    shown_up_to(value, 64)
}

fn shown_up_to(value: &str, max: usize) -> String {
    let cut: String = value.chars().take(max).collect();
    let more = value.chars().count() > max;
    format!("{cut:?}{}", if more { "…" } else { "" })
}

/// A Bot Framework activity: the fields mentorbot reads and writes.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Activity {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Account>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient: Option<Account>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conversation: Option<Conversation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members_added: Vec<Account>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_format: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conversation {
    pub id: String,
}

/// Where to answer: the serviceUrl and the conversation, in one string.
pub fn address(service_url: &str, conversation: &str) -> String {
    format!("{service_url}#{conversation}")
}

fn split_address(a: &str) -> Option<(&str, &str)> {
    a.rsplit_once('#')
}

/// The payload an Adaptive Card button submits.
fn submitted(value: &Value) -> Option<String> {
    value
        .get("payload")
        .or_else(|| value.pointer("/action/data/payload"))
        .and_then(Value::as_str)
        .map(str::to_string)
}

/// Reads a request body as an activity; `None` for a body that is not one.
pub fn parse_activity(body: &[u8]) -> Option<Activity> {
    serde_json::from_slice(body).ok()
}

/// The updates an activity carries (a conversationUpdate may add several
/// members); empty for kinds the bot ignores.
pub fn to_inbound(a: &Activity) -> Vec<Inbound> {
    let (Some(service), Some(conv), Some(id)) = (&a.service_url, &a.conversation, &a.id) else {
        return vec![];
    };
    let addr = address(service, &conv.id);
    // Activity ids are unique within a conversation only: the key names both.
    let id = &format!("{}|{id}", conv.id);
    let lang = a.locale.as_ref().map(|l| l.split('-').next().unwrap_or(l).to_string());
    let make = |user: &Account, key: String, kind: InboundKind| Inbound {
        platform: PLATFORM.into(),
        update_key: key,
        user_id: user.id.clone(),
        address: addr.clone(),
        lang_hint: lang.clone(),
        contact: None,
        kind,
    };
    match a.kind.as_str() {
        "message" => {
            let Some(from) = &a.from else { return vec![] };
            if let Some(p) = a.value.as_ref().and_then(submitted) {
                return vec![make(from, id.clone(), InboundKind::Button(p))];
            }
            match &a.text {
                Some(t) if !t.trim().is_empty() => {
                    vec![make(from, id.clone(), InboundKind::Text(t.trim().to_string()))]
                }
                _ => vec![],
            }
        }
        "invoke" => {
            let Some(from) = &a.from else { return vec![] };
            match a.value.as_ref().and_then(submitted) {
                Some(p) => vec![make(from, id.clone(), InboundKind::Button(p))],
                None => vec![],
            }
        }
        "conversationUpdate" => {
            let bot = a.recipient.as_ref().map(|r| r.id.as_str());
            a.members_added
                .iter()
                .filter(|m| Some(m.id.as_str()) != bot)
                .map(|m| make(m, format!("{id}:{}", m.id), InboundKind::Text("/start".into())))
                .collect()
        }
        _ => vec![],
    }
}

/// The activity that carries a rendered message: the text and, with
/// buttons, an Adaptive Card 1.4 whose actions submit `{"payload": …}`.
/// The choices appear once, as the card's actions (Teams shows at most 6;
/// see [`CAPABILITIES`]).
pub fn to_activity(msg: &Rendered) -> Activity {
    let actions: Vec<Value> = msg
        .buttons
        .iter()
        .flatten()
        .map(|b| json!({"type": "Action.Submit", "title": b.label, "data": {"payload": b.payload}}))
        .collect();
    let mut attachments = vec![];
    if !actions.is_empty() {
        attachments.push(json!({
            "contentType": "application/vnd.microsoft.card.adaptive",
            "content": {
                "type": "AdaptiveCard",
                "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
                "version": "1.4",
                // The text travels in the activity; the card holds the choices.
                "body": [],
                "actions": actions,
            }
        }));
    }
    Activity {
        kind: "message".into(),
        text: Some(msg.text.clone()),
        text_format: Some("plain".into()),
        attachments,
        ..Default::default()
    }
}

/// The activity that carries a file: an attachment with its name and the
/// content as a `data:` URI (Bot Framework takes `contentUrl` as a URL or
/// a data URI).
pub fn file_activity(file: &File) -> Activity {
    use base64::Engine;
    let data = base64::engine::general_purpose::STANDARD.encode(&file.bytes);
    Activity {
        kind: "message".into(),
        attachments: vec![json!({
            "contentType": file.mime,
            "contentUrl": format!("data:{};base64,{data}", file.mime),
            "name": file.name,
        })],
        ..Default::default()
    }
}

/// `POST /api/messages`: 401 for any token problem (nothing is read or
/// stored), 400 for what is not an activity, 200 otherwise.
pub fn router(auth: Arc<Auth>, handler: Handler) -> axum::Router {
    let handle = move |headers: HeaderMap, body: axum::body::Bytes| {
        let auth = auth.clone();
        let handler = handler.clone();
        async move {
            // The serviceUrl is needed for the claim check; nothing else is
            // looked at before the token is valid.
            let peek = serde_json::from_slice::<Value>(&body).ok();
            let field = |name: &str| {
                peek.as_ref()
                    .and_then(|v| v.get(name).and_then(Value::as_str).map(str::to_string))
            };
            let (service_url, channel_id) = (field("serviceUrl"), field("channelId"));
            if let Err(e) = auth
                .check(&headers, service_url.as_deref(), channel_id.as_deref())
                .await
            {
                // Errors can quote the token's header: escaped and cut.
                tracing::info!("refused an activity: {}", shown_up_to(&e.to_string(), 200));
                // Keys that cannot be fetched are the bot's problem: 503, so
                // the channel tries again.
                return match e {
                    AuthError::Keys(_) => StatusCode::SERVICE_UNAVAILABLE.into_response(),
                    _ => StatusCode::UNAUTHORIZED.into_response(),
                };
            }
            let Some(activity) = parse_activity(&body) else {
                return StatusCode::BAD_REQUEST.into_response();
            };
            for inbound in to_inbound(&activity) {
                if !handler(inbound).await {
                    return StatusCode::INTERNAL_SERVER_ERROR.into_response();
                }
            }
            if activity.kind == "invoke" {
                // Adaptive Card actions expect an invoke response.
                return (
                    StatusCode::OK,
                    axum::Json(
                        json!({"statusCode": 200, "type": "application/vnd.microsoft.activity.message", "value": ""}),
                    ),
                )
                    .into_response();
            }
            StatusCode::OK.into_response()
        }
    };
    axum::Router::new().route("/api/messages", axum::routing::post(handle))
}

/// The outbound side: the connector's v3 API with a cached token.
/// Sends to one conversation are paced to Teams' limit
/// ([`PER_CONVERSATION_PER_SEC`] a second), as the Telegram adapter paces
/// per chat.
pub struct Connector {
    cfg: Config,
    http: reqwest::Client,
    token: Mutex<Option<(String, Instant)>>,
    pace: std::sync::Mutex<std::collections::HashMap<String, Arc<Mutex<std::collections::VecDeque<Instant>>>>>,
}

/// Teams accepts 7 messages a second in one conversation.
pub const PER_CONVERSATION_PER_SEC: usize = 7;

/// How long to wait before the next send to a conversation, given when the
/// last sends to it were answered (oldest first): none while fewer than
/// [`PER_CONVERSATION_PER_SEC`] were answered within the last second. Pure.
pub fn pace_wait(answered: &std::collections::VecDeque<Instant>, now: Instant) -> Duration {
    let window = Duration::from_secs(1);
    let recent: Vec<&Instant> = answered
        .iter()
        .filter(|t| now.saturating_duration_since(**t) < window)
        .collect();
    if recent.len() < PER_CONVERSATION_PER_SEC {
        return Duration::ZERO;
    }
    // The oldest of the last seven leaves the window then.
    let oldest = recent[recent.len() - PER_CONVERSATION_PER_SEC];
    (*oldest + window).saturating_duration_since(now)
}

/// The connector's path for a conversation's activities: the conversation
/// id is percent-encoded, so it cannot name another path.
pub fn activities_path(conversation: &str) -> Option<String> {
    use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
    // `.` and `..` would still be read as path segments once decoded.
    if conversation.is_empty() || conversation.chars().all(|c| c == '.') {
        return None;
    }
    // JavaScript's encodeURIComponent, as the Bot Framework SDKs use it.
    const COMPONENT: &percent_encoding::AsciiSet = &NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'_')
        .remove(b'.')
        .remove(b'!')
        .remove(b'~')
        .remove(b'*')
        .remove(b'\'')
        .remove(b'(')
        .remove(b')');
    Some(format!(
        "v3/conversations/{}/activities",
        utf8_percent_encode(conversation, COMPONENT)
    ))
}

#[derive(Deserialize)]
struct TokenResponse {
    access_token: String,
    #[serde(default)]
    expires_in: Option<u64>,
}

impl Connector {
    pub fn new(cfg: Config, http: reqwest::Client) -> Connector {
        Connector {
            cfg,
            http,
            token: Mutex::new(None),
            pace: std::sync::Mutex::new(std::collections::HashMap::new()),
        }
    }

    /// A client-credentials token, reused until a minute before it expires.
    async fn token(&self) -> Result<String, SendError> {
        let mut cache = self.token.lock().await;
        if let Some((t, until)) = cache.as_ref()
            && Instant::now() < *until
        {
            return Ok(t.clone());
        }
        let form = [
            ("grant_type", "client_credentials"),
            ("client_id", self.cfg.app_id.as_str()),
            ("client_secret", self.cfg.app_password.as_str()),
            ("scope", self.cfg.token_scope.as_str()),
        ];
        let r = self
            .http
            .post(&self.cfg.token_url)
            .timeout(self.cfg.timeout())
            .form(&form)
            .send()
            .await
            .map_err(|e| SendError::Transient(format!("token endpoint: {e}")))?;
        if !r.status().is_success() {
            let s = r.status();
            return Err(if s.is_server_error() {
                SendError::Transient(format!("token endpoint answered {s}"))
            } else {
                SendError::Permanent(format!("token endpoint answered {s}: check the app id and password"))
            });
        }
        let t: TokenResponse = r
            .json()
            .await
            .map_err(|e| SendError::Transient(format!("token endpoint: {e}")))?;
        let life = Duration::from_secs(t.expires_in.unwrap_or(3600).saturating_sub(60));
        *cache = Some((t.access_token.clone(), Instant::now() + life));
        Ok(t.access_token)
    }

    /// A configured host, over https (or plain http for a configured test
    /// host).
    fn allowed(&self, service_url: &str) -> bool {
        let Ok(u) = url::Url::parse(service_url) else {
            return false;
        };
        let Some(host) = u.host_str().map(|h| match u.port() {
            Some(p) => format!("{h}:{p}"),
            None => h.to_string(),
        }) else {
            return false;
        };
        let listed = |hosts: &[String]| hosts.iter().any(|a| a == &host);
        let scheme_ok = match u.scheme() {
            "https" => true,
            "http" => listed(&self.cfg.insecure_test_hosts),
            _ => false,
        };
        scheme_ok && listed(&self.cfg.service_hosts)
    }

    fn pacer(&self, conversation: &str) -> Arc<Mutex<std::collections::VecDeque<Instant>>> {
        let mut all = self.pace.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if all.len() > 10_000 {
            // Forget conversations that have been quiet for a second.
            let now = Instant::now();
            all.retain(|_, q| {
                q.try_lock().map_or(true, |q| {
                    q.back()
                        .is_some_and(|t| now.saturating_duration_since(*t) < Duration::from_secs(1))
                })
            });
        }
        all.entry(conversation.to_string()).or_default().clone()
    }

    async fn post(
        &self,
        url: &str,
        token: &str,
        activity: &Activity,
        conversation: &str,
    ) -> Result<reqwest::Response, SendError> {
        let pacer = self.pacer(conversation);
        let mut answered = pacer.lock().await;
        let wait = pace_wait(&answered, Instant::now());
        if !wait.is_zero() {
            tokio::time::sleep(wait).await;
        }
        let r = self
            .http
            .post(url)
            .timeout(self.cfg.timeout())
            .bearer_auth(token)
            .json(activity)
            .send()
            .await
            .map_err(|e| SendError::Transient(e.to_string()));
        let now = Instant::now();
        answered.push_back(now);
        while answered.len() > PER_CONVERSATION_PER_SEC {
            answered.pop_front();
        }
        r
    }
}

impl Adapter for Connector {
    fn platform(&self) -> &str {
        PLATFORM
    }

    fn capabilities(&self) -> Capabilities {
        crate::CAPABILITIES
    }

    fn send<'a>(&'a self, to: &'a Recipient, msg: &'a Rendered) -> BoxFuture<'a, Result<Sent, SendError>> {
        Box::pin(self.post_activity(to, to_activity(msg)))
    }

    /// A file as an attachment whose `contentUrl` is a data: URI.
    fn send_file<'a>(&'a self, to: &'a Recipient, file: &'a File) -> BoxFuture<'a, Result<Sent, SendError>> {
        Box::pin(self.post_activity(to, file_activity(file)))
    }
}

impl Connector {
    /// Posts an activity to the conversation at `to`.
    async fn post_activity(&self, to: &Recipient, mut activity: Activity) -> Result<Sent, SendError> {
        {
            let (service, conversation) = split_address(&to.address)
                .ok_or_else(|| SendError::Permanent(format!("not a Bot Framework address: {}", shown(&to.address))))?;
            if !self.allowed(service) {
                return Err(SendError::Permanent(format!(
                    "{} is not a configured https serviceUrl host",
                    shown(service)
                )));
            }
            let path = activities_path(conversation)
                .ok_or_else(|| SendError::Permanent(format!("not a conversation id: {}", shown(conversation))))?;
            let token = self.token().await?;
            let base = if service.ends_with('/') {
                service.to_string()
            } else {
                format!("{service}/")
            };
            let url = format!("{base}{path}");
            activity.conversation = Some(Conversation {
                id: conversation.to_string(),
            });
            let r = self.post(&url, &token, &activity, conversation).await?;
            let status = r.status();
            if status.is_success() {
                let id = r
                    .json::<Value>()
                    .await
                    .ok()
                    .and_then(|v| v["id"].as_str().map(str::to_string));
                return Ok(Sent {
                    platform_message_id: id,
                });
            }
            Err(match status.as_u16() {
                429 => {
                    let secs = r
                        .headers()
                        .get("retry-after")
                        .and_then(|v| v.to_str().ok())
                        .and_then(|v| v.parse::<i64>().ok())
                        .unwrap_or(1);
                    SendError::RetryAfter(chrono::Duration::seconds(secs))
                }
                401 => {
                    *self.token.lock().await = None;
                    SendError::Transient("the connector refused the token; it is renewed".into())
                }
                // Teams answers 412 now and then and asks for a retry with
                // backoff.
                412 => SendError::Transient("the connector answered 412 Precondition Failed".into()),
                403 | 404 => SendError::Blocked,
                s if s >= 500 => SendError::Transient(format!("the connector answered {status}")),
                _ => SendError::Permanent(format!("the connector answered {status}")),
            })
        }
    }
}
