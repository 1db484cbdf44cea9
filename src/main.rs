use clap::Parser;
use mentorbot::cli::{Cli, Commands, EventAction, ProgrammeAction};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Commands::CheckProgramme { file, lang } => mentorbot::report::check_programme(&file, lang.as_deref()),
        Commands::Simulate {
            programme,
            pairs,
            seed,
            lang,
            summary_only,
        } => mentorbot::report::simulate(&programme, pairs as usize, seed, lang.as_deref(), summary_only),
        Commands::Serve { config } => mentorbot::runtime::block_on_serve(config.as_deref()),
        Commands::Migrate { config, database_url } => {
            mentorbot::runtime::block_on_migrate(config.as_deref(), database_url)
        }
        Commands::Invite {
            config,
            programme,
            role,
            uses,
            expires_in_days,
            list,
            revoke,
        } => match (list, revoke, programme, role) {
            (true, _, programme, _) => {
                mentorbot::runtime::block_on_invite_list(config.as_deref(), programme.as_deref())
            }
            (_, Some(code), _, _) => mentorbot::runtime::block_on_invite_revoke(config.as_deref(), &code),
            (_, _, Some(programme), Some(role)) => {
                mentorbot::runtime::block_on_invite(config.as_deref(), &programme, &role, uses, expires_in_days)
            }
            _ => Err(anyhow::anyhow!(
                "invite needs --programme and --role, or --list, or --revoke CODE"
            )),
        },
        Commands::Participants { config, programme } => {
            mentorbot::runtime::block_on_participants(config.as_deref(), &programme)
        }
        Commands::Parked { config } => mentorbot::runtime::block_on_parked(config.as_deref()),
        Commands::Purge {
            config,
            programme,
            dry_run,
        } => mentorbot::runtime::block_on_purge(config.as_deref(), &programme, dry_run),
        Commands::Broadcast {
            config,
            programme,
            audience,
            text_file,
            lang,
            dry_run,
            no_wait,
        } => mentorbot::broadcast_cli::block_on_broadcast(&mentorbot::broadcast_cli::BroadcastArgs {
            config: config.as_deref(),
            programme: &programme,
            audience: &audience,
            text_file: &text_file,
            lang: lang.as_deref(),
            dry_run,
            no_wait,
        }),
        Commands::Event {
            action:
                EventAction::Show {
                    config,
                    programme,
                    event,
                    csv,
                },
        } => mentorbot::event_cli::block_on_event_show(config.as_deref(), &programme, &event, csv.as_deref()),
        Commands::Event {
            action:
                EventAction::Create {
                    config,
                    programme,
                    fields,
                },
        } => mentorbot::event_cli::block_on_event_create(config.as_deref(), &programme, None, &fields),
        Commands::Event {
            action:
                EventAction::Edit {
                    config,
                    programme,
                    event,
                    fields,
                },
        } => mentorbot::event_cli::block_on_event_create(config.as_deref(), &programme, Some(&event), &fields),
        Commands::Event {
            action:
                EventAction::Cancel {
                    config,
                    programme,
                    event,
                },
        } => mentorbot::event_cli::block_on_event_cancel(config.as_deref(), &programme, &event),
        Commands::Match {
            config,
            mentee,
            mentor,
            programme,
            pin,
            forbid,
            clear,
            csv,
            publish,
        } => match (programme, mentee, mentor) {
            (Some(programme), _, _) => mentorbot::cohort::block_on_match_programme(
                config.as_deref(),
                mentorbot::cohort::MatchArgs {
                    programme,
                    pins: pin,
                    forbids: forbid,
                    clear,
                    csv,
                    publish,
                },
            ),
            (None, Some(mentee), Some(mentor)) => mentorbot::runtime::block_on_match(config.as_deref(), mentee, mentor),
            _ => Err(anyhow::anyhow!("match needs --mentee and --mentor, or --programme")),
        },
        Commands::Import {
            config,
            programme,
            file,
            map,
            dry_run,
            invites_out,
        } => mentorbot::cohort::block_on_import(
            config.as_deref(),
            &programme,
            &file,
            &map,
            dry_run,
            invites_out.as_deref(),
        ),
        Commands::Rematch { config, mentee } => mentorbot::cohort::block_on_rematch(config.as_deref(), mentee),
        Commands::Programme {
            action: ProgrammeAction::New { from, start, out },
        } => mentorbot::cohort::programme_new(&from, start, &out),
        Commands::Pairs {
            config,
            programme,
            at_risk,
        } => mentorbot::pairs_cli::block_on_pairs(config.as_deref(), &programme, at_risk),
        Commands::Pair {
            config,
            programme,
            id,
            action,
            reason,
        } => mentorbot::pairs_cli::block_on_pair(config.as_deref(), &programme, id, &action, &reason),
        Commands::Schedule { action } => mentorbot::schedule_cli::block_on_schedule(&action),
        Commands::Surveys {
            config,
            programme,
            remind,
        } => mentorbot::pairs_cli::block_on_surveys(config.as_deref(), &programme, remind.as_deref()),
        Commands::Report {
            config,
            programme,
            format,
            out,
            lang,
        } => mentorbot::pairs_cli::block_on_report(
            config.as_deref(),
            &programme,
            &format,
            out.as_deref(),
            lang.as_deref(),
        ),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
