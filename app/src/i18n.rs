//! zh-CN and en strings. Every user-visible string goes through [`Msg`], so a
//! missing translation is a compile error rather than a blank label.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

/// The cookie that remembers an explicit `?lang=` choice.
pub const LANG_COOKIE: &str = "ol_lang";

impl Lang {
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// Parses a tag from `?lang=`, the cookie or `<html lang>`.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let tag = tag.trim().to_ascii_lowercase();
        if tag == "zh" || tag.starts_with("zh-") || tag.starts_with("zh_") {
            Some(Lang::Zh)
        } else if tag == "en" || tag.starts_with("en-") || tag.starts_with("en_") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// Picks the first supported language of an `Accept-Language` header,
    /// honouring q-values; Chinese when nothing matches (the product's home market).
    pub fn from_accept_language(header: &str) -> Lang {
        let mut best: Option<(f32, Lang)> = None;
        for part in header.split(',') {
            let mut pieces = part.split(';');
            let tag = pieces.next().unwrap_or("").trim();
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            if let Some(lang) = Lang::from_tag(tag) {
                if best.is_none_or(|(bq, _)| q > bq) {
                    best = Some((q, lang));
                }
            }
        }
        best.map(|(_, l)| l).unwrap_or_default()
    }

    /// Resolution order: explicit query, then cookie, then the browser's header.
    pub fn resolve(query: Option<&str>, cookie: Option<&str>, accept: Option<&str>) -> Lang {
        query
            .and_then(Lang::from_tag)
            .or_else(|| cookie.and_then(Lang::from_tag))
            .unwrap_or_else(|| accept.map(Lang::from_accept_language).unwrap_or_default())
    }

    pub fn t(self, msg: Msg) -> &'static str {
        msg.text(self)
    }
}

/// Declares a string table: an enum of keys with a zh-CN and an en text each.
/// The store and the console each have their own table, so neither bundle
/// carries the other's strings.
#[macro_export]
macro_rules! messages {
    ($name:ident { $($key:ident => ($zh:literal, $en:literal)),* $(,)? }) => {
        /// A translatable UI string.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum $name { $($key),* }
        impl $name {
            pub fn text(self, lang: $crate::i18n::Lang) -> &'static str {
                match (self, lang) {
                    $(($name::$key, $crate::i18n::Lang::Zh) => $zh, ($name::$key, $crate::i18n::Lang::En) => $en,)*
                }
            }
        }
    };
}

messages! { Msg {
    AppName => ("订货通", "OrderLink"),
    Home => ("首页", "Home"),
    Account => ("我的", "Account"),
    AllCategories => ("全部", "All"),
    SearchPlaceholder => ("搜索商品", "Search products"),
    Search => ("搜索", "Search"),
    NoProducts => ("没有找到商品。换个关键词或分类试试。", "No products found. Try another search or category."),
    PrevPage => ("上一页", "Previous"),
    NextPage => ("下一页", "Next"),
    PageOf => ("页", "page"),
    PriceOnRequest => ("暂无报价", "Price on request"),
    From => ("起", "from"),
    Unit => ("单位", "Unit"),
    MinOrder => ("起订量", "Minimum order"),
    InStock => ("有货", "In stock"),
    LowStock => ("库存紧张", "Low stock"),
    OutOfStock => ("缺货", "Out of stock"),
    ChooseSpec => ("选择规格", "Choose an option"),
    Choose => ("请选择", "Choose…"),
    RegionPlaceholder => ("省/市/区", "Province/City/District"),
    Back => ("返回", "Back"),
    Loading => ("加载中…", "Loading…"),
    GuestPrices => ("您正在以访客身份浏览，登录后查看您的专属价格。", "You are browsing as a guest. Log in to see your own prices."),
    LogIn => ("登录", "Log in"),
    LogOut => ("退出登录", "Log out"),
    LoginTitle => ("登录订货商城", "Log in to the store"),
    BySms => ("验证码登录", "SMS code"),
    ByPassword => ("账号密码登录", "Password"),
    Phone => ("手机号", "Mobile phone"),
    PhonePlaceholder => ("11 位手机号", "11-digit mobile number"),
    Code => ("验证码", "Verification code"),
    CodePlaceholder => ("6 位数字", "6 digits"),
    SendCode => ("获取验证码", "Send code"),
    ResendIn => ("秒后重发", "s until resend"),
    CodeSent => ("验证码已发送", "Code sent"),
    LoginName => ("账号", "Account name"),
    Password => ("密码", "Password"),
    LoggingIn => ("登录中…", "Logging in…"),
    MyAccount => ("我的账户", "My account"),
    Name => ("姓名", "Name"),
    Enterprise => ("企业", "Enterprise"),
    PriceList => ("价格表", "Price list"),
    StandardPriceList => ("标准价格表", "Standard price list"),
    NotFoundTitle => ("页面不存在", "Page not found"),
    NotFoundBody => ("您访问的商城或页面不存在，请检查链接。", "The store or page you asked for does not exist. Check the link."),
    GoHome => ("返回首页", "Go to the home page"),
    Language => ("语言", "Language"),
    Tagline => ("品牌订货商城", "B2B ordering for brands and their distributors"),
    VisitDemo => ("进入演示商城", "Open the demo store"),
    Products => ("件商品", "products"),
    MainNav => ("主导航", "Main"),
    CategoriesNav => ("商品分类", "Categories"),
    PagesNav => ("分页", "Pages"),
    RegisterTitle => ("申请订货账号", "Apply for an ordering account"),
    RejectedBefore => ("上次申请未通过，原因：", "Your last application was not approved:"),
    CompanySection => ("企业信息", "Company"),
    ContactSection => ("联系人信息", "Contact"),
    FixFields => ("请先修改标出的内容。", "Correct the marked fields first."),
    Submitting => ("提交中…", "Submitting…"),
    SubmitApplication => ("提交申请", "Submit application"),
    ApplicationStatus => ("申请进度", "Application status"),
    Pending => ("等待审核", "Waiting for approval"),
    PendingBody => ("品牌方审核后会短信通知您，通过后即可用本手机号登录订货。", "The brand will text you when it has decided; once approved, log in with this phone to order."),
    Approved => ("已通过", "Approved"),
    ApprovedBody => ("您的订货账号已开通，请用本手机号登录。", "Your ordering account is ready. Log in with this phone."),
    Rejected => ("未通过", "Not approved"),
    RejectedBody => ("您可以按原因修改后重新申请。", "You may correct what the reason says and apply again."),
    NotApplied => ("尚未申请", "No application yet"),
    NotAppliedBody => ("填写企业和联系人信息即可申请订货账号。", "Fill in your company and contact details to apply for an ordering account."),
    Company => ("企业名称", "Company"),
    SubmittedAt => ("提交时间", "Submitted"),
    RejectReason => ("原因：", "Reason:"),
    ApplyAgain => ("重新申请", "Apply again"),
}}

// ---------- text messages (SMS) ----------
// Texts start with the brand's signature: 【name】 in Chinese, [name] in English.

/// The login code text.
pub fn sms_code(lang: Lang, store: &str, code: &str, minutes: i64) -> String {
    match lang {
        Lang::Zh => format!("【{store}】验证码 {code}，{minutes} 分钟内有效，请勿告诉他人。"),
        Lang::En => format!(
            "[{store}] Your code is {code}. It expires in {minutes} minutes. Do not share it."
        ),
    }
}

/// The text that tells an applicant their application was approved.
pub fn sms_approved(lang: Lang, store: &str, company: &str) -> String {
    match lang {
        Lang::Zh => {
            format!("【{store}】您为“{company}”提交的订货申请已通过，请用本手机号登录订货。")
        }
        Lang::En => format!(
            "[{store}] Your application for {company} is approved. Log in with this phone to order."
        ),
    }
}

/// The text that tells an applicant their application was rejected, and why.
pub fn sms_rejected(lang: Lang, store: &str, company: &str, reason: &str) -> String {
    match lang {
        Lang::Zh => format!(
            "【{store}】您为“{company}”提交的订货申请未通过：{reason}。可修改后重新申请。"
        ),
        Lang::En => format!(
            "[{store}] Your application for {company} was not approved: {reason}. You may apply again."
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_prefers_highest_q() {
        assert_eq!(
            Lang::from_accept_language("en-US,en;q=0.9,zh-CN;q=0.8"),
            Lang::En
        );
        assert_eq!(
            Lang::from_accept_language("fr;q=1, zh-CN;q=0.5, en;q=0.4"),
            Lang::Zh
        );
        assert_eq!(Lang::from_accept_language("fr, de"), Lang::Zh);
        assert_eq!(Lang::from_accept_language(""), Lang::Zh);
    }

    #[test]
    fn query_beats_cookie_beats_header() {
        assert_eq!(
            Lang::resolve(Some("en"), Some("zh-CN"), Some("zh")),
            Lang::En
        );
        assert_eq!(Lang::resolve(None, Some("en"), Some("zh")), Lang::En);
        assert_eq!(Lang::resolve(Some("xx"), None, Some("en-GB")), Lang::En);
        assert_eq!(Lang::resolve(None, None, None), Lang::Zh);
    }

    #[test]
    fn every_message_has_both_languages() {
        for m in [Msg::AppName, Msg::NoProducts, Msg::LoginTitle] {
            assert!(!m.text(Lang::Zh).is_empty());
            assert!(!m.text(Lang::En).is_empty());
            assert_ne!(m.text(Lang::Zh), m.text(Lang::En));
        }
    }
}
