//! `erase()`: Leptos's `into_any()` without the asynchronous hydration path.
//! The console erases its views with it, and so do the components it shares
//! with the store (`components.rs`).
//!
//! An `AnyView` keeps a pointer to `hydrate_async` for the view it erases,
//! so every erased view brings its whole tree's asynchronous hydration into
//! the bundle, beside the synchronous one. The console never needs it below
//! the router: `NestedRoutesView::hydrate_async` awaits the page's chunk and
//! then hydrates the outlet synchronously. `SyncHydrate` answers
//! `hydrate_async` with the synchronous `hydrate`, as a ready future,
//! so that path costs one small function per erased view instead of a copy
//! of the tree's hydration code.

use leptos::prelude::*;
use leptos::tachys::html::attribute::any_attribute::AnyAttribute;
use leptos::tachys::html::attribute::Attribute;
use leptos::tachys::hydration::Cursor;
use leptos::tachys::ssr::StreamBuilder;
use leptos::tachys::view::add_attr::AddAnyAttr;
use leptos::tachys::view::{Position, PositionState, Render, RenderHtml};

/// Erases a view's type like `into_any()`, for views that are only ever
/// hydrated synchronously: every view inside the console's router, and the
/// store's islands.
pub trait Erase {
    fn erase(self) -> AnyView;
}

impl<T: RenderHtml + Send> Erase for T {
    fn erase(self) -> AnyView {
        SyncHydrate(self).into_any()
    }
}

/// A view that behaves exactly as `T`, except that its asynchronous
/// hydration is the synchronous one.
pub struct SyncHydrate<T>(T);

impl<T: Render> Render for SyncHydrate<T> {
    type State = T::State;

    fn build(self) -> Self::State {
        self.0.build()
    }

    fn rebuild(self, state: &mut Self::State) {
        self.0.rebuild(state)
    }
}

impl<T: RenderHtml> AddAnyAttr for SyncHydrate<T> {
    type Output<A: Attribute> = T::Output<A>;

    fn add_any_attr<A: Attribute>(self, attr: A) -> Self::Output<A>
    where
        Self::Output<A>: RenderHtml,
    {
        self.0.add_any_attr(attr)
    }
}

impl<T: RenderHtml> RenderHtml for SyncHydrate<T> {
    type AsyncOutput = T::AsyncOutput;
    type Owned = SyncHydrate<T::Owned>;

    const MIN_LENGTH: usize = T::MIN_LENGTH;
    const EXISTS: bool = T::EXISTS;

    fn dry_resolve(&mut self) {
        self.0.dry_resolve()
    }

    async fn resolve(self) -> Self::AsyncOutput {
        self.0.resolve().await
    }

    fn html_len(&self) -> usize {
        self.0.html_len()
    }

    fn to_html_with_buf(
        self,
        buf: &mut String,
        position: &mut Position,
        escape: bool,
        mark_branches: bool,
        extra_attrs: Vec<AnyAttribute>,
    ) {
        self.0
            .to_html_with_buf(buf, position, escape, mark_branches, extra_attrs)
    }

    fn to_html_async_with_buf<const OUT_OF_ORDER: bool>(
        self,
        buf: &mut StreamBuilder,
        position: &mut Position,
        escape: bool,
        mark_branches: bool,
        extra_attrs: Vec<AnyAttribute>,
    ) {
        self.0.to_html_async_with_buf::<OUT_OF_ORDER>(
            buf,
            position,
            escape,
            mark_branches,
            extra_attrs,
        )
    }

    fn hydrate<const FROM_SERVER: bool>(
        self,
        cursor: &Cursor,
        position: &PositionState,
    ) -> Self::State {
        self.0.hydrate::<FROM_SERVER>(cursor, position)
    }

    // The synchronous hydration, as the trait's default, but as a ready
    // value rather than an `async` block: `AnyView` boxes this future for
    // every erased type, and a ready value is the smaller state machine.
    fn hydrate_async(
        self,
        cursor: &Cursor,
        position: &PositionState,
    ) -> impl std::future::Future<Output = Self::State> {
        std::future::ready(self.0.hydrate::<true>(cursor, position))
    }

    fn into_owned(self) -> Self::Owned {
        SyncHydrate(self.0.into_owned())
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::Erase;
    use leptos::prelude::*;

    #[test]
    fn an_erased_view_renders_the_same_html_as_leptos_own_erasure() {
        Owner::new().with(|| {
            let page = || view! { <p class="a">"x "{Some(1)}</p><span>{None::<i32>}</span> };
            assert_eq!(page().erase().to_html(), page().into_any().to_html());
            // A view that renders nothing keeps its placeholder.
            assert_eq!(().erase().to_html(), ().into_any().to_html());
            assert!(().erase().to_html().contains("<!--"));
        });
    }
}
