//! `/console/import`: CSV import of products and of prices. A file is sent in
//! chunks of whole rows, so a progress bar can follow a large file; each
//! chunk is one transaction, and refused rows are reported by line.

use crate::erase::Erase;
use crate::i18n::{CMsg, CatalogueMsg};
use crate::{t, use_toasts};
use app::api::prices::price_lists;
use app::components::ErrorBox;
use app::domain::prices::ImportReport;
use app::domain::prices::RowProblem;
use app::error::AppError;
use leptos::prelude::*;

/// Lines per request: small enough for a visible bar, large enough to be quick.
const LINES_PER_CHUNK: usize = 200;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    Products,
    Prices,
}

fn problem_text(p: RowProblem) -> CatalogueMsg {
    match p {
        RowProblem::WrongColumnCount => CatalogueMsg::ProblemColumns,
        RowProblem::MissingSku => CatalogueMsg::ProblemMissingSku,
        RowProblem::UnknownSku => CatalogueMsg::ProblemUnknownSku,
        RowProblem::BadPrice => CatalogueMsg::ProblemBadPrice,
        RowProblem::NegativePrice => CatalogueMsg::ProblemNegativePrice,
        RowProblem::DuplicateSku => CatalogueMsg::ProblemDuplicateSku,
        RowProblem::BadName => CatalogueMsg::ProblemBadName,
        RowProblem::BadUnit => CatalogueMsg::ProblemBadUnit,
        RowProblem::BadNumber => CatalogueMsg::ProblemBadNumber,
        RowProblem::BadSpec => CatalogueMsg::ProblemBadSpec,
    }
}

#[component]
pub fn ImportPage() -> impl IntoView {
    view! {
        <h1>{t(CMsg::Import)}</h1>
        <ImportPanel kind=Kind::Products/>
        <ImportPanel kind=Kind::Prices/>
    }
}

#[component]
fn ImportPanel(kind: Kind) -> impl IntoView {
    let (title, columns, prefix) = match kind {
        Kind::Products => (
            t(CatalogueMsg::ImportProducts),
            "sku_code,product,category,unit,moq,spec,stock",
            "products",
        ),
        Kind::Prices => (t(CatalogueMsg::ImportPrices), "sku_code,price", "prices"),
    };
    let file = RwSignal::new(None::<String>);
    let list = RwSignal::new(String::new());
    let progress = RwSignal::new(None::<(usize, usize)>);
    let report = RwSignal::new(None::<ImportReport>);
    let failure = RwSignal::new(None::<AppError>);
    let lists = crate::page_resource(|| (), |_| price_lists());
    let toasts = use_toasts();
    let running = RwSignal::new(false);

    let on_file = move |ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            use leptos::wasm_bindgen::JsCast;
            let picked = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                .and_then(|input| input.files())
                .and_then(|files| files.get(0));
            if let Some(picked) = picked {
                leptos::task::spawn_local(async move {
                    match crate::upload::file_text(picked).await {
                        Ok(text) => file.set(Some(text)),
                        Err(err) => failure.set(Some(err)),
                    }
                });
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    let start = move |_| {
        let Some(text) = file.get_untracked() else {
            return;
        };
        let list_id: Option<i64> = list.get_untracked().parse().ok();
        if kind == Kind::Prices && list_id.is_none() {
            failure.set(Some(AppError::Invalid {
                field: t(CMsg::PriceList).into(),
                reason: app::error::Invalid::Required,
            }));
            return;
        }
        let chunks = app::domain::catalogue::chunks(&text, LINES_PER_CHUNK);
        let total = chunks.iter().map(|c| c.lines).sum::<usize>().max(1);
        progress.set(Some((0, total)));
        running.set(true);
        report.set(None);
        failure.set(None);
        leptos::task::spawn_local(async move {
            let mut sum = ImportReport {
                imported: 0,
                rejected: Vec::new(),
            };
            let mut done = 0;
            let mut failed = false;
            for chunk in chunks {
                let part = match kind {
                    Kind::Products => {
                        app::api::catalogue_admin::import_products(
                            chunk.text,
                            Some(chunk.first_line),
                        )
                        .await
                    }
                    Kind::Prices => {
                        app::api::prices::import_prices(
                            list_id.unwrap_or_default(),
                            chunk.text,
                            Some(chunk.first_line),
                        )
                        .await
                    }
                };
                match part {
                    Ok(part) => {
                        sum.imported += part.imported;
                        sum.rejected.extend(part.rejected);
                    }
                    Err(err) => {
                        // What was imported stays; the bar and report show how far it got.
                        failure.set(Some(err));
                        failed = true;
                        break;
                    }
                }
                done += chunk.lines;
                progress.set(Some((done.min(total), total)));
            }
            // On failure the bar stays where the import stopped.
            if !failed {
                progress.set(Some((total, total)));
                toasts.show(format!("{} {}", t(CatalogueMsg::Imported), sum.imported));
            }
            report.set(Some(sum));
            running.set(false);
        });
    };
    let file_id = format!("{prefix}-file");
    view! {
        <section class="card import" aria-labelledby=format!("{prefix}-title")>
            <h2 id=format!("{prefix}-title")>{title}</h2>
            <p class="hint">{t(CatalogueMsg::Columns)}": "<code>{columns}</code></p>
            {(kind == Kind::Prices).then(|| view! {
                <div class="field">
                    <label for="import-list">{t(CMsg::PriceList)}</label>
                    <select id="import-list" on:change=move |ev| list.set(event_target_value(&ev))>
                        <option value="">{t(CMsg::Choose)}</option>
                        {crate::suspense(|| (), move || async move {
                                lists.await.unwrap_or_default().into_iter()
                                    .map(|l| view! { <option value=l.id.to_string()>{l.name}</option> })
                                    .collect_view()
                            })}
                    </select>
                </div>
            })}
            <div class="field">
                <label for=file_id.clone()>{t(CatalogueMsg::CsvFile)}</label>
                <input id=file_id type="file" accept=".csv,text/csv" on:change=on_file/>
            </div>
            <button type="button" class="primary" disabled=move || file.with(Option::is_none) || running.get() on:click=start>
                {move || if running.get() { t(CatalogueMsg::Importing) } else { t(CatalogueMsg::StartImport) }}
            </button>
            {move || progress.get().map(|(done, total)| view! {
                <p class="progress">
                    <progress max=total value=done aria-label=title></progress>
                    " "<span data-testid=format!("{prefix}-progress")>{done}" / "{total}</span>
                </p>
            })}
            {move || failure.get().map(|err| view! { <ErrorBox err/> })}
            {move || report.get().map(|r| view! { <Report report=r/> })}
        </section>
    }
    .erase()
}

#[component]
fn Report(report: ImportReport) -> impl IntoView {
    let rows = report
        .rejected
        .iter()
        .map(|r| {
            view! {
                <tr>
                    <td>{r.line}</td>
                    <td>{r.sku.clone()}</td>
                    <td>{t(problem_text(r.problem))}</td>
                </tr>
            }
        })
        .collect_view();
    let has_rejected = !report.rejected.is_empty();
    view! {
        <div role="status" data-testid="import-report">
            <p>{t(CatalogueMsg::Imported)}" "<strong>{report.imported}</strong>" · "{t(CatalogueMsg::Rejected)}" "<strong>{report.rejected.len()}</strong></p>
            {has_rejected.then(|| view! {
                <table class="table">
                    <thead><tr>
                        <th scope="col">{t(CatalogueMsg::Line)}</th>
                        <th scope="col">"SKU"</th>
                        <th scope="col">{t(CatalogueMsg::Reason)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            })}
        </div>
    }
}
