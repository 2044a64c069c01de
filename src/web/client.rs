//! Who is asking: the client's address, from the connection, or from `X-Forwarded-For` when the
//! connection comes from a configured trusted proxy (OWASP ASVS 15.3.4). The address is used for
//! login throttling and the daily visitor id, and never stored.

use std::net::{IpAddr, SocketAddr};

use axum::http::HeaderMap;
use ipnet::IpNet;

use crate::app::visits::VisitHeaders;

/// The client's address: the rightmost `X-Forwarded-For` entry that is not itself a trusted
/// proxy, when the peer is one; otherwise the peer.
pub fn address(peer: SocketAddr, headers: &HeaderMap, trusted: &[IpNet]) -> IpAddr {
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
    if !is_trusted(&peer.ip()) {
        return peer.ip();
    }
    let forwarded = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|part| part.trim().parse::<IpAddr>().ok())
        .collect::<Vec<_>>();
    forwarded
        .into_iter()
        .rev()
        .find(|ip| !is_trusted(ip))
        .unwrap_or(peer.ip())
}

/// The request headers a visit's record is made from (`app::visits`).
pub fn visit_headers(headers: &HeaderMap) -> VisitHeaders<'_> {
    let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    VisitHeaders {
        user_agent: text("user-agent"),
        accept_language: text("accept-language"),
        referer: text("referer"),
        purpose: text("purpose"),
        sec_purpose: text("sec-purpose"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(xff: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(
            "x-forwarded-for",
            HeaderValue::from_str(xff).expect("ascii"),
        );
        h
    }

    #[test]
    fn believes_only_trusted_proxies() {
        let proxy: SocketAddr = "10.0.0.2:5000".parse().expect("addr");
        let stranger: SocketAddr = "198.51.100.7:5000".parse().expect("addr");
        let trusted = ["10.0.0.0/8".parse().expect("net")];
        let spoofed = headers("203.0.113.50, 192.0.2.9");
        assert_eq!(
            address(stranger, &spoofed, &trusted),
            stranger.ip(),
            "a stranger cannot claim an address"
        );
        assert_eq!(
            address(proxy, &spoofed, &[]),
            proxy.ip(),
            "nothing is trusted by default"
        );
        assert_eq!(
            address(proxy, &spoofed, &trusted),
            "192.0.2.9".parse::<IpAddr>().expect("ip"),
            "the proxy's view of the client"
        );
        let chained = headers("192.0.2.9, 10.0.0.9");
        assert_eq!(
            address(proxy, &chained, &trusted),
            "192.0.2.9".parse::<IpAddr>().expect("ip"),
            "inner proxies are skipped"
        );
        assert_eq!(address(proxy, &headers("garbage"), &trusted), proxy.ip());
    }
}
