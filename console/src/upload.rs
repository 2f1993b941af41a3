//! (browser) Reading picked files and uploading images (products, the store's logo).

use app::error::AppError;

fn transport(detail: impl std::fmt::Debug) -> AppError {
    AppError::Transport {
        detail: format!("{detail:?}"),
    }
}

pub async fn product_image(product_id: i64, file: web_sys::File) -> Result<String, AppError> {
    image(&format!("/console/media/product/{product_id}"), file).await
}

/// The store's logo; answers its address.
pub async fn logo(file: web_sys::File) -> Result<String, AppError> {
    image("/console/media/logo", file).await
}

/// Sends the file as the request body; the server judges its type and size.
async fn image(url: &str, file: web_sys::File) -> Result<String, AppError> {
    let body: &leptos::wasm_bindgen::JsValue = file.as_ref();
    let res = gloo_net::http::Request::post(url)
        .header("content-type", "application/octet-stream")
        .body(body.clone())
        .map_err(transport)?
        .send()
        .await
        .map_err(transport)?;
    if res.ok() {
        json(&res).await
    } else if res.status() == 413 {
        Err(AppError::Invalid {
            field: "image".into(),
            reason: app::error::Invalid::Image,
        })
    } else {
        Err(json::<AppError>(&res).await?)
    }
}

/// The answer's JSON, read with `from_slice` as server functions' answers
/// are: gloo's `Response::json` reads with `from_str`, whose reader would
/// bring a second copy of serde_json's parser (about 30 KB raw).
async fn json<T: serde::de::DeserializeOwned>(
    res: &gloo_net::http::Response,
) -> Result<T, AppError> {
    let bytes = res.binary().await.map_err(transport)?;
    leptos::serde_json::from_slice(&bytes).map_err(transport)
}

/// The text of a picked file (CSV imports).
pub async fn file_text(file: web_sys::File) -> Result<String, AppError> {
    let text = wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .map_err(transport)?;
    text.as_string()
        .ok_or_else(|| transport("file is not text"))
}
