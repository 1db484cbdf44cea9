use clap::Parser;
use mentorbot::cli::{Cli, Commands};
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
        Commands::Match { config, mentee, mentor } => {
            mentorbot::runtime::block_on_match(config.as_deref(), mentee, mentor)
        }
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
