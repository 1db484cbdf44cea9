//! The Telegram adapter against the fake Bot API server.

use bot_core::adapter::{Adapter, Handler, Inbound, InboundKind, Recipient, SendError};
use bot_core::message::{Rendered, RenderedButton};
use mentorbot_telegram::fake::{FakeTelegram, Fault};
use mentorbot_telegram::{Telegram, bot, poll, set_webhook, webhook_router};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{mpsc, watch};

const TOKEN: &str = "123456:TEST-token";

async fn setup() -> (FakeTelegram, Telegram) {
    let fake = FakeTelegram::start(TOKEN).await;
    let tg = Telegram::new(bot(TOKEN, Some(&fake.url())).unwrap());
    (fake, tg)
}

fn to(chat: i64) -> Recipient {
    Recipient {
        platform: "telegram".into(),
        address: chat.to_string(),
    }
}

fn text(t: &str) -> Rendered {
    Rendered {
        text: t.into(),
        buttons: vec![],
    }
}

#[tokio::test]
async fn special_characters_arrive_exactly_as_written_with_buttons() {
    let (fake, tg) = setup().await;
    let tricky = "Søren_Ø *bold?* [link](x) ~>#+-=|{}.! æøå 🙂 مرحبا שלום";
    let msg = Rendered {
        text: tricky.into(),
        buttons: vec![vec![
            RenderedButton {
                label: "✅ Ja".into(),
                payload: "p1|rsvp:kickoff:yes".into(),
            },
            RenderedButton {
                label: "❌ Nej".into(),
                payload: "p1|rsvp:kickoff:no".into(),
            },
        ]],
    };
    tg.send(&to(42), &msg).await.unwrap();
    let call = &fake.calls_to("sendMessage")[0];
    assert_eq!(call.params["text"], tricky);
    assert!(call.params["parse_mode"].is_null(), "plain text: nothing to escape");
    let kb = &call.params["reply_markup"]["inline_keyboard"][0];
    assert_eq!(kb[0]["text"], "✅ Ja");
    assert_eq!(kb[1]["callback_data"], "p1|rsvp:kickoff:no");
}

#[tokio::test]
async fn long_text_is_split_and_the_buttons_go_on_the_last_part() {
    let (fake, tg) = setup().await;
    fake.enforce_limits(false);
    let long = format!("{}\n\n{}", "a".repeat(4000), "b ".repeat(3000));
    let msg = Rendered {
        text: long,
        buttons: vec![vec![RenderedButton {
            label: "OK".into(),
            payload: "x".into(),
        }]],
    };
    tg.send(&to(7), &msg).await.unwrap();
    let calls = fake.calls_to("sendMessage");
    assert_eq!(calls.len(), 3);
    assert!(
        calls
            .iter()
            .all(|c| c.params["text"].as_str().unwrap().chars().count() <= 4096)
    );
    assert!(calls[0].params["reply_markup"].is_null() && !calls[2].params["reply_markup"].is_null());
}

#[tokio::test]
async fn errors_map_onto_the_dispatchers_retry_policy() {
    let (fake, tg) = setup().await;
    fake.inject("sendMessage", [Fault::TooManyRequests(5)]);
    assert_eq!(
        tg.send(&to(1), &text("hi")).await,
        Err(SendError::RetryAfter(chrono::Duration::seconds(5)))
    );
    fake.inject("sendMessage", [Fault::ServerError(502)]);
    assert!(matches!(
        tg.send(&to(2), &text("hi")).await,
        Err(SendError::Transient(_))
    ));
    fake.block(3);
    assert_eq!(tg.send(&to(3), &text("hi")).await, Err(SendError::Blocked));
    assert!(matches!(
        tg.send(
            &Recipient {
                platform: "telegram".into(),
                address: "x".into()
            },
            &text("hi")
        )
        .await,
        Err(SendError::Permanent(_))
    ));
}

#[tokio::test]
async fn the_fake_enforces_the_per_chat_limit_and_the_adapter_paces_below_it() {
    let (fake, tg) = setup().await;
    // Unpaced, two messages to one chat within a second: the second is refused.
    use teloxide::prelude::Requester;
    let raw = bot(TOKEN, Some(&fake.url())).unwrap();
    raw.send_message(teloxide::types::ChatId(5), "one").await.unwrap();
    let second = raw.send_message(teloxide::types::ChatId(5), "two").await;
    assert!(
        matches!(second, Err(teloxide::RequestError::RetryAfter(_))),
        "{second:?}"
    );
    // Paced by the adapter: three in a row all go.
    for i in 0..3 {
        tg.send(&to(6), &text(&format!("m{i}"))).await.unwrap();
    }
    assert_eq!(fake.texts_to(6), vec!["m0", "m1", "m2"]);
}

/// A broadcast's shape: many chats, a message each, sent by concurrent
/// workers. Paced overall just under 30 a second (with a tenth of a send's
/// slack for a late timer), the fake's sliding one-second window never
/// holds more than 30, so none is refused; unpaced, most would be.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ninety_chats_at_once_keep_within_thirty_a_second_overall() {
    let (fake, tg) = setup().await;
    let tg = Arc::new(tg);
    let sends: Vec<_> = (0..90)
        .map(|i| {
            let tg = tg.clone();
            tokio::spawn(async move { tg.send(&to(100 + i), &text("news")).await })
        })
        .collect();
    for s in sends {
        s.await.unwrap().unwrap();
    }
    let calls = fake.calls_to("sendMessage");
    assert_eq!(calls.iter().filter(|c| c.status == 429).count(), 0);
    assert_eq!(calls.iter().filter(|c| c.status == 200).count(), 90);
    // Unpaced, the same burst is refused past the 30th in its second.
    use teloxide::prelude::Requester;
    let raw = bot(TOKEN, Some(&fake.url())).unwrap();
    let burst: Vec<_> = (0..40)
        .map(|i| {
            let raw = raw.clone();
            tokio::spawn(async move { raw.send_message(teloxide::types::ChatId(1000 + i), "x").await })
        })
        .collect();
    let mut refused = 0;
    for b in burst {
        refused += usize::from(b.await.unwrap().is_err());
    }
    assert!(refused >= 10, "{refused} of 40 refused");
}

fn collecting() -> (Handler, mpsc::UnboundedReceiver<Inbound>) {
    let (tx, rx) = mpsc::unbounded_channel();
    let handler: Handler = Arc::new(move |u| {
        let tx = tx.clone();
        Box::pin(async move { tx.send(u).is_ok() })
    });
    (handler, rx)
}

#[tokio::test]
async fn polling_delivers_updates_in_order_and_confirms_them() {
    let (fake, _tg) = setup().await;
    let (handler, mut rx) = collecting();
    let (stop, stop_rx) = watch::channel(false);
    let b = bot(TOKEN, Some(&fake.url())).unwrap();
    let poller = tokio::spawn(poll(b, handler, 1, stop_rx));
    fake.user_says(1001, "Amira", "da", "/start abc").await;
    fake.user_says(1001, "Amira", "da", "hej").await;
    let first = rx.recv().await.unwrap();
    let second = rx.recv().await.unwrap();
    assert_eq!(first.kind, InboundKind::Text("/start abc".into()));
    assert_eq!(second.kind, InboundKind::Text("hej".into()));
    assert_eq!(
        (first.user_id.as_str(), first.lang_hint.as_deref()),
        ("1001", Some("da"))
    );
    assert!(first.update_key < second.update_key);
    // A button press is answered and its keyboard removed.
    fake.user_presses(1001, "Amira", 77, "p3|book").await;
    let press = rx.recv().await.unwrap();
    assert_eq!(press.kind, InboundKind::Button("p3|book".into()));
    assert_eq!(fake.calls_to("answerCallbackQuery").len(), 1);
    let edit = &fake.calls_to("editMessageReplyMarkup")[0];
    assert_eq!(edit.params["message_id"], 77);
    // The next poll's offset confirms them all.
    fake.user_says(1001, "Amira", "da", "tak").await;
    rx.recv().await.unwrap();
    let confirmed = tokio::time::timeout(Duration::from_secs(5), async {
        while fake.pending_updates() > 1 {
            tokio::task::yield_now().await;
        }
    })
    .await;
    assert!(confirmed.is_ok());
    stop.send(true).unwrap();
    poller.await.unwrap();
}

#[tokio::test]
async fn the_webhook_checks_the_secret_on_every_request() {
    let (fake, _tg) = setup().await;
    let (handler, mut rx) = collecting();
    let b = bot(TOKEN, Some(&fake.url())).unwrap();
    let app = webhook_router(b.clone(), "s3cret".into(), handler);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    set_webhook(&b, &url, "s3cret").await.unwrap();

    // Telegram delivers with the secret: handled.
    fake.user_says(1001, "Amira", "en", "hello").await;
    assert_eq!(rx.recv().await.unwrap().kind, InboundKind::Text("hello".into()));

    // Without or with a wrong secret: 401, and nothing is handled.
    let update = serde_json::json!({"update_id": 99, "message": {"message_id": 1, "date": 0,
        "chat": {"id": 1, "type": "private", "first_name": "X"}, "from": {"id": 1, "is_bot": false, "first_name": "X"}, "text": "evil"}});
    let client = reqwest::Client::new();
    let r = client.post(&url).json(&update).send().await.unwrap();
    assert_eq!(r.status(), 401);
    let r = client
        .post(&url)
        .header("X-Telegram-Bot-Api-Secret-Token", "wrong")
        .json(&update)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    // Right secret, not an update: 400.
    let r = client
        .post(&url)
        .header("X-Telegram-Bot-Api-Secret-Token", "s3cret")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert!(rx.try_recv().is_err(), "nothing reached the handler");
    // While the webhook is set, getUpdates is refused, as Telegram does.
    use teloxide::prelude::Requester;
    assert!(b.get_updates().await.is_err());
}

#[tokio::test]
async fn a_slow_answer_still_arrives_and_every_method_of_the_protocol_answers() {
    let (fake, tg) = setup().await;
    fake.inject("sendMessage", [Fault::Slow(Duration::from_millis(300))]);
    let started = std::time::Instant::now();
    tg.send(&to(11), &text("patience")).await.unwrap();
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert_eq!(fake.texts_to(11), vec!["patience"]);

    use teloxide::prelude::Requester;
    use teloxide::types::{ChatId, InputFile, MessageId};
    fake.enforce_limits(false);
    let b = tg.bot();
    assert_eq!(
        b.get_me().await.unwrap().username(),
        mentorbot_telegram::fake::BOT_USERNAME
    );
    let info = b.get_webhook_info().await.unwrap();
    assert!(info.url.is_none());
    b.edit_message_text(ChatId(11), MessageId(1), "edited").await.unwrap();
    b.send_photo(ChatId(11), InputFile::memory(vec![1, 2, 3]).file_name("p.png"))
        .await
        .unwrap();
    b.send_document(ChatId(11), InputFile::memory(b"report".to_vec()).file_name("r.csv"))
        .await
        .unwrap();
    for m in [
        "getMe",
        "getWebhookInfo",
        "editMessageText",
        "sendPhoto",
        "sendDocument",
    ] {
        assert_eq!(fake.calls_to(m).last().map(|c| c.status), Some(200), "{m}");
    }
    let doc = &fake.calls_to("sendDocument")[0].params;
    assert_eq!(doc["document"]["file"], true, "{doc}");
}
