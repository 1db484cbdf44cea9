//! The scheduler's two paths give the same result: the batched pass (one
//! transaction for the due pairs, src/store/batch.rs) and the fallback it
//! takes when a batch fails (one transaction per pair). Two databases get
//! the same pairs and the same coordinator actions, and the same clock;
//! one ticks through batches, the other with batches switched off
//! (`Store::without_batches`). After every tick their outbox rows, pair
//! rows and survey runs are equal.

mod common;

use bot_core::pair::{EndReason, Input};
use bot_core::{Lang, Role, Ts};
use chrono::Duration;
use common::{Harness, at};
use mentorbot::Store;
use sqlx::Row;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn batched_and_pair_by_pair_ticks_queue_the_same_rows_on_sqlite() {
    let (a, b) = (common::sqlite_store().await, common::sqlite_store().await);
    the_two_paths_agree(a, b).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn batched_and_pair_by_pair_ticks_queue_the_same_rows_on_postgres() {
    let (a, b) = (common::postgres_store().await, common::postgres_store().await);
    the_two_paths_agree(a, b).await;
}

const PAIRS: usize = 8;

/// Everything a tick writes, as text, in an order that does not depend
/// on the order the rows were written in.
async fn written(store: &Store) -> Vec<String> {
    let rows = |sql: &'static str| async move {
        let mut out: Vec<String> = sqlx::query::<sqlx::Any>(sql)
            .fetch_all(store.pool())
            .await
            .unwrap()
            .iter()
            .map(|r| {
                (0..r.len())
                    .map(|i| {
                        r.try_get::<Option<i64>, _>(i)
                            .map(|v| format!("{v:?}"))
                            .or_else(|_| r.try_get::<Option<String>, _>(i).map(|v| format!("{v:?}")))
                            .unwrap()
                    })
                    .collect::<Vec<_>>()
                    .join(" | ")
            })
            .collect();
        out.sort();
        out
    };
    [
        rows(
            "SELECT 'outbox', participant_id, pair_id, platform, address, lang, msg, once_key, not_before,
                    created_at, status, attempts, erase_after_send FROM outbox",
        )
        .await,
        rows(
            "SELECT 'pair', id, phase, status, at_risk, state, next_due_at, version, updated_at,
                    tick_failures, tick_error FROM pairs",
        )
        .await,
        rows("SELECT 'survey', pair_id, survey, role, participant_id, opened_at, finished_at FROM survey_runs").await,
    ]
    .concat()
}

/// The same people, pairs and coordinator actions in a harness.
async fn world(store: (Store, Option<tempfile::TempDir>)) -> (Harness, Vec<i64>) {
    let mut h = Harness::new(store).await;
    let t0 = at(2030, 8, 1, 9, 0);
    h.register("Karen", Role::Coordinator, Lang::En, t0).await;
    let mut pairs = vec![];
    for i in 0..PAIRS {
        // Matched an hour apart, so their ticks fall due at different times.
        let t = t0 + Duration::hours(i as i64);
        let lang = if i % 2 == 0 { Lang::En } else { Lang::Da };
        let mentee = h.register(&format!("Mentee{i}"), Role::Mentee, lang, t).await;
        // A name with what PostgreSQL's array literals quote (the batch
        // sends its rows so): `"`, `\`, braces, a comma, the word NULL.
        let mentor = h
            .register(&format!("Mentor{i} \"Ole\" \\ {{x,y}} NULL"), Role::Mentor, lang, t)
            .await;
        pairs.push(h.engine.match_pair(mentee, mentor, t).await.unwrap());
    }
    (h, pairs)
}

/// What the coordinator does on `day` (days since 1 August), the same on
/// both databases.
async fn coordinate(h: &Harness, pairs: &[i64], day: i64, now: Ts) {
    let act = |pair: i64, input: Input| async move { h.engine.coordinate(pair, input, now).await.unwrap() };
    match day {
        40 => {
            act(
                pairs[1],
                Input::Pause {
                    until: Some(now + Duration::days(21)),
                },
            )
            .await
        }
        45 => act(pairs[2], Input::Pause { until: None }).await,
        60 => act(pairs[2], Input::Resume).await,
        50 => {
            act(
                pairs[3],
                Input::EndEarly {
                    reason: EndReason::FoundJob,
                },
            )
            .await
        }
        55 => act(pairs[4], Input::Forget { who: Role::Mentor }).await,
        _ => {}
    }
}

async fn the_two_paths_agree(a: (Store, Option<tempfile::TempDir>), b: (Store, Option<tempfile::TempDir>)) {
    let (batched, pairs) = world(a).await;
    let (b_store, b_dir) = b;
    let (single, other_pairs) = world((b_store.without_batches(), b_dir)).await;
    assert_eq!(pairs, other_pairs);
    // The switch holds: the one database's batches refuse to start (so its
    // ticks below can only come from the pair-by-pair path), the other's go.
    let now = at(2030, 8, 1, 10, 0);
    let mut tx = single.engine.store.begin().await.unwrap();
    assert!(single.engine.store.load_due_pairs(&mut tx, now, 10).await.is_err());
    drop(tx);
    let mut tx = batched.engine.store.begin().await.unwrap();
    assert!(batched.engine.store.load_due_pairs(&mut tx, now, 10).await.is_ok());
    tx.rollback().await.unwrap();
    assert_eq!(
        written(&batched.engine.store).await,
        written(&single.engine.store).await
    );
    let mut ticked = (0, 0);
    // Daily from the match to past the follow-up survey.
    for day in 0..200 {
        let now = at(2030, 8, 1, 10, 0) + Duration::days(day);
        coordinate(&batched, &pairs, day, now).await;
        coordinate(&single, &pairs, day, now).await;
        let n = batched.engine.tick_all_due(now).await.unwrap();
        let m = single.engine.tick_all_due(now).await.unwrap();
        assert_eq!(n, m, "day {day}: pairs ticked");
        ticked.0 += n;
        if n > 0 {
            ticked.1 += 1;
            let (x, y) = (
                written(&batched.engine.store).await,
                written(&single.engine.store).await,
            );
            if x != y {
                let only_x: Vec<_> = x.iter().filter(|r| !y.contains(r)).collect();
                let only_y: Vec<_> = y.iter().filter(|r| !x.contains(r)).collect();
                panic!("day {day}: the paths differ\nbatched only: {only_x:#?}\npair by pair only: {only_y:#?}");
            }
        }
        batched.dispatcher.drain(now).await.unwrap();
        single.dispatcher.drain(now).await.unwrap();
    }
    let (pending, sent, _) = batched.engine.store.outbox_counts().await.unwrap();
    println!(
        "scheduler paths: {PAIRS} pairs over 200 days: {} pair ticks on {} days, {} messages, the same on both paths",
        ticked.0,
        ticked.1,
        pending + sent
    );
    // The test means something only if the ticks did: intros, nudges,
    // surveys, the end, for every pair.
    assert!(ticked.0 >= PAIRS * 5, "{ticked:?}");
}
