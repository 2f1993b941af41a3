//! Product images and store logos: uploaded by console staff as the raw request body, stored
//! on disk under the media directory with a content-derived name, and served
//! from `/media/` with a year-long immutable cache (a new image is a new name).

use app::api::ctx::Staff;
use app::domain::permissions::Permission;
use app::error::{AppError, Invalid};
use app::state::AppState;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

/// Largest image accepted, in bytes.
pub const MAX_IMAGE_BYTES: usize = 2 * 1024 * 1024;

/// The file extension for an image's bytes, judged by its signature and its
/// whole structure, not by what the client claims: a file that starts like a
/// PNG and goes on as HTML (a polyglot) is refused.
pub fn image_extension(bytes: &[u8]) -> Option<&'static str> {
    if is_png(bytes) {
        Some("png")
    } else if is_jpeg(bytes) {
        Some("jpg")
    } else if is_webp(bytes) {
        Some("webp")
    } else {
        None
    }
}

fn be_u32(bytes: &[u8]) -> Option<usize> {
    let four: [u8; 4] = bytes.get(..4)?.try_into().ok()?;
    usize::try_from(u32::from_be_bytes(four)).ok()
}

/// Signature, then chunks (length, type, data, CRC) from IHDR to IEND, each
/// CRC right, and nothing after IEND.
fn is_png(bytes: &[u8]) -> bool {
    let Some(mut rest) = bytes.strip_prefix(b"\x89PNG\r\n\x1a\n") else {
        return false;
    };
    let mut first = true;
    while !rest.is_empty() {
        let Some(len) = be_u32(rest) else {
            return false;
        };
        let Some(chunk) = rest.get(4..8 + len) else {
            return false;
        };
        let (kind, crc) = (&chunk[..4], rest.get(8 + len..12 + len).and_then(be_u32));
        if !kind.iter().all(u8::is_ascii_alphabetic)
            || (first && kind != b"IHDR")
            || crc != usize::try_from(crc32fast::hash(chunk)).ok()
        {
            return false;
        }
        rest = &rest[12 + len..];
        if kind == b"IEND" {
            return rest.is_empty();
        }
        first = false;
    }
    false
}

/// SOI, marker segments up to the start of scan, entropy-coded data, and EOI
/// as the last two bytes.
fn is_jpeg(bytes: &[u8]) -> bool {
    let Some(mut rest) = bytes.strip_prefix(&[0xFF, 0xD8]) else {
        return false;
    };
    loop {
        let [0xFF, marker, ..] = *rest else {
            return false;
        };
        let Some(len) = rest
            .get(2..4)
            .map(|l| usize::from(u16::from_be_bytes([l[0], l[1]])))
        else {
            return false;
        };
        if len < 2 || rest.len() < 2 + len {
            return false;
        }
        rest = &rest[2 + len..];
        if marker == 0xDA {
            break;
        }
    }
    // In the scan, 0xFF is followed by 0x00 (a data byte) or a restart marker;
    // anything else ends the image, and must be EOI at the very end.
    let mut i = 0;
    while i + 1 < rest.len() {
        if rest[i] == 0xFF && !matches!(rest[i + 1], 0x00 | 0xD0..=0xD7 | 0xFF) {
            return rest[i + 1] == 0xD9 && i + 2 == rest.len();
        }
        i += 1;
    }
    false
}

/// RIFF header whose size is the file's, then chunks that fill it exactly.
fn is_webp(bytes: &[u8]) -> bool {
    if bytes.len() < 12 || &bytes[..4] != b"RIFF" || &bytes[8..12] != b"WEBP" {
        return false;
    }
    let riff_size = u32::from_le_bytes([bytes[4], bytes[5], bytes[6], bytes[7]]);
    if usize::try_from(riff_size).ok() != Some(bytes.len() - 8) {
        return false;
    }
    let mut rest = &bytes[12..];
    while !rest.is_empty() {
        let Some(header) = rest.get(..8) else {
            return false;
        };
        let size = u32::from_le_bytes([header[4], header[5], header[6], header[7]]);
        let Ok(size) = usize::try_from(size) else {
            return false;
        };
        let padded = size + size % 2;
        if !header[..4]
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || *b == b' ')
            || rest.len() < 8 + padded
        {
            return false;
        }
        rest = &rest[8 + padded..];
    }
    true
}

/// `POST /console/media/product/{id}`: the body is the image file.
pub async fn upload_product_image(
    State(state): State<AppState>,
    Path(product_id): Path<i64>,
    Staff(staff): Staff,
    body: Bytes,
) -> Response {
    match store_product_image(&state, &staff, product_id, &body).await {
        Ok(name) => axum::Json(name).into_response(),
        Err(err) => err.into_response(),
    }
}

async fn store_product_image(
    state: &AppState,
    staff: &app::db::staff::StaffCtx,
    product_id: i64,
    body: &[u8],
) -> Result<String, AppError> {
    staff.require(Permission::CatalogueWrite)?;
    let ext = checked_image(body)?;
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
    write_media(state, &name, body).await?;
    app::db::catalogue_admin::set_image(&state.pool, staff.tenant_id, product_id, &name).await?;
    Ok(name)
}

/// `POST /console/media/logo`: the store's logo as the raw request body
/// (Store Admin: `settings.write`). Answers the logo's address.
pub async fn upload_logo(
    State(state): State<AppState>,
    Staff(staff): Staff,
    body: Bytes,
) -> Response {
    let stored = async {
        staff.require(Permission::SettingsWrite)?;
        let ext = checked_image(&body)?;
        let digest = hex::encode(Sha256::digest(&body));
        let name = format!("logos/{}-{}.{ext}", staff.tenant_id, &digest[..16]);
        write_media(&state, &name, &body).await?;
        app::db::branding::set_logo(&state.pool, &staff, &name).await?;
        Ok::<String, AppError>(format!("/media/{name}"))
    };
    match stored.await {
        Ok(url) => axum::Json(url).into_response(),
        Err(err) => err.into_response(),
    }
}

/// An image's extension, or the refusal a person reads for anything else.
fn checked_image(body: &[u8]) -> Result<&'static str, AppError> {
    let invalid = AppError::Invalid {
        field: "image".into(),
        reason: Invalid::Image,
    };
    if body.len() > MAX_IMAGE_BYTES {
        return Err(invalid);
    }
    image_extension(body).ok_or(invalid)
}

/// Writes a file under the media directory as `name`.
async fn write_media(state: &AppState, name: &str, body: &[u8]) -> Result<(), AppError> {
    let path = state.config.media_dir.join(name);
    if let Some(dir) = path.parent() {
        tokio::fs::create_dir_all(dir).await.map_err(io_error)?;
    }
    // Write beside, then rename: a reader never sees half a file. The folder
    // may be shared by several app servers (on several hosts), so each write
    // has a name of its own.
    static WRITES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let write = WRITES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("bin")
        .to_string();
    let partial = path.with_extension(format!("{ext}.{}-{write}-{nanos}.part", std::process::id()));
    tokio::fs::write(&partial, body).await.map_err(io_error)?;
    tokio::fs::rename(&partial, &path).await.map_err(io_error)?;
    Ok(())
}

fn io_error(e: std::io::Error) -> AppError {
    tracing::error!(error = %e, "writing a media file failed");
    AppError::Internal
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PNG of one chunk list, with right CRCs.
    fn png(chunks: &[(&[u8; 4], &[u8])]) -> Vec<u8> {
        let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
        for (kind, data) in chunks {
            out.extend_from_slice(&(data.len() as u32).to_be_bytes());
            let mut chunk = kind.to_vec();
            chunk.extend_from_slice(data);
            out.extend_from_slice(&chunk);
            out.extend_from_slice(&crc32fast::hash(&chunk).to_be_bytes());
        }
        out
    }

    fn small_png() -> Vec<u8> {
        png(&[
            (b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]),
            (b"IDAT", b"x"),
            (b"IEND", b""),
        ])
    }

    fn small_jpeg() -> Vec<u8> {
        let mut out = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, b'J', b'F'];
        out.extend_from_slice(&[0xFF, 0xDA, 0x00, 0x02, 0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD9]);
        out
    }

    fn small_webp() -> Vec<u8> {
        let mut out = b"RIFF\0\0\0\0WEBPVP8 \x03\0\0\0abc\0".to_vec();
        let size = (out.len() - 8) as u32;
        out[4..8].copy_from_slice(&size.to_le_bytes());
        out
    }

    #[test]
    fn images_are_recognised_by_their_whole_structure() {
        assert_eq!(image_extension(&small_png()), Some("png"));
        assert_eq!(image_extension(&small_jpeg()), Some("jpg"));
        assert_eq!(image_extension(&small_webp()), Some("webp"));
        assert_eq!(image_extension(b"<svg></svg>"), None);
        assert_eq!(image_extension(b""), None);
    }

    #[test]
    fn polyglots_and_broken_files_are_refused() {
        let html = b"<html><script>alert(1)</script></html>";
        // A PNG signature followed by HTML.
        let mut polyglot = b"\x89PNG\r\n\x1a\n".to_vec();
        polyglot.extend_from_slice(html);
        assert_eq!(image_extension(&polyglot), None);
        // A whole PNG with HTML after its end.
        let mut trailing = small_png();
        trailing.extend_from_slice(html);
        assert_eq!(image_extension(&trailing), None);
        // A chunk whose CRC does not match.
        let mut bad_crc = small_png();
        let at = bad_crc.len() - 20;
        bad_crc[at] ^= 1;
        assert_eq!(image_extension(&bad_crc), None);
        // JPEG and WebP with HTML appended.
        let mut jpeg = small_jpeg();
        jpeg.extend_from_slice(html);
        assert_eq!(image_extension(&jpeg), None);
        let mut webp = small_webp();
        webp.extend_from_slice(html);
        assert_eq!(image_extension(&webp), None);
        // Only the signature.
        assert_eq!(image_extension(&[0xFF, 0xD8, 0xFF, 0xE0]), None);
    }
}
