//! A console page's data: loaded on the server, sent in the page as JSON,
//! read back in the browser, and loaded again when its source changes.
//!
//! Every page's data goes through one Leptos resource type and one
//! `Suspense`, whatever the data's type. Leptos's own `Resource::new` and
//! `Suspense` are generic over the data, the source, the loader and the
//! view, so each of the console's thirty-odd call sites brought its own copy
//! of the resource machinery (memo, async derived, hydration, streaming) and
//! of the suspense boundary into the WASM. Here the resource holds
//! [`PageData`] (a value behind `dyn`, or the JSON the page carried) and is
//! created in one place; only the small typed wrapper and the data's own
//! deserializer are per type. [`suspense`] does the same for the boundary:
//! one `Suspense` (and one `Transition`) type, whose view comes from a boxed
//! future.

use crate::erase::Erase;
use app::error::AppError;
use leptos::prelude::*;
use leptos::server::codee::{Decoder, Encoder};
use serde::{de::DeserializeOwned, Serialize};
use std::any::Any;
use std::future::{Future, IntoFuture};
use std::marker::PhantomData;
use std::pin::Pin;
use std::sync::{Arc, OnceLock};

/// A boxed future, so that the resource and the suspense boundary below are
/// created for one future type only.
type Boxed<T> = Pin<Box<dyn Future<Output = T> + Send>>;

/// A loaded value whose type the resource does not know.
trait Loaded: Any + Send + Sync {
    /// The value as the page carries it. Only the server writes pages, so
    /// the browser's bundle carries no serializer for page data.
    #[cfg(feature = "ssr")]
    fn to_json(&self) -> Result<String, leptos::serde_json::Error>;
    fn as_any(&self) -> &dyn Any;
}

impl<T: Serialize + Send + Sync + 'static> Loaded for T {
    #[cfg(feature = "ssr")]
    fn to_json(&self) -> Result<String, leptos::serde_json::Error> {
        leptos::serde_json::to_string(self)
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// What the one resource type holds: the value its loader returned (on the
/// server, and in the browser after a reload), or the JSON the page carried
/// (in the browser after hydration), read into its type on first use.
#[derive(Clone)]
pub struct PageData(Arc<Held>);

enum Held {
    Value(Box<dyn Loaded>),
    Json {
        text: Box<str>,
        read: OnceLock<Box<dyn Loaded>>,
    },
}

impl PageData {
    /// The value as `Result<T, AppError>`. The JSON is read with
    /// `serde_json::from_slice`, the reader server functions' answers use,
    /// so each type's deserializer is in the bundle once; it is read once
    /// and kept.
    fn get<T>(&self) -> Result<T, AppError>
    where
        T: Clone + Serialize + DeserializeOwned + Send + Sync + 'static,
    {
        let loaded = match &*self.0 {
            Held::Value(value) => value,
            Held::Json { text, read } => read.get_or_init(|| {
                let value: Result<T, AppError> = leptos::serde_json::from_slice(text.as_bytes())
                    .unwrap_or_else(|err| Err(unreadable(err)));
                Box::new(value)
            }),
        };
        match loaded.as_any().downcast_ref::<Result<T, AppError>>() {
            Some(value) => value.clone(),
            None => Err(unreadable("another type")),
        }
    }
}

/// Page data the browser could not read: the page and the bundle are from
/// different builds. Shown as a failed load, which a reload mends.
fn unreadable(detail: impl std::fmt::Display) -> AppError {
    AppError::Transport {
        detail: format!("page data: {detail}"),
    }
}

/// How [`PageData`] travels in the page: the loaded value as JSON, kept as
/// text until a typed reader asks for it.
pub struct PageCodec;

impl Encoder<PageData> for PageCodec {
    type Error = leptos::serde_json::Error;
    type Encoded = String;

    fn encode(val: &PageData) -> Result<String, Self::Error> {
        match &*val.0 {
            #[cfg(feature = "ssr")]
            Held::Value(value) => value.to_json(),
            #[cfg(not(feature = "ssr"))]
            Held::Value(_) => Err(serde::ser::Error::custom(
                "page data is written on the server",
            )),
            Held::Json { text, .. } => Ok(text.to_string()),
        }
    }
}

impl Decoder<PageData> for PageCodec {
    type Error = std::convert::Infallible;
    type Encoded = str;

    fn decode(val: &str) -> Result<PageData, Self::Error> {
        Ok(PageData(Arc::new(Held::Json {
            text: val.into(),
            read: OnceLock::new(),
        })))
    }
}

/// A resource's source, compared by value whatever its type.
#[derive(Clone)]
struct Source(Arc<dyn SourceValue>);

trait SourceValue: Any + Send + Sync {
    fn same(&self, other: &dyn SourceValue) -> bool;
    fn as_any(&self) -> &dyn Any;
}

impl<S: PartialEq + Send + Sync + 'static> SourceValue for S {
    fn same(&self, other: &dyn SourceValue) -> bool {
        other.as_any().downcast_ref::<S>() == Some(self)
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

impl PartialEq for Source {
    fn eq(&self, other: &Source) -> bool {
        self.0.same(&*other.0)
    }
}

type SourceFn = Arc<dyn Fn() -> Source + Send + Sync>;
type LoadFn = Arc<dyn Fn(Source) -> Boxed<PageData> + Send + Sync>;

/// A page's data, `Result<T, AppError>` once loaded (`data.await` in
/// [`suspense`]).
pub struct PageResource<T> {
    data: Resource<PageData, PageCodec>,
    ty: PhantomData<fn() -> T>,
}

impl<T> Clone for PageResource<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for PageResource<T> {}

impl<T> IntoFuture for PageResource<T>
where
    T: Clone + Serialize + DeserializeOwned + Send + Sync + 'static,
{
    type Output = Result<T, AppError>;
    type IntoFuture = Boxed<Result<T, AppError>>;

    fn into_future(self) -> Self::IntoFuture {
        let data = self.data;
        Box::pin(async move { data.await.get::<T>() })
    }
}

/// A page's data from `fetcher`, loaded again whenever `source` changes.
pub fn page_resource<S, T, Fut>(
    source: impl Fn() -> S + Send + Sync + 'static,
    fetcher: impl Fn(S) -> Fut + Send + Sync + 'static,
) -> PageResource<T>
where
    S: Clone + PartialEq + Send + Sync + 'static,
    T: Serialize + Send + Sync + 'static,
    Fut: Future<Output = Result<T, AppError>> + Send + 'static,
{
    let source: SourceFn = Arc::new(move || Source(Arc::new(source())));
    let load: LoadFn = Arc::new(move |key: Source| {
        let Some(key) = key.0.as_any().downcast_ref::<S>().cloned() else {
            // Only this resource's own source reaches its loader.
            return Box::pin(std::future::pending());
        };
        let loading = fetcher(key);
        Box::pin(async move { PageData(Arc::new(Held::Value(Box::new(loading.await)))) })
    });
    PageResource {
        data: erased_resource(source, load),
        ty: PhantomData,
    }
}

/// The console's one resource type, created in one place.
#[inline(never)]
fn erased_resource(source: SourceFn, load: LoadFn) -> Resource<PageData, PageCodec> {
    Resource::new_with_options(move || source(), move |key| load(key), false)
}

/// A suspense boundary: `fallback` until the data `next` awaits has
/// loaded, then its view; `next` runs again when that data changes.
pub fn suspense<V, Fut>(
    fallback: impl Into<ViewFnOnce>,
    next: impl Fn() -> Fut + Send + Sync + 'static,
) -> AnyView
where
    Fut: Future<Output = V> + Send + 'static,
    V: RenderHtml + Send + 'static,
{
    boundary(fallback.into(), boxed_views(next), false)
}

/// As [`suspense`], but a reload keeps the last view until the new data is
/// in, instead of showing `fallback` again.
pub fn transition<V, Fut>(
    fallback: impl Into<ViewFnOnce>,
    next: impl Fn() -> Fut + Send + Sync + 'static,
) -> AnyView
where
    Fut: Future<Output = V> + Send + 'static,
    V: RenderHtml + Send + 'static,
{
    boundary(fallback.into(), boxed_views(next), true)
}

type NextView = Arc<dyn Fn() -> Boxed<AnyView> + Send + Sync>;

fn boxed_views<V, Fut>(next: impl Fn() -> Fut + Send + Sync + 'static) -> NextView
where
    Fut: Future<Output = V> + Send + 'static,
    V: RenderHtml + Send + 'static,
{
    Arc::new(move || {
        let view = next();
        Box::pin(async move { view.await.erase() })
    })
}

/// The console's one suspense boundary and one transition type.
#[inline(never)]
fn boundary(fallback: ViewFnOnce, next: NextView, keep_last: bool) -> AnyView {
    if keep_last {
        view! { <Transition fallback>{move || Suspend::new(next())}</Transition> }.erase()
    } else {
        view! { <Suspense fallback>{move || Suspend::new(next())}</Suspense> }.erase()
    }
}

#[cfg(test)]
mod tests {
    use super::{PageCodec, PageData};
    use app::error::AppError;
    use leptos::server::codee::{Decoder, Encoder};
    use std::sync::Arc;

    #[test]
    fn page_data_reads_back_what_the_server_wrote_ok_or_error() {
        let values: [Result<Vec<(i64, String)>, AppError>; 2] = [
            Ok(vec![(7, "华东贸易 \"A\" <b>".to_string())]),
            Err(AppError::NotFound),
        ];
        for value in values {
            let written = PageData(Arc::new(super::Held::Value(Box::new(value.clone()))));
            let encoded = PageCodec::encode(&written).expect("encode");
            let decoded = match PageCodec::decode(&encoded) {
                Ok(data) => data,
                Err(never) => match never {},
            };
            assert_eq!(decoded.get::<Vec<(i64, String)>>(), value);
            // Read twice: the second read is the value kept from the first.
            assert_eq!(decoded.get::<Vec<(i64, String)>>(), value);
            assert_eq!(written.get::<Vec<(i64, String)>>(), value);
        }
    }

    #[test]
    fn page_data_of_another_type_is_a_failed_load_not_a_panic() {
        let decoded = match PageCodec::decode("{\"Ok\":[1,2]}") {
            Ok(data) => data,
            Err(never) => match never {},
        };
        assert!(matches!(
            decoded.get::<String>(),
            Err(AppError::Transport { .. })
        ));
    }
}
