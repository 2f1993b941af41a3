//! The client's address behind a load balancer. Per-address limits (failed
//! logins, SMS codes) count by it; behind a proxy every connection comes from
//! the proxy, so without this they would count every visitor together.
//!
//! `ORDERLINK_TRUSTED_PROXIES` lists the proxies' addresses or networks. Only
//! a connection from one of them has its `X-Forwarded-For` read, from the
//! right (the entry the nearest proxy added) to the first address that is not
//! a trusted proxy: entries further left were written by the client and
//! prove nothing.

use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::Next;
use axum::response::Response;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<(IpAddr, u8)>);

impl TrustedProxies {
    /// `10.0.0.0/8, 192.168.1.5, fd00::/8`; `None` names the first bad entry.
    pub fn parse(list: &str) -> Result<TrustedProxies, String> {
        let mut nets = Vec::new();
        for entry in list.split(',').map(str::trim).filter(|e| !e.is_empty()) {
            nets.push(network(entry).ok_or_else(|| entry.to_string())?);
        }
        Ok(TrustedProxies(nets))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn trusts(&self, ip: IpAddr) -> bool {
        self.0.iter().any(|&(net, bits)| contains(net, bits, ip))
    }

    /// The client's address: `peer` itself unless it is a trusted proxy.
    pub fn client(&self, peer: IpAddr, forwarded_for: Option<&str>) -> IpAddr {
        let peer = peer.to_canonical();
        let Some(header) = forwarded_for.filter(|_| self.trusts(peer)) else {
            return peer;
        };
        let mut client = peer;
        for entry in header.rsplit(',') {
            match entry.trim().parse::<IpAddr>() {
                Ok(ip) => {
                    client = ip.to_canonical();
                    if !self.trusts(client) {
                        break;
                    }
                }
                // Garbage from further left: the last good hop is the client.
                Err(_) => break,
            }
        }
        client
    }
}

fn network(entry: &str) -> Option<(IpAddr, u8)> {
    let (addr, bits) = match entry.split_once('/') {
        Some((addr, bits)) => (addr.parse::<IpAddr>().ok()?, bits.parse::<u8>().ok()?),
        None => {
            let addr = entry.parse::<IpAddr>().ok()?;
            (addr, if addr.is_ipv4() { 32 } else { 128 })
        }
    };
    let max = if addr.is_ipv4() { 32 } else { 128 };
    (bits <= max).then_some((addr.to_canonical(), bits))
}

fn contains(net: IpAddr, bits: u8, ip: IpAddr) -> bool {
    match (net, ip) {
        (IpAddr::V4(n), IpAddr::V4(a)) => {
            let mask = u32::MAX.checked_shl(32 - u32::from(bits)).unwrap_or(0);
            u32::from(n) & mask == u32::from(a) & mask
        }
        (IpAddr::V6(n), IpAddr::V6(a)) => {
            let mask = u128::MAX.checked_shl(128 - u32::from(bits)).unwrap_or(0);
            u128::from(n) & mask == u128::from(a) & mask
        }
        _ => false,
    }
}

/// Middleware: replaces the connection's address by the client's.
pub async fn client_address(
    State(proxies): State<Arc<TrustedProxies>>,
    mut req: Request,
    next: Next,
) -> Response {
    if let Some(ConnectInfo(peer)) = req.extensions().get::<ConnectInfo<SocketAddr>>().copied() {
        let forwarded = req
            .headers()
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok());
        let client = proxies.client(peer.ip(), forwarded);
        req.extensions_mut()
            .insert(ConnectInfo(SocketAddr::new(client, peer.port())));
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn only_a_trusted_proxy_is_believed_and_only_from_the_right() {
        let p = TrustedProxies::parse("10.0.0.0/8, 192.168.1.5").unwrap();
        // A direct visitor's own header is ignored.
        assert_eq!(
            p.client(ip("203.0.113.9"), Some("1.2.3.4")),
            ip("203.0.113.9")
        );
        // Through the proxy: the entry it added.
        assert_eq!(
            p.client(ip("10.1.2.3"), Some("203.0.113.9")),
            ip("203.0.113.9")
        );
        // A forged entry on the left does not win over the real one.
        assert_eq!(
            p.client(ip("10.1.2.3"), Some("1.2.3.4, 203.0.113.9")),
            ip("203.0.113.9")
        );
        // Two proxies in a row are skipped.
        assert_eq!(
            p.client(ip("10.1.2.3"), Some("203.0.113.9, 192.168.1.5")),
            ip("203.0.113.9")
        );
        assert_eq!(p.client(ip("10.1.2.3"), Some("garbage")), ip("10.1.2.3"));
        assert_eq!(p.client(ip("10.1.2.3"), None), ip("10.1.2.3"));
        assert_eq!(
            p.client(ip("::ffff:10.1.2.3"), Some("2001:db8::1")),
            ip("2001:db8::1")
        );
    }

    #[test]
    fn bad_entries_are_named() {
        assert_eq!(
            TrustedProxies::parse("10.0.0.0/33"),
            Err("10.0.0.0/33".into())
        );
        assert_eq!(TrustedProxies::parse("proxy"), Err("proxy".into()));
        assert!(TrustedProxies::parse("").unwrap().is_empty());
        assert!(TrustedProxies::parse("::/0").is_ok());
    }
}
