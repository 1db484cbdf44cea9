//! The relay between the two members of a pair, through the engine and the
//! in-memory platform, on both backends: text reaches the other member with
//! the writer's name and goes nowhere else; a mentor with two mentees is
//! asked which pair; the relay switched off, paused and ended pairs, and
//! the attacks (an outsider, a forged press, the coordinator) send nothing.

mod common;

use bot_core::pair::{EndReason, Input};
use bot_core::{Lang, Role};
use common::{Harness, at};
use mentorbot::Store;
use mentorbot::store::Backend;
use sqlx::Row;

type Db = (Store, Option<tempfile::TempDir>);

both_backends!(
    text_reaches_the_other_member_with_the_writers_name_and_nowhere_else,
    an_answer_under_way_is_not_relayed,
    a_mentor_with_two_mentees_is_asked_once_and_a_stale_press_sends_nothing,
    an_outsider_a_forged_press_and_the_coordinator_get_nothing_into_the_pair,
    a_programme_with_the_relay_off_says_so_and_sends_nothing,
    paused_and_ended_pairs_do_not_relay,
    forgetting_the_writer_scrubs_what_they_relayed,
    without_buttons_the_mentor_types_the_number_of_the_mentee,
);

/// Every cell of every table that contains `needle`: "table.column".
async fn find_anywhere(store: &Store, needle: &str) -> Vec<String> {
    let sql = match store.backend() {
        Backend::Sqlite => {
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_sqlx%'"
        }
        Backend::Postgres => {
            "SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name NOT LIKE '_sqlx%'"
        }
    };
    let tables: Vec<String> = sqlx::query::<sqlx::Any>(sql)
        .fetch_all(store.pool())
        .await
        .unwrap()
        .iter()
        .map(|r| r.try_get(0).unwrap())
        .collect();
    assert!(tables.len() >= 10, "{tables:?}");
    let mut found = vec![];
    for table in tables {
        let sql = match store.backend() {
            Backend::Sqlite => format!("SELECT name FROM pragma_table_info('{table}')"),
            Backend::Postgres => format!(
                "SELECT column_name::text FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = '{table}'"
            ),
        };
        let cols: Vec<String> = sqlx::query::<sqlx::Any>(sqlx::AssertSqlSafe(sql))
            .fetch_all(store.pool())
            .await
            .unwrap()
            .iter()
            .map(|r| r.try_get(0).unwrap())
            .collect();
        for col in cols {
            let sql = format!("SELECT CAST({col} AS TEXT) FROM {table}");
            for row in sqlx::query::<sqlx::Any>(sqlx::AssertSqlSafe(sql))
                .fetch_all(store.pool())
                .await
                .unwrap()
            {
                if let Some(v) = row.try_get::<Option<String>, _>(0).unwrap()
                    && v.contains(needle)
                {
                    found.push(format!("{table}.{col}"));
                }
            }
        }
    }
    found
}

/// Who the outbox rows holding `needle` are for.
async fn recipients_of(h: &Harness, needle: &str) -> Vec<i64> {
    let rows = sqlx::query::<sqlx::Any>("SELECT participant_id, msg FROM outbox ORDER BY id")
        .fetch_all(h.engine.store.pool())
        .await
        .unwrap();
    rows.iter()
        .filter(|r| r.try_get::<String, _>(1).unwrap().contains(needle))
        .map(|r| r.try_get::<Option<i64>, _>(0).unwrap().unwrap_or(0))
        .collect()
}

fn received(h: &Harness, who: &str, needle: &str) -> bool {
    h.texts(who).iter().any(|t| t.contains(needle))
}

/// Amira and Lars, introduced on 19 August; Karen coordinates.
async fn introduced(db: Db) -> (Harness, i64) {
    let mut h = Harness::new(db).await;
    let pair = h.pair().await;
    h.run(at(2030, 8, 19, 10, 0)).await;
    (h, pair)
}

async fn text_reaches_the_other_member_with_the_writers_name_and_nowhere_else(db: Db) {
    let (h, _) = introduced(db).await;
    // The intro and /help say how it works.
    assert!(received(&h, "Amira", "I pass on to Lars"), "{:?}", h.texts("Amira"));
    h.say("Amira", "/help", at(2030, 8, 19, 11, 0)).await;
    assert!(h.last("Amira").text.contains("I pass on to your mentor"));

    let t = at(2030, 8, 20, 12, 0);
    let secret = "Could we meet at the library on Thursday?";
    h.say("Amira", secret, t).await;
    assert_eq!(h.last("Lars").text, format!("💬 Amira writes:\n{secret}"));
    let reply = "Thursday 17:00 works, see you there";
    h.say("Lars", reply, t).await;
    assert_eq!(h.last("Amira").text, format!("💬 Lars writes:\n{reply}"));

    // The coordinator saw none of it, and the only copy of each is the
    // outbox row to the other member.
    for (text, to) in [(secret, "Lars"), (reply, "Amira")] {
        assert!(!received(&h, "Karen", text));
        assert_eq!(find_anywhere(&h.engine.store, text).await, vec!["outbox.msg"]);
        assert_eq!(recipients_of(&h, text).await, vec![h.ids[to]]);
    }
}

async fn an_answer_under_way_is_not_relayed(db: Db) {
    let (h, _) = introduced(db).await;
    let t = at(2030, 8, 20, 12, 0);
    h.press("Amira", |p| p.ends_with("|book"), t).await;
    let lars_had = h.inbox("Lars").len();
    h.say("Amira", "03.09 17:00", t).await;
    assert!(h.last("Amira").text.contains("Booked"), "{}", h.last("Amira").text);
    assert!(!h.texts("Lars")[lars_had..].iter().any(|m| m.contains("Amira writes")));
}

async fn a_mentor_with_two_mentees_is_asked_once_and_a_stale_press_sends_nothing(db: Db) {
    let (mut h, _) = introduced(db).await;
    let jonas = h.register("Jonas", Role::Mentee, Lang::En, at(2030, 8, 1, 9, 0)).await;
    h.engine
        .match_pair(jonas, h.ids["Lars"], at(2030, 8, 19, 11, 0))
        .await
        .unwrap();
    h.run(at(2030, 8, 19, 11, 0)).await;

    let t = at(2030, 8, 20, 12, 0);
    h.say("Lars", "The kickoff is in room 2.14", t).await;
    let question = h.last("Lars");
    assert_eq!(question.text, "Who is this message for?");
    let mut labels: Vec<&str> = question.buttons.iter().flatten().map(|b| b.label.as_str()).collect();
    labels.sort();
    assert_eq!(labels, vec!["To Amira", "To Jonas"]);
    assert!(!received(&h, "Amira", "room 2.14") && !received(&h, "Jonas", "room 2.14"));
    // While the question waits, it is held in his dialogue, not sent.
    assert_eq!(
        find_anywhere(&h.engine.store, "room 2.14").await,
        vec!["dialogues.state"]
    );

    // More text is added to it; the answer holds the same question's
    // buttons (not a new question: the first buttons still work).
    h.say("Lars", "Bring your CV", t).await;
    assert!(h.last("Lars").text.contains("added"));
    assert_eq!(h.last("Lars").buttons, question.buttons);

    let to_jonas = question
        .buttons
        .iter()
        .flatten()
        .find(|b| b.label == "To Jonas")
        .unwrap();
    h.press_payload("Lars", &to_jonas.payload.clone(), t).await;
    assert_eq!(
        h.last("Jonas").text,
        "💬 Lars writes:\nThe kickoff is in room 2.14\nBring your CV"
    );
    assert_eq!(h.last("Lars").text, "Sent to Jonas.");
    assert!(!received(&h, "Amira", "room 2.14"));
    assert!(find_anywhere(&h.engine.store, "room 2.14").await == vec!["outbox.msg"]);

    // The same button again, or the other one: stale, nothing more sent.
    let jonas_had = h.inbox("Jonas").len();
    h.press_payload("Lars", &to_jonas.payload.clone(), t).await;
    assert!(h.last("Lars").text.contains("no longer open"));
    h.press("Lars", |p| p.starts_with("relay:") && p != to_jonas.payload, t)
        .await;
    assert!(h.last("Lars").text.contains("no longer open"));
    assert_eq!(h.inbox("Jonas").len(), jonas_had);
    assert!(!received(&h, "Amira", "room 2.14"));
}

async fn an_outsider_a_forged_press_and_the_coordinator_get_nothing_into_the_pair(db: Db) {
    let (mut h, pair) = introduced(db).await;
    let t0 = at(2030, 8, 1, 9, 0);
    let eve = h.register("Eve", Role::Mentee, Lang::En, t0).await;
    let t = at(2030, 8, 20, 12, 0);
    // Unpaired, her text goes nowhere.
    h.say("Eve", "Amira, it's Eve, write me back", t).await;
    assert!(h.last("Eve").text.contains("match you soon"));
    // Paired with someone else, it goes to her own mentor only.
    let nils = h.register("Nils", Role::Mentor, Lang::En, t0).await;
    h.engine.match_pair(eve, nils, t).await.unwrap();
    h.run(t).await;
    h.say("Eve", "Lars, it's Eve", t).await;
    assert!(received(&h, "Nils", "Lars, it's Eve"));

    // Lars has a question open with a held message; Amira, Eve and Karen
    // press the buttons it carries (the wire form is easy to guess).
    let jonas = h.register("Jonas", Role::Mentee, Lang::En, t0).await;
    h.engine.match_pair(jonas, h.ids["Lars"], t).await.unwrap();
    h.run(t).await;
    h.say("Lars", "Only for Amira's eyes", t).await;
    let question = h.last("Lars");
    let to_amira = question
        .buttons
        .iter()
        .flatten()
        .find(|b| b.label == "To Amira")
        .unwrap();
    let buttons: Vec<String> = question.buttons.iter().flatten().map(|b| b.payload.clone()).collect();
    assert_eq!(buttons.len(), 2);
    for who in ["Amira", "Eve", "Karen", "Jonas"] {
        for payload in buttons.iter().cloned().chain([format!("p{pair}|{}", buttons[0])]) {
            h.press_payload(who, &payload, t).await;
        }
    }
    for who in ["Amira", "Eve", "Jonas", "Nils", "Karen"] {
        assert!(!received(&h, who, "Only for Amira"), "{who}");
    }
    // Lars's held message is untouched by their presses: his own press sends it.
    h.press_payload("Lars", &to_amira.payload.clone(), t).await;
    assert!(received(&h, "Amira", "Only for Amira"));

    // The coordinator's free text is hers: it reaches no pair.
    h.say("Karen", "Everyone, please reply", t).await;
    for who in ["Amira", "Lars", "Eve", "Nils", "Jonas"] {
        assert!(!received(&h, who, "please reply"), "{who}");
    }
    assert!(!received(&h, "Karen", "Only for Amira") && !received(&h, "Karen", "Lars, it's Eve"));
}

async fn a_programme_with_the_relay_off_says_so_and_sends_nothing(db: Db) {
    let mut h = Harness::with_prelude(db, "relay = false").await;
    h.pair().await;
    h.run(at(2030, 8, 19, 10, 0)).await;
    assert!(!received(&h, "Amira", "I pass on"));
    let t = at(2030, 8, 20, 12, 0);
    h.say("Amira", "Hello Lars", t).await;
    assert!(h.last("Amira").text.contains("does not pass messages on"));
    assert!(!received(&h, "Lars", "Hello Lars"));
    assert!(find_anywhere(&h.engine.store, "Hello Lars").await.is_empty());
    h.say("Amira", "/help", t).await;
    assert!(!h.last("Amira").text.contains("pass on"));
}

async fn paused_and_ended_pairs_do_not_relay(db: Db) {
    let (h, pair) = introduced(db).await;
    let t = at(2030, 8, 20, 12, 0);
    h.engine
        .coordinate(pair, Input::Pause { until: None }, t)
        .await
        .unwrap();
    h.say("Amira", "Are you there?", t).await;
    assert!(h.last("Amira").text.contains("paused"));
    assert!(!received(&h, "Lars", "Are you there?"));
    h.engine.coordinate(pair, Input::Resume, t).await.unwrap();
    h.say("Amira", "Back again", t).await;
    assert!(received(&h, "Lars", "Back again"));
    h.engine
        .coordinate(
            pair,
            Input::EndEarly {
                reason: EndReason::Moved,
            },
            t,
        )
        .await
        .unwrap();
    h.dispatcher.drain(t).await.unwrap();
    h.say("Lars", "Good luck!", t).await;
    assert!(h.last("Lars").text.contains("has ended"));
    assert!(!received(&h, "Amira", "Good luck!"));
}

async fn forgetting_the_writer_scrubs_what_they_relayed(db: Db) {
    let (h, _) = introduced(db).await;
    h.say("Amira", "My number is in my CV", at(2030, 8, 20, 12, 0)).await;
    assert!(received(&h, "Lars", "My number is in my CV"));
    // Late in the evening: it waits for Lars's morning.
    h.say("Amira", "Sorry for writing late", at(2030, 8, 20, 22, 30)).await;
    assert!(!received(&h, "Lars", "Sorry for writing late"));
    let t = at(2030, 8, 20, 22, 40);
    h.say("Amira", "/forget", t).await;
    h.press("Amira", |p| p.ends_with("forget:yes"), t).await;
    for text in ["My number is in my CV", "Sorry for writing late"] {
        assert!(find_anywhere(&h.engine.store, text).await.is_empty(), "{text}");
    }
    h.run(at(2030, 8, 21, 9, 0)).await;
    assert!(!received(&h, "Lars", "Sorry for writing late"));
}

async fn without_buttons_the_mentor_types_the_number_of_the_mentee(db: Db) {
    let caps = bot_core::adapter::Capabilities {
        buttons: false,
        max_text_len: 4096,
        max_buttons: 0,
    };
    let mut h = Harness::with_adapter(db, bot_core::adapter::InMemoryAdapter::with_capabilities(caps)).await;
    h.pair().await;
    let t0 = at(2030, 8, 1, 9, 0);
    let jonas = h.register("Jonas", Role::Mentee, Lang::En, t0).await;
    h.engine.match_pair(jonas, h.ids["Lars"], t0).await.unwrap();
    h.run(at(2030, 8, 19, 10, 0)).await;
    let t = at(2030, 8, 20, 12, 0);
    h.say("Lars", "Room 2.14 at five", t).await;
    assert!(h.last("Lars").text.contains("To Jonas"), "{}", h.last("Lars").text);
    h.choose("Lars", "To Jonas", t).await;
    assert_eq!(h.last("Jonas").text, "💬 Lars writes:\nRoom 2.14 at five");
    assert!(!received(&h, "Amira", "Room 2.14"));
}
