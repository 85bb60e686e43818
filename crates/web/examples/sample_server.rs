//! Serves the synthetic test release on a port, to look at the pages:
//! `cargo run -p congthuong-web --example sample_server -- 127.0.0.1:8090`.

#[path = "../tests/support/mod.rs"]
mod support;

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let addr = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:8090".into());
    let dir = tempfile::tempdir()?;
    let store = congthuong_store::SqliteStore::open(dir.path()).map_err(std::io::Error::other)?;
    let state = congthuong_web::AppState::new(
        congthuong_web::Settings::default(),
        std::sync::Arc::new(store),
    );
    state.set_release(support::sample_release());
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    eprintln!("serving the synthetic test release on http://{addr}/");
    congthuong_web::startup::serve(listener, state, congthuong_web::startup::shutdown_signal())
        .await
}
