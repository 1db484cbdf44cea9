//! The engine the load benchmarks drive (webhook, Discord, broadcast): a
//! SQLite file with the test programme, and participants registered and
//! paired as the benchmark needs them.
#![allow(dead_code)]

use bot_core::{Lang, Programme, Role, Ts};

use mentorbot::{Engine, Registration, Store};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

/// An engine on a SQLite file in `dir`, migrated, with the test programme
/// (tests/fixtures/test-programme.toml) loaded at `t0`.
pub async fn engine_on(dir: &Path, t0: Ts) -> (Arc<Engine>, Programme) {
    let store = Store::connect(&format!("sqlite://{}", dir.join("bench.db").display()))
        .await
        .unwrap();
    store.migrate().await.unwrap();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/test-programme.toml");
    let (p, src) = mentorbot::load_programme(&path).unwrap();
    let engine = Arc::new(Engine::new(store, vec![p.clone()]));
    engine
        .load_programmes(&HashMap::from([(p.id.clone(), src)]), t0)
        .await
        .unwrap();
    (engine, p)
}

/// Registers users 1..=`users` on `platform` (user id and address
/// `user_id(n)`; odd numbers mentees, even mentors, in Danish) and pairs
/// them in twos, at `t0`.
pub async fn register_pairs(
    engine: &Engine,
    p: &Programme,
    platform: &str,
    users: i64,
    user_id: impl Fn(i64) -> String,
    t0: Ts,
) {
    let mut ids = vec![];
    for u in 1..=users {
        let uid = user_id(u);
        let reg = Registration {
            programme_id: &p.id,
            role: if u % 2 == 1 { Role::Mentee } else { Role::Mentor },
            name: "Bench",
            lang: Lang::Da,
            tz: None,
            contact: None,
            consent: true,
            platform,
            user_id: &uid,
            address: &uid,
        };
        ids.push(engine.register(&reg, t0).await.unwrap());
    }
    for pair in ids.chunks(2) {
        engine.match_pair(pair[0], pair[1], t0).await.unwrap();
    }
}
