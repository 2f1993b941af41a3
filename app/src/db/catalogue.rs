//! (ssr) Catalogue reads for the store, priced for one viewer.

use crate::db::{like_pattern, Sql};
use crate::domain::catalogue::{CategoryView, ProductCard, ProductDetail, SkuView};
use crate::domain::pricing::{effective_price, lowest_price, PriceLists};
use crate::domain::stock::StockState;
use crate::error::AppError;
use crate::error::CatalogueError;
use sqlx::AnyPool;
use std::collections::HashMap;

pub async fn categories(pool: &AnyPool, tenant_id: i64) -> Result<Vec<CategoryView>, AppError> {
    let rows: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, name FROM categories WHERE tenant_id = $1 ORDER BY sort, id")
            .bind(tenant_id)
            .fetch_all(pool)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name)| CategoryView { id, name })
        .collect())
}

pub struct ProductFilter<'a> {
    pub category: Option<i64>,
    pub search: &'a str,
}

fn push_filter(sql: &mut Sql<'_>, tenant_id: i64, f: &ProductFilter<'_>) {
    sql.push(" WHERE tenant_id = ")
        .bind(tenant_id)
        .push(" AND on_shelf = TRUE");
    if let Some(cat) = f.category {
        sql.push(" AND category_id = ").bind(cat);
    }
    let search = f.search.trim();
    if !search.is_empty() {
        sql.push(" AND lower(name) LIKE lower(")
            .bind(like_pattern(search))
            .push(") ESCAPE '\\'");
    }
}

pub async fn count_products(
    pool: &AnyPool,
    tenant_id: i64,
    f: &ProductFilter<'_>,
) -> Result<i64, AppError> {
    let mut sql = Sql::new("SELECT COUNT(*) FROM products");
    push_filter(&mut sql, tenant_id, f);
    let (text, args) = sql.finish()?;
    Ok(sqlx::query_scalar_with(&text, args).fetch_one(pool).await?)
}

#[derive(sqlx::FromRow)]
struct ProductRow {
    id: i64,
    name: String,
    unit: String,
    moq: i64,
    image: Option<String>,
}

#[derive(sqlx::FromRow)]
struct SkuPriceRow {
    id: i64,
    product_id: i64,
    code: String,
    spec: String,
    stock: i64,
    primary_price: Option<i64>,
    standard_price: Option<i64>,
}

impl SkuPriceRow {
    fn price(&self) -> Option<i64> {
        effective_price(self.primary_price, self.standard_price)
    }
}

/// SKUs of the given products with both applicable prices; the domain rule picks.
async fn skus_with_prices(
    pool: &AnyPool,
    tenant_id: i64,
    lists: PriceLists,
    product_ids: &[i64],
) -> Result<Vec<SkuPriceRow>, AppError> {
    if product_ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql = Sql::new(
        "SELECT s.id, s.product_id, s.code, s.spec, s.stock,
                pp.amount AS primary_price, sp.amount AS standard_price
         FROM skus s
         LEFT JOIN prices pp ON pp.sku_id = s.id AND pp.price_list_id = ",
    );
    sql.bind(lists.primary)
        .push(" LEFT JOIN prices sp ON sp.sku_id = s.id AND sp.price_list_id = ")
        .bind(lists.standard)
        .push(" WHERE s.tenant_id = ")
        .bind(tenant_id)
        .push(" AND s.product_id IN (");
    for (i, id) in product_ids.iter().enumerate() {
        if i > 0 {
            sql.push(", ");
        }
        sql.bind(*id);
    }
    sql.push(") ORDER BY s.product_id, s.id");
    let (text, args) = sql.finish()?;
    Ok(sqlx::query_as_with(&text, args).fetch_all(pool).await?)
}

pub async fn product_page(
    pool: &AnyPool,
    tenant_id: i64,
    lists: PriceLists,
    f: &ProductFilter<'_>,
    limit: i64,
    offset: i64,
) -> Result<Vec<ProductCard>, AppError> {
    let mut sql = Sql::new("SELECT id, name, unit, moq, image FROM products");
    push_filter(&mut sql, tenant_id, f);
    sql.push(" ORDER BY id LIMIT ")
        .bind(limit)
        .push(" OFFSET ")
        .bind(offset);
    let (text, args) = sql.finish()?;
    let products: Vec<ProductRow> = sqlx::query_as_with(&text, args).fetch_all(pool).await?;

    let ids: Vec<i64> = products.iter().map(|p| p.id).collect();
    let mut by_product: HashMap<i64, Vec<SkuPriceRow>> = HashMap::new();
    for sku in skus_with_prices(pool, tenant_id, lists, &ids).await? {
        by_product.entry(sku.product_id).or_default().push(sku);
    }
    Ok(products
        .into_iter()
        .map(|p| {
            let skus = by_product.remove(&p.id).unwrap_or_default();
            ProductCard {
                id: p.id,
                name: p.name,
                unit: p.unit,
                moq: p.moq,
                image: p.image,
                price: lowest_price(skus.iter().map(SkuPriceRow::price)),
                sku_count: skus.len() as u32,
                stock: StockState::from_quantity(skus.iter().map(|s| s.stock.max(0)).sum()),
            }
        })
        .collect())
}

#[derive(sqlx::FromRow)]
struct DetailRow {
    id: i64,
    name: String,
    description: String,
    unit: String,
    moq: i64,
    category: Option<String>,
    image: Option<String>,
}

/// Spec attributes are stored as `[["name","value"], …]`; anything else reads as none.
fn parse_spec(spec: &str) -> Vec<(String, String)> {
    serde_json::from_str(spec).unwrap_or_default()
}

pub async fn product_detail(
    pool: &AnyPool,
    tenant_id: i64,
    lists: PriceLists,
    product_id: i64,
) -> Result<ProductDetail, AppError> {
    let row: DetailRow = sqlx::query_as(
        "SELECT p.id, p.name, p.description, p.unit, p.moq, c.name AS category, p.image
         FROM products p LEFT JOIN categories c ON c.id = p.category_id
         WHERE p.id = $1 AND p.tenant_id = $2 AND p.on_shelf = TRUE",
    )
    .bind(product_id)
    .bind(tenant_id)
    .fetch_optional(pool)
    .await?
    .ok_or(CatalogueError::ProductNotFound)?;

    let skus = skus_with_prices(pool, tenant_id, lists, &[row.id])
        .await?
        .into_iter()
        .map(|s| SkuView {
            id: s.id,
            price: s.price(),
            code: s.code,
            attrs: parse_spec(&s.spec),
            stock: StockState::from_quantity(s.stock),
        })
        .collect();
    Ok(ProductDetail {
        id: row.id,
        name: row.name,
        description: row.description,
        image: row.image,
        unit: row.unit,
        moq: row.moq,
        category: row.category,
        skus,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spec_parses_pairs_and_tolerates_garbage() {
        assert_eq!(
            parse_spec(r#"[["规格","500ml"]]"#),
            vec![("规格".to_string(), "500ml".to_string())]
        );
        assert!(parse_spec("not json").is_empty());
    }
}
