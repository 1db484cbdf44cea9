//! The web chat's HTTP side: the Direct Line 3.0 routes (tokens,
//! conversations, activities, the stream), the page and its strings, and
//! the same-origin guard in front of them all.

use super::*;
/// Only requests addressed to the configured public address, and (when a
/// browser says where it comes from) from its origin: a page on another
/// site, or a DNS name rebound to this machine, gets 403.
pub(super) async fn same_origin(
    State(dl): State<Arc<DirectLine>>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let headers = req.headers();
    let host_ok = host(headers).is_some_and(|h| dl.settings.host_ok(h));
    let origin_ok = match headers.get(header::ORIGIN) {
        None => true,
        Some(o) => o.to_str().is_ok_and(|o| dl.settings.origin_ok(o)),
    };
    if !(host_ok && origin_ok) {
        return (StatusCode::FORBIDDEN, "this web chat is not served under that address").into_response();
    }
    next.run(req).await
}

pub(super) type St = State<(Arc<DirectLine>, Handler)>;

pub(super) async fn page() -> Response {
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], Html(PAGE)).into_response()
}

pub(super) fn accept_language(headers: &HeaderMap) -> Option<Lang> {
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split([',', ';', '-']).find_map(Lang::parse))
}

/// The page's own words, from the locales, in the browser's language.
pub(super) async fn strings(headers: HeaderMap) -> Response {
    let lang = accept_language(&headers).unwrap_or(Lang::En);
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

pub(super) fn host(headers: &HeaderMap) -> Option<&str> {
    headers.get(header::HOST).and_then(|v| v.to_str().ok())
}

/// A token for a new conversation (Direct Line's token endpoint; the
/// conversation is started by the first `POST /conversations` with it).
pub(super) async fn generate(State((dl, _)): St, headers: HeaderMap) -> Response {
    let s = dl.open();
    (StatusCode::OK, axum::Json(dl.describe(&s, host(&headers), "0"))).into_response()
}

/// A token's life starts again.
pub(super) async fn refresh(State((dl, _)): St, headers: HeaderMap) -> Response {
    match dl.authorize(&headers, None, None, true) {
        Ok(s) => axum::Json(dl.describe(&s, host(&headers), "0")).into_response(),
        Err(r) => r.into_response(),
    }
}

/// Without a token: a new conversation. With one: the conversation it
/// belongs to (a person coming back, or a token from `tokens/generate`);
/// an unknown or expired token gets 403.
pub(super) async fn start(State((dl, _)): St, headers: HeaderMap) -> Response {
    let s = if presented(&headers, None).is_some() {
        match dl.authorize(&headers, None, None, true) {
            Ok(s) => s,
            Err(r) => return r.into_response(),
        }
    } else {
        dl.open()
    };
    (StatusCode::CREATED, axum::Json(dl.describe(&s, host(&headers), "0"))).into_response()
}

#[derive(Deserialize)]
pub(super) struct StreamQuery {
    watermark: Option<String>,
    t: Option<String>,
}

/// The streaming socket: each new batch of activities as a text frame
/// `{"activities": [...], "watermark": "N"}`, as Direct Line sends them.
pub(super) async fn stream(
    State((dl, _)): St,
    Path(conv): Path<String>,
    Query(q): Query<StreamQuery>,
    headers: HeaderMap,
    ws: axum::extract::ws::WebSocketUpgrade,
) -> Response {
    use axum::extract::ws::Message;
    if let Err(r) = dl.authorize(&headers, q.t.as_deref(), Some(&conv), false) {
        return r.into_response();
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

pub(super) async fn reconnect(
    State((dl, _)): St,
    Path(id): Path<String>,
    Query(q): Query<Watermark>,
    headers: HeaderMap,
) -> Response {
    match dl.authorize(&headers, None, Some(&id), true) {
        Ok(s) => {
            let mark = q.watermark.unwrap_or_else(|| "0".into());
            axum::Json(dl.describe(&s, host(&headers), &mark)).into_response()
        }
        Err(r) => r.into_response(),
    }
}

pub(super) fn bad(message: &str) -> Response {
    (
        StatusCode::BAD_REQUEST,
        axum::Json(json!({"error": {"code": "BadArgument", "message": message}})),
    )
        .into_response()
}

/// What a client posted, read before anything is stored or handed on.
#[derive(Debug, Clone, PartialEq)]
pub enum Posted {
    /// An activity as it will be stored, the language it names, and what it
    /// says to the engine (`None` for nothing: an empty text, a typing).
    Activity {
        activity: Value,
        lang_hint: Option<String>,
        kind: Option<InboundKind>,
    },
    /// A text over [`MAX_TEXT_CHARS`]: answered, neither kept nor handed on.
    TooLong { lang_hint: Option<String> },
    /// Not a JSON object.
    NotAnActivity,
}

/// Reads the body of `POST …/activities`: pure, so that what a client can
/// send is tested (and fuzzed) without a server. A pressed button's payload
/// wins over the text; who wrote is not read here (the token says).
pub fn read_activity(body: &[u8]) -> Posted {
    let Ok(activity) = serde_json::from_slice::<Value>(body) else {
        return Posted::NotAnActivity;
    };
    if !activity.is_object() {
        return Posted::NotAnActivity;
    }
    let lang_hint = activity
        .get("locale")
        .and_then(Value::as_str)
        .map(|l| l.split('-').next().unwrap_or(l).to_string());
    let text = activity.get("text").and_then(Value::as_str);
    if text.is_some_and(|t| t.chars().count() > MAX_TEXT_CHARS) {
        return Posted::TooLong { lang_hint };
    }
    let kind = match activity
        .get("value")
        .and_then(|v| v.get("payload"))
        .and_then(Value::as_str)
    {
        Some(p) => Some(InboundKind::Button(p.to_string())),
        None => text
            .filter(|t| !t.trim().is_empty())
            .map(|t| InboundKind::Text(t.trim().to_string())),
    };
    Posted::Activity {
        activity,
        lang_hint,
        kind,
    }
}

pub(super) async fn post_activity(
    State((dl, handler)): St,
    Path(conv): Path<String>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let session = match dl.authorize(&headers, None, Some(&conv), false) {
        Ok(s) => s,
        Err(r) => return r.into_response(),
    };
    let (mut activity, lang_hint, kind) = match read_activity(&body) {
        Posted::Activity {
            activity,
            lang_hint,
            kind,
        } => (activity, lang_hint, kind),
        Posted::NotAnActivity => return bad("not an activity"),
        // Too long: a clear answer in the person's language, and the text
        // is neither kept nor handed to the engine.
        Posted::TooLong { lang_hint } => {
            let lang = lang_hint
                .as_deref()
                .and_then(Lang::parse)
                .or_else(|| accept_language(&headers))
                .unwrap_or(Lang::En);
            let text = Catalog::builtin().text(
                &Msg::new("webchat-too-long").num("max", MAX_TEXT_CHARS as i64),
                lang,
                chrono_tz::UTC,
            );
            let mut answer = json!({"type": "message", "text": text, "textFormat": "plain"});
            answer["from"] = json!({"id": "mentorbot", "name": "mentorbot", "role": "bot"});
            dl.push(&conv, answer);
            return (
                StatusCode::BAD_REQUEST,
                axum::Json(json!({"error": {"code": "MessageSizeTooBig", "message": text}})),
            )
                .into_response();
        }
    };
    // Who wrote is the token's user, never what the client claims.
    activity["from"] = json!({"id": session.user, "role": "user"});
    let Some(id) = dl.push(&conv, activity.clone()) else {
        return forbidden();
    };
    if let Some(kind) = kind {
        let inbound = Inbound {
            platform: PLATFORM.into(),
            update_key: id.clone(),
            user_id: session.user,
            address: conv,
            lang_hint,
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
pub(super) struct Watermark {
    watermark: Option<String>,
}

pub(super) async fn get_activities(
    State((dl, _)): St,
    Path(conv): Path<String>,
    Query(q): Query<Watermark>,
    headers: HeaderMap,
) -> Response {
    if let Err(r) = dl.authorize(&headers, None, Some(&conv), false) {
        return r.into_response();
    }
    let from: usize = q.watermark.as_deref().and_then(|w| w.parse().ok()).unwrap_or(0);
    let Some((acts, next)) = dl.since(&conv, from) else {
        return forbidden();
    };
    axum::Json(json!({"activities": acts, "watermark": next.to_string()})).into_response()
}
