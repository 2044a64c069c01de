//! `chorus config`: the effective configuration, with secrets hidden.

use crate::config::{Config, ServeArgs};

pub fn run(args: ServeArgs) -> anyhow::Result<()> {
    let threads = args
        .threads
        .map_or_else(|| "one per core".to_owned(), |n| n.to_string());
    let config = Config::from(args);
    println!("addr          {}", config.addr);
    println!("database      {}", config.database);
    match &config.base_url {
        Some(url) => println!("base_url      {url}"),
        None => println!("base_url      http://{} (derived from addr)", config.addr),
    }
    let token = if config.metrics_token.is_some() {
        "<set, hidden>"
    } else {
        "<not set: loopback only>"
    };
    println!("metrics_token {token}");
    println!("demo          {}", config.demo);
    println!("threads       {threads}");
    println!("trusted_proxies {:?}", config.trusted_proxies);
    Ok(())
}
