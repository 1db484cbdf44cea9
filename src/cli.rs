//! The command line.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// mentorbot runs mentoring programmes in the chat apps people already use:
/// intros, meeting reminders, nudges, surveys and flags for mentees, mentors
/// and coordinators.
#[derive(Debug, Parser)]
#[command(name = "mentorbot", version, propagate_version = true)]
#[command(
    after_help = "Start with a dry run of a programme:\n  mentorbot simulate --programme programmes/karrierementor.toml --pairs 35\n\nConfiguration: a TOML file (--config) and MENTORBOT_* environment variables; see README.md."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Commands,
}

#[derive(Debug, Subcommand)]
pub enum Commands {
    /// Run the bot: the scheduler, the outbox dispatcher and the platform adapters.
    Serve {
        /// Config file (TOML). Without it: the defaults plus MENTORBOT_* variables.
        #[arg(long, short, env = "MENTORBOT_CONFIG")]
        config: Option<PathBuf>,
    },
    /// Create or update the database schema, then exit.
    Migrate {
        /// Config file (TOML) naming the database.
        #[arg(long, short, env = "MENTORBOT_CONFIG")]
        config: Option<PathBuf>,
        /// Database URL; overrides the config (sqlite://FILE or postgres://…).
        #[arg(long)]
        database_url: Option<String>,
    },
    /// Make an invite link for a programme and role; whoever opens it
    /// registers in chat (language, name, consent). A code expires after
    /// 30 days; a coordinator code lets one person in, a mentee or mentor
    /// code 50 unless --uses says otherwise. --list and --revoke manage
    /// the codes.
    Invite {
        #[arg(long, short, env = "MENTORBOT_CONFIG")]
        config: Option<PathBuf>,
        /// The programme's id (its file name without .toml); with --list,
        /// only its codes.
        #[arg(long, required_unless_present_any = ["list", "revoke"])]
        programme: Option<String>,
        /// mentee, mentor or coordinator.
        #[arg(long, value_parser = ["mentee", "mentor", "coordinator"], required_unless_present_any = ["list", "revoke"])]
        role: Option<String>,
        /// How many people may register with the code (mentee and mentor
        /// codes; default 50). A coordinator code is always single-use.
        #[arg(long, conflicts_with_all = ["list", "revoke"])]
        uses: Option<i64>,
        /// Days until the code stops working (default 30).
        #[arg(long, conflicts_with_all = ["list", "revoke"])]
        expires_in_days: Option<i64>,
        /// List the codes: code, programme, role, uses/limit, expiry, state.
        #[arg(long, conflicts_with_all = ["role", "revoke"])]
        list: bool,
        /// Revoke a code: nobody can register with it any more.
        #[arg(long, value_name = "CODE", conflicts_with_all = ["programme", "role", "list"])]
        revoke: Option<String>,
    },
    /// List a programme's participants with their ids, for matching.
    Participants {
        #[arg(long, short, env = "MENTORBOT_CONFIG")]
        config: Option<PathBuf>,
        #[arg(long)]
        programme: String,
    },
    /// Match a mentee with a mentor (ids from `participants`), or propose
    /// the optimal matching of a whole programme (--programme): a table of
    /// pairs with score and reasons and a waitlist with why; --pin and
    /// --forbid adjust it, --publish makes the pairs. The joint intro goes
    /// out when the programme says.
    Match {
        #[arg(long, short, env = "MENTORBOT_CONFIG")]
        config: Option<PathBuf>,
        #[arg(long, requires = "mentor", conflicts_with = "programme")]
        mentee: Option<i64>,
        #[arg(long, requires = "mentee")]
        mentor: Option<i64>,
        /// Propose the optimal matching of this programme's waiting mentees.
        #[arg(long, required_unless_present = "mentee")]
        programme: Option<String>,
        /// Keep this pair in every proposal (MENTEE:MENTOR ids; repeatable).
        #[arg(long, value_name = "MENTEE:MENTOR", requires = "programme")]
        pin: Vec<String>,
        /// Never propose this pair (MENTEE:MENTOR ids; repeatable).
        #[arg(long, value_name = "MENTEE:MENTOR", requires = "programme")]
        forbid: Vec<String>,
        /// Forget the earlier pins and forbids first.
        #[arg(long, requires = "programme")]
        clear: bool,
        /// Also write the proposal to this CSV file.
        #[arg(long, value_name = "FILE", requires = "programme")]
        csv: Option<PathBuf>,
        /// Make the proposed pairs: each gets its joint intro.
        #[arg(long, requires = "programme")]
        publish: bool,
    },
    /// List the platform updates set aside after failing again and again
    /// (platform, update key, tries, the error); the update itself is in
    /// the `parked_updates` table as JSON.
    Parked {
        #[arg(long, short, env = "MENTORBOT_CONFIG")]
        config: Option<PathBuf>,
    },
    /// Remove everything about the people of a programme (participants,
    /// pairs, messages, answers, flags, invites) and print what was removed
    /// per table. `serve` does this by itself once the programme's
    /// `privacy.retention_days_after_end` has passed.
    Purge {
        #[arg(long, short, env = "MENTORBOT_CONFIG")]
        config: Option<PathBuf>,
        /// The programme's id (its file name without .toml).
        #[arg(long)]
        programme: String,
        /// Only print what would be removed.
        #[arg(long)]
        dry_run: bool,
    },
    /// Validate a programme file and print its timeline.
    CheckProgramme {
        /// The programme file (TOML), e.g. programmes/karrierementor.toml.
        file: PathBuf,
        /// Language of the output (en, da, nb); default: the programme's first.
        #[arg(long)]
        lang: Option<String>,
    },
    /// Dry-run a whole programme in virtual time with simulated pairs, and
    /// print every message each role would get, then a summary.
    Simulate {
        /// The programme file (TOML).
        #[arg(long)]
        programme: PathBuf,
        /// How many pairs to simulate.
        #[arg(long, default_value_t = 35, value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
        pairs: u32,
        /// Seed for the simulated behaviour; the same seed gives the same run.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Language of the output (en, da, nb); default: the programme's first.
        #[arg(long)]
        lang: Option<String>,
        /// Print only the summary, not every message.
        #[arg(long)]
        summary_only: bool,
    },
    /// Send an announcement to an audience of a programme: everyone,
    /// mentors, mentees, unmatched, at-risk, survey (not answered an open
    /// survey), event:ID (not answered the event). Each recipient gets it
    /// once; `serve` sends it, within the platforms' limits.
    Broadcast {
        #[arg(long, short, env = "MENTORBOT_CONFIG")]
        config: Option<PathBuf>,
        #[arg(long)]
        programme: String,
        #[arg(long)]
        audience: String,
        /// The text to send, as written (never translated).
        #[arg(long)]
        text_file: PathBuf,
        /// The language the text is written in (en, da, nb).
        #[arg(long)]
        lang: Option<String>,
        /// Only count the recipients.
        #[arg(long)]
        dry_run: bool,
        /// Queue it and exit, without a progress bar.
        #[arg(long)]
        no_wait: bool,
    },
    /// Events: `event show --programme ID EVENT [--csv FILE]` prints the
    /// answers (coming, not coming, not answered, who is coming) and can
    /// write the list as CSV.
    Event {
        #[command(subcommand)]
        action: EventAction,
    },
    /// Recurring schedules (5-field cron in the programme's time zone):
    /// `schedule add` a broadcast or the digest's time, `schedule list`,
    /// `schedule remove`. Stored in the database; `serve` fires them.
    Schedule {
        #[command(subcommand)]
        action: ScheduleAction,
    },
    /// Import people from a sign-up form's CSV: a personal invite each
    /// (written to --invites-out for a mail merge) that joins them with
    /// their imported profile. Any bad row: nothing is imported.
    Import {
        #[arg(long, short, env = "MENTORBOT_CONFIG")]
        config: Option<PathBuf>,
        #[arg(long)]
        programme: String,
        /// The sign-up form's CSV (a header row, then one person a row).
        file: PathBuf,
        /// Which column holds what (TOML: name, role or role_value, email,
        /// phone, field, interests, format, languages, capacity).
        #[arg(long)]
        map: PathBuf,
        /// Check every row and change nothing.
        #[arg(long)]
        dry_run: bool,
        /// Where the invites go (CSV: name, role, email, phone, code, start).
        #[arg(long)]
        invites_out: Option<PathBuf>,
    },
    /// Find a new mentor for a mentee whose pair ended early: the best
    /// free mentor (not an earlier one), matched at once; or why they wait.
    Rematch {
        #[arg(long, short, env = "MENTORBOT_CONFIG")]
        config: Option<PathBuf>,
        /// The mentee's id (from `participants`).
        #[arg(long)]
        mentee: i64,
    },
    /// Programme files: `programme new` makes a new round from an old one.
    Programme {
        #[command(subcommand)]
        action: ProgrammeAction,
    },
    /// List a programme's pairs: phase, meetings held and due, the last
    /// meeting, and why a pair is at risk (the programme's `[health]` rules).
    Pairs {
        #[arg(long, short, env = "MENTORBOT_CONFIG")]
        config: Option<PathBuf>,
        #[arg(long)]
        programme: String,
        /// Only the pairs at risk.
        #[arg(long)]
        at_risk: bool,
    },
    /// Pause, resume or end a pair (its id from `pairs`); both members are
    /// told, each in their own language. Ending prints the best free mentor
    /// for the mentee and the `rematch` command that matches them.
    Pair {
        #[arg(long, short, env = "MENTORBOT_CONFIG")]
        config: Option<PathBuf>,
        #[arg(long)]
        programme: String,
        /// The pair's id.
        id: i64,
        #[arg(value_parser = ["pause", "resume", "end"])]
        action: String,
        /// Why. To end: illness, communication_problems, faded_out,
        /// found_job, moved or other.
        #[arg(long)]
        reason: String,
    },
    /// The evaluation report: response rates, scale means and
    /// distributions, choice shares, rankings, outcomes, meetings against
    /// the target, flags by reason, faded pairs.
    Report {
        #[arg(long, short, env = "MENTORBOT_CONFIG")]
        config: Option<PathBuf>,
        #[arg(long)]
        programme: String,
        /// html (one self-contained file with charts), csv or md.
        #[arg(long, value_parser = ["html", "csv", "md"], default_value = "html")]
        format: String,
        /// Write to this file instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Language of the report (en, da, nb); default: the programme's first.
        #[arg(long)]
        lang: Option<String>,
    },
    /// The surveys open now and their response rates so far; with
    /// --remind, one extra reminder to those who have not answered (each
    /// person once).
    Surveys {
        #[arg(long, short, env = "MENTORBOT_CONFIG")]
        config: Option<PathBuf>,
        #[arg(long)]
        programme: String,
        /// Remind the non-responders of this survey now.
        #[arg(long, value_parser = ["midterm", "final", "follow_up"])]
        remind: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum EventAction {
    /// An event's answers so far.
    Show {
        #[arg(long, short, env = "MENTORBOT_CONFIG")]
        config: Option<PathBuf>,
        #[arg(long)]
        programme: String,
        /// The event's id in the programme file.
        event: String,
        /// Also write name, role, answer and time per answer to this CSV file.
        #[arg(long)]
        csv: Option<PathBuf>,
    },
    /// Create an event: the programme's pairs are invited on the
    /// scheduler's next pass (as for an event in the programme file).
    Create {
        #[arg(long, short, env = "MENTORBOT_CONFIG")]
        config: Option<PathBuf>,
        #[arg(long)]
        programme: String,
        #[command(flatten)]
        fields: EventFields,
    },
    /// Change an event; everyone invited is told once, with the new
    /// calendar file.
    Edit {
        #[arg(long, short, env = "MENTORBOT_CONFIG")]
        config: Option<PathBuf>,
        #[arg(long)]
        programme: String,
        /// The event's id (`event show`, `/event`).
        event: String,
        #[command(flatten)]
        fields: EventFields,
    },
    /// Cancel an event; invitations not yet sent are dropped, everyone
    /// invited is told once.
    Cancel {
        #[arg(long, short, env = "MENTORBOT_CONFIG")]
        config: Option<PathBuf>,
        #[arg(long)]
        programme: String,
        event: String,
    },
}

/// An event's fields on the command line (all in the programme's zone).
#[derive(Debug, Clone, clap::Args)]
pub struct EventFields {
    /// kickoff, workshop, midway, interviews, closing, seminar, gathering
    /// or other.
    #[arg(long)]
    pub kind: Option<String>,
    #[arg(long)]
    pub title: Option<String>,
    /// "2030-09-05 17:00".
    #[arg(long)]
    pub start: Option<String>,
    /// "19:00".
    #[arg(long)]
    pub end: Option<String>,
    /// A place or a link.
    #[arg(long)]
    pub place: Option<String>,
    /// everyone (every pair, the default), mentors, mentees, unmatched
    /// (those in no pair) or at-risk (the members of pairs at risk).
    #[arg(long)]
    pub audience: Option<String>,
    /// Answers by the end of this day, "2030-09-01" (default: two days
    /// before the event).
    #[arg(long)]
    pub rsvp_by: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum ScheduleAction {
    /// Set a schedule: `--broadcast --audience … --text-file F [--lang da]`
    /// (a message each time it fires), `--event --kind K --place P [--title
    /// T] [--minutes N] [--invite-days N]` (an event starting at each
    /// firing, its invitations sent N days before) or `--digest` (when
    /// coordinators get the weekly digest). A bad cron expression stores
    /// nothing.
    #[command(group(clap::ArgGroup::new("job").required(true)))]
    Add {
        #[arg(long, short, env = "MENTORBOT_CONFIG")]
        config: Option<PathBuf>,
        #[arg(long)]
        programme: String,
        /// minute hour day-of-month month day-of-week, e.g. "0 9 * * 1"
        /// (Monday 09:00); Sunday is 0 or 7.
        #[arg(long)]
        cron: String,
        #[arg(long, group = "job")]
        broadcast: bool,
        #[arg(long, group = "job")]
        digest: bool,
        /// A recurring event: each occurrence starts at the cron's time.
        #[arg(long, group = "job")]
        event: bool,
        /// The event's kind: kickoff, workshop, midway, interviews, closing,
        /// seminar, gathering or other.
        #[arg(long, requires = "event")]
        kind: Option<String>,
        /// The event's title, as written (never translated).
        #[arg(long, requires = "event")]
        title: Option<String>,
        /// How long each occurrence lasts.
        #[arg(long, requires = "event", default_value_t = 120)]
        minutes: u32,
        /// A place or a link.
        #[arg(long, requires = "event")]
        place: Option<String>,
        /// The invitations go out this many days before each occurrence.
        #[arg(long, requires = "event", default_value_t = 14)]
        invite_days: u32,
        /// As for `mentorbot broadcast`: everyone, mentors, mentees,
        /// unmatched, at-risk, survey, event:ID.
        #[arg(long, requires = "broadcast")]
        audience: Option<String>,
        /// The text, as written (never translated).
        #[arg(long, requires = "broadcast")]
        text_file: Option<PathBuf>,
        /// The language the text is written in (en, da, nb); without it,
        /// the text is for everyone.
        #[arg(long, requires = "broadcast")]
        lang: Option<String>,
    },
    /// A programme's schedules: id, what, cron, next firing in the
    /// programme's time zone.
    List {
        #[arg(long, short, env = "MENTORBOT_CONFIG")]
        config: Option<PathBuf>,
        #[arg(long)]
        programme: String,
    },
    /// Remove a schedule set with `schedule add` (its id from `schedule
    /// list`; `digest --programme ID` goes back to the file's digest).
    Remove {
        #[arg(long, short, env = "MENTORBOT_CONFIG")]
        config: Option<PathBuf>,
        #[arg(long)]
        programme: Option<String>,
        id: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum ProgrammeAction {
    /// Write a programme with every date moved so that it starts on
    /// --start: start, end, surveys and events (events by whole weeks, so
    /// a Thursday kickoff stays a Thursday). Comments are kept.
    New {
        /// The programme to start from, e.g. programmes/karrierementor.toml.
        #[arg(long)]
        from: PathBuf,
        /// The new start date (YYYY-MM-DD).
        #[arg(long)]
        start: chrono::NaiveDate,
        /// Where to write the new programme file (its name is its id).
        #[arg(long)]
        out: PathBuf,
    },
}
