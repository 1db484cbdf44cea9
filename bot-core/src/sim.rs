//! A dry run of a whole programme in virtual time.
//!
//! Simulated mentees and mentors answer the bot the way people do: some
//! promptly, some slowly, some stop answering. The run drives the same
//! [`crate::pair::step`] the live bot uses, with the same button payloads
//! and commands a person would send, and reports every message delivered.

use crate::Ts;
use crate::message::Msg;
use crate::model::Role;
use crate::pair::{self, AlertKind, Effect, Input, PairState, Person};
use crate::programme::{Programme, SurveyKind};
use chrono::{Datelike, Duration};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};

mod people;
use people::{draw_responders, react, still_relevant};

/// How a simulated participant behaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Behaviour {
    /// Answers within hours and books the next meeting right away.
    Prompt,
    /// Answers after a day or two, books only when reminded, answers
    /// surveys after the reminder.
    Slow,
    /// Stops answering after some meetings.
    Ghosting,
}

/// A simulated pair.
#[derive(Debug, Clone)]
pub struct SimPair {
    pub mentee: Person,
    pub mentor: Person,
    pub behaviour: Behaviour,
    /// A ghosting mentee stops answering after this many meetings.
    pub ghost_after: u32,
    /// The surveys each side of this pair finishes (drawn so that the
    /// run's rates are the programme's `[simulation]` ones).
    pub responds: Vec<(SurveyKind, Role)>,
    pub state: PairState,
}

/// What the run reports, in time order.
#[derive(Debug)]
pub enum SimEvent<'a> {
    /// The bot's message reached someone. `pair` is `None` for nobody's
    /// pair (never, today: coordinator alerts name their pair).
    Delivered {
        at: Ts,
        pair: usize,
        role: Role,
        name: &'a str,
        msg: &'a Msg,
    },
    /// A pair's step recorded something the report counts: a meeting, a
    /// survey opened or finished, an answer, a flag.
    Recorded { at: Ts, pair: usize, effect: &'a Effect },
    /// A simulated participant wrote or pressed something.
    Acted {
        at: Ts,
        pair: usize,
        role: Role,
        name: &'a str,
        input: &'a Input,
        /// The label of the button pressed, if it was a button.
        label: Option<&'a Msg>,
    },
}

impl SimEvent<'_> {
    /// When it happened.
    pub fn at(&self) -> Ts {
        match self {
            SimEvent::Delivered { at, .. } | SimEvent::Recorded { at, .. } | SimEvent::Acted { at, .. } => *at,
        }
    }
}

#[derive(Debug, Clone)]
pub struct SimOptions {
    pub pairs: usize,
    pub seed: u64,
}

/// The figures of a run.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub pairs: usize,
    pub behaviours: BTreeMap<Behaviour, usize>,
    /// (year, month) → role → messages delivered to that role.
    pub messages_by_month: BTreeMap<(i32, u32), BTreeMap<Role, u64>>,
    pub messages_total: u64,
    /// Nudge key → how many were sent.
    pub nudges: BTreeMap<String, u64>,
    /// Pairs flagged at risk, by index.
    pub at_risk: Vec<usize>,
    /// Pairs whose mentee stops answering, by index.
    pub ghosting: Vec<usize>,
    /// (mentee, mentor) names of each pair, by index.
    pub names: Vec<(String, String)>,
    pub meetings_held: u64,
    /// (survey, role) → (participants asked, participants who finished).
    pub responses: BTreeMap<(SurveyKind, Role), (u64, u64)>,
    pub steps: u64,
}

impl Summary {
    /// Participants of a role in the run.
    pub fn participants(&self, role: Role) -> usize {
        match role {
            Role::Coordinator => 1,
            _ => self.pairs,
        }
    }
}

const FIRST: &[&str] = &[
    "Amira", "Mads", "Sofie", "Jonas", "Fatima", "Lars", "Ingrid", "Ahmad", "Freja", "Nikolaj", "Mette", "Yusuf",
    "Ida", "Emil", "Hanne", "Omid", "Karen", "Rasmus", "Leila", "Ole", "Astrid", "Tariq", "Camilla", "Henrik", "Nour",
    "Søren", "Marte", "Kasper", "Zainab", "Bjørn", "Sara", "Mikkel", "Priya", "Anders", "Elif", "Thea",
];
const LAST: &[&str] = &[
    "Hansen", "Jensen", "Nielsen", "Pedersen", "Khan", "Ali", "Said", "Berg", "Larsen", "Haddad", "Olsen", "Eriksen",
];

/// What waits in a pair's queue.
#[derive(Debug)]
enum Item {
    /// The pair's clock ticks (if this is still its next wake-up).
    Wake,
    /// The bot's message reaches someone.
    Deliver(Role, Msg),
    /// A participant acts (with the label of the button pressed, if any).
    Act(Role, Input, Option<Msg>),
}

/// An item in a pair's queue: the earliest goes first, and of two at the
/// same instant the one queued first.
#[derive(Debug)]
struct Entry {
    at: Ts,
    seq: u32,
    item: Item,
}

/// One pair's timeline: its own queue (a handful of items) and its own
/// random draws, so that what happens to a pair depends on nothing but the
/// seed and its index. Pairs never wait on one another, so the run's cost
/// is linear in the pair count.
struct Lane {
    sp: SimPair,
    /// A handful of items: found by a scan, and taken out without moving
    /// the others around (messages are large).
    queue: Vec<Entry>,
    /// Where the earliest item is: kept as items come and go, so that
    /// asking costs no scan.
    earliest: Option<usize>,
    seq: u32,
    /// The pair's pending wake-up; an older `Wake` in the queue is stale.
    scheduled: Option<Ts>,
    flagged: bool,
    rng: ChaCha8Rng,
    /// The local month of the last delivery: [from, until) and (year, month).
    month: Option<(Ts, Ts, (i32, u32))>,
}

impl Lane {
    fn push(&mut self, at: Ts, item: Item) {
        self.seq += 1;
        self.queue.push(Entry {
            at,
            seq: self.seq,
            item,
        });
        // Of two at one instant the earlier queued goes first.
        if self.earliest.is_none_or(|k| at < self.queue[k].at) {
            self.earliest = Some(self.queue.len() - 1);
        }
    }

    /// Takes the earliest item out.
    fn take_first(&mut self) -> Option<Entry> {
        let entry = self.queue.swap_remove(self.earliest?);
        self.earliest = (0..self.queue.len()).min_by_key(|&k| (self.queue[k].at, self.queue[k].seq));
        Some(entry)
    }

    fn next_at(&self) -> Option<Ts> {
        self.earliest.map(|k| self.queue[k].at)
    }

    /// The local (year, month) of an instant: a lane's deliveries come in
    /// time order, so the last month found nearly always holds the next.
    fn month_of(&mut self, at: Ts, tz: chrono_tz::Tz) -> (i32, u32) {
        if let Some((from, until, m)) = self.month
            && from <= at
            && at < until
        {
            return m;
        }
        let local = at.with_timezone(&tz);
        let m = (local.year(), local.month());
        let first = |y: i32, m: u32| {
            use chrono::TimeZone;
            chrono::NaiveDate::from_ymd_opt(y, m, 1)
                .and_then(|d| tz.from_local_datetime(&d.and_time(chrono::NaiveTime::MIN)).earliest())
                .map(|t| t.to_utc())
        };
        let next = if m.1 == 12 { (m.0 + 1, 1) } else { (m.0, m.1 + 1) };
        self.month = first(m.0, m.1).zip(first(next.0, next.1)).map(|(a, b)| (a, b, m));
        m
    }

    /// Handles the lane's earliest item.
    fn advance(&mut self, p: &Programme, i: usize, summary: &mut Summary, sink: &mut impl FnMut(&SimEvent<'_>)) {
        let Some(Entry { at: now, item, .. }) = self.take_first() else {
            return;
        };
        let tz = p.time_zone;
        let input = match item {
            Item::Wake => {
                if self.scheduled != Some(now) {
                    return; // superseded
                }
                self.scheduled = None;
                Input::Tick
            }
            Item::Act(role, input, label) => {
                if !still_relevant(&self.sp.state, &input) {
                    return;
                }
                sink(&SimEvent::Acted {
                    at: now,
                    pair: i,
                    role,
                    name: &self.sp.state.person(role).name,
                    input: &input,
                    label: label.as_ref(),
                });
                input
            }
            Item::Deliver(role, msg) => {
                let name = match role {
                    Role::Coordinator => "",
                    r => self.sp.state.person(r).name.as_str(),
                };
                sink(&SimEvent::Delivered {
                    at: now,
                    pair: i,
                    role,
                    name,
                    msg: &msg,
                });
                let month = self.month_of(now, tz);
                summary.count(month, role, &msg);
                if let Some((delay, input)) = react(p, &self.sp, role, &msg, now, &mut self.rng) {
                    let label = match &input {
                        Input::Button { payload, .. } => msg
                            .buttons
                            .iter()
                            .flatten()
                            .find(|b| &b.payload == payload)
                            .map(|b| b.label.clone()),
                        _ => None,
                    };
                    // People answer when they are awake.
                    let tz = self.sp.state.person(role).tz;
                    let at = p.quiet_hours.next_allowed(now + delay, tz);
                    let at = if at > now + delay {
                        at + Duration::minutes(self.rng.random_range(5..90))
                    } else {
                        at
                    };
                    self.push(at, Item::Act(role, input, label));
                }
                return;
            }
        };
        summary.steps += 1;
        // A direct answer goes at once, as in the engine; the rest keeps
        // the recipient's quiet hours.
        let replying_to = match &input {
            Input::Text { from, .. } | Input::Button { from, .. } => Some(*from),
            _ => None,
        };
        let effects = pair::step_mut(p, &mut self.sp.state, input, now);
        for fx in effects {
            if !matches!(
                fx,
                Effect::Send { .. } | Effect::Alert { .. } | Effect::AskFlagNote { .. }
            ) {
                sink(&SimEvent::Recorded {
                    at: now,
                    pair: i,
                    effect: &fx,
                });
            }
            match fx {
                Effect::Send { to, msg, .. } => {
                    let at = if replying_to == Some(to) {
                        now
                    } else {
                        p.quiet_hours.next_allowed(now, self.sp.state.person(to).tz)
                    };
                    self.push(at, Item::Deliver(to, msg));
                }
                Effect::Alert { kind, msg, .. } => {
                    if matches!(kind, AlertKind::Stalled) || self.sp.state.at_risk {
                        self.flagged |= self.sp.state.at_risk;
                    }
                    let at = p.quiet_hours.next_allowed(now, tz);
                    self.push(at, Item::Deliver(Role::Coordinator, msg));
                }
                Effect::Meeting { held, .. } => {
                    if held {
                        summary.meetings_held += 1;
                    } else {
                        summary.meetings_held -= 1;
                    }
                }
                Effect::SurveyOpened { survey, role } => summary.responses.entry((survey, role)).or_default().0 += 1,
                Effect::SurveyFinished { survey, role } => summary.responses.entry((survey, role)).or_default().1 += 1,
                Effect::MeetingFeedback { .. } | Effect::Answer { .. } | Effect::Rsvp { .. } => {}
                Effect::Flag { msg, .. } => {
                    self.flagged |= self.sp.state.at_risk;
                    let at = p.quiet_hours.next_allowed(now, tz);
                    self.push(at, Item::Deliver(Role::Coordinator, msg));
                }
                Effect::AskFlagNote { .. } => {}
            }
        }
        let due = self.sp.state.next_due(p);
        if due != self.scheduled
            && let Some(t) = due
        {
            let t = t.max(now);
            self.scheduled = Some(t);
            self.push(t, Item::Wake);
        }
    }
}

impl Summary {
    /// Adds what another share of the pairs counted.
    fn add(&mut self, other: Summary) {
        for (month, roles) in other.messages_by_month {
            let mine = self.messages_by_month.entry(month).or_default();
            for (role, n) in roles {
                *mine.entry(role).or_default() += n;
            }
        }
        self.messages_total += other.messages_total;
        for (key, n) in other.nudges {
            *self.nudges.entry(key).or_default() += n;
        }
        self.meetings_held += other.meetings_held;
        for (k, (asked, finished)) in other.responses {
            let mine = self.responses.entry(k).or_default();
            mine.0 += asked;
            mine.1 += finished;
        }
        self.steps += other.steps;
    }

    /// Counts a delivery.
    fn count(&mut self, month: (i32, u32), role: Role, msg: &Msg) {
        self.messages_total += 1;
        *self
            .messages_by_month
            .entry(month)
            .or_default()
            .entry(role)
            .or_default() += 1;
        if msg.key.starts_with("nudge-") || msg.key == "alert-stalled" {
            match self.nudges.get_mut(&*msg.key) {
                Some(n) => *n += 1,
                None => {
                    self.nudges.insert(msg.key.to_string(), 1);
                }
            }
        }
    }
}

/// In what order a run's events reach its sink.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// All pairs' events in time order (pairs at the same instant by their
    /// index), as a transcript reads.
    Time,
    /// One pair's whole run after another, each in time order: the same
    /// decisions and the same summary, without keeping every pair's next
    /// step in one time order. For a summary or a report, which do not
    /// depend on the order.
    ByPair,
}

/// Runs the programme with `opts.pairs` simulated pairs. `sink` sees every
/// delivery and action of all pairs in time order.
pub fn run(p: &Programme, opts: &SimOptions, sink: impl FnMut(&SimEvent<'_>)) -> Summary {
    run_in(p, opts, Order::Time, sink)
}

/// The run's pairs, each on its lane with its first wake-up queued; the
/// summary of who they are; and the instant after which nothing counts.
fn lanes(p: &Programme, opts: &SimOptions) -> (Vec<Lane>, Summary, Ts) {
    let mut rng = ChaCha8Rng::seed_from_u64(opts.seed);
    let matched = p.intro_at() - Duration::days(7);
    let tz = p.time_zone;
    let mut pairs: Vec<SimPair> = (0..opts.pairs)
        .map(|i| {
            let roll: f64 = rng.random();
            let ghosting = p.simulation.ghosting;
            let behaviour = if roll < ghosting {
                Behaviour::Ghosting
            } else if roll < ghosting + 0.31 {
                Behaviour::Slow
            } else {
                Behaviour::Prompt
            };
            let name = |k: usize| {
                format!(
                    "{} {}",
                    FIRST[k % FIRST.len()],
                    LAST[(k / FIRST.len() + k) % LAST.len()]
                )
            };
            let mentee = Person {
                name: name(2 * i),
                contact: Some(format!("mentee{}@example.org", i + 1)),
                tz,
                shares: true,
                profile: Default::default(),
            };
            let mentor = Person {
                name: name(2 * i + 1),
                contact: Some(format!("mentor{}@example.org", i + 1)),
                tz,
                shares: true,
                profile: Default::default(),
            };
            let state = PairState::new(p, mentee.clone(), mentor.clone(), matched);
            SimPair {
                mentee,
                mentor,
                behaviour,
                ghost_after: rng.random_range(0..=2),
                responds: vec![],
                state,
            }
        })
        .collect();
    draw_responders(p, &mut pairs, &mut rng);
    let mut summary = Summary {
        pairs: opts.pairs,
        ..Summary::default()
    };
    for (i, sp) in pairs.iter().enumerate() {
        *summary.behaviours.entry(sp.behaviour).or_default() += 1;
        if sp.behaviour == Behaviour::Ghosting {
            summary.ghosting.push(i);
        }
    }
    let horizon = p.survey(SurveyKind::FollowUp).deadline() + Duration::days(1);
    let lanes: Vec<Lane> = pairs
        .into_iter()
        .enumerate()
        .map(|(i, sp)| {
            // The run's generator drew the pairs (stream 0); each pair's
            // reactions come from a stream of their own.
            let mut rng = ChaCha8Rng::seed_from_u64(opts.seed);
            rng.set_stream(i as u64 + 1);
            let mut lane = Lane {
                sp,
                queue: Vec::new(),
                earliest: None,
                seq: 0,
                scheduled: None,
                flagged: false,
                rng,
                month: None,
            };
            if let Some(t) = lane.sp.state.next_due(p) {
                lane.scheduled = Some(t);
                lane.push(t, Item::Wake);
            }
            lane
        })
        .collect();
    (lanes, summary, horizon)
}

/// [`run`], with the events in the `order` asked.
pub fn run_in(p: &Programme, opts: &SimOptions, order: Order, mut sink: impl FnMut(&SimEvent<'_>)) -> Summary {
    let (mut lanes, mut summary, horizon) = lanes(p, opts);
    if order == Order::Time {
        // Each pair's next instant, earliest first: one entry per pair.
        let mut order: BinaryHeap<Reverse<(Ts, usize)>> = lanes
            .iter()
            .enumerate()
            .filter_map(|(i, l)| Some(Reverse((l.next_at()?, i))))
            .collect();
        while let Some(mut top) = order.peek_mut() {
            let Reverse((at, i)) = *top;
            if at > horizon {
                break;
            }
            let lane = &mut lanes[i];
            lane.advance(p, i, &mut summary, &mut sink);
            match lane.next_at() {
                Some(t) => *top = Reverse((t, i)),
                None => {
                    std::collections::binary_heap::PeekMut::pop(top);
                }
            }
        }
    } else {
        for (i, lane) in lanes.iter_mut().enumerate() {
            while lane.next_at().is_some_and(|t| t <= horizon) {
                lane.advance(p, i, &mut summary, &mut sink);
            }
        }
    }
    finish(summary, &lanes)
}

/// [`Order::ByPair`] on `threads` threads: each runs a contiguous share of
/// the pairs (the first share the first pairs) and shows their events to
/// `see` with a state of its own, made by `state`. The same decisions and
/// the same summary as [`run`]; the states come back in the order of their
/// shares, so reading them one after another is reading the pairs in order.
pub fn run_by_pair_on<S: Send>(
    p: &Programme,
    opts: &SimOptions,
    threads: usize,
    state: impl Fn() -> S,
    see: impl Fn(&mut S, &SimEvent<'_>) + Sync,
) -> (Summary, Vec<S>) {
    let (mut lanes, summary, horizon) = lanes(p, opts);
    let share = lanes.len().div_ceil(threads.max(1)).max(1);
    let see = &see;
    let results: Vec<(Summary, S)> = std::thread::scope(|scope| {
        let running: Vec<_> = lanes
            .chunks_mut(share)
            .enumerate()
            .map(|(k, chunk)| {
                let mut mine = state();
                scope.spawn(move || {
                    let mut part = Summary::default();
                    let mut sink = |ev: &SimEvent<'_>| see(&mut mine, ev);
                    for (j, lane) in chunk.iter_mut().enumerate() {
                        while lane.next_at().is_some_and(|t| t <= horizon) {
                            lane.advance(p, k * share + j, &mut part, &mut sink);
                        }
                    }
                    (part, mine)
                })
            })
            .collect();
        running
            .into_iter()
            .map(|t| t.join().expect("a simulation thread does not panic"))
            .collect()
    });
    gather(summary, results, &lanes)
}

/// [`run`] on `threads` threads, the events still reaching `take` in time
/// order. The run goes through virtual time in windows of `window`: in
/// each, every thread advances its share of the pairs (contiguous, as in
/// [`run_by_pair_on`]) to the window's end and turns their events into
/// `R`s with `see`, a state of its own (made by `state`) and the window's
/// `W` (a buffer, say, that the `R`s point into); each window's `R`s then
/// reach `take`, with their instants and their thread's `W`, in the order
/// [`run`] shows the events (by instant, pairs at one instant by index, a
/// pair's own in the order it had them), while the threads go on with the
/// next windows. An event `see` turns into `None` reaches no one. The same
/// decisions, the same summary and the same order as [`run`]; the states
/// come back in the order of their shares, as from [`run_by_pair_on`].
///
/// What a thread makes is read where it was made: memory allocated on one
/// thread and freed on another costs the allocator a lock (measured: one
/// `String` per event sent across made the transcript no quicker on two
/// threads than on one).
#[allow(clippy::too_many_arguments)]
pub fn run_in_time_order_on<S: Send, W: Default + Send, R: Send>(
    p: &Programme,
    opts: &SimOptions,
    threads: usize,
    window: Duration,
    state: impl Fn() -> S,
    see: impl Fn(&mut S, &mut W, &SimEvent<'_>) -> Option<R> + Sync,
    mut take: impl FnMut(Ts, &W, R),
) -> (Summary, Vec<S>) {
    assert!(window > Duration::zero(), "a window of time is longer than nothing");
    if threads <= 1 {
        // One thread: each event straight to `take`, in `run`'s order.
        let mut mine = state();
        let summary = run(p, opts, |ev| {
            let mut made = W::default();
            if let Some(r) = see(&mut mine, &mut made, ev) {
                take(ev.at(), &made, r);
            }
        });
        return (summary, vec![mine]);
    }
    let (mut lanes, summary, horizon) = lanes(p, opts);
    let Some(start) = lanes.iter().filter_map(Lane::next_at).min() else {
        return (finish(summary, &lanes), vec![]);
    };
    // Window k ends at `start + (k + 1) * window`; the last one passes the horizon.
    let windows = (horizon - start).num_milliseconds().max(0) / window.num_milliseconds() + 1;
    let share = lanes.len().div_ceil(threads).max(1);
    let see = &see;
    let results: Vec<(Summary, S)> = std::thread::scope(|scope| {
        let (running, windows_of): (Vec<_>, Vec<_>) = lanes
            .chunks_mut(share)
            .enumerate()
            .map(|(k, chunk)| {
                let mut mine = state();
                // One window ahead at most: what waits stays small (the
                // intro day alone holds tens of MB of text).
                let (tx, rx) = std::sync::mpsc::sync_channel::<(W, Vec<(Ts, R)>)>(1);
                let thread = scope.spawn(move || {
                    let mut part = Summary::default();
                    for w in 0..windows {
                        let end = start + window * (w as i32 + 1);
                        let mut made = W::default();
                        let mut seen = vec![];
                        let mut sink = |ev: &SimEvent<'_>| {
                            if let Some(r) = see(&mut mine, &mut made, ev) {
                                seen.push((ev.at(), r));
                            }
                        };
                        for (j, lane) in chunk.iter_mut().enumerate() {
                            while lane.next_at().is_some_and(|t| t < end && t <= horizon) {
                                lane.advance(p, k * share + j, &mut part, &mut sink);
                            }
                        }
                        if tx.send((made, seen)).is_err() {
                            break; // nobody reads any more
                        }
                    }
                    (part, mine)
                });
                (thread, rx)
            })
            .unzip();
        for _ in 0..windows {
            // The shares in pair order, each pair's events in its order:
            // a stable sort by instant gives the run's order.
            let mut made = Vec::with_capacity(windows_of.len());
            let mut all = vec![];
            for (n, rx) in windows_of.iter().enumerate() {
                let (w, seen) = rx.recv().expect("a simulation thread does not panic");
                made.push(w);
                all.extend(seen.into_iter().map(|(at, r)| (at, n, r)));
            }
            all.sort_by_key(|(at, _, _)| *at);
            for (at, n, r) in all {
                take(at, &made[n], r);
            }
        }
        running
            .into_iter()
            .map(|t| t.join().expect("a simulation thread does not panic"))
            .collect()
    });
    gather(summary, results, &lanes)
}

/// The threads' shares added to the run's summary, and their states in
/// share order.
fn gather<S>(mut summary: Summary, results: Vec<(Summary, S)>, lanes: &[Lane]) -> (Summary, Vec<S>) {
    let mut states = Vec::with_capacity(results.len());
    for (part, mine) in results {
        summary.add(part);
        states.push(mine);
    }
    (finish(summary, lanes), states)
}

/// What the lanes know when the run is over.
fn finish(mut summary: Summary, lanes: &[Lane]) -> Summary {
    summary.names = lanes
        .iter()
        .map(|l| (l.sp.mentee.name.clone(), l.sp.mentor.name.clone()))
        .collect();
    summary.at_risk = lanes
        .iter()
        .enumerate()
        .filter(|(_, l)| l.flagged)
        .map(|(i, _)| i)
        .collect();
    summary
}
