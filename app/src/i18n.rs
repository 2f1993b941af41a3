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
    ScanWithWeChat => ("微信扫码登录", "Scan with WeChat"),
    WeChatBindHint => ("扫码成功。首次使用请用短信验证码验证一次手机号，之后扫码即可直接登录。", "Scanned. The first time, confirm your phone with an SMS code once; after that, scanning logs you in."),
    LoginWithWeChat => ("微信手机号一键登录", "Log in with your WeChat phone number"),
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
    // The language switch names each language in itself.
    ChineseName => ("中文", "中文"),
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

// A distributor admin's team page (`/s/{store}/team`): rendered on the
// server only, so no bundle carries these.
messages! { TeamMsg {
    MyTeam => ("我的团队", "My team"),
    TeamOf => ("团队成员", "Team members"),
    TeamHint => ("您是本企业的管理员：可添加员工、停用员工，并指定哪些员工是对接人（可以下单）。", "You are your company's administrator: add employees, disable them, and choose which are liaisons (who may order)."),
    AddTeammate => ("添加员工", "Add an employee"),
    TeammateName => ("姓名", "Name"),
    TeammatePhone => ("手机号", "Mobile number"),
    MayOrder => ("对接人（可以下单）", "Liaison (may order)"),
    Add => ("添加", "Add"),
    Added => ("已添加，我们已发短信告诉对方如何登录。", "Added. We have texted them how to log in."),
    Changed => ("已更新。", "Updated."),
    AdminBadge => ("管理员", "Administrator"),
    LiaisonBadge => ("对接人", "Liaison"),
    DisabledBadge => ("已停用", "Disabled"),
    Disable => ("停用", "Disable"),
    Enable => ("启用", "Enable"),
    MakeLiaison => ("设为对接人", "Make liaison"),
    NotLiaison => ("取消对接人", "Not a liaison"),
    NoTeammates => ("还没有其他员工。在上面添加第一位同事，对方会收到登录短信。", "No one else yet. Add your first colleague above; they get a text saying how to log in."),
}}

// The store picker's (`/lite`) strings: a table of their own, so the
// console, which never shows them, does not carry them.
messages! { LiteMsg {
    ChooseStore => ("选择订货商城", "Choose a store"),
    SwitchStore => ("切换商城", "Switch store"),
    CurrentStore => ("当前", "Current"),
    VerifiedPhone => ("已验证手机号", "Verified phone"),
    NoStoresForPhone => ("这个手机号在平台上还没有订货账号。请打开品牌发给您的商城链接或二维码，在那里申请账号。", "This phone has no ordering account on the platform yet. Open the store link or QR code your brand sent you and apply there."),
    LiteLogInFirst => ("在微信小程序里用手机号登录后，这里会列出您有订货账号的所有商城。", "Log in with your WeChat phone number in the mini-program to see every store where you have an ordering account."),
} }

// Application entry's strings, rendered on the server
// (`domain::entry::EntryView::localized`): a table of their own, so no WASM
// bundle carries them.
messages! { EntryMsg {
    ListSeparator => ("、", ", "),
    SetAccount => ("帐号管理权限集", "Account management"),
    SetDevelopment => ("开发与数据分析权限集", "Development and data"),
    SetService => ("客服消息管理权限集", "Customer service messages"),
    SetBasicInfo => ("基本信息设置权限集", "Basic information"),
    EntryUnauthorized => ("小程序管理员已取消对平台的授权，商城已回到平台小程序。如需继续使用自有小程序，请重新授权。", "The mini-program's admin withdrew the authorization; the store is back on the platform mini-program. Authorize again to use your own."),
    EntryNotMiniProgram => ("授权的不是小程序。请用小程序管理员的微信扫码，并选择要使用的小程序。", "What was authorized is not a mini-program. Scan with the mini-program admin's WeChat and choose the mini-program."),
    EntryNotVerified => ("该小程序尚未完成微信认证，无法使用手机号登录。请先在微信公众平台完成认证，再重新授权。", "This mini-program is not verified by WeChat, so phone number login cannot work. Verify it on the WeChat Official Accounts Platform, then authorize again."),
    EntryTaken => ("该小程序已授权给本平台上的另一个品牌。一个小程序只能用于一个品牌。", "This mini-program is already authorized to another brand on this platform. One mini-program serves one brand."),
    EntryMissingSets => ("授权缺少以下权限集，可能已由其他第三方平台持有。请在微信公众平台解除该平台的授权，然后重新授权：", "The authorization lacks these permission sets, probably held by another platform. Unbind that platform on the WeChat Official Accounts Platform, then authorize again:"),
    EntryAuthorizationExpired => ("授权结果已过期或已使用，请重新点击“升级为自有小程序”。", "The authorization result expired or was already used. Click \"Upgrade to your own mini-program\" again."),
    NotOfficialAccount => ("授权的不是公众号。请用公众号管理员的微信扫码，并选择要关联的服务号或订阅号。", "What was authorized is not an official account. Scan with the official account admin's WeChat and choose the account."),
    OfficialTaken => ("该公众号已关联本平台上的另一个品牌。", "This official account is already linked to another brand on this platform."),
    PrincipalDiffers => ("公众号的主体与商城小程序的主体不同。仍可关联并设置菜单，但两者之间的数据互通（如统一的用户身份）和公众号文章跳转小程序将不可用。", "The official account's legal entity differs from the store mini-program's. You can still link it and set its menu, but sharing data between them (one identity for a user) and opening the mini-program from the account's articles will not work."),
    PlatformPrincipal => ("平台小程序", "the platform mini-program"),
    MenuButtonName => ("订货商城", "Order"),
    MenuPublished => ("菜单已发布到公众号，几分钟内对用户生效。", "The menu is published to the official account; users see it within minutes."),
    MenuNotJson => ("菜单不是有效的 JSON。", "The menu is not valid JSON."),
    MenuNoButtons => ("菜单至少需要一个按钮（button）。", "The menu needs at least one button."),
    MenuTooManyButtons => ("一级菜单最多 3 个。", "At most 3 top-level buttons."),
    MenuTooManySubButtons => ("每个一级菜单下需要 1 到 5 个子菜单。", "each top-level button holds 1 to 5 sub-buttons."),
    MenuNameMissing => ("每个按钮都需要名称（name）。", "Every button needs a name."),
    MenuNameTooLong => ("按钮名称过长：一级菜单最多 4 个汉字（16 字节），子菜单最多 60 字节。", "the name is too long: at most 16 bytes (4 Chinese characters) on top, 60 below."),
    MenuMissingField => ("按钮缺少字段", "the button lacks the field"),
    MenuUnknownType => ("按钮类型不受支持（可用 miniprogram、view、click 等）。", "unsupported button type (use miniprogram, view, click…)."),
    Menu40165 => ("微信拒绝：按钮的小程序页面路径不存在于已发布的小程序中。请检查 pagepath（应为 pages/login/login），并确认小程序已发布包含该页面的版本。", "WeChat refused: the button's mini-program page is not in the released mini-program. Check pagepath (pages/login/login) and that the released version has that page."),
    Menu40166 => ("微信拒绝：按钮里填的是原始 ID（gh_ 开头），应填写小程序的 AppID（wx 开头）。", "WeChat refused: the button has an original ID (gh_…) where the mini-program's AppID (wx…) belongs."),
    Menu85005 => ("微信拒绝：该公众号尚未关联这个小程序。请先在公众号后台“小程序管理”中关联，再发布菜单。", "WeChat refused: the official account is not linked to this mini-program. Link them under Mini Programs in the account's admin, then publish again."),
    MenuLimits => ("微信拒绝：菜单超出限制（按钮数量或名称长度）。", "WeChat refused: the menu is beyond its limits (number of buttons or name length)."),
    MenuRefused => ("微信拒绝了该菜单。", "WeChat refused the menu."),
} }

// The ordering pages' strings (cart, checkout, orders). A table of its own:
// only server-rendered pages read it, so the store's WASM does not carry it.
messages! { OrderMsg {
    Cart => ("购物车", "Cart"),
    Orders => ("订单", "Orders"),
    QuickOrder => ("快速订货", "Quick order"),
    CartIsEmpty => ("购物车是空的。去商品列表挑选，或用快速订货补货。", "Your cart is empty. Pick products from the catalogue, or restock with quick order."),
    BrowseProducts => ("去逛逛", "Browse products"),
    Total => ("合计", "Total"),
    ResolveNotices => ("有商品的价格或状态变了：请修改数量确认新价格，或删除该商品后再结算。", "Some lines changed since you added them: change their quantity to accept today's price, or remove them, before checking out."),
    ToCheckout => ("去结算", "Check out"),
    NotPriced => ("暂无报价", "No price"),
    Quantity => ("数量", "Quantity"),
    Less => ("减少", "Fewer"),
    More => ("增加", "More"),
    Update => ("更新", "Update"),
    Remove => ("删除", "Remove"),
    AddToCart => ("加入购物车", "Add to cart"),
    Added => ("已加入购物车。", "Added to the cart."),
    Checkout => ("确认订单", "Checkout"),
    DeliverTo => ("收货地址", "Deliver to"),
    NewAddress => ("新地址", "New address"),
    NewAddressHint => ("新地址会保存到企业地址簿。", "A new address is saved to your company's address book."),
    Recipient => ("收货人", "Recipient"),
    Region => ("所在地区", "Region"),
    RegionHint => ("省/市/区", "Province/City/District"),
    StreetAddress => ("详细地址", "Street address"),
    Default => ("默认", "Default"),
    Note => ("备注", "Note"),
    NoteHint => ("选填，如送货时间", "Optional, e.g. delivery times"),
    Summary => ("订单摘要", "Summary"),
    PlaceOrder => ("提交订单", "Place order"),
    Placing => ("提交中…", "Placing…"),
    Placed => ("订单已提交，品牌方确认后会尽快发货。", "Your order is placed. The brand will confirm and ship it."),
    OrderNumber => ("订单号", "Order number"),
    Status => ("状态", "Status"),
    AllOrders => ("全部", "All"),
    NoOrders => ("还没有订单。挑好商品后在购物车结算即可下单。", "No orders yet. Put products in the cart and check out to place one."),
    PlacedAt => ("下单时间", "Placed"),
    Units => ("件", "units"),
    Lines => ("商品", "Items"),
    Carrier => ("物流公司", "Carrier"),
    TrackingNumber => ("运单号", "Tracking number"),
    Timeline => ("订单进度", "Progress"),
    Reorder => ("再来一单", "Order again"),
    ConfirmReceipt => ("确认收货", "Confirm receipt"),
    StepSubmit => ("已提交", "Submitted"),
    StepConfirm => ("已确认", "Confirmed"),
    StepShip => ("已发货", "Shipped"),
    StepReceipt => ("已收货", "Received"),
    StepCancel => ("已取消", "Cancelled"),
    StatusSubmitted => ("待确认", "Submitted"),
    StatusConfirmed => ("待发货", "Confirmed"),
    StatusShipped => ("已发货", "Shipped"),
    StatusCompleted => ("已完成", "Completed"),
    StatusCancelled => ("已取消", "Cancelled"),
    UsualItems => ("常购商品", "Usual items"),
    UsualHint => ("近 90 天本企业订过的商品，已填上次的数量。", "What your company ordered in the last 90 days, with the last quantity filled in."),
    LastTime => ("上次", "Last time"),
    DaysAgo => ("天前", "days ago"),
    OtherProducts => ("其他商品", "Other products"),
    FindProducts => ("搜索商品加入列表", "Search products to add"),
    PutInCart => ("全部加入购物车", "Put all in the cart"),
    NoUsualItems => ("近 90 天还没有订过货。搜索商品，填写数量即可一次加入购物车。", "Nothing ordered in the last 90 days. Search products, fill in quantities and put them in the cart at once."),
}}

/// Fills `{name}` placeholders of a text from the tables below.
pub fn fill(text: &str, args: &[(&str, &str)]) -> String {
    let mut out = text.to_string();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

// ---------- error messages (AppError, field and layout refusals) ----------
// `{name}` marks a value filled in by `fill`.

messages! { ErrMsg {
    StoreNotFound => ("商城不存在。", "This store does not exist."),
    ProductNotFound => ("商品不存在或已下架。", "This product does not exist or is no longer on sale."),
    InvalidPhone => ("请输入 11 位中国大陆手机号。", "Enter an 11-digit mainland China mobile number."),
    MalformedCode => ("验证码是 6 位数字。", "The code is 6 digits."),
    CodeWrong => ("验证码错误，还可尝试 {attempts_left} 次。", "Wrong code. {attempts_left} attempts left."),
    CodeExpired => ("验证码已过期，请重新获取。", "This code has expired. Request a new one."),
    CodeTooManyAttempts => ("错误次数过多，请重新获取验证码。", "Too many wrong attempts. Request a new code."),
    CodeNotRequested => ("请先获取验证码。", "Request a code first."),
    SmsThrottled => ("发送太频繁，请 {secs} 秒后再试。", "Please wait {secs} s before requesting another code."),
    SmsIpLimited => ("当前网络请求验证码次数过多，请稍后再试。", "Too many codes requested from this network. Try again later."),
    SmsUnavailable => ("短信服务暂不可用，请使用账号密码登录。", "SMS is unavailable right now. Log in with your password instead."),
    SmsDailyLimit => ("该手机号今天获取验证码次数已达上限，请明天再试或使用账号密码登录。", "This phone has had today's maximum of codes. Try tomorrow, or log in with your password."),
    BadCredentials => ("账号或密码错误。", "Wrong account name or password."),
    LoginLocked => ("登录失败次数过多，请 {minutes} 分钟后再试。", "Too many failed logins. Try again in {minutes} min."),
    Busy => ("当前登录人数较多，请稍后重试。", "The server is busy. Please try again in a moment."),
    TooLarge => ("提交的内容过大。", "What was sent is too large."),
    AccountDisabled => ("该账号已停用，请联系品牌方。", "This account is disabled. Contact the brand."),
    NoAccountForPhone => ("该手机号在本商城没有订货账号，请联系品牌方开通。", "This phone has no ordering account in this store. Ask the brand for one."),
    WeChatCodeInvalid => ("微信授权已失效，请重新点击登录授权手机号。", "The WeChat authorisation has expired or was already used. Tap log in and allow your phone number again."),
    WeChatUnavailable => ("微信登录暂不可用，请稍后再试或使用短信验证码登录。", "WeChat login is unavailable right now. Try again later, or log in with an SMS code."),
    ChannelOff => ("本商城未开放此登录方式，请换一种方式登录。", "This store does not offer this way of logging in. Please use another."),
    NoLoginChannel => ("至少保留一种登录方式，否则经销商无法登录。", "Keep at least one way of logging in, or distributors cannot log in."),
    EntryWeChatUnavailable => ("暂时无法连接微信开放平台，请稍后再试。", "WeChat's Open Platform cannot be reached just now. Try again later."),
    TicketInvalid => ("登录凭证已失效，请重新登录。", "This login link has expired or was already used. Please log in again."),
    NotLoggedIn => ("请先登录。", "Please log in first."),
    Forbidden => ("您没有执行此操作的权限（{permission}）。", "You do not have permission to do this ({permission})."),
    NotFound => ("记录不存在或已被删除。", "That record does not exist or was deleted."),
    NotEnterprise => ("该联系人所属的客户还不是互联企业，请先将客户添加为互联企业。", "This contact's account is not an interconnected enterprise yet. Add it as one first."),
    NotTeamAdmin => ("只有贵公司的管理员可以管理团队成员。", "Only your company's administrator manages its team."),
    NotTenantEnabled => ("该企业不是有租户企业，由品牌方直接管理，不能指定管理员。", "This enterprise is not tenant-enabled: the brand manages it, so it has no administrator of its own."),
    NotLiaison => ("贵公司管理员尚未将您设为对接人，暂不能下单。请联系管理员开通。", "Your company's administrator has not made you a liaison yet, so you cannot order. Ask them to allow it."),
    OwnTeamAccount => ("不能停用自己或取消自己的对接人身份。", "You cannot disable yourself or stop being a liaison yourself."),
    QuantityLabel => ("数量", "Quantity"),
    OrderNotAllowed => ("订单{status}，不能进行此操作。", "This order is {status}; that cannot be done now."),
    StatusSubmitted => ("已提交", "submitted"),
    StatusConfirmed => ("已确认", "confirmed"),
    StatusShipped => ("已发货", "shipped"),
    StatusCompleted => ("已完成", "completed"),
    StatusCancelled => ("已取消", "cancelled"),
    CartEmpty => ("购物车是空的，请先添加商品。", "The cart is empty. Add products first."),
    // One refused cart line; `{product}` names it, `{n}` is its number.
    LinePriceChanged => ("{product}：价格已变动，请确认购物车中的新价格。", "{product}: the price has changed. Check the new price in the cart."),
    LineNoLongerPriced => ("{product}：暂无您的价格，无法订购。", "{product}: no longer priced for you, so it cannot be ordered."),
    LineOffShelf => ("{product}：已下架。", "{product}: no longer on sale."),
    LineNotPositive => ("{product}：数量至少为 1。", "{product}: the quantity must be at least 1."),
    LineBelowMinimum => ("{product}：起订量为 {n}。", "{product}: the minimum order is {n}."),
    LineTooMany => ("{product}：每行最多 {n}。", "{product}: at most {n} per line."),
    LineNotEnoughStock => ("{product}：库存不足，仅剩 {n}。", "{product}: not enough stock, only {n} left."),
    GuestAccountRequired => ("开启访客模式前，请先选择访客客户（决定访客看到的价格）。", "Choose a guest account (it prices what guests see) before turning guest mode on."),
    GuestAccountWithoutPrices => ("该访客客户没有价格表，访客将看不到价格。请先为它指定价格表。", "That guest account has no price list, so guests would see no prices. Give it a price list first."),
    Duplicate => ("{field}已被使用，请换一个。", "That {field} is already used. Choose another."),
    RegistrationClosed => ("本商城暂未开放自助注册，请联系品牌方开通订货账号。", "This store does not take self-registrations. Ask the brand for an ordering account."),
    AlreadyApproved => ("该申请已被通过。", "This application was already approved."),
    AlreadyRejected => ("该申请已被驳回。", "This application was already rejected."),
    AlreadyDecided => ("该申请已处理。", "This application was already decided."),
    BadRequest => ("请求格式不正确。", "The request was malformed."),
    Internal => ("系统繁忙，请稍后再试。", "Something went wrong on our side. Please try again."),
    Transport => ("网络异常，请检查网络后重试。", "Network problem. Check your connection and try again."),
    // A refused field value; `{field}` is the field's name as people know it.
    InvalidRequired => ("请填写{field}。", "{field} is required."),
    InvalidTooLong => ("{field}太长。", "{field} is too long."),
    InvalidPhoneField => ("{field}不是有效的手机号。", "{field} is not a valid mobile number."),
    InvalidEmail => ("{field}不是有效的邮箱地址。", "{field} is not a valid email address."),
    InvalidNumber => ("{field}必须是整数。", "{field} must be a whole number."),
    InvalidOption => ("请从列表中选择{field}。", "Choose {field} from the list."),
    InvalidRange => ("{field}超出允许范围。", "{field} is out of range."),
    InvalidDate => ("{field}须为有效日期，格式 YYYY-MM-DD。", "{field} must be a real date written YYYY-MM-DD."),
    InvalidRegion => ("{field}请写成“省/市/区”。", "Write {field} as province/city/district."),
    InvalidImage => ("{field}须为 PNG、JPEG 或 WebP 图片，且不超过 2 MB。", "The {field} must be a PNG, JPEG or WebP file of at most 2 MB."),
    InvalidSpec => ("{field}请写成“名称:值; 名称:值”（最多 5 项，名称不重复）。", "Write {field} as \"name:value; name:value\" (at most 5, names not repeated)."),
    // A refused layout definition; `{key}` is the field's key.
    LayoutBadKey => ("字段标识“{key}”无效：只能用小写字母、数字和下划线，以字母开头，最长 32 个字符。", "Field key \"{key}\" is invalid: use lowercase letters, digits and _, starting with a letter, at most 32 characters."),
    LayoutDuplicateKey => ("字段标识“{key}”重复。", "Field key \"{key}\" is used twice."),
    LayoutMissingLabel => ("字段“{key}”需要中英文名称（各最多 30 字）。", "Field \"{key}\" needs a Chinese and an English label (30 characters at most)."),
    LayoutSystemFieldChanged => ("系统字段“{key}”不能删除、改类型或改为选填。", "System field \"{key}\" cannot be removed, retyped or made optional."),
    LayoutBadOptions => ("下拉字段“{key}”需要 1 到 50 个不重复、有名称的选项。", "Select field \"{key}\" needs 1 to 50 distinct options, each with labels."),
    LayoutTooManyFields => ("一个表单最多 {max} 个字段。", "A form has at most {max} fields."),
}}

// The names people know form fields by: server-checked fields by key, and
// the layouts' system fields.
messages! { FieldName {
    Name => ("名称", "Name"),
    Phone => ("手机号", "Mobile phone"),
    Email => ("邮箱", "Email"),
    Title => ("职务", "Title"),
    Description => ("描述", "Description"),
    Unit => ("单位", "Unit"),
    Moq => ("起订量", "Minimum order"),
    Stock => ("库存", "Stock"),
    Code => ("编码", "Code"),
    Spec => ("规格属性", "Spec attributes"),
    Price => ("价格", "Price"),
    PriceList => ("价格表", "Price list"),
    Category => ("分类", "Category"),
    Sort => ("排序", "Order"),
    Role => ("角色", "Role"),
    Image => ("图片", "Image"),
    PromptZh => ("中文访客提示", "Chinese guidance"),
    PromptEn => ("英文访客提示", "English guidance"),
    Query => ("搜索内容", "Search"),
    Reason => ("驳回原因", "Reason"),
    Recipient => ("收货人", "Recipient"),
    Address => ("收货地址", "Delivery address"),
    Region => ("所在地区", "Region"),
    Note => ("备注", "Note"),
    Carrier => ("物流公司", "Carrier"),
    DateFrom => ("起始日期", "From date"),
    DateTo => ("截止日期", "To date"),
    TrackingNumber => ("运单号", "Tracking number"),
    AccountName => ("客户名称", "Account name"),
    PersonName => ("姓名", "Name"),
    Company => ("企业名称", "Company name"),
    ContactName => ("联系人", "Contact name"),
}}

// How long an application has waited, in the approvals inbox.
messages! { WaitMsg {
    JustNow => ("刚刚", "just now"),
    Minutes => ("{n} 分钟", "{n} min"),
    Hours => ("{n} 小时", "{n} h"),
    Days => ("{n} 天", "{n} d"),
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

/// The text that tells a distributor admin's new teammate how to log in.
pub fn sms_team_added(lang: Lang, store: &str, company: &str, admin: &str, link: &str) -> String {
    match lang {
        Lang::Zh => format!(
            "【{store}】{admin}已为您开通“{company}”的订货账号。请打开 {link} ，用本手机号和短信验证码登录。"
        ),
        Lang::En => format!(
            "[{store}] {admin} has given you an ordering account for {company}. Open {link} and log in with this phone and a text code."
        ),
    }
}

/// The text that tells a distributor their order is on its way.
pub fn sms_shipped(lang: Lang, store: &str, number: &str, carrier: &str, tracking: &str) -> String {
    match lang {
        Lang::Zh => format!("【{store}】您的订单 {number} 已发货，{carrier} 运单号 {tracking}。"),
        Lang::En => {
            format!(
                "[{store}] Your order {number} has shipped: {carrier}, tracking number {tracking}."
            )
        }
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
