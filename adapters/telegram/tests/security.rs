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
