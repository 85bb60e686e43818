//! Building the router and serving it from a listener the caller gives,
//! until a shutdown future the caller gives completes (tests bind
//! 127.0.0.1:0 and read the port back; the binary stops on SIGINT/SIGTERM).

use std::future::Future;

use axum::Router;
use axum::http::{HeaderValue, header};
use axum::response::IntoResponse;
use axum::routing::get;
use tokio::net::TcpListener;
use tower_http::limit::RequestBodyLimitLayer;

use crate::state::AppState;
use crate::{api, pages, projects, security};

const CSS: &str = include_str!("../static/app.css");
const FAVICON: &str = include_str!("../static/favicon.svg");

async fn favicon() -> impl IntoResponse {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("image/svg+xml"),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=86400"),
            ),
        ],
        FAVICON,
    )
}

async fn css() -> impl IntoResponse {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/css; charset=utf-8"),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=3600"),
            ),
        ],
        CSS,
    )
}

async fn not_found() -> crate::error::AppError {
    crate::error::AppError::NotFound("no such page".into())
}

/// Every route, with the security headers and the upload limit.
pub fn router(state: AppState) -> Router {
    let limit = state.settings().max_upload_bytes;
    let mut app = Router::new()
        .merge(pages::routes())
        .merge(api::routes())
        .merge(crate::exports::routes())
        .merge(projects::routes())
        .route("/static/app.css", get(css))
        .route("/static/favicon.svg", get(favicon))
        .route("/favicon.ico", get(favicon))
        .fallback(not_found)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::cache::layer,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::limits::layer,
        ))
        .layer(axum::extract::DefaultBodyLimit::max(limit))
        .layer(RequestBodyLimitLayer::new(limit))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            pages::error_page::layer,
        ))
        .with_state(state);
    for layer in security::layers() {
        app = app.layer(layer);
    }
    // Pages and tables compress well (the overview page ~7×); only for
    // clients that ask.
    app.layer(tower_http::compression::CompressionLayer::new().gzip(true))
}

/// Serves `router(state)` on `listener` until `shutdown` completes, then
/// lets requests in flight finish.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let app = router(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
}

/// Completes on SIGINT or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}
