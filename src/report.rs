//! What `check-programme` and `simulate` print. Every sentence comes from
//! the locales; this module only lays them out.

use anyhow::{Result, bail};
use bot_core::i18n::Catalog;
use bot_core::message::Msg;
use bot_core::pair::Input;
use bot_core::programme::{SurveyKind, TimelineItem};
use bot_core::sim::{self, SimEvent, SimOptions, Summary};
use bot_core::{Lang, Programme, Role, Ts};
use chrono_tz::Tz;
use std::fmt::Write as _;
use std::io::Write;
use std::path::Path;

/// Renders for one reader.
pub struct Out<'a> {
    pub cat: &'a Catalog,
    pub lang: Lang,
    pub tz: Tz,
}

impl Out<'_> {
    pub fn t(&self, msg: Msg) -> String {
        self.cat.text(&msg, self.lang, self.tz)
    }
    pub fn k(&self, key: &str) -> String {
        self.t(Msg::new(key.to_string()))
    }
    fn hm(&self, t: Ts) -> String {
        t.with_timezone(&self.tz).format("%H:%M").to_string()
    }
    fn day(&self, t: Ts) -> String {
        self.t(Msg::new("sim-day").date("date", t))
    }
}

fn output_lang(p: &Programme, lang: Option<&str>) -> Result<Lang> {
    match lang {
        None => Ok(p.languages[0]),
        Some(l) => match Lang::parse(l) {
            Some(l) => Ok(l),
            None => bail!("unknown language `{l}`: use en, da or nb"),
        },
    }
}

/// `mentorbot check-programme FILE`.
pub fn check_programme(file: &Path, lang: Option<&str>) -> Result<()> {
    let (p, _) = crate::load_programme(file)?;
    let out = Out {
        cat: Catalog::builtin(),
        lang: output_lang(&p, lang)?,
        tz: p.time_zone,
    };
    print!("{}", timeline_text(&p, &out, &file.display().to_string()));
    Ok(())
}

/// The validated programme and its timeline, as `check-programme` prints it.
pub fn timeline_text(p: &Programme, out: &Out<'_>, file: &str) -> String {
    let mut s = String::new();
    let langs: Vec<&str> = p.languages.iter().map(|l| l.code()).collect();
    let t = p.nudges.thresholds();
    let _ = writeln!(
        s,
        "{}\n",
        out.t(Msg::new("check-ok")
            .str("file", file)
            .str("name", p.name.clone())
            .str("languages", langs.join(", "))
            .str("tz", p.time_zone.name()))
    );
    let _ = writeln!(
        s,
        "{}\n",
        out.t(Msg::new("check-rhythm")
            .num("target", p.meetings.target.into())
            .num("every", p.meetings.every_days.into())
            .num("duration", p.meetings.duration_minutes.into())
            .num("n1", t[0].into())
            .num("n2", t[1].into())
            .num("n3", t[2].into())
            .num("n4", t[3].into())
            .str("quiet-from", p.quiet_hours.from.format("%H:%M").to_string())
            .str("quiet-to", p.quiet_hours.to.format("%H:%M").to_string()))
    );
    for (at, item) in p.timeline() {
        let survey = |k: SurveyKind| format!("survey-name-{}", k.code().replace('_', "-"));
        let line = match item {
            TimelineItem::Intro => out.k("timeline-intro"),
            TimelineItem::Start => out.k("timeline-start"),
            TimelineItem::End => out.k("timeline-end"),
            TimelineItem::EventInvite(id) => {
                let e = p
                    .events
                    .iter()
                    .find(|e| e.id == id)
                    .expect("timeline names a known event");
                out.t(Msg::new("timeline-event-invite").key("kind", e.name_key()))
            }
            TimelineItem::Event(id, _) => {
                let e = p
                    .events
                    .iter()
                    .find(|e| e.id == id)
                    .expect("timeline names a known event");
                out.t(Msg::new("timeline-event")
                    .key("kind", e.name_key())
                    .str("place", e.place.clone()))
            }
            TimelineItem::SurveyOpens(k, n) => out.t(Msg::new("timeline-survey-opens")
                .key("survey", survey(k))
                .num("questions", n as i64)),
            TimelineItem::SurveyReminder(k) => out.t(Msg::new("timeline-survey-reminder").key("survey", survey(k))),
            TimelineItem::SurveyDeadline(k) => out.t(Msg::new("timeline-survey-deadline").key("survey", survey(k))),
        };
        let _ = writeln!(s, "  {:<28} {}  {}", out.day(at), out.hm(at), line);
    }
    s
}

/// `mentorbot simulate`.
pub fn simulate(file: &Path, pairs: usize, seed: u64, lang: Option<&str>, summary_only: bool) -> Result<()> {
    let (p, _) = crate::load_programme(file)?;
    let out = Out {
        cat: Catalog::builtin(),
        lang: output_lang(&p, lang)?,
        tz: p.time_zone,
    };
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    writeln!(
        w,
        "{}\n{}\n",
        out.t(Msg::new("sim-title")
            .str("programme", p.name.clone())
            .num("pairs", pairs as i64)
            .num("seed", seed as i64)),
        out.t(Msg::new("sim-legend").str("tz", p.time_zone.name()))
    )?;
    let with_report = pairs <= REPORT_MAX_PAIRS;
    let opts = SimOptions { pairs, seed };
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let (summary, parts) = if summary_only {
        // The summary and the report do not depend on the order of the
        // events: the pairs run one after another, on every core.
        sim::run_by_pair_on(
            &p,
            &opts,
            cores,
            || with_report.then(|| ReportData::new(pairs)),
            |r, ev| {
                if let Some(r) = r.as_mut() {
                    r.see(ev);
                }
            },
        )
    } else {
        // Each thread writes its pairs' lines; they come back in time
        // order, and the day's heading goes in here. Windows of about 10,000 pair-days: a large run's busiest day
        // (10,000 pairs' intros: tens of MB of text) is all a window holds,
        // and a small run hands few windows over between threads
        // (measured, Karrierementor's 35 pairs: 25 ms a day at a time, 13
        // ms four weeks at a time).
        let window = chrono::Duration::days((10_000 / pairs.max(1)).clamp(1, 28) as i64);
        let mut last_day = None;
        // The first failed write ends the writing (a closed pipe); the run
        // still ends with its error.
        let mut written = Ok(());
        let (summary, parts) = sim::run_in_time_order_on(
            &p,
            &opts,
            cores,
            window,
            || (with_report.then(|| ReportData::new(pairs)), Lines::new(&out)),
            |(report, lines), text: &mut String, ev| {
                if let Some(r) = report.as_mut() {
                    r.see(ev);
                }
                let from = text.len();
                let day = lines.event(ev, text)?;
                Some((day, from..text.len()))
            },
            |at, text, (day, lines)| {
                if written.is_err() {
                    return;
                }
                if last_day != Some(day) {
                    last_day = Some(day);
                    written = writeln!(w, "\n══ {} ══", out.day(at));
                }
                if written.is_ok() {
                    written = w.write_all(text[lines].as_bytes());
                }
            },
        );
        written?;
        (summary, parts.into_iter().map(|(report, _)| report).collect())
    };
    let report = parts.into_iter().flatten().reduce(|mut all, part| {
        all.add(part);
        all
    });
    w.write_all(summary_text(&p, &summary, &out).as_bytes())?;
    // The evaluation report as `mentorbot report --format md` prints it.
    match report {
        Some(r) => {
            let figures = bot_core::evaluation::figures(&p, &r.data());
            writeln!(w, "\n{}\n", out.k("sim-report"))?;
            w.write_all(crate::pairs_cli::render_report(&p, &figures, "md", out.lang)?.as_bytes())?;
        }
        None => writeln!(
            w,
            "\n{}",
            out.t(Msg::new("sim-report-skipped").num("max", REPORT_MAX_PAIRS as i64))
        )?,
    }
    w.flush()?;
    Ok(())
}

/// Above this many pairs the simulation prints no report (its answers
/// would be kept in memory).
pub const REPORT_MAX_PAIRS: usize = 10_000;

/// What the report is made from, gathered from a simulation's recorded
/// effects as the engine gathers it from the store. Pair `i`'s mentee is
/// person `2i`, its mentor `2i + 1`.
pub struct ReportData {
    runs: std::collections::BTreeMap<(usize, SurveyKind, Role), bool>,
    answers: Vec<bot_core::evaluation::Answer>,
    meetings: Vec<u32>,
    flags: Vec<String>,
}

impl ReportData {
    pub fn new(pairs: usize) -> ReportData {
        ReportData {
            runs: Default::default(),
            answers: vec![],
            meetings: vec![0; pairs],
            flags: vec![],
        }
    }

    /// Adds what another share of the pairs recorded (a later share: its
    /// answers and flags follow).
    pub fn add(&mut self, other: ReportData) {
        self.runs.extend(other.runs);
        self.answers.extend(other.answers);
        for (mine, theirs) in self.meetings.iter_mut().zip(other.meetings) {
            *mine += theirs;
        }
        self.flags.extend(other.flags);
    }

    pub fn see(&mut self, ev: &SimEvent<'_>) {
        use bot_core::pair::Effect;
        let SimEvent::Recorded { pair, effect, .. } = ev else {
            return;
        };
        match effect {
            Effect::Meeting { held, .. } => {
                let m = &mut self.meetings[*pair];
                *m = if *held { *m + 1 } else { m.saturating_sub(1) };
            }
            Effect::SurveyOpened { survey, role } => {
                self.runs.entry((*pair, *survey, *role)).or_insert(false);
            }
            Effect::SurveyFinished { survey, role } => {
                self.runs.insert((*pair, *survey, *role), true);
            }
            Effect::Answer {
                survey,
                role,
                question,
                value,
            } => self.answers.push(bot_core::evaluation::Answer {
                survey: *survey,
                role: *role,
                question: question.clone(),
                value: value.clone(),
            }),
            Effect::Flag { reason, .. } => self.flags.push(reason.code().to_string()),
            _ => {}
        }
    }

    pub fn data(&self) -> bot_core::evaluation::Data {
        bot_core::evaluation::Data {
            runs: self
                .runs
                .iter()
                .map(|(&(pair, survey, role), &finished)| bot_core::evaluation::Run {
                    survey,
                    role,
                    person: 2 * pair as i64 + i64::from(role == Role::Mentor),
                    finished,
                })
                .collect(),
            answers: self.answers.clone(),
            meetings: self.meetings.clone(),
            flags: self.flags.clone(),
            faded: 0,
        }
    }
}

/// What a thread of the transcript keeps: its pairs' people and the
/// buttons' labels, each rendered once.
struct Lines<'a> {
    out: &'a Out<'a>,
    /// "mentee Amira Hansen (pair 3)" and the mentor's, by pair.
    who: Vec<[String; 2]>,
    /// "coordinator".
    coordinator: String,
    /// Button labels without arguments.
    labels: std::collections::HashMap<bot_core::message::Text, String>,
    /// A message's text before it is indented.
    text: String,
    /// Messages without arguments, indented, by key.
    plain: std::collections::HashMap<bot_core::message::Text, String>,
}

/// Appends `text` to `buf`, each line indented under its heading line.
fn indent(buf: &mut String, text: &str) {
    for line in text.lines() {
        buf.push_str("       ");
        buf.push_str(line);
        buf.push('\n');
    }
}

impl<'a> Lines<'a> {
    fn new(out: &'a Out<'a>) -> Lines<'a> {
        Lines {
            out,
            who: vec![],
            coordinator: out.k("role-coordinator"),
            labels: Default::default(),
            text: String::new(),
            plain: Default::default(),
        }
    }

    /// Who a message went to or came from, rendered once per pair and role.
    fn who(&mut self, role: Role, name: &str, pair: usize) -> &str {
        let out = self.out;
        let side = match role {
            Role::Coordinator => return &self.coordinator,
            Role::Mentee => 0,
            Role::Mentor => 1,
        };
        if self.who.len() <= pair {
            self.who.resize(pair + 1, Default::default());
        }
        let known = &mut self.who[pair];
        if known[side].is_empty() {
            known[side] = who(out, role, name, pair);
        }
        &known[side]
    }

    /// Writes an event's lines in the transcript to `buf`, without its
    /// day's heading (the caller's); returns the day, where the transcript
    /// is read, or `None` for what the transcript does not show.
    fn event(&mut self, ev: &SimEvent<'_>, buf: &mut String) -> Option<chrono::NaiveDate> {
        use chrono::Timelike;
        let out = self.out;
        // The time of day, HH:MM; the day, for its heading.
        let hm = |buf: &mut String, at: &Ts| {
            let local = at.with_timezone(&out.tz);
            for n in [local.hour(), local.minute()] {
                buf.push(char::from(b'0' + (n / 10) as u8));
                buf.push(char::from(b'0' + (n % 10) as u8));
                buf.push(':');
            }
            buf.pop();
            local.date_naive()
        };
        match ev {
            SimEvent::Delivered {
                at,
                pair,
                role,
                name,
                msg,
            } => {
                let day = hm(buf, at);
                buf.push_str("  → ");
                buf.push_str(self.who(*role, name, *pair));
                buf.push('\n');
                if msg.args.is_empty() {
                    // The same words for everyone (a frame, a prompt): indented once.
                    let text = self.plain.entry(msg.key.clone()).or_insert_with(|| {
                        let mut text = String::new();
                        indent(&mut text, &out.cat.text(msg, out.lang, out.tz));
                        text
                    });
                    buf.push_str(text);
                } else {
                    self.text.clear();
                    out.cat.write_text(&mut self.text, msg, out.lang, out.tz);
                    indent(buf, &self.text);
                }
                if !msg.buttons.is_empty() {
                    buf.push_str("      ");
                    for b in msg.buttons.iter().flatten() {
                        buf.push_str(" [");
                        if b.label.args.is_empty() {
                            let label = self
                                .labels
                                .entry(b.label.key.clone())
                                .or_insert_with(|| out.t(b.label.clone()));
                            buf.push_str(label);
                        } else {
                            out.cat.write_text(buf, &b.label, out.lang, out.tz);
                        }
                        buf.push(']');
                    }
                    buf.push('\n');
                }
                Some(day)
            }
            SimEvent::Acted {
                at,
                pair,
                role,
                name,
                input,
                label,
            } => {
                let what = match input {
                    Input::Text { text, .. } => text.clone(),
                    Input::Button { payload, .. } => {
                        let button = label.map(|l| out.t(l.clone())).unwrap_or_else(|| payload.encode());
                        out.t(Msg::new("sim-pressed").str("button", button))
                    }
                    // Nothing to show but its day's heading.
                    _ => return Some(at.with_timezone(&out.tz).date_naive()),
                };
                let day = hm(buf, at);
                let who = self.who(*role, name, *pair);
                let _ = writeln!(buf, "  ← {who}: {what}");
                Some(day)
            }
            SimEvent::Recorded { .. } => None,
        }
    }
}

/// "mentee Amira Hansen (pair 3)".
fn who(out: &Out<'_>, role: Role, name: &str, pair: usize) -> String {
    out.t(Msg::new("sim-who")
        .key("role", format!("role-{}", role.code()))
        .str("name", name.to_string())
        .num("pair", pair as i64 + 1))
}

/// The summary after a simulation.
pub fn summary_text(p: &Programme, s: &Summary, out: &Out<'_>) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "\n{}\n", out.k("sim-summary"));
    let b = |x| s.behaviours.get(&x).copied().unwrap_or(0) as i64;
    let _ = writeln!(
        o,
        "{}",
        out.t(Msg::new("sim-summary-pairs")
            .num("pairs", s.pairs as i64)
            .num("prompt", b(sim::Behaviour::Prompt))
            .num("slow", b(sim::Behaviour::Slow))
            .num("ghosting", b(sim::Behaviour::Ghosting)))
    );
    let target = s.pairs as i64 * i64::from(p.meetings.target);
    let _ = writeln!(
        o,
        "{}",
        out.t(Msg::new("sim-summary-meetings")
            .num("held", s.meetings_held as i64)
            .num("target", target)
            .num(
                "percent",
                if target > 0 {
                    (s.meetings_held as i64 * 100) / target
                } else {
                    0
                }
            ))
    );
    // Messages per participant per month.
    let _ = writeln!(o, "\n{}", out.k("sim-summary-per-month"));
    let months: Vec<(i32, u32)> = s.messages_by_month.keys().copied().collect();
    let mut head = format!("  {:<14}", "");
    for (y, m) in &months {
        let name = out.k(&format!("month-{m}"));
        let short: String = name.chars().take(3).collect();
        let _ = write!(head, "{:>9}", format!("{short} {:02}", y % 100));
    }
    let _ = writeln!(o, "{head}");
    for role in [Role::Mentee, Role::Mentor, Role::Coordinator] {
        let mut line = format!("  {:<14}", out.k(&format!("role-{}", role.code())));
        let n = s.participants(role).max(1) as f64;
        for ym in &months {
            let c = s.messages_by_month[ym].get(&role).copied().unwrap_or(0) as f64;
            let _ = write!(line, "{:>9.1}", c / n);
        }
        let _ = writeln!(o, "{line}");
    }
    let _ = writeln!(
        o,
        "\n{}",
        out.t(Msg::new("sim-summary-total").num("messages", s.messages_total as i64))
    );
    let n = |k: &str| s.nudges.get(k).copied().unwrap_or(0) as i64;
    let _ = writeln!(
        o,
        "{}",
        out.t(Msg::new("sim-summary-nudges")
            .num("mentee", n("nudge-mentee"))
            .num("again", n("nudge-mentee-again"))
            .num("mentor", n("nudge-mentor"))
            .num("coordinator", n("alert-stalled")))
    );
    let _ = writeln!(
        o,
        "{}",
        out.t(Msg::new("sim-summary-keep-going")
            .num("mentee", n("nudge-keep-going-mentee"))
            .num("mentor", n("nudge-keep-going-mentor")))
    );
    let _ = writeln!(
        o,
        "{}",
        out.t(Msg::new("sim-summary-at-risk").num("count", s.at_risk.len() as i64))
    );
    for &i in &s.at_risk {
        let (mentee, mentor) = &s.names[i];
        let _ = writeln!(
            o,
            "    {}",
            out.t(Msg::new("sim-pair")
                .num("pair", i as i64 + 1)
                .str("mentee", mentee.clone())
                .str("mentor", mentor.clone()))
        );
    }
    let _ = writeln!(o, "\n{}", out.k("sim-summary-responses"));
    for ((kind, role), (asked, done)) in &s.responses {
        let pct = if *asked > 0 { done * 100 / asked } else { 0 };
        let _ = writeln!(
            o,
            "  {}",
            out.t(Msg::new("sim-summary-response")
                .key("survey", format!("survey-name-{}", kind.code().replace('_', "-")))
                .key("role", format!("role-{}", role.code()))
                .num("done", *done as i64)
                .num("asked", *asked as i64)
                .num("percent", pct as i64))
        );
    }
    o
}
