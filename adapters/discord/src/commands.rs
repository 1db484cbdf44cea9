//! Slash commands, registered at start: the same commands as Telegram's
//! menus, each with its name and description in Danish (`da`) and
//! Norwegian (`no`, Discord's code for Bokmål). Participants' commands are
//! global (the server and DMs with the bot); `/join` and the
//! coordinators' own commands are the programme server's, and the
//! coordinators' are shown only to members with "Manage Server"
//! (`default_member_permissions`), which an organiser can narrow to the
//! coordinator role under Server Settings → Integrations.

use crate::rest::{Body, Rest, RestError};
use bot_core::Lang;
use bot_core::i18n::Catalog;
use bot_core::message::Msg;
use reqwest::Method;
use serde_json::Value;
use serenity::all::{CommandOptionType, CreateCommand, CreateCommandOption, InteractionContext, Permissions};

/// The commands to register.
#[derive(Debug, Clone)]
pub struct CommandSpec {
    /// Everyone's commands (`help`, `status`, …).
    pub participants: Vec<String>,
    /// Commands only coordinators see, beyond the participants' ones.
    pub coordinators: Vec<String>,
}

impl CommandSpec {
    /// Telegram's menus: participants' and coordinators' commands.
    pub fn from_core() -> CommandSpec {
        use bot_core::command::Command;
        let participants: Vec<String> = Command::MENU.iter().map(|c| c.to_string()).collect();
        let coordinators = Command::COORDINATOR_MENU
            .iter()
            .filter(|c| !participants.iter().any(|p| p == *c))
            .map(|c| c.to_string())
            .collect();
        CommandSpec {
            participants,
            coordinators,
        }
    }
}

/// Discord's locale code for each language mentorbot speaks besides English.
const LOCALES: [(Lang, &str); 2] = [(Lang::Da, "da"), (Lang::Nb, "no")];

fn text(catalog: &Catalog, key: &str, lang: Lang, max: usize) -> String {
    let t = catalog.text(&Msg::new(key.to_string()), lang, chrono_tz::UTC);
    t.chars().take(max).collect()
}

/// A command's name in `lang`: `discord-name-<cmd>`, which Discord wants
/// lowercase, without spaces, at most 32 characters.
fn name(catalog: &Catalog, cmd: &str, lang: Lang) -> String {
    let key = format!("discord-name-{cmd}");
    if !catalog.has(&key) {
        return cmd.to_string();
    }
    let n = text(catalog, &key, lang, 32).to_lowercase();
    if n.is_empty() || n.chars().any(|c| !(c.is_alphanumeric() || c == '-' || c == '_')) {
        cmd.to_string()
    } else {
        n
    }
}

/// The description key of a command: Telegram's `cmd-<cmd>`, or for a
/// Discord-only command `discord-cmd-<cmd>`.
fn description_key(catalog: &Catalog, cmd: &str) -> String {
    let own = format!("discord-cmd-{cmd}");
    if catalog.has(&own) { own } else { format!("cmd-{cmd}") }
}

fn option(catalog: &Catalog, kind: &str, required: bool) -> CreateCommandOption {
    let key = format!("discord-opt-{kind}");
    let mut o = CreateCommandOption::new(CommandOptionType::String, kind, text(catalog, &key, Lang::En, 100))
        .required(required);
    for (lang, locale) in LOCALES {
        o = o.description_localized(locale, text(catalog, &key, lang, 100));
    }
    if kind == "language" {
        for l in Lang::ALL {
            o = o.add_string_choice(text(catalog, &format!("discord-lang-{}", l.code()), l, 100), l.code());
        }
    }
    o
}

fn command(catalog: &Catalog, cmd: &str) -> CreateCommand {
    let desc = description_key(catalog, cmd);
    let mut c = CreateCommand::new(cmd).description(text(catalog, &desc, Lang::En, 100));
    for (lang, locale) in LOCALES {
        c = c
            .name_localized(locale, name(catalog, cmd, lang))
            .description_localized(locale, text(catalog, &desc, lang, 100));
    }
    match cmd {
        "join" => c.add_option(option(catalog, "code", true)),
        "booked" => c.add_option(option(catalog, "when", false)),
        "language" => c.add_option(option(catalog, "language", false)),
        _ => c,
    }
}

/// The bodies of the two bulk overwrites: the global commands, and the
/// programme server's.
pub fn bodies(catalog: &Catalog, spec: &CommandSpec) -> (Vec<Value>, Vec<Value>) {
    let everywhere = vec![InteractionContext::Guild, InteractionContext::BotDm];
    let global = spec
        .participants
        .iter()
        .map(|c| command(catalog, c).contexts(everywhere.clone()))
        .collect::<Vec<_>>();
    let mut guild = vec![command(catalog, "join")];
    guild.extend(
        spec.coordinators
            .iter()
            .map(|c| command(catalog, c).default_member_permissions(Permissions::MANAGE_GUILD)),
    );
    let json = |v: Vec<CreateCommand>| {
        v.into_iter()
            .map(|c| serde_json::to_value(c).unwrap_or(Value::Null))
            .collect()
    };
    (json(global), json(guild))
}

/// Registers the commands: `PUT /applications/{app}/commands` and
/// `PUT /applications/{app}/guilds/{guild}/commands` (bulk overwrites, so
/// a command dropped from the menu disappears).
pub async fn register_commands(
    rest: &Rest,
    guild_id: &str,
    catalog: &Catalog,
    spec: &CommandSpec,
) -> Result<(), RestError> {
    let (global, guild) = bodies(catalog, spec);
    let app = rest.application_id.clone();
    rest.call(
        Method::PUT,
        &format!("/applications/{app}/commands"),
        Body::Json(Value::Array(global)),
        true,
    )
    .await?;
    rest.call(
        Method::PUT,
        &format!("/applications/{app}/guilds/{guild_id}/commands"),
        Body::Json(Value::Array(guild)),
        true,
    )
    .await?;
    Ok(())
}
