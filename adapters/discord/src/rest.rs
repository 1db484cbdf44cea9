//! Discord's REST API as mentorbot uses it: open a DM channel, send a
//! message (with buttons, or a file), answer an interaction, follow one
//! up, overwrite the application commands.
//!
//! Rate limits are ours to honour (serenity's own limiter is not used):
//! every route's bucket is read from the `X-RateLimit-*` headers and a
//! request waits (briefly) for an empty bucket to refill; a 429 gives its
//! `retry_after` back to the outbox, and a global one holds every request;
//! requests are paced to stay under 50 a second overall.

use crate::components::{self, Unfit};
use crate::{Config, PLATFORM};
use bot_core::adapter::{Adapter, BoxFuture, Capabilities, Recipient, SendError, Sent};
use bot_core::message::{File, Rendered};
use reqwest::{Method, StatusCode};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Requests a second, all routes together (Discord allows 50).
pub const MAX_PER_SECOND: u32 = 45;
/// Longest wait for an empty bucket before the outbox is asked to retry.
pub const MAX_WAIT: Duration = Duration::from_secs(2);
/// Discord's "Cannot send messages to this user".
pub const CANNOT_MESSAGE_USER: i64 = 50007;

#[derive(Debug, Default)]
struct Limits {
    /// When the next request may start (pacing).
    next_slot: Option<Instant>,
    /// A global 429 holds everything until then.
    global_until: Option<Instant>,
    /// Route → the bucket Discord named for it.
    bucket_of: HashMap<String, String>,
    /// Bucket (or route, before Discord named one) → (remaining, reset).
    buckets: HashMap<String, (u32, Instant)>,
}

/// A failed REST call.
#[derive(Debug, Clone, PartialEq)]
pub enum RestError {
    /// 429, or a bucket empty for longer than [`MAX_WAIT`].
    RateLimited { retry_after: Duration, global: bool },
    /// Discord's JSON error, with the HTTP status.
    Api { status: u16, code: i64, message: String },
    /// 5xx, a timeout, the network.
    Transient(String),
}

impl From<RestError> for SendError {
    fn from(e: RestError) -> SendError {
        match e {
            RestError::RateLimited { retry_after, .. } => {
                SendError::RetryAfter(chrono::Duration::milliseconds(retry_after.as_millis() as i64))
            }
            RestError::Api {
                code: CANNOT_MESSAGE_USER,
                ..
            } => SendError::Blocked,
            RestError::Api { status, code, message } if status >= 500 => {
                SendError::Transient(format!("{status} {code} {message}"))
            }
            RestError::Api { status, code, message } => SendError::Permanent(format!("{status} {code} {message}")),
            RestError::Transient(e) => SendError::Transient(e),
        }
    }
}

/// A body: JSON, or a file with its JSON payload (multipart).
pub enum Body {
    None,
    Json(Value),
    File(Value, File),
}

/// The REST client.
pub struct Rest {
    http: reqwest::Client,
    base: String,
    token: String,
    pub application_id: String,
    limits: Mutex<Limits>,
}

impl Rest {
    pub fn new(cfg: &Config) -> Rest {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_millis(cfg.http_timeout_ms.max(1)))
            .build()
            .unwrap_or_default();
        Rest {
            http,
            base: cfg.api_url.trim_end_matches('/').to_string(),
            token: cfg.token.clone(),
            application_id: cfg.application_id.clone(),
            limits: Mutex::new(Limits::default()),
        }
    }

    /// The rate-limit key of a path: the route with its ids replaced,
    /// except the major parameter (a channel, a guild, a webhook), which
    /// Discord limits separately.
    fn route(method: &Method, path: &str) -> String {
        if path.starts_with("/interactions/") {
            // Each interaction is answered once: its id and token are not
            // a bucket of their own.
            return format!("{method} /interactions/{{id}}/{{token}}/callback");
        }
        let mut out = vec![];
        let mut prev = "";
        for seg in path.split('/').filter(|s| !s.is_empty()) {
            let major = matches!(prev, "channels" | "guilds" | "webhooks");
            let id = seg.bytes().all(|b| b.is_ascii_digit());
            out.push(if id && !major { "{id}" } else { seg });
            prev = seg;
        }
        format!("{method} /{}", out.join("/"))
    }

    /// Waits for a slot (pacing, a global hold, the route's bucket), or says
    /// how long the outbox should wait instead.
    async fn wait_turn(&self, route: &str) -> Result<(), RestError> {
        let wait = {
            let mut l = self.limits.lock().expect("lock");
            let now = Instant::now();
            let mut start = now.max(l.next_slot.unwrap_or(now));
            let mut global = false;
            if let Some(g) = l.global_until.filter(|g| *g > start) {
                start = g;
                global = true;
            }
            let key = l.bucket_of.get(route).cloned().unwrap_or_else(|| route.to_string());
            if let Some((remaining, reset)) = l.buckets.get_mut(&key) {
                if *remaining == 0 && *reset > start {
                    start = *reset;
                } else if *remaining > 0 {
                    *remaining -= 1;
                }
            }
            let wait = start - now;
            if wait > MAX_WAIT {
                return Err(RestError::RateLimited {
                    retry_after: wait,
                    global,
                });
            }
            l.next_slot = Some(start + Duration::from_secs(1) / MAX_PER_SECOND);
            wait
        };
        if !wait.is_zero() {
            tokio::time::sleep(wait).await;
        }
        Ok(())
    }

    fn learn(&self, route: &str, headers: &reqwest::header::HeaderMap) {
        let h = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
        let (Some(remaining), Some(after)) = (
            h("x-ratelimit-remaining").and_then(|v| v.parse::<u32>().ok()),
            h("x-ratelimit-reset-after").and_then(|v| v.parse::<f64>().ok()),
        ) else {
            return;
        };
        let reset = Instant::now() + Duration::from_secs_f64(after.clamp(0.0, 3600.0));
        let mut l = self.limits.lock().expect("lock");
        let key = match h("x-ratelimit-bucket") {
            Some(b) => {
                l.bucket_of.insert(route.to_string(), b.clone());
                b
            }
            None => route.to_string(),
        };
        l.buckets.insert(key, (remaining, reset));
    }

    /// One call. `auth` is false for interaction callbacks and webhooks
    /// (their token is in the path).
    pub async fn call(&self, method: Method, path: &str, body: Body, auth: bool) -> Result<Value, RestError> {
        let route = Rest::route(&method, path);
        self.wait_turn(&route).await?;
        let mut req = self.http.request(method, format!("{}{path}", self.base));
        if auth {
            req = req.header("Authorization", format!("Bot {}", self.token));
        }
        req = req.header("User-Agent", "DiscordBot (https://example.invalid/mentorbot, 0.1)");
        req = match body {
            Body::None => req,
            Body::Json(v) => req.json(&v),
            Body::File(payload, file) => {
                let part = reqwest::multipart::Part::bytes(file.bytes.clone())
                    .file_name(file.name.clone())
                    .mime_str(&file.mime)
                    .map_err(|e| RestError::Transient(e.to_string()))?;
                let form = reqwest::multipart::Form::new()
                    .text("payload_json", payload.to_string())
                    .part("files[0]", part);
                req.multipart(form)
            }
        };
        let resp = req.send().await.map_err(|e| RestError::Transient(e.to_string()))?;
        let status = resp.status();
        self.learn(&route, resp.headers());
        let global_header = resp
            .headers()
            .get("x-ratelimit-global")
            .is_some_and(|v| v.as_bytes() == b"true");
        let text = resp.text().await.map_err(|e| RestError::Transient(e.to_string()))?;
        let json: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
        if status == StatusCode::TOO_MANY_REQUESTS {
            let secs = json["retry_after"].as_f64().unwrap_or(1.0).clamp(0.0, 3600.0);
            let retry_after = Duration::from_secs_f64(secs);
            let global = global_header || json["global"].as_bool() == Some(true);
            if global {
                self.limits.lock().expect("lock").global_until = Some(Instant::now() + retry_after);
            }
            return Err(RestError::RateLimited { retry_after, global });
        }
        if status.is_success() {
            return Ok(json);
        }
        if status.is_server_error() {
            return Err(RestError::Transient(format!("{status}")));
        }
        Err(RestError::Api {
            status: status.as_u16(),
            code: json["code"].as_i64().unwrap_or(0),
            message: json["message"].as_str().unwrap_or("").chars().take(200).collect(),
        })
    }

    /// `POST /users/@me/channels`: the DM channel with a user.
    pub async fn open_dm(&self, user: &str) -> Result<String, RestError> {
        let v = self
            .call(
                Method::POST,
                "/users/@me/channels",
                Body::Json(serde_json::json!({ "recipient_id": user })),
                true,
            )
            .await?;
        v["id"].as_str().map(str::to_string).ok_or(RestError::Api {
            status: 200,
            code: 0,
            message: "no channel id".into(),
        })
    }

    /// `POST /interactions/{id}/{token}/callback`.
    pub async fn callback(&self, id: &str, token: &str, response: Value) -> Result<(), RestError> {
        let path = format!("/interactions/{id}/{token}/callback");
        self.call(Method::POST, &path, Body::Json(response), false)
            .await
            .map(drop)
    }

    /// `POST /webhooks/{application}/{token}`: a follow-up to an interaction.
    pub async fn followup(&self, token: &str, body: Value) -> Result<(), RestError> {
        let path = format!("/webhooks/{}/{token}", self.application_id);
        self.call(Method::POST, &path, Body::Json(body), false).await.map(drop)
    }
}

/// The Discord adapter: DMs over REST.
pub struct Discord {
    pub rest: std::sync::Arc<Rest>,
    /// User → DM channel, opened once.
    dms: Mutex<HashMap<String, String>>,
    /// User → the label of their "Write…" button, in the language their
    /// Discord speaks (learned from their interactions).
    labels: std::sync::Arc<crate::endpoint::Labels>,
}

impl Discord {
    pub fn new(rest: std::sync::Arc<Rest>, labels: std::sync::Arc<crate::endpoint::Labels>) -> Discord {
        Discord {
            rest,
            dms: Mutex::new(HashMap::new()),
            labels,
        }
    }

    async fn channel(&self, user: &str) -> Result<String, SendError> {
        if let Some(c) = self.dms.lock().expect("lock").get(user) {
            return Ok(c.clone());
        }
        let c = self.rest.open_dm(user).await?;
        self.dms.lock().expect("lock").insert(user.to_string(), c.clone());
        Ok(c)
    }

    async fn post(&self, to: &Recipient, body: Body) -> Result<Sent, SendError> {
        let channel = self.channel(&to.address).await?;
        let v = self
            .rest
            .call(Method::POST, &format!("/channels/{channel}/messages"), body, true)
            .await?;
        Ok(Sent {
            platform_message_id: v["id"].as_str().map(str::to_string),
        })
    }
}

fn unfit(e: Unfit) -> SendError {
    SendError::Permanent(e.to_string())
}

impl Adapter for Discord {
    fn platform(&self) -> &str {
        PLATFORM
    }

    fn capabilities(&self) -> Capabilities {
        crate::CAPABILITIES
    }

    fn send<'a>(&'a self, to: &'a Recipient, msg: &'a Rendered) -> BoxFuture<'a, Result<Sent, SendError>> {
        Box::pin(async move {
            // The core's role-specific write button replaces the generic one.
            let has_own = msg.buttons.iter().flatten().any(|b| crate::writes_to_pair(&b.payload));
            let label = (!has_own).then(|| self.labels.write_label(&to.address));
            let body = components::message_body(msg, label.as_deref()).map_err(unfit)?;
            self.post(to, Body::Json(body)).await
        })
    }

    fn send_file<'a>(&'a self, to: &'a Recipient, file: &'a File) -> BoxFuture<'a, Result<Sent, SendError>> {
        Box::pin(async move {
            let payload = serde_json::json!({
                "attachments": [{ "id": 0, "filename": file.name }],
                "allowed_mentions": { "parse": [] },
            });
            self.post(to, Body::File(payload, file.clone())).await
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_keep_their_major_parameter_only() {
        assert_eq!(
            Rest::route(&Method::POST, "/channels/123/messages"),
            "POST /channels/123/messages"
        );
        assert_eq!(
            Rest::route(&Method::POST, "/users/@me/channels"),
            "POST /users/@me/channels"
        );
        assert_eq!(
            Rest::route(&Method::POST, "/interactions/55/tok/callback"),
            "POST /interactions/{id}/{token}/callback"
        );
    }

    #[test]
    fn error_50007_is_blocked_and_5xx_transient() {
        let e = |status, code| RestError::Api {
            status,
            code,
            message: String::new(),
        };
        assert_eq!(SendError::from(e(403, 50007)), SendError::Blocked);
        assert!(matches!(SendError::from(e(400, 50035)), SendError::Permanent(_)));
        assert!(matches!(SendError::from(e(502, 0)), SendError::Transient(_)));
        assert!(matches!(
            SendError::from(RestError::RateLimited {
                retry_after: Duration::from_millis(1500),
                global: true
            }),
            SendError::RetryAfter(d) if d == chrono::Duration::milliseconds(1500)
        ));
    }
}
