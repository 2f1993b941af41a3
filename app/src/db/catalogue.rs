//! (ssr) Catalogue reads for the store, priced for one viewer.

use crate::db::{like_pattern, Dialect, Sql};
use crate::domain::catalogue::{CategoryView, ProductCard, ProductDetail, SkuView};
use crate::domain::pricing::{effective_price, lowest_price, PriceLists};
use crate::domain::stock::StockState;
use crate::error::AppError;
use crate::error::CatalogueError;
use sqlx::AnyConnection;

pub async fn categories(
    conn: &mut AnyConnection,
    tenant_id: i64,
) -> Result<Vec<CategoryView>, AppError> {
    let rows: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, name FROM categories WHERE tenant_id = $1 ORDER BY sort, id")
            .bind(tenant_id)
            .fetch_all(conn)
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

fn push_filter(sql: &mut Sql<'_>, dialect: Dialect, tenant_id: i64, f: &ProductFilter<'_>) {
    sql.push(" WHERE tenant_id = ")
        .bind(tenant_id)
        .push(" AND on_shelf = TRUE");
    if let Some(cat) = f.category {
        sql.push(" AND category_id = ").bind(cat);
    }
    let search = f.search.trim();
    if !search.is_empty() {
        sql.push(" AND ")
            .push(&dialect.case_folded("name"))
            .push(" LIKE lower(")
            .bind(like_pattern(search))
            .push(") ESCAPE '\\'");
    }
}

/// The ids of every product the filter matches, in the order pages list
/// them (by id), read as one aggregated text so that thousands of ids cross
/// from the database in one row (`service::catalogue::Shelves` keeps them).
pub async fn matching_ids(
    conn: &mut AnyConnection,
    tenant_id: i64,
    f: &ProductFilter<'_>,
) -> Result<Vec<i64>, AppError> {
    let dialect = Dialect::of_conn(conn);
    let mut sql = Sql::new(&format!(
        "SELECT {} FROM products",
        dialect.comma_joined("id")
    ));
    push_filter(&mut sql, dialect, tenant_id, f);
    let (text, args) = sql.finish()?;
    let joined: Option<String> = sqlx::query_scalar_with(&text, args).fetch_one(conn).await?;
    let mut ids = parse_ids(joined.as_deref().unwrap_or(""))?;
    // Neither aggregate promises an order.
    ids.sort_unstable();
    Ok(ids)
}

/// `1,2,3` as numbers; anything else is the database's fault, not the user's.
fn parse_ids(joined: &str) -> Result<Vec<i64>, AppError> {
    joined
        .split(',')
        .filter(|id| !id.is_empty())
        .map(|id| {
            id.parse().map_err(|_| {
                tracing::error!(id, "not a product id in a shelf list");
                AppError::Internal
            })
        })
        .collect()
}

#[derive(sqlx::FromRow)]
struct SkuPriceRow {
    id: i64,
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

/// A product's SKUs with both applicable prices; the domain rule picks.
async fn skus_with_prices(
    conn: &mut AnyConnection,
    tenant_id: i64,
    lists: PriceLists,
    product_id: i64,
) -> Result<Vec<SkuPriceRow>, AppError> {
    let rows = sqlx::query_as(
        "SELECT s.id, s.code, s.spec, s.stock,
                pp.amount AS primary_price, sp.amount AS standard_price
         FROM skus s
         LEFT JOIN prices pp ON pp.sku_id = s.id AND pp.price_list_id = $1
         LEFT JOIN prices sp ON sp.sku_id = s.id AND sp.price_list_id = $2
         WHERE s.tenant_id = $3 AND s.product_id = $4
         ORDER BY s.id",
    )
    .bind(lists.primary)
    .bind(lists.standard)
    .bind(tenant_id)
    .bind(product_id)
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// One product of a page with one of its SKUs (none: `sku_id` is NULL).
#[derive(sqlx::FromRow)]
struct CardRow {
    id: i64,
    name: String,
    unit: String,
    moq: i64,
    image: Option<String>,
    sku_id: Option<i64>,
    stock: Option<i64>,
    primary_price: Option<i64>,
    standard_price: Option<i64>,
}

/// The cards of the products `ids` names, in id order, in one query: each
/// product joined with its SKUs and both applicable prices (the domain rule
/// picks). The store and the shelf are checked again, so a list read a
/// moment ago never shows another store's product or one just taken off.
pub async fn cards(
    conn: &mut AnyConnection,
    tenant_id: i64,
    lists: PriceLists,
    ids: &[i64],
) -> Result<Vec<ProductCard>, AppError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql = Sql::new(
        "SELECT p.id, p.name, p.unit, p.moq, p.image,
                s.id AS sku_id, s.stock,
                pp.amount AS primary_price, sp.amount AS standard_price
         FROM products p
         LEFT JOIN skus s ON s.product_id = p.id AND s.tenant_id = p.tenant_id
         LEFT JOIN prices pp ON pp.sku_id = s.id AND pp.price_list_id = ",
    );
    sql.bind(lists.primary)
        .push(" LEFT JOIN prices sp ON sp.sku_id = s.id AND sp.price_list_id = ")
        .bind(lists.standard)
        .push(" WHERE p.tenant_id = ")
        .bind(tenant_id)
        .push(" AND p.on_shelf = TRUE AND p.id IN (");
    for (i, id) in ids.iter().enumerate() {
        if i > 0 {
            sql.push(", ");
        }
        sql.bind(*id);
    }
    sql.push(") ORDER BY p.id, s.id");
    let (text, args) = sql.finish()?;
    let rows: Vec<CardRow> = sqlx::query_as_with(&text, args).fetch_all(conn).await?;
    Ok(fold_cards(rows))
}

/// A card being filled from its rows: the SKUs' prices and stock so far.
struct CardSoFar {
    card: ProductCard,
    prices: Vec<Option<i64>>,
    stock: i64,
}

/// Folds the rows (in product order) into one card per product.
fn fold_cards(rows: Vec<CardRow>) -> Vec<ProductCard> {
    let mut cards: Vec<CardSoFar> = Vec::new();
    for row in rows {
        if cards.last().is_none_or(|c| c.card.id != row.id) {
            cards.push(CardSoFar {
                card: ProductCard {
                    id: row.id,
                    name: row.name,
                    unit: row.unit,
                    moq: row.moq,
                    image: row.image,
                    price: None,
                    sku_count: 0,
                    stock: StockState::from_quantity(0),
                },
                prices: Vec::new(),
                stock: 0,
            });
        }
        if let (Some(so_far), Some(_)) = (cards.last_mut(), row.sku_id) {
            so_far.card.sku_count += 1;
            so_far
                .prices
                .push(effective_price(row.primary_price, row.standard_price));
            so_far.stock += row.stock.unwrap_or(0).max(0);
        }
    }
    cards
        .into_iter()
        .map(|so_far| ProductCard {
            price: lowest_price(so_far.prices),
            stock: StockState::from_quantity(so_far.stock),
            ..so_far.card
        })
        .collect()
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
    conn: &mut AnyConnection,
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
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(CatalogueError::ProductNotFound)?;

    let skus = skus_with_prices(conn, tenant_id, lists, row.id)
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

    fn row(id: i64, sku: Option<(i64, i64, Option<i64>, Option<i64>)>) -> CardRow {
        CardRow {
            id,
            name: format!("p{id}"),
            unit: "box".into(),
            moq: 1,
            image: None,
            sku_id: sku.map(|s| s.0),
            stock: sku.map(|s| s.1),
            primary_price: sku.and_then(|s| s.2),
            standard_price: sku.and_then(|s| s.3),
        }
    }

    #[test]
    fn a_card_takes_its_skus_lowest_price_and_their_stock_and_a_product_without_skus_stays() {
        let cards = fold_cards(vec![
            // Product 1: the list price where there is one, else the standard.
            row(1, Some((10, 5, Some(900), Some(1000)))),
            row(1, Some((11, -3, None, Some(800)))),
            row(1, Some((12, 7, None, None))),
            // Product 2 has no SKUs yet.
            row(2, None),
            row(3, Some((30, 0, Some(100), None))),
        ]);
        let summary: Vec<(i64, Option<i64>, u32, StockState)> = cards
            .iter()
            .map(|c| (c.id, c.price, c.sku_count, c.stock))
            .collect();
        assert_eq!(
            summary,
            vec![
                (1, Some(800), 3, StockState::from_quantity(12)),
                (2, None, 0, StockState::from_quantity(0)),
                (3, Some(100), 1, StockState::from_quantity(0)),
            ]
        );
    }

    #[test]
    fn a_shelf_list_reads_back_as_ids_and_an_empty_one_as_none() {
        assert_eq!(parse_ids("3,10,200").ok(), Some(vec![3, 10, 200]));
        assert_eq!(parse_ids("").ok(), Some(vec![]));
        assert!(parse_ids("3,x").is_err());
    }

    #[test]
    fn spec_parses_pairs_and_tolerates_garbage() {
        assert_eq!(
            parse_spec(r#"[["规格","500ml"]]"#),
            vec![("规格".to_string(), "500ml".to_string())]
        );
        assert!(parse_spec("not json").is_empty());
    }
}
