//! Content-hashed URLs for the built bundles, worked out once at start-up
//! from the files themselves, and the middleware that serves them: a hashed
//! URL is the plain file with a year-long immutable cache; anything else
//! without a cache rule of its own is revalidated on every use. A file with
//! a precompressed copy beside it (`.br`, `.gz`) is sent as that copy to a
//! browser that accepts it (leptos_axum's file handler picks it).

use app::state::{AppState, Assets};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Uri};
use axum::middleware::Next;
use axum::response::Response;
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// JS and WASM of one bundle are loaded by one output name, so they share a hash.
const BUNDLES: [&str; 1] = ["orderlink"];

/// Bundles split into lazily loaded chunks live in a folder of their own and
/// import one another by relative URLs, so the folder gets one hash for all
/// its files: `/pkg/console/chunk_7.wasm` is served as
/// `/pkg/console-<hash>/chunk_7.wasm`.
const SPLIT_BUNDLES: [&str; 1] = ["console"];

pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";

fn short_hash(parts: &[Vec<u8>]) -> String {
    let mut digest = Sha256::new();
    for part in parts {
        digest.update(part);
    }
    hex::encode(&digest.finalize()[..6])
}

/// Hashes the bundles found under `site_root`; a missing file keeps its plain name.
pub fn load(site_root: &Path, pkg_dir: &str) -> Assets {
    let read = |rel: &str| std::fs::read(site_root.join(rel)).ok();
    let mut hashed = HashMap::new();
    for name in BUNDLES {
        let js = read(&format!("{pkg_dir}/{name}.js"));
        let wasm = read(&format!("{pkg_dir}/{name}.wasm"));
        if let (Some(js), Some(wasm)) = (js, wasm) {
            let stem = format!("{name}-{}", short_hash(&[js, wasm]));
            for ext in ["js", "wasm"] {
                hashed.insert(
                    format!("/{pkg_dir}/{name}.{ext}"),
                    format!("/{pkg_dir}/{stem}.{ext}"),
                );
            }
        }
    }
    let mut packed_groups = HashSet::new();
    for name in SPLIT_BUNDLES {
        let dir = site_root.join(pkg_dir).join(name);
        if let Some(files) = folder_files(&dir) {
            hashed.insert(
                format!("/{pkg_dir}/{name}/"),
                format!("/{pkg_dir}/{name}-{}/", short_hash(&files)),
            );
        }
        packed_groups.extend(packed_groups_in(&dir));
    }
    // The store's stylesheet is built into the package; the console's is a public file.
    for rel in [
        format!("{pkg_dir}/orderlink.css"),
        "console.css".to_string(),
    ] {
        if let (Some(bytes), Some(stem)) = (read(&rel), rel.strip_suffix(".css")) {
            let hashed_path = format!("/{stem}-{}.css", short_hash(&[bytes]));
            hashed.insert(format!("/{rel}"), hashed_path);
        }
    }
    Assets::new(hashed, packed_groups)
}

/// The split groups with a pack in `dir` (`pack_console_inbox.bin` for
/// `console_inbox`; scripts/pack-console.mjs writes one per group).
fn packed_groups_in(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter_map(|file| {
            let group = file.strip_prefix("pack_")?.strip_suffix(".bin")?;
            Some(group.to_string())
        })
        .collect()
}

/// The names and contents of a folder's files in name order, or `None`
/// when it is missing or empty.
fn folder_files(dir: &Path) -> Option<Vec<Vec<u8>>> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.is_file())
        .collect();
    paths.sort();
    let mut parts = Vec::new();
    for path in paths {
        parts.push(path.file_name()?.to_string_lossy().as_bytes().to_vec());
        parts.push(std::fs::read(&path).ok()?);
    }
    (!parts.is_empty()).then_some(parts)
}

/// Files under the site root (bundles, the favicon), else the store's page
/// for an address nothing else answers. A found file is answered here, not
/// by leptos_axum's `file_and_error_handler`: that one sends a file from
/// inside a new reactive owner, which takes the thread's current owner as
/// its parent, and a page's render makes itself the thread's current owner
/// (`Owner::new_root`) until another replaces it. A file asked for while a
/// page rendered on the same thread so took that page's status and headers:
/// a console chunk was answered 403 while a clerk's refused page rendered
/// (a CI flake), and a page's cookie could have gone out with it.
pub async fn site_files(State(state): State<AppState>, req: Request) -> Response {
    // As leptos_axum asks for a file: the path and the encodings accepted.
    let mut file = Request::new(axum::body::Body::empty());
    *file.uri_mut() = req.uri().clone();
    if let Some(accept) = req.headers().get(header::ACCEPT_ENCODING) {
        file.headers_mut()
            .insert(header::ACCEPT_ENCODING, accept.clone());
    }
    let found = tower_http::services::ServeDir::new(&*state.leptos_options.site_root)
        .precompressed_gzip()
        .precompressed_br()
        .try_call(file)
        .await;
    match found {
        Ok(res) if res.status() == axum::http::StatusCode::OK => res.map(axum::body::Body::new),
        // Not a file (or unreadable): the app's page for it, a 404.
        _ => {
            let page = leptos_axum::file_and_error_handler::<AppState, _>(app::shell);
            page(req.uri().clone(), State(state), req).await
        }
    }
}

/// Serves a hashed URL as its plain file with [`IMMUTABLE`]; a successful
/// upload under `/media/` is content-named too. Everything else that did not
/// set its own `Cache-Control` gets `no-cache`.
pub async fn cache(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let plain = state.assets.plain(req.uri().path());
    let immutable = plain.is_some() || req.uri().path().starts_with("/media/");
    if let Some(plain) = plain {
        if let Ok(uri) = plain.parse::<Uri>() {
            *req.uri_mut() = uri;
        }
    }
    let mut res = next.run(req).await;
    let value = if immutable && res.status().is_success() {
        IMMUTABLE
    } else {
        "no-cache"
    };
    if immutable || !res.headers().contains_key(header::CACHE_CONTROL) {
        res.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    }
    // A precompressed copy (scripts/precompress.mjs) answers only browsers
    // that accept it: a shared cache must keep one answer per encoding.
    if res.headers().contains_key(header::CONTENT_ENCODING)
        && !res.headers().contains_key(header::VARY)
    {
        res.headers_mut()
            .insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundles_get_one_hash_for_js_and_wasm_and_a_new_one_when_they_change() {
        let site = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(site.path().join("pkg")).unwrap();
        let write = |rel: &str, text: &str| std::fs::write(site.path().join(rel), text).unwrap();
        write("pkg/orderlink.js", "js");
        write("pkg/orderlink.wasm", "wasm");
        write("pkg/orderlink.css", "css");
        write("console.css", "console css");

        let assets = load(site.path(), "pkg");
        let name = assets.bundle_name("pkg", "orderlink");
        assert!(
            name.starts_with("orderlink-") && name.len() == "orderlink-".len() + 12,
            "{name}"
        );
        assert_eq!(assets.url("/pkg/orderlink.js"), format!("/pkg/{name}.js"));
        assert_eq!(
            assets.url("/pkg/orderlink.wasm"),
            format!("/pkg/{name}.wasm")
        );
        assert_eq!(
            assets.plain(&format!("/pkg/{name}.wasm")),
            Some("/pkg/orderlink.wasm".to_string())
        );
        let css = assets.url("/pkg/orderlink.css");
        assert!(
            css.starts_with("/pkg/orderlink-") && css.ends_with(".css"),
            "{css}"
        );
        assert!(assets.url("/console.css").starts_with("/console-"));
        // No console bundle was built: its folder stays plain.
        assert_eq!(assets.folder("pkg/console"), "pkg/console");
        assert_eq!(assets.url("/favicon.svg"), "/favicon.svg");

        write("pkg/orderlink.wasm", "wasm, rebuilt");
        assert_ne!(
            load(site.path(), "pkg").bundle_name("pkg", "orderlink"),
            name
        );
    }

    #[test]
    fn a_split_bundle_gets_one_hashed_folder_that_serves_only_its_own_files() {
        let site = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(site.path().join("pkg/console")).unwrap();
        let write = |rel: &str, text: &str| std::fs::write(site.path().join(rel), text).unwrap();
        write("pkg/console/console.js", "js");
        write("pkg/console/console.wasm", "wasm");
        write("pkg/console/chunk_7.wasm", "chunk");

        let assets = load(site.path(), "pkg");
        let folder = assets.folder("pkg/console");
        assert!(
            folder.starts_with("pkg/console-") && folder.len() == "pkg/console-".len() + 12,
            "{folder}"
        );
        for file in ["console.js", "chunk_7.wasm"] {
            assert_eq!(
                assets.plain(&format!("/{folder}/{file}")).as_deref(),
                Some(format!("/pkg/console/{file}").as_str())
            );
        }
        assert_eq!(assets.plain(&format!("/{folder}/../orderlink.js")), None);
        assert_eq!(assets.plain(&format!("/{folder}/a/b.wasm")), None);
        assert_eq!(assets.plain(&format!("/{folder}/")), None);

        write("pkg/console/chunk_7.wasm", "chunk, rebuilt");
        assert_ne!(load(site.path(), "pkg").folder("pkg/console"), folder);
    }

    #[test]
    fn a_split_groups_pack_is_named_only_when_it_was_built() {
        let site = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(site.path().join("pkg/console")).unwrap();
        let write = |rel: &str| std::fs::write(site.path().join(rel), "bytes").unwrap();
        write("pkg/console/console.wasm");
        write("pkg/console/split_console_inbox.wasm");
        write("pkg/console/pack_console_inbox.bin");
        write("pkg/console/pack_console_work.bin.br");

        let assets = load(site.path(), "pkg");
        assert_eq!(
            assets.group_pack("console_inbox").as_deref(),
            Some("pack_console_inbox.bin")
        );
        // A compressed copy alone is no pack; nor is a group never built.
        assert_eq!(assets.group_pack("console_work"), None);
        assert_eq!(assets.group_pack("console_login"), None);
        assert_eq!(Assets::default().group_pack("console_inbox"), None);
    }
}
