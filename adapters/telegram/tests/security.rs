//! The Telegram adapter attacked and faulted: the webhook secret, timeouts,
//! blocks.

use mentorbot_telegram::secret_matches;

#[test]
fn the_webhook_secret_must_match_exactly_and_is_compared_in_constant_time() {
    let secret = "hook-secret";
    assert!(secret_matches(Some(b"hook-secret"), secret));
    // Missing, empty, a prefix, a longer string, a case change, one byte off.
    for wrong in [
        None,
        Some(&b""[..]),
        Some(&b"hook"[..]),
        Some(&b"hook-secret-and-more"[..]),
        Some(&b"HOOK-SECRET"[..]),
        Some(&b"hook-secreT"[..]),
    ] {
        assert!(!secret_matches(wrong, secret), "{wrong:?} was accepted");
    }
    // An empty configured secret lets nothing in, not even an empty header.
    assert!(!secret_matches(Some(b""), ""));
    assert!(!secret_matches(None, ""));
}

use bot_core::adapter::{Adapter, Recipient, SendError};
use bot_core::message::Rendered;
use mentorbot_telegram::fake::{FakeTelegram, Fault};
use mentorbot_telegram::{DEFAULT_TIMEOUT, Telegram, bot_with_timeout, poll_timeout};
use std::time::{Duration, Instant};

const TOKEN: &str = "123456:TEST-token";

#[tokio::test]
async fn a_bot_api_that_never_answers_fails_the_send_as_transient_within_the_timeout() {
    let fake = FakeTelegram::start(TOKEN).await;
    fake.inject("sendMessage", [Fault::Slow(Duration::from_secs(3600))]);
    let tg = Telegram::new(bot_with_timeout(TOKEN, Some(&fake.url()), Duration::from_millis(300)).unwrap());
    let to = Recipient {
        platform: "telegram".into(),
        address: "42".into(),
    };
    let msg = Rendered {
        text: "hello".into(),
        buttons: vec![],
    };
    let start = Instant::now();
    let r = tokio::time::timeout(Duration::from_secs(10), tg.send(&to, &msg))
        .await
        .expect("the send never timed out");
    assert!(matches!(r, Err(SendError::Transient(_))), "{r:?}");
    assert!(start.elapsed() < Duration::from_secs(5), "took {:?}", start.elapsed());
}

#[test]
fn a_long_poll_outlasts_its_own_timeout_and_other_calls_are_short() {
    // Telegram holds an idle getUpdates for its timeout: the client waits
    // longer than that (teloxide's default client gives up after 17 s,
    // before a 25 s poll ends).
    assert!(poll_timeout(25, DEFAULT_TIMEOUT) > Duration::from_secs(25));
    assert!(DEFAULT_TIMEOUT <= Duration::from_secs(30));
}

#[tokio::test]
async fn a_block_and_an_unblock_arrive_as_membership_updates_and_sends_to_a_blocked_chat_get_403() {
    use bot_core::adapter::{Handler, InboundKind};
    let fake = FakeTelegram::start(TOKEN).await;
    fake.enforce_limits(false);
    let bot = mentorbot_telegram::bot(TOKEN, Some(&fake.url())).unwrap();
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let handler: Handler = std::sync::Arc::new(move |u| {
        let tx = tx.clone();
        Box::pin(async move { tx.send(u).is_ok() })
    });
    let (_stop, stop_rx) = tokio::sync::watch::channel(false);
    tokio::spawn(mentorbot_telegram::poll(bot.clone(), handler, 1, stop_rx));
    fake.user_blocks(42, "Amira").await;
    let u = rx.recv().await.unwrap();
    assert_eq!(u.kind, InboundKind::Membership { blocked: true });
    assert_eq!((u.user_id.as_str(), u.address.as_str()), ("42", "42"));
    let asked = &fake.calls_to("getUpdates")[0].params["allowed_updates"];
    assert!(
        asked.as_array().unwrap().iter().any(|k| k == "my_chat_member"),
        "{asked}"
    );
    let tg = Telegram::new(bot);
    let to = Recipient {
        platform: "telegram".into(),
        address: "42".into(),
    };
    let msg = Rendered {
        text: "hello".into(),
        buttons: vec![],
    };
    assert_eq!(tg.send(&to, &msg).await, Err(SendError::Blocked));
    fake.user_unblocks(42, "Amira").await;
    assert_eq!(
        rx.recv().await.unwrap().kind,
        InboundKind::Membership { blocked: false }
    );
    assert!(tg.send(&to, &msg).await.is_ok());
}

#[tokio::test]
async fn by_webhook_a_block_arrives_too_and_telegram_is_asked_for_it() {
    use bot_core::adapter::{Handler, InboundKind};
    let fake = FakeTelegram::start(TOKEN).await;
    let bot = mentorbot_telegram::bot(TOKEN, Some(&fake.url())).unwrap();
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let handler: Handler = std::sync::Arc::new(move |u| {
        let tx = tx.clone();
        Box::pin(async move { tx.send(u).is_ok() })
    });
    let app = mentorbot_telegram::webhook_router(bot.clone(), "hook-secret".into(), handler);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    mentorbot_telegram::set_webhook(&bot, &url, "hook-secret")
        .await
        .unwrap();
    let asked = &fake.calls_to("setWebhook")[0].params["allowed_updates"];
    assert!(
        asked.as_array().unwrap().iter().any(|k| k == "my_chat_member"),
        "{asked}"
    );
    fake.user_blocks(7, "Lars").await;
    assert_eq!(rx.recv().await.unwrap().kind, InboundKind::Membership { blocked: true });
    assert_eq!(fake.pending_updates(), 0, "the webhook confirmed it");
}
