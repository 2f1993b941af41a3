//! The browser entry point. The store renders on the server; only its
//! interactive islands (`#[island]` components in `app`) hydrate.

// Links `app`, whose `#[island]` components export their hydration entry points.
extern crate app;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    leptos::mount::hydrate_islands();
    // Lets browser tests (and curious people) see that hydration finished.
    if let Some(body) = leptos::prelude::document().body() {
        let _ = body.set_attribute("data-hydrated", "true");
    }
}
