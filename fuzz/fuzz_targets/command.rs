//! What a person types or presses: commands, meeting times and button
//! payloads. Nothing panics; a payload read back is the one written.
//!
//! Input: 8 bytes of `now` (seconds, little endian), 2 bytes choosing the
//! time zone, then the text (UTF-8).
#![no_main]

use bot_core::command::{parse, parse_when};
use bot_core::payload::{Payload, Tagged};
use chrono::{DateTime, Utc};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() < 10 {
        return;
    }
    let Ok(text) = std::str::from_utf8(&data[10..]) else {
        return;
    };
    let secs = i64::from_le_bytes(data[..8].try_into().unwrap());
    // Within chrono's range (about ±262,000 years).
    let now = DateTime::<Utc>::from_timestamp(secs % 8_000_000_000_000, 0).unwrap_or_default();
    let zones = chrono_tz::TZ_VARIANTS;
    let tz = zones[usize::from(u16::from_le_bytes([data[8], data[9]])) % zones.len()];

    let _ = parse(text);
    let _ = parse_when(text, now, tz);
    if let Some(p) = Payload::parse(text) {
        assert_eq!(p.encode(), text, "{p:?}");
    }
    if let Some(t) = Tagged::parse(text) {
        assert_eq!(t.encode(), text, "{t:?}");
    }
});
