//! Every shipped programme file loads and validates, and broken files are
//! rejected with the file, line and field named.

use bot_core::i18n::Catalog;
use bot_core::programme::Programme;
use std::path::PathBuf;

fn programmes_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../programmes")
}

#[test]
fn every_shipped_programme_validates() {
    let mut names = vec![];
    for entry in std::fs::read_dir(programmes_dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            let src = std::fs::read_to_string(&path).unwrap();
            let p = Programme::parse(&path.display().to_string(), &src, Catalog::builtin())
                .unwrap_or_else(|e| panic!("{e}"));
            names.push(p.name);
        }
    }
    names.sort();
    for expected in [
        "Karrierementor",
        "Career Mentoring Programme, Lyngby-Taarbæk",
        "Hjælp en flygtning NU",
        "Greater Copenhagen Career Program",
        "NHO Global Future",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "no programme named {expected:?} in {names:?}"
        );
    }
}

fn karrierementor() -> String {
    std::fs::read_to_string(programmes_dir().join("karrierementor.toml")).unwrap()
}

fn error_for(src: &str) -> bot_core::programme::ProgrammeError {
    Programme::parse("programmes/broken.toml", src, Catalog::builtin()).expect_err("should be rejected")
}

fn line_containing(src: &str, needle: &str) -> usize {
    src.lines().position(|l| l.contains(needle)).expect("needle in source") + 1
}

#[test]
fn a_ladder_out_of_order_names_the_file_line_and_field() {
    let src = karrierementor().replace("tell_mentor_after_days = 24", "tell_mentor_after_days = 5");
    let e = error_for(&src);
    assert_eq!(e.file, "programmes/broken.toml");
    assert_eq!(e.field, "nudges.tell_mentor_after_days");
    assert_eq!(e.line, line_containing(&src, "tell_mentor_after_days"));
    assert!(e.message.contains("must be more days than"), "{e}");
    assert!(
        e.to_string()
            .starts_with(&format!("programmes/broken.toml:{}:", e.line))
    );
}

#[test]
fn an_unknown_field_says_what_is_allowed() {
    let src = karrierementor().replace("every_days = 21", "every_dayz = 21");
    let e = error_for(&src);
    assert_eq!(e.line, line_containing(&src, "every_dayz"));
    assert!(e.message.contains("every_days"), "{e}");
}

#[test]
fn a_bad_time_of_day_is_rejected_with_the_allowed_form() {
    let src = karrierementor().replacen("from = \"21:00\"", "from = \"9pm\"", 1);
    let e = error_for(&src);
    assert_eq!(e.line, line_containing(&src, "9pm"));
    assert!(e.message.contains("17:00"), "{e}");
}

#[test]
fn a_survey_question_must_name_a_message_in_the_locales() {
    let src = karrierementor().replace("text = \"q-overall-benefit\"", "text = \"q-no-such-thing\"");
    let e = error_for(&src);
    assert!(e.field.starts_with("surveys.final.questions."), "{e}");
    assert!(e.field.ends_with(".text"), "{e}");
    assert_eq!(e.line, line_containing(&src, "q-no-such-thing"));
    assert!(e.message.contains("locales"), "{e}");
}

#[test]
fn the_end_must_follow_the_start() {
    let src = karrierementor().replace("end = 2023-12-15", "end = 2023-08-01");
    let e = error_for(&src);
    assert_eq!(e.field, "end");
    assert_eq!(e.line, line_containing(&src, "end = 2023-08-01"));
}

#[test]
fn a_70_character_question_id_is_refused_with_its_line() {
    let long = "q".repeat(70);
    let src = karrierementor().replace("{ id = \"match_fit\",", &format!("{{ id = \"{long}\","));
    let e = error_for(&src);
    assert_eq!(e.field, "surveys.midterm.questions.2.id");
    assert_eq!(e.line, line_containing(&src, &long));
    assert!(
        e.message.contains("1 to 24") && e.message.contains("70 characters"),
        "{e}"
    );
    assert!(e.to_string().starts_with("programmes/broken.toml:"), "{e}");
}

#[test]
fn an_event_id_that_cannot_travel_in_a_button_is_refused() {
    let src = karrierementor().replace("id = \"kickoff\"", "id = \"kick:off\"");
    let e = error_for(&src);
    assert_eq!(e.field, "events.0.id");
    assert_eq!(e.line, line_containing(&src, "kick:off"));
}

#[test]
fn a_huge_day_count_is_refused_not_panicked_on() {
    let src = karrierementor().replace("days_before_start = ", "days_before_start = 4000000000 #");
    let e = error_for(&src);
    assert_eq!(e.field, "intro.days_before_start");
}

#[test]
fn the_privacy_section_is_read_and_checked_with_file_line_and_field() {
    let ok = format!(
        "{}\n[privacy]\non_forget = \"delete\"\nretention_days_after_end = 365\n",
        karrierementor()
    );
    let p = Programme::parse("karrierementor.toml", &ok, Catalog::builtin()).unwrap();
    assert_eq!(p.privacy.on_forget, bot_core::programme::OnForget::Delete);
    assert_eq!(p.privacy.retention_days_after_end, Some(365));

    let src = format!("{}\n[privacy]\nretention_days_after_end = 99999\n", karrierementor());
    let e = error_for(&src);
    assert_eq!(e.field, "privacy.retention_days_after_end");
    assert_eq!(e.line, src.lines().count());
    let src = format!("{}\n[privacy]\non_forget = \"shred\"\n", karrierementor());
    let e = error_for(&src);
    assert_eq!(e.line, src.lines().count(), "{e}");
}

#[test]
fn data_is_purged_after_the_retention_period_but_never_before_the_follow_up_closes() {
    use bot_core::programme::SurveyKind;
    let parse = |extra: &str| {
        Programme::parse(
            "karrierementor.toml",
            &format!("{}\n{extra}", karrierementor()),
            Catalog::builtin(),
        )
        .unwrap()
    };
    assert_eq!(parse("").purge_at(), None);
    let p = parse("[privacy]\nretention_days_after_end = 400\n");
    let at = p.end_at() + chrono::Duration::days(400);
    assert_eq!(p.purge_at(), Some(at));
    assert!(!p.purge_due(at - chrono::Duration::milliseconds(1)));
    assert!(p.purge_due(at));
    // Zero days: the follow-up survey still gets its answers first.
    let p = parse("[privacy]\nretention_days_after_end = 0\n");
    assert_eq!(p.purge_at(), Some(p.survey(SurveyKind::FollowUp).deadline()));
    assert!(p.purge_at().unwrap() > p.end_at());
}
