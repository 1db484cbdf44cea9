//! A Direct Line activity posted to the web chat: read as the endpoint
//! reads it. Nothing panics, and no text over the limit reaches the engine.
#![no_main]

use bot_core::adapter::InboundKind;
use libfuzzer_sys::fuzz_target;
use mentorbot_webchat::{MAX_TEXT_CHARS, Posted, read_activity};

fuzz_target!(|data: &[u8]| {
    if let Posted::Activity {
        kind: Some(InboundKind::Text(t)),
        ..
    } = read_activity(data)
    {
        assert!(!t.is_empty() && t.chars().count() <= MAX_TEXT_CHARS);
    }
});
