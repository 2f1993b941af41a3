//! A console form's server function call: Leptos's `ServerAction`, with
//! one action type behind every server function.
//!
//! `ServerAction<S>` is an `Action<S, Result<S::Output, AppError>>`, so
//! each of the console's thirty-odd server functions brought its own copy
//! of the action machinery (dispatch, its task, its signals) into the WASM.
//! Here the input and the answer travel behind `dyn Any`; what is per
//! server function is only its call (`run::<S>`) and the typed readers.
//!
//! Unlike Leptos's `ServerAction`, this reads no `ServerActionError` from
//! the context: the console's forms that work without the script post to
//! the console's own routes (`/console/login`, `/console/approvals/{id}`),
//! not to the server function.

use app::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use std::any::Any;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::sync::Arc;

/// A server function's arguments, behind `dyn Any`.
#[derive(Clone)]
pub struct Call(Arc<dyn Any + Send + Sync>);

/// A server function's answer: its value behind `dyn Any`, or its error.
#[derive(Clone)]
pub struct Answer(Result<Arc<dyn Any + Send + Sync>, AppError>);

type Run = fn(&Call) -> Pin<Box<dyn Future<Output = Answer> + Send>>;

/// A form's call of the server function `S`: `dispatch`, `pending`,
/// `value` and `version`, as on Leptos's `ServerAction`.
pub struct PageAction<S> {
    inner: Action<Call, Answer>,
    ty: PhantomData<fn(S)>,
}

impl<S> Clone for PageAction<S> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<S> Copy for PageAction<S> {}

impl<S> Default for PageAction<S>
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    fn default() -> Self {
        Self::new()
    }
}

impl<S> PageAction<S>
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    pub fn new() -> Self {
        PageAction {
            inner: erased_action(run::<S>),
            ty: PhantomData,
        }
    }

    /// Calls the server function with `input`.
    pub fn dispatch(&self, input: S) {
        self.inner.dispatch(Call(Arc::new(input)));
    }

    /// The last answer: `None` before the first.
    pub fn value(&self) -> Signal<Option<Result<S::Output, AppError>>> {
        let value = self.inner.value();
        Signal::derive(move || {
            value.with(|answer| {
                answer
                    .as_ref()
                    .map(|Answer(answer)| typed::<S::Output>(answer))
            })
        })
    }
}

impl<S> PageAction<S> {
    /// Whether a call is under way.
    pub fn pending(&self) -> Memo<bool> {
        self.inner.pending()
    }

    /// How many calls have finished: a page's data reloads when it changes.
    pub fn version(&self) -> RwSignal<usize> {
        self.inner.version()
    }

    /// The last call's failure, for a form to show.
    pub fn error(&self) -> Signal<Option<AppError>> {
        answer_error(self.inner)
    }

    /// Whether the last call succeeded; `false` before the first.
    pub fn succeeded(&self) -> Signal<bool> {
        answer_ok(self.inner)
    }
}

/// Calls `S` on the server with the arguments in `call`.
fn run<S>(call: &Call) -> Pin<Box<dyn Future<Output = Answer> + Send>>
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Send + Sync + 'static,
{
    let input = call.0.downcast_ref::<S>().cloned();
    Box::pin(async move {
        let Some(input) = input else {
            // Only `PageAction::<S>::dispatch` calls `run::<S>`.
            return Answer(Err(AppError::Internal));
        };
        let answer = input.run_on_client().await;
        Answer(answer.map(|value| Arc::new(value) as Arc<dyn Any + Send + Sync>))
    })
}

fn typed<T: Clone + 'static>(
    answer: &Result<Arc<dyn Any + Send + Sync>, AppError>,
) -> Result<T, AppError> {
    match answer {
        Ok(value) => value.downcast_ref::<T>().cloned().ok_or(AppError::Internal),
        Err(err) => Err(err.clone()),
    }
}

/// The console's one action type, created in one place.
#[inline(never)]
fn erased_action(run: Run) -> Action<Call, Answer> {
    Action::new(move |call: &Call| run(call))
}

#[inline(never)]
fn answer_error(action: Action<Call, Answer>) -> Signal<Option<AppError>> {
    let value = action.value();
    Signal::derive(move || {
        value.with(|answer| {
            answer
                .as_ref()
                .and_then(|Answer(a)| a.as_ref().err().cloned())
        })
    })
}

#[inline(never)]
fn answer_ok(action: Action<Call, Answer>) -> Signal<bool> {
    let value = action.value();
    Signal::derive(move || value.with(|answer| matches!(answer, Some(Answer(Ok(_))))))
}
