//! (ssr) A brand's layouts, and the split of validated values into an
//! object's own columns and its `custom` JSON.

use crate::domain::layout::{Field, Layout, LayoutObject, Values};
use crate::error::AppError;
use sqlx::AnyPool;

/// The brand's layout for `object`, or the object's system fields if it never saved one.
pub async fn get(pool: &AnyPool, tenant_id: i64, object: LayoutObject) -> Result<Layout, AppError> {
    let stored: Option<String> =
        sqlx::query_scalar("SELECT fields FROM layouts WHERE tenant_id = $1 AND object = $2")
            .bind(tenant_id)
            .bind(object.code())
            .fetch_optional(pool)
            .await?;
    let Some(json) = stored else {
        return Ok(Layout::default_for(object));
    };
    let fields: Vec<Field> = serde_json::from_str(&json).map_err(|e| {
        tracing::error!(tenant_id, object = object.code(), error = %e, "stored layout unreadable");
        AppError::Internal
    })?;
    Ok(Layout { object, fields })
}

/// Submitted values checked against the brand's current layout of `object`:
/// the cleaned values, or every refused field (`invalid_fields`).
pub async fn validate(
    pool: &AnyPool,
    tenant_id: i64,
    object: LayoutObject,
    input: &Values,
) -> Result<Values, AppError> {
    get(pool, tenant_id, object)
        .await?
        .validate_for_server(input)
}

/// Saves a layout that passed [`Layout::check`].
pub async fn save(pool: &AnyPool, tenant_id: i64, layout: &Layout) -> Result<(), AppError> {
    layout.check().map_err(|e| AppError::Layout {
        problem: e.problem,
        key: e.key,
    })?;
    let json = serde_json::to_string(&layout.fields).map_err(|_| AppError::Internal)?;
    sqlx::query(
        "INSERT INTO layouts (tenant_id, object, fields, updated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (tenant_id, object) DO UPDATE SET fields = excluded.fields, updated_at = excluded.updated_at",
    )
    .bind(tenant_id)
    .bind(layout.object.code())
    .bind(json)
    .bind(crate::db::now())
    .execute(pool)
    .await?;
    Ok(())
}

/// Values of the custom fields (every key not in `columns`) as stored JSON.
pub fn custom_json(values: &Values, columns: &[&str]) -> String {
    let custom: Values = values
        .iter()
        .filter(|(k, _)| !columns.contains(&k.as_str()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    serde_json::to_string(&custom).unwrap_or_else(|_| "{}".into())
}

/// Stored custom JSON read back; unreadable JSON reads as no values.
pub fn custom_values(json: &str) -> Values {
    serde_json::from_str(json).unwrap_or_default()
}
