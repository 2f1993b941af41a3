// Console pages nest deep view types; the default limit (128) is too low for them.
#![recursion_limit = "256"]
//! The console's browser entry point: hydrates the whole console page. The
//! pages are lazy routes (their code is fetched when first shown), so
//! hydration waits for the current page's chunk; `data-hydrated` marks the
//! moment the page answers clicks.

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    let Some(body) = leptos::prelude::document().body() else {
        return;
    };
    wasm_bindgen_futures::spawn_local(async move {
        leptos::mount::hydrate_from_async(body.clone(), console::ConsoleApp)
            .await
            .forget();
        let _ = body.set_attribute("data-hydrated", "true");
    });
}
