//! Every button payload the shipped programmes can produce fits Telegram's
//! 64 bytes of `callback_data`, with the largest pair tag there is.

use bot_core::i18n::Catalog;
use bot_core::message::Msg;
use bot_core::payload::{MAX_BYTES, Payload, Tagged};
use bot_core::programme::{Programme, SurveyKind};
use bot_core::{sim, survey};
use std::path::PathBuf;

fn shipped() -> Vec<Programme> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../programmes");
    let mut out = vec![];
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            let src = std::fs::read_to_string(&path).unwrap();
            out.push(Programme::parse(&path.display().to_string(), &src, Catalog::builtin()).unwrap());
        }
    }
    out
}

fn payloads(msg: &Msg) -> impl Iterator<Item = &Payload> {
    msg.buttons.iter().flatten().map(|b| &b.payload)
}

#[test]
fn every_payload_of_the_shipped_programmes_fits_64_bytes() {
    let mut all: Vec<Payload> = vec![];
    for p in shipped() {
        // Every question of every survey, with every selection state a
        // multi-choice or ranking question can show.
        for kind in SurveyKind::ALL {
            let plan = p.survey(kind);
            for q in plan.questions {
                let n = q.option_keys().len();
                for selection in [vec![], (0..n).collect::<Vec<_>>()] {
                    all.extend(payloads(&survey::ask(kind, q, 1, 1, &selection)).cloned());
                }
            }
        }
        // Every event's RSVP buttons.
        for e in &p.events {
            for answer in bot_core::payload::RsvpAnswer::ALL {
                all.push(Payload::Rsvp {
                    event: e.id.clone(),
                    answer,
                });
            }
        }
        // And whatever a whole simulated run of the programme sends.
        sim::run(&p, &sim::SimOptions { pairs: 12, seed: 3 }, |e| {
            if let sim::SimEvent::Delivered { msg, .. } = e {
                all.extend(payloads(msg).cloned());
            }
        });
    }
    assert!(all.len() > 100, "walked only {} payloads", all.len());
    for payload in all {
        let wire = Tagged {
            pair: Some(i64::MAX),
            payload,
        }
        .encode();
        assert!(wire.len() <= MAX_BYTES, "{wire} is {} bytes", wire.len());
        assert_eq!(Tagged::parse(&wire).map(|t| t.encode()), Some(wire));
    }
}
