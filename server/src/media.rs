//! Product images: uploaded by console staff as the raw request body, stored
//! on disk under the media directory with a content-derived name, and served
//! from `/media/` with a year-long immutable cache (a new image is a new name).

use app::api::ctx::cookie_from_headers;
use app::domain::permissions::Permission;
use app::error::{AppError, Invalid};
use app::state::AppState;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

/// Largest image accepted, in bytes.
pub const MAX_IMAGE_BYTES: usize = 2 * 1024 * 1024;

/// The file extension for an image's bytes, judged by its signature, not by
/// what the client claims.
pub fn image_extension(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("jpg")
    } else if bytes.len() > 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("webp")
    } else {
        None
    }
}

fn error(err: AppError) -> Response {
    let status = StatusCode::from_u16(err.status()).unwrap_or(StatusCode::BAD_REQUEST);
    (status, axum::Json(err)).into_response()
}

/// `POST /console/media/product/{id}`: the body is the image file.
pub async fn upload_product_image(
    State(state): State<AppState>,
    Path(product_id): Path<i64>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    match store_product_image(&state, product_id, &headers, &body).await {
        Ok(name) => axum::Json(name).into_response(),
        Err(err) => error(err),
    }
}

async fn store_product_image(
    state: &AppState,
    product_id: i64,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<String, AppError> {
    let token = cookie_from_headers(headers, app::api::ctx::CONSOLE_COOKIE)
        .filter(|t| !t.is_empty())
        .ok_or(AppError::NotLoggedIn)?;
    let staff = app::db::staff::session_staff(&state.pool, &state.config.secret, &token)
        .await?
        .ok_or(AppError::NotLoggedIn)?;
    staff.require(Permission::CatalogueWrite)?;
    let invalid = AppError::Invalid {
        field: "image".into(),
        reason: Invalid::Image,
    };
    if body.len() > MAX_IMAGE_BYTES {
        return Err(invalid);
    }
    let ext = image_extension(body).ok_or(invalid)?;
    // Only this brand's products; checked before anything touches the disk.
    let owned: Option<i64> =
        sqlx::query_scalar("SELECT id FROM products WHERE id = $1 AND tenant_id = $2")
            .bind(product_id)
            .bind(staff.tenant_id)
            .fetch_optional(&state.pool)
            .await?;
    owned.ok_or(AppError::NotFound)?;
    let digest = hex::encode(Sha256::digest(body));
    let name = format!(
        "products/{}-{product_id}-{}.{ext}",
        staff.tenant_id,
        &digest[..16]
    );
    let path = state.config.media_dir.join(&name);
    if let Some(dir) = path.parent() {
        tokio::fs::create_dir_all(dir).await.map_err(io_error)?;
    }
    // Write beside, then rename: a reader never sees half a file.
    let partial = path.with_extension("part");
    tokio::fs::write(&partial, body).await.map_err(io_error)?;
    tokio::fs::rename(&partial, &path).await.map_err(io_error)?;
    app::db::catalogue_admin::set_image(&state.pool, staff.tenant_id, product_id, &name).await?;
    Ok(name)
}

fn io_error(e: std::io::Error) -> AppError {
    tracing::error!(error = %e, "writing a media file failed");
    AppError::Internal
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_are_recognised_by_their_bytes() {
        assert_eq!(image_extension(b"\x89PNG\r\n\x1a\nrest"), Some("png"));
        assert_eq!(image_extension(&[0xFF, 0xD8, 0xFF, 0xE0]), Some("jpg"));
        assert_eq!(image_extension(b"RIFF\0\0\0\0WEBPVP8 "), Some("webp"));
        assert_eq!(image_extension(b"<svg></svg>"), None);
        assert_eq!(image_extension(b""), None);
    }
}
