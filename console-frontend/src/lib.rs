// Console pages nest deep view types; the default limit (128) is too low for them.
#![recursion_limit = "256"]
//! The console's browser entry point: hydrates the whole console page.

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    leptos::mount::hydrate_body(console::ConsoleApp);
    if let Some(body) = leptos::prelude::document().body() {
        let _ = body.set_attribute("data-hydrated", "true");
    }
}
