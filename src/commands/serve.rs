//! `serve` and `users`.

use std::io::BufRead;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use congthuong_core::{BoundaryVersion, Geography};
use congthuong_store::{NewUser, SqliteStore, Store};
use congthuong_web::bootstrap::{DEMO_LOGINS, load_demo};
use congthuong_web::{AppState, Settings};

use super::store::Ctx;
use crate::args::{ServeArgs, UsersAction};
use crate::failure::user;
use crate::progress::Bar;

/// The server's settings from the flags; a limit not given keeps
/// [`Settings::default`].
fn settings(ctx: &Ctx, f: &ServeArgs) -> Settings {
    let d = Settings::default();
    Settings {
        addr: f.addr,
        data_dir: ctx.data_dir.clone(),
        demo: f.demo,
        secure_cookies: f.secure_cookies,
        max_upload_bytes: usize::try_from(ctx.max_bytes).unwrap_or(usize::MAX),
        login_max_failures: f.login_max_failures.unwrap_or(d.login_max_failures),
        login_lockout_secs: f.login_pause_secs.unwrap_or(d.login_lockout_secs),
        login_concurrency: f
            .login_concurrency
            .map_or(d.login_concurrency, |n| n as usize),
        login_queue_secs: d.login_queue_secs,
        header_timeout: f
            .header_timeout_secs
            .map_or(d.header_timeout, Duration::from_secs),
        body_timeout: f
            .body_timeout_secs
            .map_or(d.body_timeout, Duration::from_secs),
        max_connections: f.max_connections.map_or(d.max_connections, |n| n as usize),
        bodies_in_flight_bytes: f
            .bodies_in_flight_bytes
            .map_or(d.bodies_in_flight_bytes, |n| {
                usize::try_from(n).unwrap_or(usize::MAX)
            }),
        body_queue: d.body_queue,
    }
}

/// `congthuong serve`
pub fn serve(ctx: &Ctx, flags: &ServeArgs) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    let (addr, demo) = (flags.addr, flags.demo);
    // Held while serving: `restore` refuses the folder until this process
    // ends (however it ends).
    let _serving = congthuong_store::lock::serving(&ctx.data_dir, &format!("serve on {addr}"))
        .with_context(|| format!("using the data folder {}", ctx.data_dir.display()))?;
    let store = SqliteStore::open(&ctx.data_dir)
        .with_context(|| format!("opening the data folder {}", ctx.data_dir.display()))?;
    if demo {
        let setup =
            load_demo(&store, &ctx.data_dir, &Bar::default()).context("loading the demo data")?;
        if setup.loaded {
            eprintln!(
                "loaded the synthetic demo data ({} report lines) and made release 1",
                setup.lines
            );
        }
    }
    let settings = settings(ctx, flags);
    let state = AppState::new(settings, Arc::new(store));
    if !state.reload()? {
        eprintln!(
            "no release yet: the public pages say so until one is made (congthuong release create, or serve --demo on an empty folder)"
        );
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .with_context(|| format!("listening on {addr}"))?;
        let bound = listener.local_addr()?;
        println!(
            "congthuong is serving http://{bound}/ (data: {}; ready in {:.1} s)",
            ctx.data_dir.display(),
            started.elapsed().as_secs_f64()
        );
        if demo {
            println!(
                "demo logins (synthetic data; change or disable these accounts before real use):"
            );
            for l in &DEMO_LOGINS {
                println!(
                    "  {:<10} {:<14} {:<8} {}",
                    l.username, l.password, l.role, l.label
                );
            }
        }
        println!("stop with Ctrl-C");
        congthuong_web::startup::serve(listener, state, congthuong_web::startup::shutdown_signal())
            .await?;
        anyhow::Ok(())
    })
}

fn read_password() -> anyhow::Result<String> {
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    let pw = line.trim_end_matches(['\n', '\r']).to_owned();
    if pw.chars().count() < 10 {
        return Err(user(
            "the password (first line of stdin) must have at least 10 characters",
        ));
    }
    Ok(pw)
}

/// `congthuong users …`
pub fn users(ctx: &Ctx, action: UsersAction) -> anyhow::Result<()> {
    let store = SqliteStore::open(&ctx.data_dir)?;
    match action {
        UsersAction::Add {
            name,
            role,
            province,
            display_name,
        } => {
            let province = match (role.as_str(), province) {
                ("officer", None) => {
                    return Err(user(
                        "an officer needs --province (the 2025 code of the province)",
                    ));
                }
                ("officer", Some(p)) => Some(
                    Geography::embedded()
                        .area(&p, BoundaryVersion::V2025)?
                        .code
                        .to_string(),
                ),
                (_, Some(_)) => return Err(user("only officers are bound to a province")),
                (_, None) => None,
            };
            let pw = read_password()?;
            let hash = congthuong_web::auth::password::hash(&pw).map_err(anyhow::Error::msg)?;
            let u = store.add_user(
                &NewUser {
                    display_name: congthuong_core::text::nfc(
                        display_name.as_deref().unwrap_or(&name),
                    ),
                    username: name,
                    role,
                    province,
                    password_hash: hash,
                },
                &ctx.actor,
            )?;
            eprintln!("added {} ({})", u.username, u.role);
        }
        UsersAction::List => {
            let mut w = crate::output::stdout_csv();
            w.write_record([
                "username",
                "display_name",
                "role",
                "province",
                "disabled",
                "created_at",
            ])?;
            for u in store.users()? {
                w.write_record([
                    u.username,
                    u.display_name,
                    u.role,
                    u.province.unwrap_or_default(),
                    u.disabled.to_string(),
                    u.created_at,
                ])?;
            }
            w.flush()?;
        }
        UsersAction::Disable { name } => store.user_event(&name, "disabled", None, &ctx.actor)?,
        UsersAction::Enable { name } => store.user_event(&name, "enabled", None, &ctx.actor)?,
        UsersAction::Password { name } => {
            let pw = read_password()?;
            let hash = congthuong_web::auth::password::hash(&pw).map_err(anyhow::Error::msg)?;
            // The store ends the account's sessions with the change.
            store.user_event(&name, "password", Some(&hash), &ctx.actor)?;
            eprintln!("new password for {name}; its sessions have ended");
        }
    }
    Ok(())
}
