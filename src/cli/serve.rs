//! `precedent serve`: the web page and the JSON API over the index.

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::Args;

use super::index::IndexArgs;
use super::Outcome;
use crate::server::{self, Limits, ServeOptions};

/// Arguments of `precedent serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The index directory; built from `corpus/` first when there is none.
    #[arg(long, default_value = "index", value_name = "DIR")]
    index: PathBuf,
    /// Where to listen. Loopback by default: the server has no authentication.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Queries running at once; more wait their turn.
    #[arg(long, default_value_t = Limits::default().max_concurrency)]
    max_concurrency: usize,
    /// Seconds a query may run before the client gets 503.
    #[arg(long, default_value_t = Limits::default().request_timeout.as_secs())]
    timeout_secs: u64,
    /// Seconds a client may take to send its request headers (against slow clients).
    #[arg(long, default_value_t = Limits::default().header_timeout.as_secs())]
    header_timeout_secs: u64,
}

pub(super) fn run(args: ServeArgs, out: &mut impl Write) -> anyhow::Result<Outcome> {
    if !args.index.join("meta.json").is_file() {
        writeln!(
            out,
            "precedent: no index at {}; building it from corpus/ first",
            args.index.display()
        )?;
        out.flush()?;
        let outcome = super::index::run(IndexArgs::defaults(args.index.clone()), out)?;
        if outcome == Outcome::Failed {
            writeln!(
                out,
                "precedent: some files were not indexed (see above); serving the rest"
            )?;
        }
    }
    let limits = Limits {
        max_concurrency: args.max_concurrency.max(1),
        request_timeout: Duration::from_secs(args.timeout_secs.max(1)),
        header_timeout: Duration::from_secs(args.header_timeout_secs.max(1)),
        ..Limits::default()
    };
    let opts = ServeOptions {
        index: args.index.clone(),
        addr: args.addr,
        limits,
    };
    let mut announce = Ok(());
    server::serve(opts, |bound| {
        let scope = if bound.ip().is_loopback() {
            "loopback only: this machine alone can connect"
        } else {
            "NOT loopback: anyone who can reach this address can read the index"
        };
        announce = writeln!(
            out,
            "precedent: serving {} at http://{bound}/ ({scope}; read-only; Ctrl-C stops)",
            args.index.display()
        )
        .and_then(|_| out.flush());
    })?;
    announce?;
    Ok(Outcome::Found)
}
