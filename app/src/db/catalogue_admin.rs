//! (ssr) Catalogue writes and console reads: categories, products, SKUs,
//! prices per SKU, shelf state, product images and the product CSV import.

use crate::db::like_pattern;
use crate::domain::catalogue::ProductRow;
use crate::domain::catalogue_admin::{
    AdminProduct, AdminProductRow, AdminSku, CategoryRow, ProductInput,
};
use crate::domain::list::ListQuery;
use crate::domain::prices::ImportReport;
use crate::domain::prices::RejectedRow;
use crate::error::AppError;
use sqlx::{Any, AnyPool, Transaction};
use std::collections::HashMap;

fn spec_json(spec: &[(String, String)]) -> String {
    serde_json::to_string(spec).unwrap_or_else(|_| "[]".into())
}

fn spec_pairs(json: &str) -> Vec<(String, String)> {
    serde_json::from_str(json).unwrap_or_default()
}

/// A unique-key collision reads as "already used", anything else as ours.
fn duplicate(field: &str) -> impl Fn(sqlx::Error) -> AppError + '_ {
    move |e| match &e {
        sqlx::Error::Database(db) if db.is_unique_violation() => AppError::Duplicate {
            field: field.to_string(),
        },
        _ => AppError::from(e),
    }
}

pub async fn categories(pool: &AnyPool, tenant_id: i64) -> Result<Vec<CategoryRow>, AppError> {
    Ok(sqlx::query_as(
        "SELECT c.id, c.name, c.sort, (SELECT COUNT(*) FROM products p WHERE p.category_id = c.id) AS products
         FROM categories c WHERE c.tenant_id = $1 ORDER BY c.sort, c.id",
    )
    .bind(tenant_id)
    .fetch_all(pool)
    .await?)
}

pub async fn save_category(
    pool: &AnyPool,
    tenant_id: i64,
    id: Option<i64>,
    name: &str,
    sort: i64,
) -> Result<i64, AppError> {
    match id {
        None => sqlx::query_scalar(
            "INSERT INTO categories (tenant_id, name, sort) VALUES ($1, $2, $3) RETURNING id",
        )
        .bind(tenant_id)
        .bind(name)
        .bind(sort)
        .fetch_one(pool)
        .await
        .map_err(duplicate("name")),
        Some(id) => {
            let done = sqlx::query(
                "UPDATE categories SET name = $1, sort = $2 WHERE id = $3 AND tenant_id = $4",
            )
            .bind(name)
            .bind(sort)
            .bind(id)
            .bind(tenant_id)
            .execute(pool)
            .await
            .map_err(duplicate("name"))?;
            crate::db::found(done.rows_affected()).map(|_| id)
        }
    }
}

/// A category id from the client, checked to belong to this brand.
async fn check_category(
    pool: &AnyPool,
    tenant_id: i64,
    category_id: Option<i64>,
) -> Result<Option<i64>, AppError> {
    let Some(id) = category_id else {
        return Ok(None);
    };
    sqlx::query_scalar("SELECT id FROM categories WHERE id = $1 AND tenant_id = $2")
        .bind(id)
        .bind(tenant_id)
        .fetch_optional(pool)
        .await?
        .map(Some)
        .ok_or(AppError::Invalid {
            field: "category".into(),
            reason: crate::error::Invalid::Option,
        })
}

pub async fn list_products(
    pool: &AnyPool,
    tenant_id: i64,
    list: &ListQuery,
) -> Result<(Vec<AdminProductRow>, i64), AppError> {
    let (search, limit, offset) = (list.q.as_str(), list.limit, list.offset);
    let pattern = like_pattern(search);
    let total: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM products WHERE tenant_id = $1 AND lower(name) LIKE lower($2) ESCAPE '\\'",
    )
    .bind(tenant_id)
    .bind(&pattern)
    .fetch_one(pool)
    .await?;
    let items = sqlx::query_as(
        "SELECT p.id, p.name, c.name AS category, p.unit, p.moq, p.on_shelf, p.image,
                (SELECT COUNT(*) FROM skus s WHERE s.product_id = p.id) AS skus,
                (SELECT CAST(COALESCE(SUM(s.stock), 0) AS BIGINT) FROM skus s WHERE s.product_id = p.id) AS stock
         FROM products p LEFT JOIN categories c ON c.id = p.category_id
         WHERE p.tenant_id = $1 AND lower(p.name) LIKE lower($2) ESCAPE '\\'
         ORDER BY p.id DESC LIMIT $3 OFFSET $4",
    )
    .bind(tenant_id)
    .bind(&pattern)
    .bind(limit)
    .bind(offset)
    .fetch_all(pool)
    .await?;
    Ok((items, total))
}

#[derive(sqlx::FromRow)]
struct ProductRecord {
    id: i64,
    name: String,
    description: String,
    category_id: Option<i64>,
    unit: String,
    moq: i64,
    #[sqlx(try_from = "crate::domain::Flag")]
    on_shelf: bool,
    image: Option<String>,
}

#[derive(sqlx::FromRow)]
struct SkuRecord {
    id: i64,
    code: String,
    spec: String,
    stock: i64,
}

pub async fn product(pool: &AnyPool, tenant_id: i64, id: i64) -> Result<AdminProduct, AppError> {
    let p: ProductRecord = sqlx::query_as(
        "SELECT id, name, description, category_id, unit, moq, on_shelf, image
         FROM products WHERE id = $1 AND tenant_id = $2",
    )
    .bind(id)
    .bind(tenant_id)
    .fetch_optional(pool)
    .await?
    .ok_or(AppError::NotFound)?;
    let skus: Vec<SkuRecord> = sqlx::query_as(
        "SELECT id, code, spec, stock FROM skus WHERE product_id = $1 AND tenant_id = $2 ORDER BY id",
    )
    .bind(id)
    .bind(tenant_id)
    .fetch_all(pool)
    .await?;
    let prices: Vec<(i64, i64, i64)> = sqlx::query_as(
        "SELECT pr.sku_id, pr.price_list_id, pr.amount FROM prices pr
         JOIN skus s ON s.id = pr.sku_id WHERE s.product_id = $1 AND s.tenant_id = $2",
    )
    .bind(id)
    .bind(tenant_id)
    .fetch_all(pool)
    .await?;
    let mut by_sku: HashMap<i64, Vec<(i64, i64)>> = HashMap::new();
    for (sku, list, amount) in prices {
        by_sku.entry(sku).or_default().push((list, amount));
    }
    Ok(AdminProduct {
        id: p.id,
        input: ProductInput {
            name: p.name,
            description: p.description,
            category_id: p.category_id,
            unit: p.unit,
            moq: p.moq,
        },
        on_shelf: p.on_shelf,
        image: p.image,
        skus: skus
            .into_iter()
            .map(|s| AdminSku {
                prices: by_sku.remove(&s.id).unwrap_or_default(),
                id: s.id,
                code: s.code,
                spec: spec_pairs(&s.spec),
                stock: s.stock,
            })
            .collect(),
    })
}

pub async fn save_product(
    pool: &AnyPool,
    tenant_id: i64,
    id: Option<i64>,
    input: &ProductInput,
) -> Result<i64, AppError> {
    let category = check_category(pool, tenant_id, input.category_id).await?;
    match id {
        None => Ok(sqlx::query_scalar(
            "INSERT INTO products (tenant_id, category_id, name, description, unit, moq, on_shelf, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, FALSE, $7) RETURNING id",
        )
        .bind(tenant_id)
        .bind(category)
        .bind(&input.name)
        .bind(&input.description)
        .bind(&input.unit)
        .bind(input.moq)
        .bind(crate::db::now())
        .fetch_one(pool)
        .await?),
        Some(id) => {
            let done = sqlx::query(
                "UPDATE products SET category_id = $1, name = $2, description = $3, unit = $4, moq = $5
                 WHERE id = $6 AND tenant_id = $7",
            )
            .bind(category)
            .bind(&input.name)
            .bind(&input.description)
            .bind(&input.unit)
            .bind(input.moq)
            .bind(id)
            .bind(tenant_id)
            .execute(pool)
            .await?;
            crate::db::found(done.rows_affected()).map(|_| id)
        }
    }
}

pub async fn set_on_shelf(
    pool: &AnyPool,
    tenant_id: i64,
    id: i64,
    on_shelf: bool,
) -> Result<(), AppError> {
    let done = sqlx::query("UPDATE products SET on_shelf = $1 WHERE id = $2 AND tenant_id = $3")
        .bind(on_shelf)
        .bind(id)
        .bind(tenant_id)
        .execute(pool)
        .await?;
    crate::db::found(done.rows_affected())
}

pub async fn set_image(
    pool: &AnyPool,
    tenant_id: i64,
    id: i64,
    image: &str,
) -> Result<(), AppError> {
    let done = sqlx::query("UPDATE products SET image = $1 WHERE id = $2 AND tenant_id = $3")
        .bind(image)
        .bind(id)
        .bind(tenant_id)
        .execute(pool)
        .await?;
    crate::db::found(done.rows_affected())
}

pub struct SkuInput {
    pub code: String,
    pub spec: Vec<(String, String)>,
    pub stock: i64,
}

pub async fn save_sku(
    pool: &AnyPool,
    tenant_id: i64,
    product_id: i64,
    id: Option<i64>,
    sku: &SkuInput,
) -> Result<i64, AppError> {
    // The product must be this brand's.
    product(pool, tenant_id, product_id).await?;
    match id {
        None => sqlx::query_scalar(
            "INSERT INTO skus (tenant_id, product_id, code, spec, stock) VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(tenant_id)
        .bind(product_id)
        .bind(&sku.code)
        .bind(spec_json(&sku.spec))
        .bind(sku.stock)
        .fetch_one(pool)
        .await
        .map_err(duplicate("code")),
        Some(id) => {
            let done = sqlx::query(
                "UPDATE skus SET code = $1, spec = $2, stock = $3 WHERE id = $4 AND product_id = $5 AND tenant_id = $6",
            )
            .bind(&sku.code)
            .bind(spec_json(&sku.spec))
            .bind(sku.stock)
            .bind(id)
            .bind(product_id)
            .bind(tenant_id)
            .execute(pool)
            .await
            .map_err(duplicate("code"))?;
            crate::db::found(done.rows_affected()).map(|_| id)
        }
    }
}

/// Sets (or with `None` removes) one SKU's price in one list.
pub async fn set_price(
    pool: &AnyPool,
    tenant_id: i64,
    price_list_id: i64,
    sku_id: i64,
    amount: Option<i64>,
) -> Result<(), AppError> {
    let owned: Option<(i64, i64)> = sqlx::query_as(
        "SELECT pl.id, s.id FROM price_lists pl, skus s
         WHERE pl.id = $1 AND pl.tenant_id = $3 AND s.id = $2 AND s.tenant_id = $3",
    )
    .bind(price_list_id)
    .bind(sku_id)
    .bind(tenant_id)
    .fetch_optional(pool)
    .await?;
    if owned.is_none() {
        return Err(AppError::NotFound);
    }
    match amount {
        Some(amount) => sqlx::query(
            "INSERT INTO prices (price_list_id, sku_id, amount) VALUES ($1, $2, $3)
             ON CONFLICT (price_list_id, sku_id) DO UPDATE SET amount = excluded.amount",
        )
        .bind(price_list_id)
        .bind(sku_id)
        .bind(amount),
        None => sqlx::query("DELETE FROM prices WHERE price_list_id = $1 AND sku_id = $2")
            .bind(price_list_id)
            .bind(sku_id),
    }
    .execute(pool)
    .await?;
    Ok(())
}

/// Imports product rows in one transaction: categories are created by name,
/// products found by name (or created, off shelf until someone checks them),
/// SKUs inserted or updated by code. Refused rows were never written.
pub async fn import_products(
    pool: &AnyPool,
    tenant_id: i64,
    rows: Vec<ProductRow>,
    mut rejected: Vec<RejectedRow>,
) -> Result<ImportReport, AppError> {
    let mut tx = crate::db::begin(pool).await?;
    // Write first, so SQLite takes the write lock up front.
    sqlx::query("UPDATE tenants SET name = name WHERE id = $1")
        .bind(tenant_id)
        .execute(&mut *tx)
        .await?;
    let now = crate::db::now();
    let mut imported = 0;
    for row in rows {
        let category = if row.category.is_empty() {
            None
        } else {
            Some(category_id(&mut tx, tenant_id, &row.category).await?)
        };
        let product = product_id(&mut tx, tenant_id, &row, category, now).await?;
        sqlx::query(
            "INSERT INTO skus (tenant_id, product_id, code, spec, stock) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (tenant_id, code) DO UPDATE SET product_id = excluded.product_id, spec = excluded.spec, stock = excluded.stock",
        )
        .bind(tenant_id)
        .bind(product)
        .bind(&row.sku)
        .bind(spec_json(&row.spec))
        .bind(row.stock)
        .execute(&mut *tx)
        .await?;
        imported += 1;
    }
    tx.commit().await?;
    rejected.sort_by_key(|r| r.line);
    Ok(ImportReport { imported, rejected })
}

async fn category_id(
    tx: &mut Transaction<'_, Any>,
    tenant_id: i64,
    name: &str,
) -> Result<i64, AppError> {
    sqlx::query("INSERT INTO categories (tenant_id, name, sort) VALUES ($1, $2, 100) ON CONFLICT DO NOTHING")
        .bind(tenant_id)
        .bind(name)
        .execute(&mut **tx)
        .await?;
    Ok(
        sqlx::query_scalar("SELECT id FROM categories WHERE tenant_id = $1 AND name = $2")
            .bind(tenant_id)
            .bind(name)
            .fetch_one(&mut **tx)
            .await?,
    )
}

async fn product_id(
    tx: &mut Transaction<'_, Any>,
    tenant_id: i64,
    row: &ProductRow,
    category: Option<i64>,
    now: i64,
) -> Result<i64, AppError> {
    let existing: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM products WHERE tenant_id = $1 AND name = $2 ORDER BY id LIMIT 1",
    )
    .bind(tenant_id)
    .bind(&row.product)
    .fetch_optional(&mut **tx)
    .await?;
    if let Some(id) = existing {
        sqlx::query(
            "UPDATE products SET unit = $1, moq = $2, category_id = COALESCE($3, category_id) WHERE id = $4",
        )
        .bind(&row.unit)
        .bind(row.moq)
        .bind(category)
        .bind(id)
        .execute(&mut **tx)
        .await?;
        return Ok(id);
    }
    Ok(sqlx::query_scalar(
        "INSERT INTO products (tenant_id, category_id, name, description, unit, moq, on_shelf, created_at)
         VALUES ($1, $2, $3, '', $4, $5, FALSE, $6) RETURNING id",
    )
    .bind(tenant_id)
    .bind(category)
    .bind(&row.product)
    .bind(&row.unit)
    .bind(row.moq)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?)
}
