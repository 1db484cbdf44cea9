//! A Bot Framework activity body (after the token check): read as the
//! endpoint reads it, then turned into what the engine takes. Nothing
//! panics, and every update names the conversation it came from.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mentorbot_botframework::{parse_activity, to_inbound};

fuzz_target!(|data: &[u8]| {
    if let Some(activity) = parse_activity(data) {
        for inbound in to_inbound(&activity) {
            let conv = &activity.conversation.as_ref().unwrap().id;
            assert!(inbound.update_key.starts_with(conv.as_str()));
        }
    }
});
