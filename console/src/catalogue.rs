//! Catalogue pages: `/console/products` (list, new product, shelf toggle),
//! `/console/products/:id` (details, image, SKUs and their prices) and
//! `/console/categories`.

use crate::erase::Erase;
use crate::i18n::{CMsg, CatalogueMsg};
use crate::{
    error_view, t, use_list_query, use_toasts, ActionError, ConfirmDialog, PageAction, Pager,
};
use app::api::catalogue_admin::{
    get_admin_product, list_admin_products, list_categories, SaveCategory, SaveProduct, SaveSku,
    SetOnShelf, SetPrice,
};
use app::api::prices::price_lists;
use app::components::{ErrorBox, Loading};
use app::domain::catalogue::format_spec;
use app::domain::catalogue_admin::{AdminProduct, AdminSku};
use app::domain::money::format_cny;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

fn shelf_text(on: bool) -> &'static str {
    if on {
        t(CatalogueMsg::OnShelf)
    } else {
        t(CatalogueMsg::OffShelf)
    }
}

#[component]
pub fn ProductsPage() -> impl IntoView {
    let (q, page) = use_list_query();
    let shelf = PageAction::<SetOnShelf>::new();
    let data = crate::page_resource(
        move || (q.get(), page.get(), shelf.version().get()),
        |(q, page, _)| list_admin_products(q, page),
    );
    let confirm_off = RwSignal::new(None::<(i64, String)>);
    let toasts = use_toasts();
    toasts.saved_on_success(shelf);
    view! {
        <h1>{t(CMsg::Products)}</h1>
        <p class="actions-bar">
            <A href="/console/categories">{t(CatalogueMsg::Categories)}</A>" · "<A href="/console/import">{t(CMsg::Import)}</A>
        </p>
        <NewProductForm/>
        <form class="search" method="get" role="search">
            <input type="search" name="q" aria-label=t(CatalogueMsg::SearchProducts) placeholder=t(CatalogueMsg::SearchProducts) prop:value=q/>
            <button type="submit">{t(CMsg::Search)}</button>
        </form>
        <ActionError action=shelf/>
        {crate::suspense(Loading, move || async move {
                match data.await {
                    Ok(p) if p.items.is_empty() => view! { <p class="empty">{t(CatalogueMsg::NoProducts)}</p> }.erase(),
                    Ok(p) => {
                        let q = q.get_untracked();
                        let rows = p.items.into_iter().map(|r| {
                            let (id, name) = (r.id, r.name.clone());
                            let toggle = if r.on_shelf {
                                view! { <button type="button" class="small" on:click=move |_| confirm_off.set(Some((id, name.clone())))>{t(CatalogueMsg::TakeOff)}</button> }.erase()
                            } else {
                                view! { <button type="button" class="small" on:click=move |_| { shelf.dispatch(SetOnShelf { id, on_shelf: true }); }>{t(CatalogueMsg::PutOn)}</button> }.erase()
                            };
                            view! {
                                <tr>
                                    <td><A href=format!("/console/products/{}", r.id)>{r.name}</A></td>
                                    <td>{r.category.unwrap_or_default()}</td>
                                    <td>{r.skus}</td>
                                    <td>{r.stock}" "{r.unit}</td>
                                    <td data-testid="shelf">{shelf_text(r.on_shelf)}</td>
                                    <td>{toggle}</td>
                                </tr>
                            }
                        }).collect_view();
                        view! {
                            <table class="table">
                                <thead><tr>
                                    <th scope="col">{t(CatalogueMsg::ProductName)}</th>
                                    <th scope="col">{t(CatalogueMsg::Category)}</th>
                                    <th scope="col">"SKU"</th>
                                    <th scope="col">{t(CatalogueMsg::Stock)}</th>
                                    <th scope="col">{t(CMsg::State)}</th>
                                    <th scope="col">{t(CMsg::Actions)}</th>
                                </tr></thead>
                                <tbody>{rows}</tbody>
                            </table>
                            <Pager path="/console/products" q page=p.page total=p.total page_size=p.page_size/>
                        }.erase()
                    }
                    Err(err) => error_view(err),
                }
            })}
        {move || confirm_off.get().map(|(id, name)| view! {
            <ConfirmDialog question=format!("{} {name}{}", t(CatalogueMsg::ConfirmTakeOff), t(CMsg::QuestionMark))
                on_confirm=move || { shelf.dispatch(SetOnShelf { id, on_shelf: false }); confirm_off.set(None); }
                on_cancel=move || confirm_off.set(None)/>
        })}
    }
}

/// Category choices for a product form; `selected` is the current category.
#[component]
fn CategorySelect(id: &'static str, value: RwSignal<String>) -> impl IntoView {
    let categories = crate::page_resource(|| (), |_| list_categories());
    view! {
        <div class="field">
            <label for=id>{t(CatalogueMsg::Category)}</label>
            <select id=id on:change=move |ev| value.set(event_target_value(&ev))>
                <option value="">{t(CatalogueMsg::NoCategory)}</option>
                {crate::suspense(|| (), move || async move {
                        categories.await.unwrap_or_default().into_iter().map(|c| {
                            let v = c.id.to_string();
                            let current = v.clone();
                            view! { <option value=v selected=move || value.get() == current>{c.name}</option> }
                        }).collect_view()
                    })}
            </select>
        </div>
    }
}

/// The product fields, for a new product or an edit.
#[component]
fn ProductForm(
    action: PageAction<SaveProduct>,
    id: Option<i64>,
    #[prop(optional)] initial: Option<app::domain::catalogue_admin::ProductInput>,
    title: &'static str,
    prefix: &'static str,
) -> impl IntoView {
    let init = initial.unwrap_or(app::domain::catalogue_admin::ProductInput {
        name: String::new(),
        description: String::new(),
        category_id: None,
        unit: String::new(),
        moq: 1,
    });
    let name = RwSignal::new(init.name);
    let description = RwSignal::new(init.description);
    let category = RwSignal::new(init.category_id.map(|c| c.to_string()).unwrap_or_default());
    let unit = RwSignal::new(init.unit);
    let moq = RwSignal::new(init.moq.to_string());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        action.dispatch(SaveProduct {
            id,
            name: name.get_untracked(),
            description: description.get_untracked(),
            category_id: category.get_untracked().parse().ok(),
            unit: unit.get_untracked(),
            moq: moq.get_untracked(),
        });
    };
    let field_id = move |f: &str| format!("{prefix}-{f}");
    view! {
        <form class="card form inline" on:submit=submit aria-label=title>
            <h2>{title}</h2>
            <div class="field">
                <label for=field_id("name")>{t(CatalogueMsg::ProductName)}</label>
                <input id=field_id("name") required maxlength="100" bind:value=name/>
            </div>
            <CategorySelect id=if prefix == "new" { "new-category" } else { "edit-category" } value=category/>
            <div class="field">
                <label for=field_id("unit")>{t(CatalogueMsg::Unit)}</label>
                <input id=field_id("unit") required maxlength="10" bind:value=unit/>
            </div>
            <div class="field">
                <label for=field_id("moq")>{t(CatalogueMsg::Moq)}</label>
                <input id=field_id("moq") inputmode="numeric" required bind:value=moq/>
            </div>
            <div class="field wide">
                <label for=field_id("description")>{t(CatalogueMsg::Description)}</label>
                <textarea id=field_id("description") rows="2" maxlength="2000"
                    prop:value=move || description.get() on:input=move |ev| description.set(event_target_value(&ev))></textarea>
            </div>
            <button type="submit" class="primary" disabled=move || action.pending().get()>
                {move || if action.pending().get() { t(CMsg::Saving) } else { t(CMsg::Save) }}
            </button>
            <ActionError action=action/>
        </form>
    }
    .erase()
}

#[component]
fn NewProductForm() -> impl IntoView {
    let action = PageAction::<SaveProduct>::new();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(id)) = action.value().get() {
            navigate(&format!("/console/products/{id}"), Default::default());
        }
    });
    view! { <ProductForm action id=None title=t(CatalogueMsg::NewProduct) prefix="new"/> }
}

#[component]
pub fn ProductPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| {
        params
            .read()
            .get("id")
            .and_then(|s| s.parse::<i64>().ok())
            .unwrap_or(0)
    });
    let edit = PageAction::<SaveProduct>::new();
    let sku = PageAction::<SaveSku>::new();
    let price = PageAction::<SetPrice>::new();
    let shelf = PageAction::<SetOnShelf>::new();
    let uploaded = RwSignal::new(0u32);
    let toasts = use_toasts();
    toasts.saved_on_success(edit);
    toasts.saved_on_success(sku);
    toasts.saved_on_success(price);
    toasts.saved_on_success(shelf);
    let data = crate::page_resource(
        move || {
            (
                id.get(),
                edit.version().get(),
                sku.version().get(),
                price.version().get(),
                shelf.version().get(),
                uploaded.get(),
            )
        },
        |(id, ..)| get_admin_product(id),
    );
    let lists = crate::page_resource(|| (), |_| price_lists());
    view! {
        <nav class="crumbs" aria-label=t(CMsg::Breadcrumbs)>
            <A href="/console">{t(CMsg::Dashboard)}</A>" / "<A href="/console/products">{t(CMsg::Products)}</A>
        </nav>
        {crate::suspense(Loading, move || async move {
                match (data.await, lists.await) {
                    (Ok(p), Ok(lists)) => view! { <ProductView p lists edit sku price shelf uploaded/> }.erase(),
                    (Err(err), _) | (_, Err(err)) => error_view(err),
                }
            })}
        {move || [
            sku.value().get().and_then(Result::err),
            price.value().get().and_then(Result::err),
        ].into_iter().flatten().next().map(|err| view! { <ErrorBox err/> })}
    }
}

#[component]
fn ProductView(
    p: AdminProduct,
    lists: Vec<app::domain::prices::PriceListView>,
    edit: PageAction<SaveProduct>,
    sku: PageAction<SaveSku>,
    price: PageAction<SetPrice>,
    shelf: PageAction<SetOnShelf>,
    uploaded: RwSignal<u32>,
) -> impl IntoView {
    let id = p.id;
    let on_shelf = p.on_shelf;
    let heads = lists
        .iter()
        .map(|l| view! { <th scope="col">{l.name.clone()}</th> })
        .collect_view();
    let rows = p
        .skus
        .iter()
        .map(|s| view! { <SkuRow product_id=id sku=s.clone() lists=lists.clone() save=sku price/> })
        .collect_view();
    view! {
        <h1>{p.input.name.clone()}</h1>
        <p>
            {t(CMsg::State)}": "<strong data-testid="shelf">{shelf_text(on_shelf)}</strong>" "
            <button type="button" class="small" on:click=move |_| { shelf.dispatch(SetOnShelf { id, on_shelf: !on_shelf }); }>
                {if on_shelf { t(CatalogueMsg::TakeOff) } else { t(CatalogueMsg::PutOn) }}
            </button>
        </p>
        <ImageUpload product_id=id image=p.image.clone() uploaded/>
        <ProductForm action=edit id=Some(id) initial=p.input.clone() title=t(CatalogueMsg::EditProduct) prefix="edit"/>
        <h2>"SKU"</h2>
        <p class="hint">{t(CatalogueMsg::PriceHint)}</p>
        <div class="table-wrap">
            <table class="table skus">
                <thead><tr>
                    <th scope="col">{t(CatalogueMsg::Code)}</th>
                    <th scope="col">{t(CatalogueMsg::Spec)}</th>
                    <th scope="col">{t(CatalogueMsg::Stock)}</th>
                    {heads}
                    <th scope="col">{t(CMsg::Actions)}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <NewSkuForm product_id=id save=sku/>
    }
    .erase()
}

/// One SKU: code, spec and stock saved together; each price saved on its own.
#[component]
fn SkuRow(
    product_id: i64,
    sku: AdminSku,
    lists: Vec<app::domain::prices::PriceListView>,
    save: PageAction<SaveSku>,
    price: PageAction<SetPrice>,
) -> impl IntoView {
    let sku_id = sku.id;
    let code = RwSignal::new(sku.code.clone());
    let spec = RwSignal::new(format_spec(&sku.spec));
    let stock = RwSignal::new(sku.stock.to_string());
    let label = sku.code.clone();
    let prices = lists
        .iter()
        .map(|l| {
            let list_id = l.id;
            let current = sku
                .prices
                .iter()
                .find(|(id, _)| *id == list_id)
                .map(|(_, fen)| format_cny(*fen).trim_start_matches('¥').to_string())
                .unwrap_or_default();
            view! {
                <td><input class="price" inputmode="decimal" aria-label=format!("{} {}", label, l.name) value=current
                    on:change=move |ev| { price.dispatch(SetPrice { price_list_id: list_id, sku_id, price: event_target_value(&ev) }); }/></td>
            }
        })
        .collect_view();
    view! {
        <tr>
            <td><input aria-label=format!("{} {}", t(CatalogueMsg::Code), sku.code) bind:value=code size="10"/></td>
            <td><input aria-label=format!("{} {}", t(CatalogueMsg::Spec), sku.code) bind:value=spec/></td>
            <td><input aria-label=format!("{} {}", t(CatalogueMsg::Stock), sku.code) inputmode="numeric" bind:value=stock size="6"/></td>
            {prices}
            <td><button type="button" class="small" on:click=move |_| {
                save.dispatch(SaveSku { product_id, id: Some(sku_id), code: code.get_untracked(), spec: spec.get_untracked(), stock: stock.get_untracked() });
            }>{t(CMsg::Save)}</button></td>
        </tr>
    }
}

#[component]
fn NewSkuForm(product_id: i64, save: PageAction<SaveSku>) -> impl IntoView {
    let code = RwSignal::new(String::new());
    let spec = RwSignal::new(String::new());
    let stock = RwSignal::new("0".to_string());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save.dispatch(SaveSku {
            product_id,
            id: None,
            code: code.get_untracked(),
            spec: spec.get_untracked(),
            stock: stock.get_untracked(),
        });
    };
    view! {
        <form class="card form inline" on:submit=submit aria-label=t(CatalogueMsg::AddSku)>
            <h2>{t(CatalogueMsg::AddSku)}</h2>
            <div class="field">
                <label for="sku-code">{t(CatalogueMsg::Code)}</label>
                <input id="sku-code" required maxlength="40" bind:value=code/>
            </div>
            <div class="field">
                <label for="sku-spec">{t(CatalogueMsg::Spec)}</label>
                <input id="sku-spec" placeholder=t(CatalogueMsg::SpecPlaceholder) bind:value=spec/>
            </div>
            <div class="field">
                <label for="sku-stock">{t(CatalogueMsg::Stock)}</label>
                <input id="sku-stock" inputmode="numeric" required bind:value=stock/>
            </div>
            <button type="submit" class="primary" disabled=move || save.pending().get()>{t(CatalogueMsg::AddSku)}</button>
        </form>
    }
}

/// Picks an image file and sends it as the request body; shows progress
/// while it uploads and the stored image after.
#[component]
fn ImageUpload(product_id: i64, image: Option<String>, uploaded: RwSignal<u32>) -> impl IntoView {
    let busy = RwSignal::new(false);
    let failure = RwSignal::new(None::<app::error::AppError>);
    let on_change = move |ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            use leptos::wasm_bindgen::JsCast;
            let Some(file) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                .and_then(|input| input.files())
                .and_then(|files| files.get(0))
            else {
                return;
            };
            busy.set(true);
            failure.set(None);
            leptos::task::spawn_local(async move {
                match crate::upload::product_image(product_id, file).await {
                    Ok(_) => uploaded.update(|n| *n += 1),
                    Err(err) => failure.set(Some(err)),
                }
                busy.set(false);
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, product_id, uploaded);
    };
    view! {
        <div class="card image-upload">
            {match image {
                Some(image) => view! { <img src=format!("/media/{image}") alt=t(CatalogueMsg::ProductImage) width="120" height="120" data-testid="product-image"/> }.erase(),
                None => view! { <p class="empty">{t(CatalogueMsg::NoImage)}</p> }.erase(),
            }}
            <div class="field">
                <label for="product-image">{t(CatalogueMsg::UploadImage)}</label>
                <input id="product-image" type="file" accept="image/png,image/jpeg,image/webp" on:change=on_change disabled=move || busy.get()/>
            </div>
            {move || busy.get().then(|| view! { <p class="loading" role="status"><progress></progress>" "{t(CMsg::Uploading)}</p> })}
            {move || failure.get().map(|err| view! { <ErrorBox err/> })}
        </div>
    }
}

#[component]
pub fn CategoriesPage() -> impl IntoView {
    let save = PageAction::<SaveCategory>::new();
    let data = crate::page_resource(move || save.version().get(), |_| list_categories());
    let name = RwSignal::new(String::new());
    let sort = RwSignal::new(String::new());
    let toasts = use_toasts();
    toasts.saved_on_success(save);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save.dispatch(SaveCategory {
            id: None,
            name: name.get_untracked(),
            sort: sort.get_untracked(),
        });
    };
    view! {
        <nav class="crumbs" aria-label=t(CMsg::Breadcrumbs)>
            <A href="/console/products">{t(CMsg::Products)}</A>
        </nav>
        <h1>{t(CatalogueMsg::Categories)}</h1>
        <form class="card form inline" on:submit=submit aria-label=t(CatalogueMsg::NewCategory)>
            <h2>{t(CatalogueMsg::NewCategory)}</h2>
            <div class="field">
                <label for="category-name">{t(CMsg::Name)}</label>
                <input id="category-name" required maxlength="30" bind:value=name/>
            </div>
            <div class="field">
                <label for="category-sort">{t(CatalogueMsg::SortOrder)}</label>
                <input id="category-sort" inputmode="numeric" bind:value=sort/>
            </div>
            <button type="submit" class="primary" disabled=move || save.pending().get()>{t(CMsg::Create)}</button>
            <ActionError action=save/>
        </form>
        {crate::suspense(Loading, move || async move {
                match data.await {
                    Ok(rows) => {
                        let rows = rows.into_iter().map(|c| {
                            let name = RwSignal::new(c.name.clone());
                            let sort = RwSignal::new(c.sort.to_string());
                            let id = c.id;
                            view! {
                                <tr>
                                    <td><input aria-label=format!("{} {}", t(CMsg::Name), c.name) bind:value=name/></td>
                                    <td><input aria-label=format!("{} {}", t(CatalogueMsg::SortOrder), c.name) bind:value=sort size="5"/></td>
                                    <td>{c.products}</td>
                                    <td><button type="button" class="small" on:click=move |_| {
                                        save.dispatch(SaveCategory { id: Some(id), name: name.get_untracked(), sort: sort.get_untracked() });
                                    }>{t(CMsg::Save)}</button></td>
                                </tr>
                            }
                        }).collect_view();
                        view! {
                            <table class="table">
                                <thead><tr>
                                    <th scope="col">{t(CMsg::Name)}</th>
                                    <th scope="col">{t(CatalogueMsg::SortOrder)}</th>
                                    <th scope="col">{t(CMsg::Products)}</th>
                                    <th scope="col">{t(CMsg::Actions)}</th>
                                </tr></thead>
                                <tbody>{rows}</tbody>
                            </table>
                        }.erase()
                    }
                    Err(err) => error_view(err),
                }
            })}
    }
}
