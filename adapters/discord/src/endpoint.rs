//! The interactions endpoint: `POST /interactions`, where Discord sends
//! slash commands, button presses and modal submissions.
//!
//! Nothing is read before the request is proven to be Discord's: the
//! Ed25519 signature over timestamp + body (serenity's `Verifier`) and a
//! timestamp within [`MAX_AGE_SECS`] of now, so a captured request cannot
//! be replayed later. Either failing is 401 and nothing is handled.

use crate::components::{self, WRITE_INPUT};
use crate::rest::Rest;
use crate::{MAX_AGE_SECS, PLATFORM, WRITE, lang_hint, shown};
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use bot_core::Lang;
use bot_core::adapter::{BoxFuture, Handler, Inbound, InboundKind};
use bot_core::i18n::Catalog;
use bot_core::message::Msg;
use bot_core::payload::Tagged;
use serde::Deserialize;
use serde_json::Value;
use serenity::interactions_endpoint::Verifier;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How long the endpoint waits for the engine before it defers: Discord
/// wants an answer within 3 seconds.
pub const ANSWER_WITHIN: Duration = Duration::from_millis(2500);

/// The sentences the endpoint itself says, in the language each person's
/// Discord speaks (learned from their interactions' `locale`).
pub struct Labels {
    catalog: &'static Catalog,
    langs: Mutex<HashMap<String, Lang>>,
}

const MAX_REMEMBERED: usize = 100_000;

impl Labels {
    pub fn new(catalog: &'static Catalog) -> Labels {
        Labels {
            catalog,
            langs: Mutex::new(HashMap::new()),
        }
    }

    fn learn(&self, user: &str, locale: Option<&str>) -> Lang {
        let lang = locale.and_then(lang_hint).as_deref().and_then(Lang::parse);
        let mut langs = self.langs.lock().expect("lock");
        if let Some(l) = lang {
            if langs.len() >= MAX_REMEMBERED {
                langs.clear();
            }
            langs.insert(user.to_string(), l);
        }
        lang.or_else(|| langs.get(user).copied()).unwrap_or(Lang::En)
    }

    fn lang_of(&self, user: &str) -> Lang {
        self.langs.lock().expect("lock").get(user).copied().unwrap_or(Lang::En)
    }

    pub fn text(&self, key: &str, lang: Lang) -> String {
        self.catalog.text(&Msg::new(key.to_string()), lang, chrono_tz::UTC)
    }

    /// The label of the "Write…" button under a DM to `user`.
    pub fn write_label(&self, user: &str) -> String {
        self.text("discord-write", self.lang_of(user))
    }
}

/// What became of an interaction handed on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Handled (or a duplicate).
    Taken,
    /// A press on a button that no longer works, and nothing changed: the
    /// endpoint says so, ephemerally.
    Stale,
    /// Not handled (the database is away): try again.
    Failed,
}

/// What the endpoint hands interactions to, with what became of them.
pub type Outcomes = Arc<dyn Fn(Inbound) -> BoxFuture<'static, Outcome> + Send + Sync>;

/// What the endpoint needs.
pub struct Endpoint {
    verifier: Verifier,
    handler: Outcomes,
    rest: Arc<Rest>,
    labels: Arc<Labels>,
    /// The programme's server: `/join` counts only there.
    guild_id: String,
    /// Now, in Unix seconds (a fixed clock in tests).
    clock: Arc<dyn Fn() -> i64 + Send + Sync>,
    answer_within: Duration,
    /// Interaction ids handled lately: a duplicate is answered without
    /// handing it on (the engine's update keys catch the rest).
    seen: Mutex<(std::collections::HashSet<String>, std::collections::VecDeque<String>)>,
}

/// How many handled interaction ids the endpoint remembers.
const SEEN: usize = 10_000;

impl Endpoint {
    /// `public_key` is the application's public key, hex. `handler` only
    /// says whether it took an interaction; see [`Endpoint::with_outcomes`].
    pub fn new(
        public_key: &str,
        guild_id: &str,
        handler: Handler,
        rest: Arc<Rest>,
        labels: Arc<Labels>,
    ) -> Result<Endpoint, String> {
        let handler: Outcomes = Arc::new(move |i| {
            let handler = handler.clone();
            Box::pin(async move {
                match handler(i).await {
                    true => Outcome::Taken,
                    false => Outcome::Failed,
                }
            })
        });
        Endpoint::with_outcomes(public_key, guild_id, handler, rest, labels)
    }

    /// The endpoint with a handler that also says when a press was stale,
    /// which is then answered ephemerally.
    pub fn with_outcomes(
        public_key: &str,
        guild_id: &str,
        handler: Outcomes,
        rest: Arc<Rest>,
        labels: Arc<Labels>,
    ) -> Result<Endpoint, String> {
        let mut key = [0u8; 32];
        hex::decode_to_slice(public_key.trim(), &mut key)
            .map_err(|_| "discord.public_key must be 64 hex digits (the application's public key)".to_string())?;
        let verifier =
            Verifier::try_new(key).map_err(|e| format!("discord.public_key is not an Ed25519 key: {e:?}"))?;
        Ok(Endpoint {
            verifier,
            handler,
            rest,
            labels,
            guild_id: guild_id.to_string(),
            clock: Arc::new(|| chrono::Utc::now().timestamp()),
            answer_within: ANSWER_WITHIN,
            seen: Mutex::default(),
        })
    }

    pub fn with_clock(mut self, clock: Arc<dyn Fn() -> i64 + Send + Sync>) -> Endpoint {
        self.clock = clock;
        self
    }

    pub fn answer_within(mut self, d: Duration) -> Endpoint {
        self.answer_within = d;
        self
    }

    fn seen(&self, id: &str) -> bool {
        self.seen.lock().expect("lock").0.contains(id)
    }

    fn remember(&self, id: &str) {
        let mut seen = self.seen.lock().expect("lock");
        if seen.0.insert(id.to_string()) {
            seen.1.push_back(id.to_string());
        }
        while seen.1.len() > SEEN {
            if let Some(old) = seen.1.pop_front() {
                seen.0.remove(&old);
            }
        }
    }

    /// Whether the request is Discord's, signed now.
    fn authentic(&self, headers: &HeaderMap, body: &[u8]) -> bool {
        let h = |n: &str| headers.get(n).and_then(|v| v.to_str().ok());
        let (Some(sig), Some(ts)) = (h("x-signature-ed25519"), h("x-signature-timestamp")) else {
            return false;
        };
        let Ok(at) = ts.parse::<i64>() else {
            return false;
        };
        if ((self.clock)() - at).abs() > MAX_AGE_SECS {
            return false;
        }
        self.verifier.verify(sig, ts, body).is_ok()
    }
}

/// The router: `POST /interactions`.
pub fn router(endpoint: Arc<Endpoint>) -> axum::Router {
    axum::Router::new()
        .route("/interactions", axum::routing::post(handle))
        .with_state(endpoint)
}

#[derive(Debug, Deserialize)]
struct Interaction {
    #[serde(rename = "type")]
    kind: u8,
    id: String,
    #[serde(default)]
    token: String,
    #[serde(default)]
    guild_id: Option<String>,
    #[serde(default)]
    member: Option<Member>,
    #[serde(default)]
    user: Option<User>,
    #[serde(default)]
    locale: Option<String>,
    #[serde(default)]
    data: Value,
}

#[derive(Debug, Deserialize)]
struct Member {
    user: User,
}

#[derive(Debug, Deserialize)]
struct User {
    id: String,
}

const PING: u8 = 1;
const COMMAND: u8 = 2;
const COMPONENT: u8 = 3;
const AUTOCOMPLETE: u8 = 4;
const MODAL: u8 = 5;

async fn handle(State(ep): State<Arc<Endpoint>>, headers: HeaderMap, body: Bytes) -> Response {
    if !ep.authentic(&headers, &body) {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    let Ok(i) = serde_json::from_slice::<Interaction>(&body) else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    if i.kind == PING {
        return Json(components::pong()).into_response();
    }
    let Some(user) = i
        .member
        .as_ref()
        .map(|m| &m.user)
        .or(i.user.as_ref())
        .map(|u| u.id.clone())
    else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    if ep.seen(&i.id) {
        return Json(components::acknowledge()).into_response();
    }
    let lang = ep.labels.learn(&user, i.locale.as_deref());
    let say = |key: &str| Json(components::ephemeral(&ep.labels.text(key, lang))).into_response();
    let inbound = |kind| Inbound {
        platform: PLATFORM.into(),
        update_key: i.id.clone(),
        user_id: user.clone(),
        address: user.clone(),
        lang_hint: i.locale.as_deref().and_then(lang_hint),
        contact: None,
        kind,
    };
    match i.kind {
        COMMAND => {
            let Some(text) = command_text(&i.data) else {
                return say("discord-unknown-command");
            };
            if text.starts_with("/start") && i.guild_id.as_deref() != Some(ep.guild_id.as_str()) {
                return say("discord-join-here");
            }
            let done = run(
                &ep,
                inbound(InboundKind::Text(text)),
                Followup::Command(i.token.clone()),
                lang,
            )
            .await;
            match done {
                Some(Outcome::Failed) => say("discord-try-again"),
                Some(_) => say("discord-see-dm"),
                None => Json(components::defer_ephemeral()).into_response(),
            }
        }
        COMPONENT => {
            let id = i.data["custom_id"].as_str().unwrap_or("");
            if id == WRITE || crate::writes_to_pair(id) {
                let modal = components::write_modal(
                    &ep.labels.text("discord-write-title", lang),
                    &ep.labels.text("discord-write-label", lang),
                );
                return Json(modal).into_response();
            }
            if Tagged::parse(id).is_none() {
                tracing::info!(payload = %shown(id), "Discord: a button this version does not know");
                return say("discord-stale");
            }
            let press = inbound(InboundKind::Button(id.to_string()));
            match run(&ep, press, Followup::Press(i.token.clone()), lang).await {
                Some(Outcome::Failed) => say("discord-try-again"),
                Some(Outcome::Stale) => say("discord-stale"),
                _ => Json(components::acknowledge()).into_response(),
            }
        }
        MODAL => {
            let text = modal_text(&i.data).unwrap_or_default();
            if i.data["custom_id"].as_str() != Some(WRITE) || text.trim().is_empty() {
                return say("discord-stale");
            }
            match run(&ep, inbound(InboundKind::Text(text)), Followup::None, lang).await {
                Some(Outcome::Failed) => say("discord-try-again"),
                _ => Json(components::acknowledge()).into_response(),
            }
        }
        AUTOCOMPLETE => Json(serde_json::json!({ "type": 8, "data": { "choices": [] } })).into_response(),
        _ => StatusCode::BAD_REQUEST.into_response(),
    }
}

/// What is said on the interaction's webhook when the work outlasts the
/// first answer.
enum Followup {
    /// A command: where the answer is, or to try again.
    Command(String),
    /// A press: only that the button no longer works.
    Press(String),
    None,
}

/// Hands the update to the engine and waits up to `answer_within`:
/// `Some(outcome)` when it finished, `None` when it goes on in the
/// background (then a follow-up says what became of it, see [`Followup`]).
async fn run(ep: &Arc<Endpoint>, inbound: Inbound, followup: Followup, lang: Lang) -> Option<Outcome> {
    let id = inbound.update_key.clone();
    let mut task = tokio::spawn((ep.handler)(inbound));
    match tokio::time::timeout(ep.answer_within, &mut task).await {
        Ok(done) => {
            let outcome = done.unwrap_or(Outcome::Failed);
            if outcome != Outcome::Failed {
                ep.remember(&id);
            }
            Some(outcome)
        }
        Err(_) => {
            let ep = ep.clone();
            tokio::spawn(async move {
                let outcome = task.await.unwrap_or(Outcome::Failed);
                if outcome != Outcome::Failed {
                    ep.remember(&id);
                }
                let (token, key) = match (followup, outcome) {
                    (Followup::Command(t), Outcome::Failed) => (t, "discord-try-again"),
                    (Followup::Command(t), _) => (t, "discord-see-dm"),
                    (Followup::Press(t), Outcome::Stale) => (t, "discord-stale"),
                    _ => return,
                };
                let body = components::followup(&ep.labels.text(key, lang));
                if let Err(e) = ep.rest.followup(&token, body).await {
                    tracing::warn!("Discord: the follow-up was not delivered: {e:?}");
                }
            });
            None
        }
    }
}

/// A slash command as the text the engine reads: `/join code:X` is
/// `/start X`; other commands are `/name` with their one option's value.
fn command_text(data: &Value) -> Option<String> {
    let name = data["name"].as_str()?;
    let arg = data["options"]
        .as_array()
        .and_then(|o| o.first())
        .and_then(|o| o["value"].as_str())
        .unwrap_or("")
        .trim()
        .to_string();
    let name = if name == "join" { "start" } else { name };
    if !name.chars().all(|c| c.is_ascii_lowercase()) {
        return None;
    }
    Some(if arg.is_empty() {
        format!("/{name}")
    } else {
        format!("/{name} {arg}")
    })
}

/// The text typed into the "Write…" modal.
fn modal_text(data: &Value) -> Option<String> {
    data["components"]
        .as_array()?
        .iter()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .find(|c| c["custom_id"].as_str() == Some(WRITE_INPUT))
        .and_then(|c| c["value"].as_str().map(str::to_string))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn join_becomes_start_with_the_code() {
        let d = json!({ "name": "join", "options": [{ "name": "code", "type": 3, "value": " ab12 " }] });
        assert_eq!(command_text(&d).as_deref(), Some("/start ab12"));
        assert_eq!(command_text(&json!({ "name": "status" })).as_deref(), Some("/status"));
        assert_eq!(command_text(&json!({ "name": "x y" })), None);
    }

    #[test]
    fn the_modal_text_is_read_from_its_input() {
        let d = json!({ "custom_id": WRITE, "components": [{ "type": 1, "components": [
            { "type": 4, "custom_id": WRITE_INPUT, "value": "Kari" } ] }] });
        assert_eq!(modal_text(&d).as_deref(), Some("Kari"));
    }
}
