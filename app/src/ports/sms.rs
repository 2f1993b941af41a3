//! (ssr) Sending text messages. Production plugs a gateway client in behind
//! [`SmsSender`]; dev mode uses [`OutboxSms`], which stores each message so a
//! person or a test can read it at `GET /dev/outbox`.

use sqlx::AnyPool;
use std::future::Future;
use std::pin::Pin;

#[derive(Debug, thiserror::Error)]
pub enum SmsError {
    #[error("sms gateway unavailable: {0}")]
    Unavailable(String),
}

pub type SendFuture<'a> = Pin<Box<dyn Future<Output = Result<(), SmsError>> + Send + 'a>>;

pub trait SmsSender: Send + Sync + 'static {
    fn send<'a>(&'a self, phone: &'a str, body: &'a str) -> SendFuture<'a>;
}

pub struct OutboxSms {
    pool: AnyPool,
}

impl OutboxSms {
    pub fn new(pool: AnyPool) -> Self {
        OutboxSms { pool }
    }
}

impl SmsSender for OutboxSms {
    fn send<'a>(&'a self, phone: &'a str, body: &'a str) -> SendFuture<'a> {
        Box::pin(async move {
            sqlx::query("INSERT INTO sms_outbox (phone, body, created_at) VALUES ($1, $2, $3)")
                .bind(phone)
                .bind(body)
                .bind(crate::db::now())
                .execute(&self.pool)
                .await
                .map(|_| ())
                .map_err(|e| SmsError::Unavailable(e.to_string()))
        })
    }
}

/// Used when no gateway is configured outside dev mode: SMS login then answers
/// "unavailable" instead of pretending to have sent a code.
pub struct NoSms;

impl SmsSender for NoSms {
    fn send<'a>(&'a self, _phone: &'a str, _body: &'a str) -> SendFuture<'a> {
        Box::pin(async { Err(SmsError::Unavailable("no SMS gateway configured".into())) })
    }
}
