//! `mentorbot report`: the core's evaluation figures written as CSV,
//! Markdown or one self-contained HTML file with SVG charts (plotters'
//! SVG backend; no external reference, so it opens offline). Every word
//! comes from locales/.

use anyhow::Result;
use bot_core::evaluation::{Figure, find};
use bot_core::i18n::Catalog;
use bot_core::message::Msg;
use bot_core::programme::{QuestionKind, SurveyKind};
use bot_core::{Lang, Programme, Role};
use plotters::prelude::*;

const ROLES: [Role; 2] = [Role::Mentee, Role::Mentor];

/// The figures as CSV: section, survey, role, question, item, value.
pub fn csv(figures: &[Figure]) -> Result<String> {
    let mut w = ::csv::Writer::from_writer(vec![]);
    w.write_record(["section", "survey", "role", "question", "item", "value"])?;
    for f in figures {
        w.write_record([
            f.section,
            f.survey.map(|s| s.code()).unwrap_or(""),
            f.role.map(|r| r.code()).unwrap_or(""),
            f.question.as_deref().unwrap_or(""),
            f.item.as_deref().unwrap_or(""),
            &fmt_num(f.value),
        ])?;
    }
    Ok(String::from_utf8(w.into_inner()?)?)
}

fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

struct Words<'a> {
    c: &'a Catalog,
    lang: Lang,
    tz: chrono_tz::Tz,
}

impl Words<'_> {
    fn t(&self, key: &str) -> String {
        self.c.text(&Msg::new(key.to_string()), self.lang, self.tz)
    }
    fn m(&self, msg: Msg) -> String {
        self.c.text(&msg, self.lang, self.tz)
    }
}

/// Bars: (label, mentee value, mentor value).
pub type Bars = Vec<(String, f64, f64)>;

/// A table: a header row and rows of cells.
struct Table {
    title: String,
    head: Vec<String>,
    rows: Vec<Vec<String>>,
    /// (label, mentee value, mentor value) for a bar chart, scale 0..max.
    chart: Option<(Bars, f64)>,
}

fn tables(p: &Programme, figs: &[Figure], w: &Words) -> Vec<Table> {
    let role_head = |first: &str| vec![w.t(first), w.t("role-mentee"), w.t("role-mentor")];
    let mut out = vec![];
    // Response rates.
    let mut rows = vec![];
    for kind in SurveyKind::ALL {
        let cell = |role| {
            let sent = find(figs, "response_sent", Some(kind), Some(role), None, None);
            let done = find(figs, "response_answered", Some(kind), Some(role), None, None);
            let rate = find(figs, "response_rate", Some(kind), Some(role), None, None);
            match (sent, done, rate) {
                (Some(s), Some(d), Some(r)) => format!("{}% ({}/{})", fmt_num(r), fmt_num(d), fmt_num(s)),
                _ => "–".into(),
            }
        };
        if ROLES
            .iter()
            .any(|r| find(figs, "response_sent", Some(kind), Some(*r), None, None).is_some())
        {
            rows.push(vec![
                w.t(&format!("report-survey-{}", kind.code())),
                cell(Role::Mentee),
                cell(Role::Mentor),
            ]);
        }
    }
    out.push(Table {
        title: w.t("report-responses"),
        head: role_head("report-survey"),
        rows,
        chart: None,
    });
    for kind in SurveyKind::ALL {
        let plan = p.survey(kind);
        for q in plan.questions {
            let has = |section: &str| {
                figs.iter()
                    .any(|f| f.section == section && f.survey == Some(kind) && f.question.as_deref() == Some(&q.id))
            };
            let title = format!("{} – {}", w.t(&format!("report-survey-{}", kind.code())), w.t(&q.text));
            match q.kind {
                QuestionKind::Scale if has("scale_mean") => {
                    let mut rows = vec![];
                    let v = |s: &str, r, item: Option<&str>| find(figs, s, Some(kind), Some(r), Some(&q.id), item);
                    let cell = |s: &str, r, item: Option<&str>| v(s, r, item).map(fmt_num).unwrap_or("–".into());
                    rows.push(vec![
                        w.t("report-mean"),
                        cell("scale_mean", Role::Mentee, None),
                        cell("scale_mean", Role::Mentor, None),
                    ]);
                    rows.push(vec![
                        w.t("report-count"),
                        cell("scale_count", Role::Mentee, None),
                        cell("scale_count", Role::Mentor, None),
                    ]);
                    for s in (1..=5).rev() {
                        let item = s.to_string();
                        rows.push(vec![
                            item.clone(),
                            cell("scale_distribution", Role::Mentee, Some(&item)),
                            cell("scale_distribution", Role::Mentor, Some(&item)),
                        ]);
                    }
                    let bars = vec![(
                        w.t("report-mean"),
                        v("scale_mean", Role::Mentee, None).unwrap_or(0.0),
                        v("scale_mean", Role::Mentor, None).unwrap_or(0.0),
                    )];
                    out.push(Table {
                        title,
                        head: role_head("report-figure"),
                        rows,
                        chart: Some((bars, 5.0)),
                    });
                }
                QuestionKind::Single | QuestionKind::Multi | QuestionKind::Outcome if has("answered") => {
                    let section = match q.kind {
                        QuestionKind::Multi => "multi_share",
                        QuestionKind::Outcome => "outcome_share",
                        _ => "single_share",
                    };
                    let mut items: Vec<String> = vec![];
                    for f in figs.iter().filter(|f| {
                        f.section == section && f.survey == Some(kind) && f.question.as_deref() == Some(&q.id)
                    }) {
                        if let Some(i) = &f.item
                            && !items.contains(i)
                        {
                            items.push(i.clone());
                        }
                    }
                    let share = |r, i: &str| find(figs, section, Some(kind), Some(r), Some(&q.id), Some(i));
                    let cell = |r, i: &str| share(r, i).map(|v| format!("{}%", fmt_num(v))).unwrap_or("–".into());
                    let label = |i: &str| w.t(i);
                    let rows = items
                        .iter()
                        .map(|i| vec![label(i), cell(Role::Mentee, i), cell(Role::Mentor, i)])
                        .collect();
                    let bars = items
                        .iter()
                        .map(|i| {
                            (
                                label(i),
                                share(Role::Mentee, i).unwrap_or(0.0),
                                share(Role::Mentor, i).unwrap_or(0.0),
                            )
                        })
                        .collect();
                    out.push(Table {
                        title,
                        head: role_head("report-option"),
                        rows,
                        chart: Some((bars, 100.0)),
                    });
                }
                QuestionKind::Ranking if has("answered") => {
                    let cell = |s: &str, r, i: &str| {
                        find(figs, s, Some(kind), Some(r), Some(&q.id), Some(i))
                            .map(fmt_num)
                            .unwrap_or("–".into())
                    };
                    let rows = q
                        .options
                        .iter()
                        .map(|o| {
                            vec![
                                w.t(o),
                                format!(
                                    "{} / {}",
                                    cell("ranking_top3", Role::Mentee, o),
                                    cell("ranking_mean_rank", Role::Mentee, o)
                                ),
                                format!(
                                    "{} / {}",
                                    cell("ranking_top3", Role::Mentor, o),
                                    cell("ranking_mean_rank", Role::Mentor, o)
                                ),
                            ]
                        })
                        .collect();
                    out.push(Table {
                        title,
                        head: role_head("report-ranking-head"),
                        rows,
                        chart: None,
                    });
                }
                _ => {}
            }
        }
    }
    // Meetings, faded pairs, flags.
    let whole = |s: &str| find(figs, s, None, None, None, None).map(fmt_num).unwrap_or("–".into());
    let mut rows = vec![
        vec![w.t("report-pairs"), whole("pairs")],
        vec![w.t("report-meetings-target"), whole("meetings_target")],
        vec![w.t("report-meetings-mean"), whole("meetings_mean")],
        vec![
            w.t("report-meetings-reached"),
            format!(
                "{} ({}%)",
                whole("meetings_reached_target"),
                whole("meetings_reached_target_percent")
            ),
        ],
        vec![w.t("report-faded"), whole("pairs_faded")],
    ];
    for f in figs.iter().filter(|f| f.section == "flags") {
        let reason = f.item.clone().unwrap_or_default();
        rows.push(vec![
            w.m(Msg::new("report-flags").key("reason", format!("flag-reason-{reason}"))),
            fmt_num(f.value),
        ]);
    }
    out.push(Table {
        title: w.t("report-pairs-title"),
        head: vec![w.t("report-figure"), w.t("report-value")],
        rows,
        chart: None,
    });
    out
}

/// The report as Markdown.
pub fn markdown(p: &Programme, figs: &[Figure], catalog: &Catalog, lang: Lang) -> String {
    let w = Words {
        c: catalog,
        lang,
        tz: p.time_zone,
    };
    let mut s = format!(
        "# {}\n\n",
        w.m(Msg::new("report-title").str("programme", p.name.clone()))
    );
    for t in tables(p, figs, &w) {
        s += &format!(
            "## {}\n\n| {} |\n|{}\n",
            t.title,
            t.head.join(" | "),
            "---|".repeat(t.head.len())
        );
        for r in t.rows {
            s += &format!("| {} |\n", r.join(" | "));
        }
        s += "\n";
    }
    s
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Bars per label, mentee and mentor side by side, drawn with plotters'
/// SVG backend (shapes only, so no font is needed; the labels are HTML).
pub fn chart(bars: &[(String, f64, f64)], max: f64) -> Result<String> {
    let row = 28u32;
    let height = row * bars.len().max(1) as u32 + 4;
    let width = 360u32;
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        area.fill(&WHITE)?;
        let colour = [RGBColor(0x2b, 0x6c, 0xb0), RGBColor(0xe0, 0x8a, 0x1e)];
        for (i, (_, a, b)) in bars.iter().enumerate() {
            for (j, v) in [a, b].into_iter().enumerate() {
                let y = (i as u32 * row + 2 + j as u32 * 12) as i32;
                let x = ((v / max).clamp(0.0, 1.0) * f64::from(width - 4)) as i32;
                area.draw(&Rectangle::new([(2, y), (2 + x, y + 10)], colour[j].filled()))?;
            }
        }
        area.present()?;
    }
    Ok(svg)
}

/// The overall benefit at the final survey, as an SVG chart (for `/report`).
pub fn benefit_chart(figs: &[Figure]) -> Result<String> {
    let m = |r| {
        find(
            figs,
            "scale_mean",
            Some(SurveyKind::Final),
            Some(r),
            Some("benefit"),
            None,
        )
        .unwrap_or(0.0)
    };
    chart(&[(String::new(), m(Role::Mentee), m(Role::Mentor))], 5.0)
}

/// The report as one self-contained HTML page.
pub fn html(p: &Programme, figs: &[Figure], catalog: &Catalog, lang: Lang) -> Result<String> {
    let w = Words {
        c: catalog,
        lang,
        tz: p.time_zone,
    };
    let title = esc(&w.m(Msg::new("report-title").str("programme", p.name.clone())));
    let mut s = format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{title}</title><style>\
body{{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}}\
table{{border-collapse:collapse;margin:.5rem 0 1rem}}td,th{{border:1px solid #ccc;padding:.25rem .6rem;text-align:left}}\
.legend span{{display:inline-block;width:.8rem;height:.8rem;margin:0 .3rem 0 1rem}}.chart{{display:flex;gap:1rem}}\
.labels div{{height:28px;line-height:28px;white-space:nowrap}}</style></head><body>\n<h1>{title}</h1>\n\
<p class=\"legend\"><span style=\"background:#2b6cb0\"></span>{}<span style=\"background:#e08a1e\"></span>{}</p>\n",
        esc(&w.t("role-mentee")),
        esc(&w.t("role-mentor"))
    );
    for t in tables(p, figs, &w) {
        s += &format!("<section><h2>{}</h2>\n<table><tr>", esc(&t.title));
        for h in &t.head {
            s += &format!("<th>{}</th>", esc(h));
        }
        s += "</tr>\n";
        for r in &t.rows {
            s += "<tr>";
            for c in r {
                s += &format!("<td>{}</td>", esc(c));
            }
            s += "</tr>\n";
        }
        s += "</table>\n";
        if let Some((bars, max)) = &t.chart {
            s += "<div class=\"chart\"><div class=\"labels\">";
            for (l, _, _) in bars {
                s += &format!("<div>{}</div>", esc(l));
            }
            s += &format!("</div>{}</div>\n", chart(bars, *max)?);
        }
        s += "</section>\n";
    }
    s += "</body></html>\n";
    Ok(s)
}
