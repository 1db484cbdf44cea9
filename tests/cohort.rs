//! Starting a cohort: programme templates and the guards in front of a match.

mod common;

use bot_core::{Lang, Role};
use common::{Harness, at};

type Db = (mentorbot::Store, Option<tempfile::TempDir>);
use std::path::Path;
use std::process::Command;

fn mentorbot(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_mentorbot"))
        .args(args)
        .output()
        .unwrap()
}

fn text(o: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn programme_new_from_every_shipped_programme_checks_and_simulates_to_the_end() {
    let dir = tempfile::tempdir().unwrap();
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("programmes");
    let mut n = 0;
    for entry in std::fs::read_dir(&shipped).unwrap() {
        let from = entry.unwrap().path();
        let out = dir.path().join(from.file_name().unwrap());
        let o = mentorbot(&[
            "programme",
            "new",
            "--from",
            from.to_str().unwrap(),
            "--start",
            "2031-02-03",
            "--out",
            out.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}: {}", from.display(), text(&o));
        let (p, _) = mentorbot::load_programme(&out).unwrap();
        assert_eq!(p.start.to_string(), "2031-02-03", "{}", from.display());
        let (old, _) = mentorbot::load_programme(&from).unwrap();
        assert_eq!(p.end - p.start, old.end - old.start, "{}", from.display());
        use chrono::Datelike;
        for (a, b) in old.events.iter().zip(&p.events) {
            assert_eq!(a.date.weekday(), b.date.weekday(), "{} {}", from.display(), a.id);
        }
        let o = mentorbot(&["check-programme", out.to_str().unwrap()]);
        assert!(o.status.success(), "{}: {}", out.display(), text(&o));
        let o = mentorbot(&[
            "simulate",
            "--programme",
            out.to_str().unwrap(),
            "--pairs",
            "5",
            "--summary-only",
        ]);
        assert!(o.status.success(), "{}: {}", out.display(), text(&o));
        n += 1;
    }
    assert!(n >= 9, "only {n} shipped programmes");
}

#[test]
fn programme_new_refuses_to_overwrite_its_source_and_a_bad_date() {
    let km = Path::new(env!("CARGO_MANIFEST_DIR")).join("programmes/karrierementor.toml");
    let before = std::fs::read_to_string(&km).unwrap();
    let o = mentorbot(&[
        "programme",
        "new",
        "--from",
        km.to_str().unwrap(),
        "--start",
        "2031-02-03",
        "--out",
        km.to_str().unwrap(),
    ]);
    assert!(!o.status.success());
    assert!(text(&o).contains("is the --from file"), "{}", text(&o));
    assert_eq!(std::fs::read_to_string(&km).unwrap(), before);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.toml");
    let o = mentorbot(&[
        "programme",
        "new",
        "--from",
        km.to_str().unwrap(),
        "--start",
        "2031-02-30",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(!o.status.success());
    assert!(!out.exists());
}

async fn matching_a_mentee_twice_is_refused_and_changes_nothing(db: Db) {
    let mut h = Harness::new(db).await;
    let t0 = at(2030, 8, 10, 9, 0);
    let amira = h.register("Amira", Role::Mentee, Lang::En, t0).await;
    let lars = h.register("Lars", Role::Mentor, Lang::En, t0).await;
    let ole = h.register("Ole", Role::Mentor, Lang::En, t0).await;
    let pair = h.engine.match_pair(amira, lars, t0).await.unwrap();
    let e = h.engine.match_pair(amira, ole, t0).await.unwrap_err().to_string();
    assert!(e.contains("Amira") && e.contains(&format!("par {pair}")), "{e}");
    let people = h.engine.store.participants(&h.programme_id()).await.unwrap();
    let ole_paired = people.iter().find(|p| p.0 == ole).unwrap().3;
    assert!(!ole_paired, "Ole was paired anyway");
}

async fn matching_into_an_ended_programme_is_refused(db: Db) {
    let mut h = Harness::new(db).await;
    let t0 = at(2030, 8, 10, 9, 0);
    let amira = h.register("Amira", Role::Mentee, Lang::En, t0).await;
    let lars = h.register("Lars", Role::Mentor, Lang::En, t0).await;
    // The test programme (in Danish) ends 2030-12-13.
    let after = at(2030, 12, 14, 9, 0);
    let e = h.engine.match_pair(amira, lars, after).await.unwrap_err().to_string();
    assert!(e.contains("sluttede 2030-12-13"), "{e}");
    let people = h.engine.store.participants(&h.programme_id()).await.unwrap();
    assert!(people.iter().all(|p| !p.3), "someone was paired anyway");
}

#[test]
fn a_bad_profile_section_names_file_line_and_field() {
    let src = std::fs::read_to_string(common::fixture("test-programme.toml")).unwrap();
    let bad = src.replace(
        "\"field-it\", \"field-business\"]",
        "\"field-it\", \"field-astrology\"]",
    );
    assert_ne!(bad, src);
    let e = bot_core::Programme::parse("t.toml", &bad, bot_core::i18n::Catalog::builtin()).unwrap_err();
    let line = bad.lines().position(|l| l.contains("field-astrology")).unwrap() + 1;
    assert_eq!(
        (e.file.as_str(), e.line, e.field.as_str()),
        ("t.toml", line, "profile.fields")
    );
    assert!(e.message.contains("field-astrology"), "{}", e.message);
    let bad = src.replace("ask = [\"field\",", "ask = [\"horoscope\",");
    let e = bot_core::Programme::parse("t.toml", &bad, bot_core::i18n::Catalog::builtin()).unwrap_err();
    assert!(e.field.contains("ask"), "{e}");
}

fn profile(field: &str, format: bot_core::profile::Format, interests: &[&str]) -> bot_core::profile::Profile {
    bot_core::profile::Profile {
        field: Some(field.into()),
        interests: interests.iter().map(|s| s.to_string()).collect(),
        format: Some(format),
        languages: vec!["da".into()],
        capacity: Some(2),
        ..Default::default()
    }
}

async fn a_programme_is_proposed_reviewed_and_published(db: Db) {
    use bot_core::profile::Format::*;
    let mut h = Harness::new(db).await;
    let pid = h.programme_id();
    let t0 = at(2030, 8, 10, 9, 0);
    let amira = h.register("Amira", Role::Mentee, Lang::En, t0).await;
    let bo = h.register("Bo", Role::Mentee, Lang::Da, t0).await;
    let cy = h.register("Cy", Role::Mentee, Lang::En, t0).await;
    let lars = h.register("Lars", Role::Mentor, Lang::Da, t0).await;
    let eva = h.register("Eva", Role::Mentor, Lang::En, t0).await;
    let profiles = [
        (amira, profile("field-it", Both, &["interest-cv"])),
        (bo, profile("field-it", Physical, &[])),
        (cy, profile("field-health", Physical, &[])),
        (
            lars,
            bot_core::profile::Profile {
                capacity: Some(1),
                ..profile("field-it", Both, &["interest-cv"])
            },
        ),
        (
            eva,
            bot_core::profile::Profile {
                capacity: Some(1),
                ..profile("field-it", Virtual, &[])
            },
        ),
    ];
    let mut tx = h.engine.store.begin().await.unwrap();
    for (id, p) in &profiles {
        h.engine.store.save_profile(&mut tx, *id, &pid, p, t0).await.unwrap();
    }
    tx.commit().await.unwrap();

    // Greedy would give Lars to Amira (her best) and leave Bo (physical)
    // without a mentor; the optimum gives Lars to Bo and Eva to Amira. Cy
    // waits: nobody physical is left.
    let r = h.engine.propose(&pid, t0).await.unwrap();
    let pairs: Vec<(i64, i64)> = r.proposal.pairs.iter().map(|p| (p.mentee, p.mentor)).collect();
    assert_eq!(pairs, vec![(amira, eva), (bo, lars)], "{r:?}");
    assert_eq!(r.proposal.waitlist, vec![(cy, bot_core::matching::WaitReason::Full)]);
    let o = mentorbot::report::Out {
        cat: bot_core::i18n::Catalog::builtin(),
        lang: Lang::En,
        tz: chrono_tz::UTC,
    };
    let table = mentorbot::cohort::table(&o, &r);
    assert!(table.contains("Proposal: 2 pairs, 1 waiting"), "{table}");
    assert!(table.contains("same field (IT and software)"), "{table}");
    assert!(
        table.contains("Cy") && table.contains("every mentor who fits is full"),
        "{table}"
    );

    // The coordinator forbids Bo with Lars and pins Cy to Lars instead.
    h.engine
        .decide(&pid, bo, lars, mentorbot::store::DecisionKind::Forbid, t0)
        .await
        .unwrap();
    h.engine
        .decide(&pid, cy, lars, mentorbot::store::DecisionKind::Pin, t0)
        .await
        .unwrap();
    // A pin must name a mentee then a mentor.
    assert!(
        h.engine
            .decide(&pid, lars, cy, mentorbot::store::DecisionKind::Pin, t0)
            .await
            .is_err()
    );
    let r = h.engine.propose(&pid, t0).await.unwrap();
    let pairs: Vec<(i64, i64)> = r.proposal.pairs.iter().map(|p| (p.mentee, p.mentor)).collect();
    assert_eq!(pairs, vec![(cy, lars), (amira, eva)], "{r:?}");
    assert_eq!(
        r.proposal.waitlist,
        vec![(bo, bot_core::matching::WaitReason::Forbidden)]
    );

    // Publishing makes the pairs; the next proposal has only Bo left, and
    // publishing the old proposal again is refused pair by pair.
    let (made, refused) = h.engine.publish(&r.proposal, t0).await.unwrap();
    assert_eq!((made.len(), refused.len()), (2, 0));
    let (made, refused) = h.engine.publish(&r.proposal, t0).await.unwrap();
    assert_eq!((made.len(), refused.len()), (0, 2), "{refused:?}");
    let r = h.engine.propose(&pid, t0).await.unwrap();
    assert!(r.proposal.pairs.is_empty());
    assert_eq!(r.proposal.waitlist.len(), 1);
    // The pairs get their joint intro when the programme says.
    h.run(at(2030, 8, 19, 10, 0)).await;
    assert!(h.texts("Cy").iter().any(|t| t.contains("Lars")), "{:?}", h.texts("Cy"));
}

async fn rematch_finds_the_best_free_mentor_but_not_the_last_one(db: Db) {
    use bot_core::profile::Format::*;
    let mut h = Harness::new(db).await;
    let pid = h.programme_id();
    let t0 = at(2030, 8, 10, 9, 0);
    let amira = h.register("Amira", Role::Mentee, Lang::En, t0).await;
    let lars = h.register("Lars", Role::Mentor, Lang::Da, t0).await;
    let eva = h.register("Eva", Role::Mentor, Lang::En, t0).await;
    let ole = h.register("Ole", Role::Mentor, Lang::En, t0).await;
    let mut tx = h.engine.store.begin().await.unwrap();
    for (id, p) in [
        (amira, profile("field-it", Both, &["interest-cv"])),
        (lars, profile("field-it", Both, &["interest-cv"])),
        (eva, profile("field-it", Virtual, &[])),
        (ole, profile("field-health", Virtual, &[])),
    ] {
        h.engine.store.save_profile(&mut tx, id, &pid, &p, t0).await.unwrap();
    }
    tx.commit().await.unwrap();
    let first = h.engine.match_pair(amira, lars, t0).await.unwrap();
    // While her pair runs, she is not rematched.
    let e = h.engine.rematch(amira, t0).await.unwrap_err().to_string();
    assert!(e.contains(&format!("par {first}")), "{e}");
    // Her pair ends early: the best free mentor who is not Lars.
    sqlx::query::<sqlx::Any>("UPDATE pairs SET status = 'ended_early' WHERE id = $1")
        .bind(first)
        .execute(h.engine.store.pool())
        .await
        .unwrap();
    let (r, made) = h.engine.rematch(amira, t0).await.unwrap();
    assert_eq!(r.proposal.pairs.len(), 1, "{r:?}");
    assert_eq!((r.proposal.pairs[0].mentee, r.proposal.pairs[0].mentor), (amira, eva));
    assert!(made.is_some());
    // A mentor cannot be rematched as a mentee.
    assert!(h.engine.rematch(lars, t0).await.is_err());
}

async fn match_in_chat_gives_the_coordinator_a_summary_and_a_mentee_nothing(db: Db) {
    use bot_core::profile::Format::*;
    let mut h = Harness::new(db).await;
    let pid = h.programme_id();
    let t0 = at(2030, 8, 10, 9, 0);
    h.register("Karen", Role::Coordinator, Lang::En, t0).await;
    let amira = h.register("Amira", Role::Mentee, Lang::En, t0).await;
    let bo = h.register("Bo", Role::Mentee, Lang::En, t0).await;
    let lars = h.register("Lars", Role::Mentor, Lang::Da, t0).await;
    let mut tx = h.engine.store.begin().await.unwrap();
    for (id, p) in [
        (amira, profile("field-it", Both, &[])),
        (bo, profile("field-it", Physical, &[])),
        (
            lars,
            bot_core::profile::Profile {
                capacity: Some(1),
                ..profile("field-it", Virtual, &[])
            },
        ),
    ] {
        h.engine.store.save_profile(&mut tx, id, &pid, &p, t0).await.unwrap();
    }
    tx.commit().await.unwrap();
    h.say("Karen", "/match", t0).await;
    h.run(t0).await;
    let karen = h.last("Karen").text;
    assert!(karen.contains("1 pair") && karen.contains("1 mentee waits"), "{karen}");
    assert!(karen.contains("1 for the format"), "{karen}");
    assert!(karen.contains(&format!("mentorbot match --programme {pid}")), "{karen}");
    // The attack: a mentee asks for the matching and learns nothing of it.
    let before = h.texts("Amira").len();
    h.say("Amira", "/match", t0).await;
    h.run(t0).await;
    let amira_got = h.texts("Amira")[before..].join("\n");
    assert!(!amira_got.is_empty());
    assert!(
        !amira_got.contains("pair") && !amira_got.contains("Lars"),
        "{amira_got}"
    );
    // Nothing was matched by asking.
    let people = h.engine.store.participants(&pid).await.unwrap();
    assert!(people.iter().all(|p| !p.3));
}

/// Joins through an invite link on the in-memory platform and answers the
/// profile questions with their buttons (`answers`: payloads to press, or
/// text to type when it does not start with `pf:`).
async fn join(h: &Harness, who: &str, role: Role, lang: &str, consent: bool, answers: &[&str], now: bot_core::Ts) {
    let code = h.engine.create_invite("test-programme", role, now).await.unwrap();
    h.say(who, &format!("/start {code}"), now).await;
    h.press(who, |p| p == format!("reg:lang:{lang}"), now).await;
    h.say(who, who, now).await;
    let consent = if consent { "reg:consent:yes" } else { "reg:consent:no" };
    assert_eq!(
        h.press(who, |p| p == consent, now).await,
        mentorbot::Handled::Registered(role)
    );
    for a in answers {
        if a.starts_with("pf:") {
            h.press(who, |p| p == *a, now).await;
        } else {
            h.say(who, a, now).await;
        }
    }
}

async fn a_cohort_registers_with_profiles_in_chat_is_matched_and_each_intro_tells_of_the_other(db: Db) {
    let h = Harness::new(db).await;
    let t0 = at(2030, 8, 10, 9, 0);
    join(&h, "Karen", Role::Coordinator, "en", true, &[], t0).await;
    // Amira: IT, CV and network, online, English; shares her e-mail.
    join(
        &h,
        "Amira",
        Role::Mentee,
        "en",
        true,
        &[
            "pf:field:3",
            "pf:interests:t1",
            "pf:interests:t2",
            "pf:interests:done",
            "pf:format:0",
            "pf:languages:t1",
            "pf:languages:done",
            "amira@example",
            "amira@example.dk",
        ],
        t0,
    )
    .await;
    let amira = h.texts("Amira");
    assert!(
        amira.iter().any(|t| t.contains("A few questions about you")),
        "{amira:?}"
    );
    // The bad e-mail was refused and asked again; the good one completed it.
    assert!(amira.iter().any(|t| t.contains("does not look right")));
    assert!(amira.last().unwrap().contains("Your profile is complete"), "{amira:?}");
    // Lars, in Danish: IT, either format, Danish and English, 1 mentee, a phone.
    join(
        &h,
        "Lars",
        Role::Mentor,
        "da",
        true,
        &[
            "pf:field:3",
            "pf:interests:t1",
            "pf:interests:done",
            "pf:format:2",
            "pf:languages:t0",
            "pf:languages:t1",
            "pf:languages:done",
            "pf:capacity:0",
            "+45 12 34 56 78",
        ],
        t0,
    )
    .await;
    assert!(h.texts("Lars").last().unwrap().contains("Din profil er udfyldt"));
    // Bo (mentee) shares, Ole (mentor) does not: their contact stays hidden.
    join(
        &h,
        "Bo",
        Role::Mentee,
        "en",
        true,
        &[
            "pf:field:4",
            "pf:interests:done",
            "pf:format:1",
            "pf:languages:t0",
            "pf:languages:done",
            "bo@example.dk",
        ],
        t0,
    )
    .await;
    join(
        &h,
        "Ole",
        Role::Mentor,
        "en",
        false,
        &[
            "pf:field:4",
            "pf:interests:t0",
            "pf:interests:done",
            "pf:format:1",
            "pf:languages:t0",
            "pf:languages:done",
            "pf:capacity:0",
        ],
        t0,
    )
    .await;
    // Ole did not consent: he was never asked for contact details.
    assert!(h.texts("Ole").iter().all(|t| !t.contains("e-mail address")));

    let r = h.engine.propose("test-programme", t0).await.unwrap();
    let names: Vec<(String, String)> = r
        .proposal
        .pairs
        .iter()
        .map(|p| (r.names[&p.mentee].clone(), r.names[&p.mentor].clone()))
        .collect();
    assert_eq!(
        names,
        vec![("Amira".to_string(), "Lars".to_string()), ("Bo".into(), "Ole".into())]
    );
    let (made, refused) = h.engine.publish(&r.proposal, t0).await.unwrap();
    assert_eq!((made.len(), refused.len()), (2, 0));
    h.run_until(t0, at(2030, 8, 19, 11, 0)).await;

    let amira = h.texts("Amira").join("\n");
    assert!(amira.contains("Your mentor is Lars"), "{amira}");
    assert!(amira.contains("About your mentor, Lars:"), "{amira}");
    assert!(
        amira.contains("IT and software") && amira.contains("Either is fine"),
        "{amira}"
    );
    assert!(amira.contains("Danish, English"), "{amira}");
    assert!(amira.contains("+4512345678"), "both consented: {amira}");
    assert!(amira.contains("The frame of the role"), "the guidance: {amira}");
    assert!(amira.contains("Next step"), "{amira}");
    assert!(amira.contains("You are invited to the kickoff"), "{amira}");
    // Lars reads about Amira in Danish.
    let lars = h.texts("Lars").join("\n");
    assert!(lars.contains("Om din mentee, Amira:"), "{lars}");
    assert!(
        lars.contains("IT og software") && lars.contains("CV og ansøgninger"),
        "{lars}"
    );
    assert!(lars.contains("amira@example.dk"), "{lars}");
    assert!(lars.contains("Invitation til"), "{lars}");
    // Bo and Ole: about each other, but no contact details either way.
    let bo = h.texts("Bo").join("\n");
    let ole = h.texts("Ole").join("\n");
    assert!(
        bo.contains("About your mentor, Ole:") && bo.contains("Business and finance"),
        "{bo}"
    );
    assert!(ole.contains("About your mentee, Bo:"), "{ole}");
    assert!(
        !ole.contains("bo@example.dk"),
        "Ole did not consent, so Bo's contact stays hidden: {ole}"
    );
    assert!(!bo.contains("You can reach Ole at"), "{bo}");
}

async fn profile_shows_the_answers_and_edits_one(db: Db) {
    let h = Harness::new(db).await;
    let t0 = at(2030, 8, 10, 9, 0);
    join(
        &h,
        "Amira",
        Role::Mentee,
        "en",
        false,
        &[
            "pf:field:3",
            "pf:interests:done",
            "pf:format:0",
            "pf:languages:t1",
            "pf:languages:done",
        ],
        t0,
    )
    .await;
    h.say("Amira", "/profile", t0).await;
    let shown = h.last("Amira");
    assert!(
        shown.text.contains("Field: IT and software") && shown.text.contains("Meeting: Online"),
        "{}",
        shown.text
    );
    h.press("Amira", |p| p == "pfe:format", t0).await;
    assert!(h.last("Amira").text.contains("How would you like to meet?"));
    h.press("Amira", |p| p == "pf:format:1", t0).await;
    let shown = h.last("Amira");
    assert!(shown.text.contains("Meeting: In person"), "{}", shown.text);
    let id = h.engine.store.participants("test-programme").await.unwrap()[0].0;
    let mut tx = h.engine.store.begin().await.unwrap();
    let p = h.engine.store.profile(&mut tx, id).await.unwrap();
    assert_eq!(p.format, Some(bot_core::profile::Format::Physical));
    assert_eq!(p.field.as_deref(), Some("field-it"));
    tx.commit().await.unwrap();
    // A mentee cannot reach the mentors' question, and nothing changes.
    h.press_payload("Amira", "pfe:capacity", t0).await;
    let mut tx = h.engine.store.begin().await.unwrap();
    assert!(
        h.last("Amira").text.contains("no longer active"),
        "{}",
        h.last("Amira").text
    );
    assert_eq!(h.engine.store.profile(&mut tx, id).await.unwrap(), p);
}

#[test]
fn import_with_one_bad_row_imports_nothing_and_a_good_file_writes_the_invites() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("mentorbot.toml");
    let db = dir.path().join("m.db");
    std::fs::write(
        &config,
        format!(
            "database_url = \"sqlite://{}\"\nprogrammes = [{:?}]\n\
             [telegram]\ntoken = \"123:not-used\"\nbot_username = \"mentor_dk_bot\"\n\
             [webchat]\npublic_url = \"https://chat.example.org\"\n",
            db.display(),
            common::fixture("test-programme.toml").display().to_string()
        ),
    )
    .unwrap();
    let map = dir.path().join("map.toml");
    std::fs::write(
        &map,
        "name = \"Name\"\nrole = \"Role\"\nemail = \"E-mail\"\nfield = \"Field\"\nformat = \"Format\"\nlanguages = \"Languages\"\n",
    )
    .unwrap();
    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "Name,Role,E-mail,Field,Format,Languages\nAmira Hassan,mentee,amira@example.dk,it,virtual,en\nLars Holm,mentor,lars@nowhere,it,both,da\n",
    )
    .unwrap();
    let out = dir.path().join("invites.csv");
    let c = config.to_str().unwrap();
    let args = |file: &Path| {
        vec![
            "import".to_string(),
            "--config".into(),
            c.into(),
            "--programme".into(),
            "test-programme".into(),
            file.to_str().unwrap().into(),
            "--map".into(),
            map.to_str().unwrap().into(),
            "--invites-out".into(),
            out.to_str().unwrap().into(),
        ]
    };
    let a = args(&bad);
    let o = mentorbot(&a.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(!o.status.success());
    assert!(text(&o).contains("row 3, column \"E-mail\""), "{}", text(&o));
    assert!(text(&o).contains("nothing was imported"), "{}", text(&o));
    assert!(!out.exists(), "no invites for a bad file");
    let good = dir.path().join("good.csv");
    std::fs::write(
        &good,
        "Name,Role,E-mail,Field,Format,Languages\nAmira Hassan,mentee,amira@example.dk,it,virtual,en\nLars Holm,mentor,lars@example.dk,it,both,da\n",
    )
    .unwrap();
    let a = args(&good);
    let o = mentorbot(&a.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(o.status.success(), "{}", text(&o));
    let invites = std::fs::read_to_string(&out).unwrap();
    let lines: Vec<&str> = invites.lines().collect();
    assert_eq!(lines.len(), 3, "{invites}");
    assert!(lines[1].starts_with("Amira Hassan,mentee,amira@example.dk,,") && lines[1].contains("/start "));
    // Each row carries the person's own links: opening one joins with the code.
    let mut rows = csv::Reader::from_reader(invites.as_bytes());
    let headers = rows.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let mut codes = Vec::new();
    for row in rows.records() {
        let row = row.unwrap();
        let code = &row[col("code")];
        assert_eq!(
            &row[col("telegram_link")],
            format!("https://t.me/mentor_dk_bot?start={code}")
        );
        assert_eq!(
            &row[col("webchat_link")],
            format!("https://chat.example.org/?code={code}")
        );
        assert_eq!(&row[col("link")], &row[col("telegram_link")]);
        codes.push(code.to_string());
    }
    assert_ne!(codes[0], codes[1], "personal links");
}

async fn an_imported_person_joins_by_their_link_and_is_asked_only_what_is_missing(db: Db) {
    let h = Harness::new(db).await;
    let t0 = at(2030, 8, 10, 9, 0);
    let person = bot_core::registration::Imported {
        name: "Amira Hassan".into(),
        profile: bot_core::profile::Profile {
            field: Some("field-it".into()),
            format: Some(bot_core::profile::Format::Virtual),
            email: Some("amira@example.dk".into()),
            ..Default::default()
        },
    };
    h.engine
        .store
        .create_imported_invites(
            "test-programme",
            &[("Imported0000001".into(), Role::Mentee, person)],
            at(2030, 9, 1, 0, 0),
            t0,
        )
        .await
        .unwrap();
    h.say("amira", "/start Imported0000001", t0).await;
    h.press("amira", |p| p == "reg:lang:en", t0).await;
    // Her name is known: consent comes next.
    assert!(h.last("amira").text.contains("May I share"), "{}", h.last("amira").text);
    h.press("amira", |p| p == "reg:consent:yes", t0).await;
    let texts = h.texts("amira").join("\n");
    assert!(texts.contains("Thank you, Amira Hassan!"), "{texts}");
    // Field, format and contact were imported: interests are asked first.
    assert!(!texts.contains("Which field"), "{texts}");
    assert!(h.last("amira").text.contains("What would you like to talk about?"));
    h.press("amira", |p| p == "pf:interests:done", t0).await;
    h.press("amira", |p| p == "pf:languages:t1", t0).await;
    h.press("amira", |p| p == "pf:languages:done", t0).await;
    assert!(h.last("amira").text.contains("Your profile is complete"));
    let texts = h.texts("amira").join("\n");
    assert!(!texts.contains("e-mail address and/or phone"), "{texts}");
    let id = h.engine.store.participants("test-programme").await.unwrap()[0].0;
    let mut tx = h.engine.store.begin().await.unwrap();
    let p = h.engine.store.profile(&mut tx, id).await.unwrap();
    assert_eq!(p.field.as_deref(), Some("field-it"));
    assert_eq!(p.email.as_deref(), Some("amira@example.dk"));
    assert_eq!(p.languages, vec!["en"]);
    // The invite no longer holds what the form said.
    assert_eq!(h.engine.store.imported(&mut tx, "Imported0000001").await.unwrap(), None);
}

both_backends!(
    an_imported_person_joins_by_their_link_and_is_asked_only_what_is_missing,
    a_cohort_registers_with_profiles_in_chat_is_matched_and_each_intro_tells_of_the_other,
    profile_shows_the_answers_and_edits_one,
    matching_a_mentee_twice_is_refused_and_changes_nothing,
    matching_into_an_ended_programme_is_refused,
    a_programme_is_proposed_reviewed_and_published,
    rematch_finds_the_best_free_mentor_but_not_the_last_one,
    match_in_chat_gives_the_coordinator_a_summary_and_a_mentee_nothing,
);

#[test]
fn the_demo_programme_is_dated_from_the_day_the_demo_starts() {
    for today in ["2026-11-23", "2031-06-30", "2040-02-29"] {
        let today: chrono::NaiveDate = today.parse().unwrap();
        let src = mentorbot::demo::demo_source(today).unwrap();
        let p = bot_core::Programme::parse("programmes/demo.toml", &src, bot_core::i18n::Catalog::builtin()).unwrap();
        assert_eq!(
            p.start,
            today + chrono::Duration::days(mentorbot::demo::DEMO_STARTS_IN_DAYS)
        );
        assert!(p.end > today + chrono::Duration::days(60), "{today}: ends {}", p.end);
        // A pair matched on the first day is not refused as ended.
        let noon = p.local(today, chrono::NaiveTime::from_hms_opt(12, 0, 0).unwrap());
        assert_eq!(bot_core::matching::may_match(&p, &[], noon), Ok(()));
    }
}
