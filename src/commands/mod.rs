//! One module per group of subcommands; [`run`] dispatches.

mod demo;
mod gs1;
mod iip;
mod ocop;
mod origin;
mod project_show;
mod projects;
mod reference;
mod registers;
mod release;
mod report;
mod serve;
mod store;
mod trace;

use crate::args::{
    AreasAction, Cli, Command, DemoAction, GroupsAction, IipAction, OcopAction, OriginAction,
    ReleaseAction, SubmissionsAction,
};

/// Runs the parsed command.
pub fn run(mut cli: Cli) -> anyhow::Result<()> {
    crate::args::projects::with_data_dir(&mut cli.command, &cli.data_dir);
    let ctx = store::Ctx {
        data_dir: cli.data_dir,
        actor: cli
            .actor
            .filter(|a| !a.trim().is_empty())
            .unwrap_or_else(congthuong_store::settings::default_actor),
        max_bytes: cli.max_upload_bytes,
    };
    match cli.command {
        Command::Serve(flags) => serve::serve(&ctx, &flags),
        Command::Users { action } => serve::users(&ctx, action),
        Command::Report { action } => report::run(&ctx, action),
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
        Command::Demo { action } => match action {
            DemoAction::Generate {
                out,
                seed,
                from,
                to,
                rows,
                format,
            } => demo::generate(out, seed, from, to, rows, format),
            DemoAction::Calibrate { seed, rows } => demo::calibrate(seed, rows),
        },
        Command::Industries => reference::industries(),
        Command::Products => reference::products(),
        Command::Groups { action } => match action.unwrap_or(GroupsAction::List) {
            GroupsAction::List => reference::groups(),
            GroupsAction::Show { group, boundaries } => reference::group_show(&group, boundaries),
        },
        Command::Origin {
            action: OriginAction::Check(args),
        } => origin::check(&args),
        Command::Ocop {
            action: OcopAction::Stars(args),
        } => ocop::stars(&args),
        Command::Projects { action } => projects::projects(action),
        Command::Strategies { action } => registers::strategies(action),
        Command::Investment { action } => registers::investment(action),
        Command::Difficulties { action } => registers::difficulties(action),
        Command::Trace { action } => trace::run(&ctx.data_dir, &ctx.actor, action),
        Command::Gs1 { action } => gs1::run(action),
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
                synthetic,
            } => release::create(&ctx, period, &note, base_year, synthetic),
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
