//! Version 1 of the JSON API.

use axum::Router;

use crate::web::AppState;

pub mod campaigns;
pub mod links;
pub mod program;
pub mod reports;
pub mod supporters;

/// The API's version 1, each resource's routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(campaigns::routes())
        .merge(links::routes())
        .merge(program::routes())
        .merge(reports::routes())
        .merge(supporters::routes())
}
