//! The built-in web chat's memory at its caps: 10,000 conversations (the
//! default cap), each filled with the bot's messages to its byte budget
//! (64 KiB), then 10,000 more (the oldest make room), then a sweep after
//! every token expired. Also the time a GET of a full conversation takes
//! while all of it is held. Conversations are started over HTTP, as a
//! browser does; the bot's messages go in through the adapter, as the
//! dispatcher sends them.
//!
//! Run: `cargo bench --bench webchat_memory` (release). Writes
//! target/bench/webchat-memory.md.

#[path = "support/mod.rs"]
mod support;

use bot_core::adapter::{Adapter, Handler, Recipient};
use bot_core::message::{Rendered, RenderedButton};
use mentorbot_webchat::{DirectLine, Settings, WebChat};
use std::sync::Arc;
use std::time::{Duration, Instant};

const MESSAGE_CHARS: usize = 900;

fn message(i: usize) -> Rendered {
    let line = "Husk at aftale jeres næste møde — hvornår passer det jer begge? ";
    let text: String = line.chars().cycle().take(MESSAGE_CHARS).collect();
    Rendered {
        text: format!("{i}: {text}"),
        buttons: vec![vec![
            RenderedButton {
                label: "Ja".into(),
                payload: format!("rsvp:{i}:yes"),
            },
            RenderedButton {
                label: "Nej".into(),
                payload: format!("rsvp:{i}:no"),
            },
        ]],
    }
}

async fn start(client: &reqwest::Client, base: &str, n: usize) -> Vec<(String, String)> {
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let v: serde_json::Value = client
            .post(format!("{base}/v3/directline/conversations"))
            .send()
            .await
            .expect("start")
            .json()
            .await
            .expect("json");
        out.push((
            v["conversationId"].as_str().unwrap().to_string(),
            v["token"].as_str().unwrap().to_string(),
        ));
    }
    out
}

/// Sends each conversation enough messages to pass its byte budget.
async fn fill(chat: &WebChat, conversations: &[(String, String)], per: usize) {
    for (id, _) in conversations {
        let to = Recipient {
            platform: "webchat".into(),
            address: id.clone(),
        };
        for i in 0..per {
            chat.send(&to, &message(i)).await.expect("send");
        }
    }
}

fn pct(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

#[tokio::main]
async fn main() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let settings = Settings::loopback(port);
    let cap = settings.max_conversations;
    let budget = settings.max_bytes_per_conversation;
    let base_rss = support::rss();
    let dl = DirectLine::new(settings);
    let handler: Handler = Arc::new(|_| Box::pin(async { true }));
    let router = dl.clone().router(handler);
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::new();
    let chat = WebChat(dl.clone());
    // Enough messages to pass the budget (each activity is over 1 KB as JSON).
    let per = budget / MESSAGE_CHARS + 10;

    let t = Instant::now();
    let first = start(&client, &base, cap).await;
    fill(&chat, &first, per).await;
    let fill_time = t.elapsed();
    let (convs_a, acts_a) = dl.counts();
    let bytes_a = dl.bytes();
    let rss_a = support::rss();

    // GETs of full conversations while everything is held.
    let mut lat = Vec::with_capacity(1000);
    for (id, token) in first.iter().rev().take(1000) {
        let t = Instant::now();
        let r = client
            .get(format!("{base}/v3/directline/conversations/{id}/activities"))
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        assert!(r.status().is_success(), "GET {}", r.status());
        let _ = r.bytes().await.unwrap();
        lat.push(t.elapsed());
    }
    lat.sort();

    let second = start(&client, &base, cap).await;
    fill(&chat, &second, per).await;
    let (convs_b, acts_b) = dl.counts();
    let bytes_b = dl.bytes();
    let rss_b = support::rss();
    // The first 10,000 made room: their tokens no longer open anything.
    let old = client
        .get(format!("{base}/v3/directline/conversations/{}/activities", first[0].0))
        .bearer_auth(&first[0].1)
        .send()
        .await
        .unwrap()
        .status();

    let later = chrono::Utc::now() + chrono::Duration::days(31);
    let swept = dl.sweep_at(later).await.unwrap();
    let (convs_c, acts_c) = dl.counts();
    let rss_c = support::rss();

    let body = format!(
        "Caps: {cap} conversations, {budget} bytes of activities per conversation (the defaults); \
each bot message {MESSAGE_CHARS} characters with two buttons, {per} sent to each conversation.\n\n\
| phase | conversations | activities | bytes held (JSON) | process RSS |\n\
|---|---|---|---|---|\n\
| start (nothing held) | 0 | 0 | 0 | {} |\n\
| {cap} conversations filled | {convs_a} | {acts_a} | {} | {} |\n\
| {cap} more started and filled | {convs_b} | {acts_b} | {} | {} |\n\
| sweep after every token expired | {convs_c} | {acts_c} | 0 | {} |\n\n\
Filling the first {cap} took {:.1} s. A conversation that made room answers {old} afterwards; \
the sweep removed {swept}. GET of a full conversation ({} activities) while all is held: \
p50 {:.2} ms, p99 {:.2} ms over 1,000 requests.\n\n\
RSS after the sweep stays near its peak: the allocator keeps freed pages for reuse, which is why \
the second {cap} fit in the same memory.",
        support::mib(base_rss),
        support::mib(bytes_a as u64),
        support::mib(rss_a),
        support::mib(bytes_b as u64),
        support::mib(rss_b),
        support::mib(rss_c),
        fill_time.as_secs_f64(),
        acts_a / convs_a.max(1),
        pct(&lat, 0.5).as_secs_f64() * 1e3,
        pct(&lat, 0.99).as_secs_f64() * 1e3,
    );
    println!("{body}");
    support::write(
        "webchat-memory",
        "Web chat memory at its caps",
        "cargo bench --bench webchat_memory",
        &body,
    );
}
