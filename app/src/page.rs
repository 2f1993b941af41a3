//! What a page needs to know about its request: its language and the URLs of
//! the built bundles. Pages, components and both apps' shells use these.

use crate::i18n::Lang;
use leptos::prelude::*;

/// A built file's URL with its content hash. Only the server renders the
/// documents that link them; elsewhere the plain path comes back.
pub fn asset_url(path: &str) -> String {
    #[cfg(feature = "ssr")]
    if let Some(state) = use_context::<crate::state::AppState>() {
        return state.assets.url(path);
    }
    path.to_string()
}

/// The language of this page: the server decides it per request and writes it
/// into `<html lang>`, where the browser reads it back when hydrating.
pub fn request_lang() -> Lang {
    #[cfg(feature = "ssr")]
    {
        crate::api::ctx::request_lang()
    }
    #[cfg(not(feature = "ssr"))]
    {
        document()
            .document_element()
            .and_then(|e| e.get_attribute("lang"))
            .and_then(|tag| Lang::from_tag(&tag))
            .unwrap_or_default()
    }
}

/// The page's language. Islands hydrate without their parents' context, so
/// in the browser this falls back to `<html lang>`.
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_else(request_lang)
}

/// Percent-encodes a query value (search text may be Chinese or contain `&`;
/// an error carried back to a page is JSON).
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
