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
mod trace;

use crate::args::{
    AreasAction, Cli, Command, DemoAction, GroupsAction, IipAction, OcopAction, OriginAction,
};

/// Runs the parsed command.
pub fn run(cli: Cli) -> anyhow::Result<()> {
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
        Command::Trace { data_dir, action } => trace::run(&data_dir, action),
        Command::Gs1 { action } => gs1::run(action),
    }
}
