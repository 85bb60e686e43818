//! One module per group of subcommands; [`run`] dispatches.

mod iip;
mod reference;
mod release;
mod store;

use crate::args::{
    AreasAction, Cli, Command, GroupsAction, IipAction, ReleaseAction, SubmissionsAction,
};

/// Runs the parsed command.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    let ctx = store::Ctx {
        data_dir: cli.data_dir,
        actor: cli
            .actor
            .filter(|a| !a.trim().is_empty())
            .unwrap_or_else(congthuong_store::settings::default_actor),
        max_bytes: cli.max_upload_bytes,
    };
    match cli.command {
        Command::Areas { boundaries, action } => match action {
            None => reference::areas(boundaries),
            Some(AreasAction::Show { code, boundaries }) => reference::area_show(&code, boundaries),
        },
        Command::Iip { action } => match action {
            IipAction::Compile {
                input,
                out,
                base_year,
                boundaries,
                threads,
                max_errors,
            } => iip::compile(&input, &out, base_year, boundaries, threads, max_errors),
            IipAction::Link {
                old,
                new,
                overlap_year,
                overlap_month,
                reference_year,
                out,
            } => iip::link(
                &old,
                &new,
                overlap_year,
                overlap_month,
                reference_year,
                &out,
            ),
        },
        Command::Industries => reference::industries(),
        Command::Products => reference::products(),
        Command::Groups { action } => match action.unwrap_or(GroupsAction::List) {
            GroupsAction::List => reference::groups(),
            GroupsAction::Show { group, boundaries } => reference::group_show(&group, boundaries),
        },
        Command::Import {
            province,
            period,
            note,
            max_errors,
            file,
        } => store::import(&ctx, &province, &period, &note, max_errors, &file),
        Command::ImportFolder {
            dir,
            base_year,
            note,
            threads,
            max_errors,
        } => store::import_dir(&ctx, &dir, base_year, &note, threads, max_errors),
        Command::ImportReference => store::import_reference(&ctx),
        Command::Template {
            province,
            period,
            out,
        } => store::template(&ctx, &province, &period, &out),
        Command::Submissions {
            dataset,
            province,
            period,
            current,
            action,
        } => match action {
            None => store::submissions(&ctx, dataset.as_deref(), province, period, current),
            Some(SubmissionsAction::Show { id, lines }) => store::submission_show(&ctx, id, lines),
        },
        Command::Release { action } => match action {
            ReleaseAction::Create {
                period,
                note,
                base_year,
            } => release::create(&ctx, period, &note, base_year),
            ReleaseAction::List => release::list(&ctx),
            ReleaseAction::Show {
                id,
                index,
                area,
                code,
                boundaries,
            } => release::show(&ctx, id, index, area, code, boundaries),
            ReleaseAction::Diff { a, b, all } => release::release_diff(&ctx, a, b, all),
        },
        Command::Audit { limit } => store::audit(&ctx, limit),
        Command::Backup { out } => store::backup(&ctx, &out),
        Command::Restore { from, yes } => store::restore(&ctx, &from, yes),
    }
}
