//! Building the router and serving it from a listener the caller gives,
//! until a shutdown future the caller gives completes (tests bind
//! 127.0.0.1:0 and read the port back; the binary stops on SIGINT/SIGTERM),
//! with the connection limits of the settings (header timeout, idle
//! keep-alive, connections at once).

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::extract::ConnectInfo;
use axum::http::{HeaderValue, header};
use axum::response::IntoResponse;
use axum::routing::get;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceExt;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::RequestBodyTimeoutLayer;

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

async fn not_found(uri: axum::http::Uri) -> crate::error::AppError {
    let en = uri
        .query()
        .is_some_and(|q| q.split('&').any(|kv| kv == "lang=en"));
    crate::error::AppError::NotFound(if en {
        "no such page".into()
    } else {
        "Không có trang này.".into()
    })
}

/// Every route, with the security headers and the limits. Layers, from
/// the handler out: the anonymous cache; the field caps (`limits`); the
/// body limit and the body timeout; the budget of bodies in memory at
/// once (`bodies`); panics caught as 500; every error as
/// the envelope and every 5xx logged (`error::envelope`); errors as pages
/// for browsers; `no-store` on private answers; the security headers;
/// compression.
pub fn router(state: AppState) -> Router {
    let settings = state.settings().clone();
    let limit = settings.max_upload_bytes;
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
        .layer(RequestBodyTimeoutLayer::new(settings.body_timeout))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::bodies::layer,
        ))
        .layer(CatchPanicLayer::custom(crate::error::panicked))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::error::envelope,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            pages::error_page::layer,
        ))
        .layer(axum::middleware::from_fn(security::no_store))
        .with_state(state);
    for layer in security::layers(&settings) {
        app = app.layer(layer);
    }
    // Pages and tables compress well (the overview page ~7×); only for
    // clients that ask.
    app.layer(tower_http::compression::CompressionLayer::new().gzip(true))
}

/// Serves `router(state)` on `listener` until `shutdown` completes, then
/// lets requests in flight finish.
///
/// HTTP/1.1 with hyper's own connection builder, so that a client gets
/// `header_timeout` to send a request's headers (and a kept-alive
/// connection waits that long for the next request, then closes); at
/// most `max_connections` connections are served at once: at the limit
/// the server stops accepting (clients wait in the operating system's
/// queue) and goes on when one closes. On shutdown it stops accepting,
/// closes idle connections, and returns when the last request in flight
/// has been answered.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let settings = state.settings().clone();
    let app = router(state);
    let max = settings.max_connections.clamp(1, Semaphore::MAX_PERMITS);
    let slots = Arc::new(Semaphore::new(max));
    let (stop, stopping) = tokio::sync::watch::channel(false);
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let slot = tokio::select! {
            s = slots.clone().acquire_owned() => match s {
                Ok(s) => s,
                Err(_) => break,
            },
            () = &mut shutdown => break,
        };
        let (stream, peer) = tokio::select! {
            a = listener.accept() => match a {
                Ok(a) => a,
                Err(e) => {
                    accept_failed(&e).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        tokio::spawn(connection(
            stream,
            peer,
            app.clone(),
            settings.header_timeout,
            stopping.clone(),
            slot,
        ));
    }
    drop(listener);
    let _ = stop.send(true);
    // Every connection holds a slot until it ends: all slots back means
    // every request has been answered.
    let _ = slots.acquire_many(max as u32).await;
    Ok(())
}

/// After a failed accept: a client that gave up is nothing; anything else
/// (out of file descriptors…) is logged and waited out a little, as
/// hyper's and axum's servers do, instead of spinning.
async fn accept_failed(e: &std::io::Error) {
    use std::io::ErrorKind::{ConnectionAborted, ConnectionRefused, ConnectionReset};
    if matches!(
        e.kind(),
        ConnectionAborted | ConnectionRefused | ConnectionReset
    ) {
        return;
    }
    tracing::error!("accepting a connection failed: {e}");
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
}

/// Serves one connection until it closes, or closes it gracefully on
/// shutdown; its slot is freed when it ends.
async fn connection(
    stream: tokio::net::TcpStream,
    peer: SocketAddr,
    app: Router,
    header_timeout: std::time::Duration,
    mut stopping: tokio::sync::watch::Receiver<bool>,
    _slot: tokio::sync::OwnedSemaphorePermit,
) {
    let _ = stream.set_nodelay(true);
    let service = hyper::service::service_fn(move |mut req: axum::http::Request<Incoming>| {
        req.extensions_mut().insert(ConnectInfo(peer));
        app.clone().oneshot(req)
    });
    let conn = hyper::server::conn::http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(header_timeout)
        .serve_connection(TokioIo::new(stream), service);
    let mut conn = std::pin::pin!(conn);
    let ended = tokio::select! {
        r = conn.as_mut() => Some(r),
        _ = stopping.wait_for(|s| *s) => None,
    };
    let result = match ended {
        Some(r) => r,
        None => {
            conn.as_mut().graceful_shutdown();
            conn.await
        }
    };
    if let Err(e) = result {
        // A client that timed out or hung up: worth a line at debug level.
        tracing::debug!(%peer, "connection ended: {e}");
    }
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
