//! (ssr) Demo data for a new database in demo mode: store `demo` with a
//! catalogue, four price lists, two distributors and a guest Account, and a
//! small second brand, `tea`, where `dist1`'s phone has an account too.

use crate::db::auth::hash_password;
use crate::domain::permissions::{ORDER_CLERK, STORE_ADMIN};
use crate::error::AppError;
use sqlx::{Any, AnyPool, Transaction};

/// Demo-only password of the demo ordering accounts `dist1` and `dist2`.
pub const DEMO_PASSWORD: &str = "orderlink-demo";
/// Demo-only password of the demo staff `admin@demo.test` and `clerk@demo.test`.
pub const DEMO_ADMIN_PASSWORD: &str = "orderlink-admin";

const CATEGORIES: [&str; 6] = ["饮料", "零食", "乳制品", "调味品", "粮油", "日用百货"];

/// (category index, name, unit, minimum order, SKUs as (spec pairs, standard price in fen))
type Sku = (&'static [(&'static str, &'static str)], i64);
type Product = (usize, &'static str, &'static str, i64, &'static [Sku]);

const PRODUCTS: &[Product] = &[
    (
        0,
        "天然矿泉水",
        "箱",
        5,
        &[
            (&[("规格", "550ml×24")], 2400),
            (&[("规格", "1.5L×12")], 3000),
        ],
    ),
    (0, "原味苏打水", "箱", 2, &[(&[("规格", "350ml×24")], 4800)]),
    (
        0,
        "柠檬茶",
        "箱",
        2,
        &[
            (&[("口味", "柠檬"), ("规格", "500ml×15")], 4500),
            (&[("口味", "蜜桃"), ("规格", "500ml×15")], 4650),
        ],
    ),
    (0, "无糖绿茶", "箱", 2, &[(&[("规格", "500ml×15")], 5250)]),
    (
        0,
        "橙汁饮料",
        "箱",
        2,
        &[
            (&[("规格", "1L×12")], 7800),
            (&[("规格", "300ml×24")], 6900),
        ],
    ),
    (
        0,
        "冰咖啡",
        "箱",
        1,
        &[
            (&[("口味", "美式")], 9600),
            (&[("口味", "拿铁")], 10800),
            (&[("口味", "摩卡")], 10800),
        ],
    ),
    (0, "椰子水", "箱", 1, &[(&[("规格", "330ml×12")], 8400)]),
    (
        0,
        "运动饮料",
        "箱",
        2,
        &[(&[("口味", "西柚")], 5400), (&[("口味", "青柠")], 5400)],
    ),
    (
        1,
        "海盐苏打饼干",
        "箱",
        1,
        &[(&[("规格", "400g×12")], 9000)],
    ),
    (
        1,
        "原味薯片",
        "箱",
        1,
        &[
            (&[("口味", "原味")], 7200),
            (&[("口味", "番茄")], 7200),
            (&[("口味", "烧烤")], 7200),
        ],
    ),
    (
        1,
        "坚果礼盒",
        "盒",
        5,
        &[(&[("规格", "750g")], 12800), (&[("规格", "1.5kg")], 23800)],
    ),
    (
        1,
        "牛肉干",
        "箱",
        1,
        &[(&[("口味", "五香")], 15600), (&[("口味", "麻辣")], 15600)],
    ),
    (1, "夹心饼干", "箱", 2, &[(&[("规格", "100g×30")], 6600)]),
    (1, "爆米花", "箱", 2, &[(&[("口味", "焦糖")], 4800)]),
    (1, "海苔", "箱", 1, &[(&[("规格", "4g×60")], 5400)]),
    (
        1,
        "黑巧克力",
        "盒",
        10,
        &[
            (&[("可可含量", "70%")], 3200),
            (&[("可可含量", "85%")], 3500),
        ],
    ),
    (
        2,
        "纯牛奶",
        "箱",
        5,
        &[
            (&[("规格", "250ml×24")], 6000),
            (&[("规格", "1L×12")], 9600),
        ],
    ),
    (2, "原味酸奶", "箱", 3, &[(&[("规格", "200g×12")], 5400)]),
    (
        2,
        "奶酪棒",
        "箱",
        2,
        &[(&[("口味", "原味")], 8800), (&[("口味", "草莓")], 8800)],
    ),
    (2, "低脂牛奶", "箱", 5, &[(&[("规格", "250ml×24")], 6600)]),
    (2, "儿童成长奶", "箱", 2, &[(&[("规格", "190ml×15")], 6900)]),
    (2, "黄油", "块", 12, &[(&[("规格", "227g")], 2800)]),
    (
        2,
        "奶粉",
        "罐",
        6,
        &[
            (&[("段位", "1段")], 26800),
            (&[("段位", "2段")], 25800),
            (&[("段位", "3段")], 24800),
        ],
    ),
    (
        3,
        "生抽酱油",
        "箱",
        2,
        &[
            (&[("规格", "500ml×12")], 7200),
            (&[("规格", "1.9L×6")], 9900),
        ],
    ),
    (3, "老抽酱油", "箱", 2, &[(&[("规格", "500ml×12")], 7800)]),
    (3, "香醋", "箱", 2, &[(&[("规格", "500ml×12")], 6000)]),
    (3, "蚝油", "箱", 2, &[(&[("规格", "700g×12")], 10200)]),
    (3, "食盐", "箱", 5, &[(&[("规格", "400g×40")], 4000)]),
    (3, "鸡精", "箱", 2, &[(&[("规格", "200g×20")], 9000)]),
    (
        3,
        "辣椒酱",
        "箱",
        2,
        &[(&[("辣度", "中辣")], 6600), (&[("辣度", "特辣")], 6600)],
    ),
    (3, "白砂糖", "箱", 2, &[(&[("规格", "1kg×10")], 8000)]),
    (
        4,
        "东北大米",
        "袋",
        10,
        &[(&[("规格", "5kg")], 4500), (&[("规格", "10kg")], 8500)],
    ),
    (4, "花生油", "桶", 4, &[(&[("规格", "5L")], 12900)]),
    (4, "菜籽油", "桶", 4, &[(&[("规格", "5L")], 8900)]),
    (4, "高筋面粉", "袋", 10, &[(&[("规格", "5kg")], 3900)]),
    (4, "挂面", "箱", 2, &[(&[("规格", "1kg×10")], 6800)]),
    (4, "小米", "袋", 10, &[(&[("规格", "2.5kg")], 3300)]),
    (4, "燕麦片", "箱", 2, &[(&[("规格", "1kg×6")], 8400)]),
    (5, "抽纸", "提", 10, &[(&[("规格", "3层×100抽×6包")], 1990)]),
    (
        5,
        "洗衣液",
        "箱",
        1,
        &[(&[("规格", "2kg×6")], 15000), (&[("规格", "3kg×4")], 15600)],
    ),
    (5, "洗洁精", "箱", 1, &[(&[("规格", "1.1kg×12")], 11400)]),
    (5, "垃圾袋", "箱", 1, &[(&[("规格", "中号×50卷")], 9000)]),
    (
        5,
        "牙膏",
        "箱",
        1,
        &[(&[("香型", "薄荷")], 14400), (&[("香型", "绿茶")], 14400)],
    ),
    (5, "洗发水", "箱", 1, &[(&[("规格", "750ml×12")], 35000)]),
    (5, "湿巾", "箱", 1, &[(&[("规格", "80片×24包")], 12000)]),
];

/// Percent of the standard price each demo list charges.
const LISTS: [(&str, i64); 4] = [
    ("标准价格表", 100),
    ("一级经销价", 85),
    ("二级经销价", 92),
    ("访客价", 110),
];

/// (Account name, index into the brand's lists, contact name, phone, login name)
type Distributor = (
    &'static str,
    usize,
    &'static str,
    &'static str,
    &'static str,
);

/// One brand's demo store.
struct Brand {
    slug: &'static str,
    name: &'static str,
    /// SKU codes are this and a number.
    sku_prefix: &'static str,
    categories: &'static [&'static str],
    products: &'static [Product],
    /// The first list is the standard one.
    lists: &'static [(&'static str, i64)],
    /// The demo store shows guests the list at this index and takes registrations.
    guest_list: Option<usize>,
    distributors: &'static [Distributor],
    /// The login name of a distributor whose enterprise is tenant-enabled
    /// and who is its admin (manages its team at `/s/{store}/team`).
    team_admin: Option<&'static str>,
    /// (email, name, system role key)
    staff: &'static [(&'static str, &'static str, &'static str)],
}

const DEMO: Brand = Brand {
    slug: "demo",
    name: "Demo Brand",
    sku_prefix: "SKU",
    categories: &CATEGORIES,
    products: PRODUCTS,
    lists: &LISTS,
    guest_list: Some(3),
    distributors: &[
        ("华东贸易有限公司", 1, "张伟", "13800000001", "dist1"),
        ("华南商贸有限公司", 2, "李娜", "13800000002", "dist2"),
    ],
    team_admin: Some("dist2"),
    staff: &[
        ("admin@demo.test", "演示管理员", STORE_ADMIN),
        ("clerk@demo.test", "演示订单员", ORDER_CLERK),
    ],
};

/// A second, small brand where `dist1`'s phone also has an ordering
/// account, so the platform mini-program's store picker has two stores to
/// offer (`/lite`).
const TEA: Brand = Brand {
    slug: "tea",
    name: "Spring Tea",
    sku_prefix: "TEA",
    categories: &["绿茶", "红茶"],
    products: &[
        (0, "明前龙井", "盒", 2, &[(&[("规格", "250g")], 16800)]),
        (0, "洞庭碧螺春", "盒", 2, &[(&[("规格", "250g")], 12800)]),
        (1, "正山小种", "盒", 1, &[(&[("规格", "200g")], 9800)]),
    ],
    lists: &[("标准价格表", 100), ("经销价", 80)],
    guest_list: None,
    distributors: &[("杭州茗香商行", 1, "张伟", "13800000001", "tea1")],
    team_admin: None,
    staff: &[("admin@tea.test", "春茶管理员", STORE_ADMIN)],
};

/// Seeds the demo stores unless any store exists already. Returns whether it
/// did. One transaction under the write lock, so instances starting together
/// seed once, and a crash leaves no half-seeded store.
pub async fn seed_demo_if_empty(pool: &AnyPool) -> Result<bool, AppError> {
    let password_hash = hash_password(DEMO_PASSWORD)?;
    let admin_hash = hash_password(DEMO_ADMIN_PASSWORD)?;
    let mut tx = crate::db::begin(pool).await?;
    let stores: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM tenants")
        .fetch_one(&mut *tx)
        .await?;
    if stores > 0 {
        return Ok(false);
    }
    let demo = seed_store(&mut tx, &DEMO, &password_hash).await?;
    let tea = seed_store(&mut tx, &TEA, &password_hash).await?;
    crate::db::staff::ensure_system_roles_in(&mut tx).await?;
    for (tenant, brand) in [(demo, &DEMO), (tea, &TEA)] {
        for (email, name, role) in brand.staff {
            crate::db::staff::create_staff(&mut tx, tenant, email, name, &admin_hash, role).await?;
        }
    }
    tx.commit().await?;
    Ok(true)
}

async fn insert_id<'q>(
    tx: &mut Transaction<'_, Any>,
    q: sqlx::query::QueryScalar<'q, Any, i64, sqlx::any::AnyArguments<'q>>,
) -> Result<i64, AppError> {
    Ok(q.fetch_one(&mut **tx).await?)
}

/// Inserts a brand's store; returns its tenant id.
async fn seed_store(
    tx: &mut Transaction<'_, Any>,
    brand: &Brand,
    password_hash: &str,
) -> Result<i64, AppError> {
    let now = crate::db::now();
    let tenant = insert_id(
        tx,
        sqlx::query_scalar(
            "INSERT INTO tenants (slug, name, notice, created_at) VALUES ($1, $2, '', $3) RETURNING id",
        )
        .bind(brand.slug)
        .bind(brand.name)
        .bind(now),
    )
    .await?;

    let mut lists = Vec::new();
    for (name, _) in brand.lists {
        let id = insert_id(
            tx,
            sqlx::query_scalar(
                "INSERT INTO price_lists (tenant_id, name) VALUES ($1, $2) RETURNING id",
            )
            .bind(tenant)
            .bind(*name),
        )
        .await?;
        lists.push(id);
    }

    let mut categories = Vec::new();
    for (i, name) in brand.categories.iter().enumerate() {
        let id = insert_id(
            tx,
            sqlx::query_scalar(
                "INSERT INTO categories (tenant_id, name, sort) VALUES ($1, $2, $3) RETURNING id",
            )
            .bind(tenant)
            .bind(*name)
            .bind(i as i64),
        )
        .await?;
        categories.push(id);
    }

    let mut sku_n = 0i64;
    for (cat, name, unit, moq, skus) in brand.products {
        let product = insert_id(
            tx,
            sqlx::query_scalar(
                "INSERT INTO products (tenant_id, category_id, name, description, unit, moq, on_shelf, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, TRUE, $7) RETURNING id",
            )
            .bind(tenant)
            .bind(categories[*cat])
            .bind(*name)
            .bind(format!("{name}，品牌直供，正品保障。"))
            .bind(*unit)
            .bind(*moq)
            .bind(now),
        )
        .await?;
        for (spec, price) in *skus {
            sku_n += 1;
            // Deterministic variety: a few SKUs out of stock, a few low.
            let stock = match sku_n % 11 {
                0 => 0,
                5 => 6,
                _ => 50 + (sku_n * 37) % 400,
            };
            let spec_json = serde_json::to_string(spec).unwrap_or_else(|_| "[]".into());
            let sku = insert_id(
                tx,
                sqlx::query_scalar(
                    "INSERT INTO skus (tenant_id, product_id, code, spec, stock) VALUES ($1, $2, $3, $4, $5) RETURNING id",
                )
                .bind(tenant)
                .bind(product)
                .bind(format!("{}-{sku_n:04}", brand.sku_prefix))
                .bind(spec_json)
                .bind(stock),
            )
            .await?;
            for ((_, pct), list) in brand.lists.iter().zip(&lists) {
                sqlx::query(
                    "INSERT INTO prices (price_list_id, sku_id, amount) VALUES ($1, $2, $3)",
                )
                .bind(*list)
                .bind(sku)
                .bind(price * pct / 100)
                .execute(&mut **tx)
                .await?;
            }
        }
    }

    sqlx::query("UPDATE tenants SET standard_price_list_id = $1 WHERE id = $2")
        .bind(lists[0])
        .bind(tenant)
        .execute(&mut **tx)
        .await?;
    if let Some(guest_list) = brand.guest_list {
        open_to_guests(tx, tenant, lists[guest_list]).await?;
    }

    for (name, list, contact_name, phone, login) in brand.distributors {
        let is_team_admin = brand.team_admin == Some(*login);
        let account_id = insert_id(tx, account(tenant, name, lists[*list], false, now)).await?;
        let contact = insert_id(
            tx,
            sqlx::query_scalar(
                "INSERT INTO contacts (tenant_id, account_id, name, phone, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
            )
            .bind(tenant)
            .bind(account_id)
            .bind(*contact_name)
            .bind(*phone)
            .bind(now),
        )
        .await?;
        let enterprise = insert_id(
            tx,
            sqlx::query_scalar(
                "INSERT INTO enterprises (tenant_id, account_id, has_tenant, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
            )
            .bind(tenant)
            .bind(account_id)
            .bind(is_team_admin)
            .bind(now),
        )
        .await?;
        let user = insert_id(
            tx,
            sqlx::query_scalar(
            "INSERT INTO store_users (tenant_id, enterprise_id, contact_id, phone, login_name, password_hash, is_liaison, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, TRUE, $7) RETURNING id",
        )
        .bind(tenant)
        .bind(enterprise)
        .bind(contact)
        .bind(*phone)
        .bind(*login)
        .bind(password_hash)
        .bind(now),
        )
        .await?;
        if is_team_admin {
            sqlx::query("UPDATE enterprises SET admin_user_id = $1 WHERE id = $2")
                .bind(user)
                .bind(enterprise)
                .execute(&mut **tx)
                .await?;
        }
    }
    Ok(tenant)
}

fn account<'q>(
    tenant: i64,
    name: &'q str,
    list: i64,
    is_virtual: bool,
    now: i64,
) -> sqlx::query::QueryScalar<'q, Any, i64, sqlx::any::AnyArguments<'q>> {
    sqlx::query_scalar(
        "INSERT INTO accounts (tenant_id, name, price_list_id, is_virtual, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(tenant)
    .bind(name)
    .bind(list)
    .bind(is_virtual)
    .bind(now)
}

/// Guests see the guest list's prices; registrations are taken and approved.
async fn open_to_guests(
    tx: &mut Transaction<'_, Any>,
    tenant: i64,
    guest_list: i64,
) -> Result<(), AppError> {
    let now = crate::db::now();
    let guest = insert_id(
        tx,
        account(tenant, "访客（虚拟客户）", guest_list, true, now),
    )
    .await?;
    sqlx::query(
        "UPDATE tenants SET guest_account_id = $1,
                guest_mode = TRUE, guest_prompt_zh = $3, guest_prompt_en = $4,
                registration_enabled = TRUE, registration_approval = TRUE
         WHERE id = $2",
    )
    .bind(guest)
    .bind(tenant)
    .bind("您正在以访客身份浏览，显示的是参考价。登录或注册后可查看您的专属价格并下单。")
    .bind("You are browsing as a guest with reference prices. Log in or register to see your own prices and order.")
    .execute(&mut **tx)
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_catalogue_is_big_enough() {
        assert!(PRODUCTS.len() >= 40);
        let used: std::collections::HashSet<usize> = PRODUCTS.iter().map(|p| p.0).collect();
        assert!(used.len() >= 5);
        assert!(PRODUCTS.iter().filter(|p| p.4.len() > 1).count() >= 5);
    }
}
