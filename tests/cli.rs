//! The command line as a coordinator or operator uses it.

use std::path::Path;
use std::process::Command;

fn mentorbot(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_mentorbot"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("MENTORBOT_DATABASE_URL")
        .output()
        .expect("the binary runs")
}

fn stdout(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn help_names_every_command_and_how_to_start() {
    let o = mentorbot(&["--help"]);
    assert!(o.status.success());
    let s = stdout(&o);
    for cmd in ["serve", "migrate", "check-programme", "simulate"] {
        assert!(s.contains(cmd), "{s}");
    }
    assert!(s.contains("mentorbot simulate --programme programmes/karrierementor.toml"));
}

#[test]
fn check_programme_prints_the_timeline_in_the_programmes_language() {
    let o = mentorbot(&["check-programme", "programmes/karrierementor.toml"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let s = stdout(&o);
    assert!(s.contains("✓ programmes/karrierementor.toml: Karrierementor"));
    assert!(s.contains("fælles introduktion til alle par"));
    assert!(s.contains("midtvejsevaluering åbner"));
    let en = stdout(&mentorbot(&[
        "check-programme",
        "programmes/karrierementor.toml",
        "--lang",
        "en",
    ]));
    assert!(en.contains("mid-term evaluation opens"), "{en}");
}

#[test]
fn a_broken_programme_is_rejected_with_file_line_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let src = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("programmes/karrierementor.toml"))
        .unwrap()
        .replace("reminder_after_days = 4", "reminder_after_days = 9");
    let file = dir.path().join("broken.toml");
    std::fs::write(&file, &src).unwrap();
    let o = mentorbot(&["check-programme", file.to_str().unwrap()]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    let line = src.lines().position(|l| l.contains("reminder_after_days = 9")).unwrap() + 1;
    assert!(
        err.contains(&format!("broken.toml:{line}: `surveys.midterm.reminder_after_days`")),
        "{err}"
    );
    assert!(err.contains("allowed"), "{err}");
}

/// `simulate` of Karrierementor with 35 pairs, in English.
const KARRIEREMENTOR_35: &[&str] = &[
    "simulate",
    "--programme",
    "programmes/karrierementor.toml",
    "--pairs",
    "35",
    "--lang",
    "en",
];

#[test]
fn simulate_prints_the_whole_semester_then_the_summary() {
    let o = mentorbot(KARRIEREMENTOR_35);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let s = stdout(&o);
    let pos = |needle: &str| s.find(needle).unwrap_or_else(|| panic!("no {needle:?} in the output"));
    // In order: the intro, the kickoff, meetings, the mid-term survey and
    // its reminder four days later, the closing event, the final survey.
    let intro = pos("Welcome to Karrierementor");
    let kickoff = pos("invited to the kickoff");
    let booked = pos("Booked: your meeting with");
    let reminder = pos("meet tomorrow");
    let midterm = pos("Time for the mid-term evaluation");
    let midterm_day = pos("══ Monday 30 October 2023 ══");
    let reminder_day = pos("══ Friday 3 November 2023 ══");
    let survey_reminder = s[reminder_day..]
        .find("A reminder: the mid-term evaluation closes")
        .map(|i| i + reminder_day);
    let closing = pos("invited to the closing event");
    let final_survey = pos("Time for the final evaluation");
    let summary = pos("══ Summary ══");
    assert!(intro < kickoff && kickoff < booked && booked < reminder && reminder < midterm);
    assert!(midterm_day < midterm && midterm < reminder_day);
    assert!(
        survey_reminder.is_some_and(|r| r < final_survey),
        "the mid-term reminder comes on the fourth day"
    );
    assert!(closing < final_survey && final_survey < summary);
    assert!(
        s.contains("It has been") && s.contains("without a meeting booked"),
        "nudges are shown"
    );
    let tail = &s[summary..];
    assert!(tail.contains("Pairs: 35"));
    assert!(tail.contains("Messages per participant per month"));
    assert!(tail.contains("Nudges sent:"));
    assert!(tail.contains("Pairs flagged at risk: "));
    assert!(tail.contains("Reminders after the meeting target:"));
    // Then the evaluation report, as `report --format md` prints it, at
    // the programme's expected response rates.
    let report = pos("# Evaluation: Karrierementor");
    assert!(summary < report);
    assert!(
        s[report..].contains("| Final evaluation | 54% (19/35) | 71% (25/35) |"),
        "{}",
        &s[report..]
    );
}

#[test]
fn simulate_summary_only_prints_the_transcripts_summary_and_report_without_the_transcript() {
    let run = |extra: &[&str]| {
        let mut args = KARRIEREMENTOR_35.to_vec();
        args.extend(extra);
        let o = mentorbot(&args);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        stdout(&o)
    };
    let whole = run(&[]);
    let short = run(&["--summary-only"]);
    let from_summary = |s: &str| s[s.find("══ Summary ══").expect("a summary")..].to_string();
    assert!(!short.contains("Welcome to Karrierementor"), "no transcript");
    assert!(whole.contains("Welcome to Karrierementor"));
    // The pairs run one after another (on every core) for the summary:
    // the same decisions, so the same summary and the same report.
    assert_eq!(from_summary(&short), from_summary(&whole));
    assert!(from_summary(&short).contains("# Evaluation: Karrierementor"));
}

#[test]
fn simulate_refuses_zero_pairs_and_says_what_is_allowed() {
    let o = mentorbot(&[
        "simulate",
        "--programme",
        "programmes/karrierementor.toml",
        "--pairs",
        "0",
    ]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("1..=1000000"));
}

#[test]
fn migrate_reads_the_config_file_and_the_environment_overrides_it() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("mentorbot.toml");
    let from_file = dir.path().join("from-file.db");
    let from_env = dir.path().join("from-env.db");
    std::fs::write(
        &config,
        format!("database_url = \"sqlite://{}\"\n", from_file.display()),
    )
    .unwrap();
    let o = mentorbot(&["migrate", "--config", config.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(from_file.exists());
    let o = Command::new(env!("CARGO_BIN_EXE_mentorbot"))
        .args(["migrate", "--config", config.to_str().unwrap()])
        .env("MENTORBOT_DATABASE_URL", format!("sqlite://{}", from_env.display()))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(from_env.exists());
    // A config file with a typo is refused, naming the key.
    std::fs::write(&config, "databse_url = \"x\"\n").unwrap();
    let o = mentorbot(&["migrate", "--config", config.to_str().unwrap()]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("databse_url"));
}

/// Karrierementor as a round in 2099 (`programme new`), written to
/// `dir/karrierementor.toml`: the shipped file ran in 2023, and matching
/// into an ended programme is refused.
fn karrierementor_2099(dir: &Path) -> std::path::PathBuf {
    let src =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("programmes/karrierementor.toml")).unwrap();
    let out = bot_core::programme::template::shift(&src, "2099-09-17".parse().unwrap()).unwrap();
    let path = dir.join("karrierementor.toml");
    std::fs::write(&path, out.source).unwrap();
    path
}

/// A config file in `dir` with a SQLite file, Karrierementor (in 2099), and
/// Telegram pointed at a fake (with the token, unless `None`).
fn telegram_config(dir: &Path, fake_url: &str, token: Option<&str>) -> String {
    let config = dir.join("mentorbot.toml");
    let token = token.map(|t| format!("token = \"{t}\"\n")).unwrap_or_default();
    std::fs::write(
        &config,
        format!(
            "database_url = \"sqlite://{}\"\nprogrammes = [{:?}]\n[telegram]\n{token}api_url = \"{fake_url}\"\n",
            dir.join("cli.db").display(),
            karrierementor_2099(dir).display().to_string(),
        ),
    )
    .unwrap();
    config.to_str().unwrap().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invite_prints_a_telegram_deep_link_participants_lists_and_match_pairs() {
    let fake = mentorbot_telegram::fake::FakeTelegram::start("9:CLI").await;
    let dir = tempfile::tempdir().unwrap();
    let c = telegram_config(dir.path(), &fake.url(), Some("9:CLI"));
    let run = |args: Vec<String>| {
        tokio::task::spawn_blocking(move || {
            Command::new(env!("CARGO_BIN_EXE_mentorbot"))
                .args(&args)
                .env_remove("TELOXIDE_TOKEN")
                .output()
                .unwrap()
        })
    };
    let o = run(vec![
        "invite".into(),
        "--config".into(),
        c.clone(),
        "--programme".into(),
        "karrierementor".into(),
        "--role".into(),
        "mentee".into(),
    ])
    .await
    .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = stdout(&o);
    assert!(out.contains("Invitationskode til en mentee:"), "{out}");
    assert!(out.contains("https://t.me/mentorbot_test_bot?start="), "{out}");
    // An unknown programme or role is refused with what is allowed.
    let o = run(vec![
        "invite".into(),
        "--config".into(),
        c.clone(),
        "--programme".into(),
        "karrierementor".into(),
        "--role".into(),
        "boss".into(),
    ])
    .await
    .unwrap();
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("mentee, mentor, coordinator"));
    let o = run(vec![
        "participants".into(),
        "--config".into(),
        c.clone(),
        "--programme".into(),
        "nope".into(),
    ])
    .await
    .unwrap();
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("programme `nope`"));

    // Two people register (as the invite flow does), then the coordinator
    // lists and matches them from the command line.
    let store = mentorbot::Store::connect(&format!("sqlite://{}", dir.path().join("cli.db").display()))
        .await
        .unwrap();
    let (p, _) = mentorbot::load_programme(&dir.path().join("karrierementor.toml")).unwrap();
    let engine = mentorbot::Engine::new(store, vec![p]);
    for (name, role) in [("Amira", bot_core::Role::Mentee), ("Lars", bot_core::Role::Mentor)] {
        let reg = mentorbot::Registration {
            programme_id: "karrierementor",
            role,
            name,
            lang: bot_core::Lang::Da,
            tz: None,
            contact: None,
            consent: false,
            platform: "telegram",
            user_id: name,
            address: name,
        };
        engine.register(&reg, chrono::Utc::now()).await.unwrap();
    }
    let o = run(vec![
        "participants".into(),
        "--config".into(),
        c.clone(),
        "--programme".into(),
        "karrierementor".into(),
    ])
    .await
    .unwrap();
    let list = stdout(&o);
    assert!(
        list.contains("1  mentee  Amira") && list.contains("2  mentor  Lars"),
        "{list}"
    );
    let o = run(vec![
        "match".into(),
        "--config".into(),
        c.clone(),
        "--mentee".into(),
        "1".into(),
        "--mentor".into(),
        "2".into(),
    ])
    .await
    .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = run(vec![
        "participants".into(),
        "--config".into(),
        c.clone(),
        "--programme".into(),
        "karrierementor".into(),
    ])
    .await
    .unwrap();
    assert!(stdout(&o).contains("Amira  (matchet)"), "{}", stdout(&o));
    // Ending the pair from the command line offers a rematch: the best
    // free mentor who is not Amira's earlier one, and the command that
    // matches them; nothing is matched until the operator runs it.
    let reg = mentorbot::Registration {
        programme_id: "karrierementor",
        role: bot_core::Role::Mentor,
        name: "Ole",
        lang: bot_core::Lang::Da,
        tz: None,
        contact: None,
        consent: false,
        platform: "telegram",
        user_id: "Ole",
        address: "Ole",
    };
    engine.register(&reg, chrono::Utc::now()).await.unwrap();
    let o = run(vec![
        "pair".into(),
        "--config".into(),
        c.clone(),
        "--programme".into(),
        "karrierementor".into(),
        "1".into(),
        "end".into(),
        "--reason".into(),
        "moved".into(),
    ])
    .await
    .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = stdout(&o);
    assert!(out.contains("er afsluttet (flytning)"), "{out}");
    // The proposal's row: mentee id, name, mentor id, name, score.
    let proposed: Vec<&str> = out
        .lines()
        .find(|l| l.trim_start().starts_with("1 "))
        .unwrap_or_default()
        .split_whitespace()
        .collect();
    assert_eq!(proposed[..4], ["1", "Amira", "3", "Ole"], "{out}");
    assert!(out.contains("mentorbot rematch --mentee 1"), "{out}");
    let o = run(vec![
        "participants".into(),
        "--config".into(),
        c.clone(),
        "--programme".into(),
        "karrierementor".into(),
    ])
    .await
    .unwrap();
    assert!(!stdout(&o).contains("Ole  (matchet)"), "{}", stdout(&o));
    // Matching a mentor as a mentee is refused.
    let o = run(vec![
        "match".into(),
        "--config".into(),
        c,
        "--mentee".into(),
        "2".into(),
        "--mentor".into(),
        "1".into(),
    ])
    .await
    .unwrap();
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("not a mentee"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_telegram_token_can_come_from_teloxide_token() {
    let fake = mentorbot_telegram::fake::FakeTelegram::start("77:ENV").await;
    let dir = tempfile::tempdir().unwrap();
    let c = telegram_config(dir.path(), &fake.url(), None);
    let run = move |token: Option<&'static str>| {
        let c = c.clone();
        tokio::task::spawn_blocking(move || {
            let mut cmd = Command::new(env!("CARGO_BIN_EXE_mentorbot"));
            cmd.args([
                "invite",
                "--config",
                &c,
                "--programme",
                "karrierementor",
                "--role",
                "mentor",
            ]);
            match token {
                Some(t) => cmd.env("TELOXIDE_TOKEN", t),
                None => cmd.env_remove("TELOXIDE_TOKEN"),
            };
            cmd.output().unwrap()
        })
    };
    let o = run(Some("77:ENV")).await.unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        stdout(&o).contains("https://t.me/mentorbot_test_bot?start="),
        "{}",
        stdout(&o)
    );
    // Without a token anywhere, [telegram] is refused with what to do.
    let o = run(None).await.unwrap();
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("set telegram.token or TELOXIDE_TOKEN"));
}

#[test]
fn schedule_add_list_and_remove_and_a_bad_cron_stores_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("mentorbot.toml");
    std::fs::write(
        &config,
        format!(
            "database_url = \"sqlite://{}\"\nprogrammes = [{:?}]\n",
            dir.path().join("cli.db").display(),
            karrierementor_2099(dir.path()).display().to_string(),
        ),
    )
    .unwrap();
    let c = config.to_str().unwrap();
    let text = dir.path().join("text.txt");
    std::fs::write(&text, "Husk logbogen\n").unwrap();
    let t = text.to_str().unwrap();
    let add = |cron: &str| {
        mentorbot(&[
            "schedule",
            "add",
            "--config",
            c,
            "--programme",
            "karrierementor",
            "--cron",
            cron,
            "--broadcast",
            "--audience",
            "mentees",
            "--text-file",
            t,
            "--lang",
            "da",
        ])
    };
    let list = || {
        let o = mentorbot(&["schedule", "list", "--config", c, "--programme", "karrierementor"]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        stdout(&o)
    };
    // A bad cron: a clear error, and nothing stored.
    let o = add("0 9 * *");
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("--cron \"0 9 * *\": nothing was stored"), "{err}");
    assert!(
        err.contains("write 5: minute hour day-of-month month day-of-week"),
        "{err}"
    );
    let before = list();
    assert!(!before.contains("sat af en koordinator"), "{before}");
    // The file's digest, Monday 09:00 in the programme's zone.
    assert!(
        before.contains("digest: ugentligt overblik, cron \"0 9 * * 1\", næste gang mandag"),
        "{before}"
    );
    assert!(before.contains("kl. 09"), "{before}");

    let o = add("30 7 * * 1-5");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let s = stdout(&o);
    assert!(s.contains("Planen s1 er tilføjet."), "{s}");
    assert!(
        s.contains("s1: udsendelse, cron \"30 7 * * 1-5\", næste gang")
            && (s.contains("kl. 07.30") || s.contains("kl. 07:30")),
        "{s}"
    );
    assert!(s.contains("(sat af en koordinator)"), "{s}");
    // The digest's time, changed.
    let o = mentorbot(&[
        "schedule",
        "add",
        "--config",
        c,
        "--programme",
        "karrierementor",
        "--cron",
        "0 8 * * fri",
        "--digest",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let after = list();
    assert!(
        after.contains("digest: ugentligt overblik, cron \"0 8 * * fri\", næste gang fredag"),
        "{after}"
    );
    assert!(after.contains("s1: udsendelse"), "{after}");
    // A recurring event: its kind and place are asked for, then it is stored.
    let event = |extra: &[&str]| {
        let mut args = vec![
            "schedule",
            "add",
            "--config",
            c,
            "--programme",
            "karrierementor",
            "--cron",
            "0 17 * * 4",
            "--event",
            "--title",
            "CV-værksted",
        ];
        args.extend_from_slice(extra);
        mentorbot(&args)
    };
    let o = event(&["--place", "Biblioteket"]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("--event needs --kind and --place"));
    let o = event(&["--kind", "party", "--place", "Biblioteket"]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("--kind \"party\": use one of kickoff, workshop"));
    let o = event(&["--kind", "workshop"]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("--place"));
    let o = event(&["--kind", "workshop", "--place", "Biblioteket", "--invite-days", "7"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let s = stdout(&o);
    assert!(s.contains("Planen s2 er tilføjet."), "{s}");
    assert!(
        s.contains("s2: tilbagevendende arrangement, cron \"0 17 * * 4\", næste gang torsdag"),
        "{s}"
    );
    let o = mentorbot(&["schedule", "remove", "--config", c, "s2"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));

    // Removed; a second time is an error; the digest goes back to the file's.
    let o = mentorbot(&["schedule", "remove", "--config", c, "s1"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(stdout(&o).contains("Planen s1 er fjernet."));
    let o = mentorbot(&["schedule", "remove", "--config", c, "s1"]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("no schedule `s1`"));
    let o = mentorbot(&[
        "schedule",
        "remove",
        "--config",
        c,
        "--programme",
        "karrierementor",
        "digest",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(list(), before);
}
