//! `GET /healthz` (the process answers) and `GET /readyz` (the database answers too, and the
//! process is not shutting down).

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde_json::{json, Value};

use super::AppState;

pub async fn alive() -> Json<Value> {
    Json(json!({ "status": "alive" }))
}

/// 200 with the database's durability settings; 503 when the database does not answer or the
/// process is shutting down (so a load balancer sends new clients elsewhere while it drains).
pub async fn ready(State(state): State<AppState>) -> (StatusCode, Json<Value>) {
    if state.shutdown.is_cancelled() {
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({ "status": "draining", "database": state.store.backend_name() })),
        );
    }
    match state.store.health().await {
        Ok(db) => (
            StatusCode::OK,
            Json(json!({ "status": "ready", "database": db })),
        ),
        Err(err) => {
            tracing::error!(error = %err, "readiness check failed");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(json!({ "status": "unavailable", "database": state.store.backend_name() })),
            )
        }
    }
}
