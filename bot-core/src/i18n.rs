//! Fluent catalogs for en, da and nb, and rendering in the recipient's
//! language with the fallback chain nb → da → en.

use crate::message::{Arg, Msg, Rendered, RenderedButton};
use crate::model::Lang;
use chrono::Datelike;
use chrono_tz::Tz;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::collections::{BTreeMap, BTreeSet};

macro_rules! locale {
    ($lang:expr, $code:literal, $file:literal) => {
        (
            $lang,
            concat!($code, "/", $file),
            include_str!(concat!("../../locales/", $code, "/", $file)),
        )
    };
}

/// The locale files, embedded at build time: (language, file name, source).
pub const SOURCES: &[(Lang, &str, &str)] = &[
    locale!(Lang::En, "en", "main.ftl"),
    locale!(Lang::En, "en", "programmes.ftl"),
    locale!(Lang::En, "en", "shell.ftl"),
    locale!(Lang::En, "en", "access.ftl"),
    locale!(Lang::En, "en", "privacy.ftl"),
    locale!(Lang::En, "en", "platforms.ftl"),
    locale!(Lang::En, "en", "operator.ftl"),
    locale!(Lang::En, "en", "webchat.ftl"),
    locale!(Lang::En, "en", "cohort.ftl"),
    locale!(Lang::En, "en", "relay.ftl"),
    locale!(Lang::En, "en", "broadcast.ftl"),
    locale!(Lang::En, "en", "health.ftl"),
    locale!(Lang::En, "en", "discord.ftl"),
    locale!(Lang::En, "en", "ops.ftl"),
    locale!(Lang::Da, "da", "main.ftl"),
    locale!(Lang::Da, "da", "programmes.ftl"),
    locale!(Lang::Da, "da", "shell.ftl"),
    locale!(Lang::Da, "da", "access.ftl"),
    locale!(Lang::Da, "da", "privacy.ftl"),
    locale!(Lang::Da, "da", "platforms.ftl"),
    locale!(Lang::Da, "da", "operator.ftl"),
    locale!(Lang::Da, "da", "webchat.ftl"),
    locale!(Lang::Da, "da", "cohort.ftl"),
    locale!(Lang::Da, "da", "relay.ftl"),
    locale!(Lang::Da, "da", "broadcast.ftl"),
    locale!(Lang::Da, "da", "health.ftl"),
    locale!(Lang::Da, "da", "discord.ftl"),
    locale!(Lang::Da, "da", "ops.ftl"),
    locale!(Lang::Nb, "nb", "main.ftl"),
    locale!(Lang::Nb, "nb", "programmes.ftl"),
    locale!(Lang::Nb, "nb", "shell.ftl"),
    locale!(Lang::Nb, "nb", "access.ftl"),
    locale!(Lang::Nb, "nb", "privacy.ftl"),
    locale!(Lang::Nb, "nb", "platforms.ftl"),
    locale!(Lang::Nb, "nb", "operator.ftl"),
    locale!(Lang::Nb, "nb", "webchat.ftl"),
    locale!(Lang::Nb, "nb", "cohort.ftl"),
    locale!(Lang::Nb, "nb", "relay.ftl"),
    locale!(Lang::Nb, "nb", "broadcast.ftl"),
    locale!(Lang::Nb, "nb", "health.ftl"),
    locale!(Lang::Nb, "nb", "discord.ftl"),
    locale!(Lang::Nb, "nb", "ops.ftl"),
];

/// All messages in all languages.
pub struct Catalog {
    bundles: BTreeMap<Lang, FluentBundle<FluentResource>>,
    /// Dates and times already rendered (see [`Catalog::datetime`]).
    dates: std::sync::Mutex<std::collections::HashMap<DateKey, String>>,
}

/// A rendered date: its instant, language, zone and format key.
type DateKey = (crate::Ts, Lang, Tz, &'static str);

impl std::fmt::Debug for Catalog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalog").finish_non_exhaustive()
    }
}

#[derive(Debug, thiserror::Error)]
#[error("{file}: {message}")]
pub struct CatalogError {
    pub file: String,
    pub message: String,
}

impl Catalog {
    /// The catalog shipped in `locales/`.
    pub fn builtin() -> &'static Catalog {
        static CATALOG: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
        CATALOG.get_or_init(|| Catalog::from_sources(SOURCES).expect("the shipped locales parse"))
    }

    pub fn from_sources(sources: &[(Lang, &str, &str)]) -> Result<Catalog, CatalogError> {
        let mut bundles = BTreeMap::new();
        for lang in Lang::ALL {
            let id: unic_langid::LanguageIdentifier = lang.code().parse().expect("valid language id");
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            bundle.set_use_isolating(false);
            bundles.insert(lang, bundle);
        }
        for (lang, file, src) in sources {
            let res = FluentResource::try_new(src.to_string()).map_err(|(_, errs)| CatalogError {
                file: file.to_string(),
                message: format!("{errs:?}"),
            })?;
            bundles
                .get_mut(lang)
                .expect("every language has a bundle")
                .add_resource(res)
                .map_err(|errs| CatalogError {
                    file: file.to_string(),
                    message: format!("{errs:?}"),
                })?;
        }
        Ok(Catalog {
            bundles,
            dates: Default::default(),
        })
    }

    /// Whether some locale has the key (the locale test makes sure all do).
    pub fn has(&self, key: &str) -> bool {
        self.bundles.values().any(|b| b.has_message(key))
    }

    /// Renders a message with its buttons for a recipient.
    pub fn render(&self, msg: &Msg, lang: Lang, tz: Tz) -> Rendered {
        self.render_for_pair(msg, lang, tz, None)
    }

    /// Renders a message whose buttons belong to a pair: each payload is
    /// tagged with it, so a press answers that pair and no other.
    pub fn render_for_pair(&self, msg: &Msg, lang: Lang, tz: Tz, pair: Option<i64>) -> Rendered {
        Rendered {
            text: self.text(msg, lang, tz),
            buttons: msg
                .buttons
                .iter()
                .map(|row| {
                    row.iter()
                        .map(|b| RenderedButton {
                            label: self.text(&b.label, lang, tz),
                            payload: crate::payload::Tagged {
                                pair,
                                payload: b.payload.clone(),
                            }
                            .encode(),
                        })
                        .collect()
                })
                .collect(),
        }
    }

    /// Renders the text of a message, following the fallback chain. A key
    /// that no locale has renders as the key itself, so nothing is silently
    /// dropped (the locale test keeps that from shipping).
    pub fn text(&self, msg: &Msg, lang: Lang, tz: Tz) -> String {
        let mut s = String::new();
        self.write_text(&mut s, msg, lang, tz);
        s
    }

    /// [`Catalog::text`], appended to `out`: the arguments borrowed from
    /// `msg`, the text written where it goes (`mentorbot simulate` writes
    /// two million of them).
    pub fn write_text(&self, out: &mut String, msg: &Msg, lang: Lang, tz: Tz) {
        let mut args = FluentArgs::with_capacity(msg.args.len());
        for (name, arg) in &msg.args {
            let value: FluentValue = match arg {
                Arg::Str(s) => s.as_str().into(),
                Arg::Num(n) => (*n).into(),
                Arg::Time(t) => self.datetime(*t, lang, tz, "fmt-datetime").into(),
                Arg::Date(t) => self.datetime(*t, lang, tz, "fmt-date").into(),
                Arg::Day(t) => self.datetime(*t, lang, tz, "fmt-day").into(),
                Arg::Key(k) => self.format(k, lang, None).into(),
                Arg::Keys(ks) => ks
                    .iter()
                    .map(|k| self.format(k, lang, None))
                    .collect::<Vec<_>>()
                    .join(", ")
                    .into(),
            };
            args.set(name.as_ref(), value);
        }
        self.write(out, &msg.key, lang, Some(&args));
    }

    fn format(&self, key: &str, lang: Lang, args: Option<&FluentArgs>) -> String {
        let mut s = String::new();
        self.write(&mut s, key, lang, args);
        s
    }

    fn write(&self, out: &mut String, key: &str, lang: Lang, args: Option<&FluentArgs>) {
        for l in lang.fallback_chain() {
            let bundle = &self.bundles[l];
            if let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) {
                let mut errors = vec![];
                // Writing to a String never fails.
                let _ = bundle.write_pattern(out, pattern, args, &mut errors);
                return;
            }
        }
        out.push_str(key);
    }

    /// A date or time as a message argument. The same few dates come back
    /// in message after message (a programme's start and end, its events),
    /// so the catalog keeps the last ones it rendered.
    fn datetime(&self, t: crate::Ts, lang: Lang, tz: Tz, key: &'static str) -> String {
        let k = (t, lang, tz, key);
        if let Some(s) = self.dates.lock().ok().and_then(|m| m.get(&k).cloned()) {
            return s;
        }
        let s = self.datetime_uncached(t, lang, tz, key);
        if let Ok(mut m) = self.dates.lock() {
            if m.len() >= 1024 {
                m.clear();
            }
            m.insert(k, s.clone());
        }
        s
    }

    fn datetime_uncached(&self, t: crate::Ts, lang: Lang, tz: Tz, key: &str) -> String {
        let local = t.with_timezone(&tz);
        let weekday = format!("weekday-{}", local.weekday().number_from_monday());
        let month = format!("month-{}", local.month());
        let mut args = FluentArgs::new();
        args.set("weekday", self.format(&weekday, lang, None));
        args.set("monthname", self.format(&month, lang, None));
        args.set("day", local.day());
        args.set("month", local.month());
        args.set("year", local.year());
        args.set("time", local.format("%H:%M").to_string());
        self.format(key, lang, Some(&args))
    }
}

/// The message ids (with `.attributes`) of a Fluent source and the
/// variables each one uses.
pub fn message_variables(source: &str) -> BTreeMap<String, BTreeSet<String>> {
    use fluent_syntax::ast;
    fn walk_pattern(p: &ast::Pattern<&str>, vars: &mut BTreeSet<String>) {
        for el in &p.elements {
            if let ast::PatternElement::Placeable { expression } = el {
                walk_expr(expression, vars);
            }
        }
    }
    fn walk_inline(e: &ast::InlineExpression<&str>, vars: &mut BTreeSet<String>) {
        match e {
            ast::InlineExpression::VariableReference { id } => {
                vars.insert(id.name.to_string());
            }
            ast::InlineExpression::Placeable { expression } => walk_expr(expression, vars),
            ast::InlineExpression::FunctionReference { arguments, .. } => {
                for a in &arguments.positional {
                    walk_inline(a, vars);
                }
            }
            _ => {}
        }
    }
    fn walk_expr(e: &ast::Expression<&str>, vars: &mut BTreeSet<String>) {
        match e {
            ast::Expression::Inline(i) => walk_inline(i, vars),
            ast::Expression::Select { selector, variants } => {
                walk_inline(selector, vars);
                for v in variants {
                    walk_pattern(&v.value, vars);
                }
            }
        }
    }
    let res = match fluent_syntax::parser::parse(source) {
        Ok(r) => r,
        Err((r, _)) => r,
    };
    let mut out = BTreeMap::new();
    for entry in &res.body {
        if let ast::Entry::Message(m) = entry {
            let mut vars = BTreeSet::new();
            if let Some(v) = &m.value {
                walk_pattern(v, &mut vars);
            }
            out.insert(m.id.name.to_string(), vars);
            for a in &m.attributes {
                let mut avars = BTreeSet::new();
                walk_pattern(&a.value, &mut avars);
                out.insert(format!("{}.{}", m.id.name, a.id.name), avars);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn by_lang() -> BTreeMap<Lang, BTreeMap<String, BTreeSet<String>>> {
        let mut m: BTreeMap<Lang, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
        for (lang, _, src) in SOURCES {
            m.entry(*lang).or_default().extend(message_variables(src));
        }
        m
    }

    #[test]
    fn every_locale_has_every_key_with_the_same_variables() {
        let all = by_lang();
        let mut problems = vec![];
        let keys: BTreeSet<&String> = all.values().flat_map(|m| m.keys()).collect();
        for key in keys {
            let en = all[&Lang::En].get(key);
            for lang in Lang::ALL {
                match all[&lang].get(key) {
                    None => problems.push(format!("{lang}: missing `{key}`")),
                    Some(vars) if en.is_some_and(|e| e != vars) => {
                        problems.push(format!("{lang}: `{key}` uses {vars:?} but en uses {:?}", en.unwrap()))
                    }
                    _ => {}
                }
            }
        }
        assert!(problems.is_empty(), "locale problems:\n{}", problems.join("\n"));
    }

    #[test]
    fn the_shipped_locales_parse_without_errors() {
        for (_, file, src) in SOURCES {
            if let Err((_, errs)) = fluent_syntax::parser::parse(*src) {
                panic!("{file}: {errs:?}");
            }
        }
    }

    #[test]
    fn the_checker_notices_a_missing_key_and_a_changed_variable() {
        let en = message_variables("a = Hi { $name }\nb = Bye\n");
        let da = message_variables("a = Hej { $navn }\n");
        assert!(!da.contains_key("b"));
        assert_ne!(en["a"], da["a"]);
    }

    #[test]
    fn fallback_follows_nb_then_da_then_en() {
        let cat = Catalog::from_sources(&[
            (Lang::En, "en", "only-en = english\nboth = en-both\nall = en-all\n"),
            (Lang::Da, "da", "both = da-both\nall = da-all\n"),
            (Lang::Nb, "nb", "all = nb-all\n"),
        ])
        .unwrap();
        let tz = chrono_tz::Europe::Oslo;
        assert_eq!(cat.text(&Msg::new("all"), Lang::Nb, tz), "nb-all");
        assert_eq!(cat.text(&Msg::new("both"), Lang::Nb, tz), "da-both");
        assert_eq!(cat.text(&Msg::new("only-en"), Lang::Nb, tz), "english");
        assert_eq!(cat.text(&Msg::new("all"), Lang::En, tz), "en-all");
    }

    #[test]
    fn rendered_text_has_no_bidi_isolation_marks() {
        let cat = Catalog::from_sources(&[(Lang::En, "en", "hi = Hi { $name }!\n")]).unwrap();
        let text = cat.text(&Msg::new("hi").str("name", "مريم"), Lang::En, chrono_tz::UTC);
        assert_eq!(text, "Hi مريم!");
    }
}
