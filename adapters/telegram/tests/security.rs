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
