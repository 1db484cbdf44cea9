//! A Telegram webhook body: read as the webhook reads it, then turned into
//! what the engine takes. Nothing panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mentorbot_telegram::{parse_update, to_inbound};

fuzz_target!(|data: &[u8]| {
    if let Ok(update) = parse_update(data) {
        let _ = to_inbound(&update);
    }
});
