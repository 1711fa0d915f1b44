//! A loopback load client for `precedent serve`: keep-alive connections,
//! each sending requests back to back, for a duration or a request count.
//! Reports throughput, latency per route (p50/p99/max), errors and — given
//! the server's pid — its resident memory sampled every second.
//!
//! ```sh
//! cargo run --release --example load -- --addr 127.0.0.1:8080 --duration 60 \
//!     --concurrency 16 --pid $(pgrep -f 'precedent serve') --json bench-out/load.json
//! ```
//!
//! Targets default to a mix of phrase searches and cited-by lookups of
//! common authorities; `--target PATH` (repeatable) replaces them. Exits 1
//! when any request failed or got a 5xx, so scripts can assert on it.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

struct Args {
    addr: String,
    duration: Option<Duration>,
    requests: Option<u64>,
    concurrency: usize,
    targets: Vec<String>,
    pid: Option<u32>,
    json: Option<String>,
}

const DEFAULT_TARGETS: &[&str] = &[
    "/api/search?q=%22preservation%20orders%22",
    "/api/cited-by?q=American%20LegalNet",
    "/api/search?q=%22summary%20judgment%22",
    "/api/cited-by?q=477%20U.S.%20317",
    "/api/search?q=%22qualified%20immunity%22",
    "/api/cited-by?q=42%20U.S.C.%20%C2%A7%201983",
    "/api/search?q=%22motion%20to%20dismiss%22",
    "/api/cited-by?q=550%20U.S.%20544",
];

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        addr: "127.0.0.1:8080".into(),
        duration: None,
        requests: None,
        concurrency: 8,
        targets: Vec::new(),
        pid: None,
        json: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--addr" => args.addr = value()?,
            "--duration" => {
                let secs: f64 = value()?.parse().map_err(|e| format!("--duration: {e}"))?;
                args.duration = Some(Duration::from_secs_f64(secs));
            }
            "--requests" => {
                args.requests = Some(value()?.parse().map_err(|e| format!("--requests: {e}"))?)
            }
            "--concurrency" => {
                args.concurrency = value()?
                    .parse()
                    .map_err(|e| format!("--concurrency: {e}"))?
            }
            "--target" => args.targets.push(value()?),
            "--pid" => args.pid = Some(value()?.parse().map_err(|e| format!("--pid: {e}"))?),
            "--json" => args.json = Some(value()?),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if args.targets.is_empty() {
        args.targets = DEFAULT_TARGETS.iter().map(|s| s.to_string()).collect();
    }
    if args.duration.is_none() && args.requests.is_none() {
        args.requests = Some(400);
    }
    args.concurrency = args.concurrency.max(1);
    Ok(args)
}

/// The route a target exercises, for per-route statistics.
fn route(target: &str) -> String {
    let path = target.split('?').next().unwrap_or(target);
    path.to_string()
}

/// Sends one GET on a keep-alive connection; returns the status.
fn request(conn: &mut BufReader<TcpStream>, addr: &str, target: &str) -> std::io::Result<u16> {
    write!(
        conn.get_mut(),
        "GET {target} HTTP/1.1\r\nHost: {addr}\r\nAccept: application/json\r\n\r\n"
    )?;
    let mut line = String::new();
    conn.read_line(&mut line)?;
    let status: u16 = line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("bad status line {line:?}")))?;
    let mut length = 0usize;
    let mut chunked = false;
    loop {
        line.clear();
        conn.read_line(&mut line)?;
        if line == "\r\n" || line.is_empty() {
            break;
        }
        let lower = line.to_ascii_lowercase();
        if let Some(v) = lower.strip_prefix("content-length:") {
            length = v.trim().parse().unwrap_or(0);
        } else if lower.starts_with("transfer-encoding:") && lower.contains("chunked") {
            chunked = true;
        }
    }
    if chunked {
        loop {
            line.clear();
            conn.read_line(&mut line)?;
            let size = usize::from_str_radix(line.trim(), 16).map_err(std::io::Error::other)?;
            let mut skip = vec![0u8; size + 2];
            conn.read_exact(&mut skip)?;
            if size == 0 {
                break;
            }
        }
    } else {
        std::io::copy(&mut conn.by_ref().take(length as u64), &mut std::io::sink())?;
    }
    Ok(status)
}

fn connect(addr: &str) -> std::io::Result<BufReader<TcpStream>> {
    let s = TcpStream::connect(addr)?;
    s.set_nodelay(true)?;
    s.set_read_timeout(Some(Duration::from_secs(30)))?;
    Ok(BufReader::new(s))
}

fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn main() {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("load: {e}");
            std::process::exit(2);
        }
    };
    let stop = Arc::new(AtomicBool::new(false));
    let sent = Arc::new(AtomicU64::new(0));
    let samples: Arc<Mutex<Vec<(String, f64, u16)>>> = Arc::new(Mutex::new(Vec::new()));
    let errors = Arc::new(AtomicU64::new(0));
    let started = Instant::now();

    let memory = args.pid.map(|pid| {
        let stop = stop.clone();
        std::thread::spawn(move || {
            let mut rss = Vec::new();
            while !stop.load(Ordering::Relaxed) {
                if let Some(k) = rss_kib(pid) {
                    rss.push((started.elapsed().as_secs_f64(), k));
                }
                std::thread::sleep(Duration::from_millis(1000));
            }
            rss
        })
    });

    let workers: Vec<_> = (0..args.concurrency)
        .map(|w| {
            let (addr, targets) = (args.addr.clone(), args.targets.clone());
            let (stop, sent, samples, errors) =
                (stop.clone(), sent.clone(), samples.clone(), errors.clone());
            let (limit, duration) = (args.requests, args.duration);
            std::thread::spawn(move || {
                let mut mine = Vec::new();
                let mut conn = None;
                let mut i = w;
                loop {
                    if stop.load(Ordering::Relaxed)
                        || duration.is_some_and(|d| started.elapsed() >= d)
                    {
                        break;
                    }
                    if let Some(n) = limit {
                        if sent.fetch_add(1, Ordering::Relaxed) >= n {
                            break;
                        }
                    }
                    let target = &targets[i % targets.len()];
                    i += 1;
                    let t = Instant::now();
                    let c = match conn.take() {
                        Some(c) => Ok(c),
                        None => connect(&addr),
                    };
                    let result = c.and_then(|mut c| request(&mut c, &addr, target).map(|s| (s, c)));
                    match result {
                        Ok((status, c)) => {
                            mine.push((route(target), t.elapsed().as_secs_f64() * 1e3, status));
                            conn = Some(c);
                        }
                        Err(_) => {
                            errors.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                }
                samples.lock().unwrap().extend(mine);
            })
        })
        .collect();
    for w in workers {
        let _ = w.join();
    }
    stop.store(true, Ordering::Relaxed);
    let elapsed = started.elapsed().as_secs_f64();
    let rss = memory
        .map(|m| m.join().unwrap_or_default())
        .unwrap_or_default();

    let samples = samples.lock().unwrap();
    let server_errors = samples.iter().filter(|s| s.2 >= 500).count() as u64;
    let io_errors = errors.load(Ordering::Relaxed);
    let mut routes: Vec<String> = samples.iter().map(|s| s.0.clone()).collect();
    routes.sort();
    routes.dedup();
    let stats = |filter: &dyn Fn(&str) -> bool| {
        let mut ms: Vec<f64> = samples
            .iter()
            .filter(|s| filter(&s.0))
            .map(|s| s.1)
            .collect();
        ms.sort_by(|a, b| a.total_cmp(b));
        serde_json::json!({
            "requests": ms.len(),
            "p50_ms": percentile(&ms, 0.5),
            "p99_ms": percentile(&ms, 0.99),
            "max_ms": ms.last().copied().unwrap_or(0.0),
        })
    };
    let mut per_route = serde_json::Map::new();
    for r in &routes {
        per_route.insert(r.clone(), stats(&|x: &str| x == r));
    }
    let statuses: std::collections::BTreeMap<u16, usize> =
        samples.iter().fold(Default::default(), |mut m, s| {
            *m.entry(s.2).or_default() += 1;
            m
        });
    let (rss_first, rss_last, rss_max) = (
        rss.first().map(|r| r.1),
        rss.last().map(|r| r.1),
        rss.iter().map(|r| r.1).max(),
    );
    let report = serde_json::json!({
        "addr": args.addr,
        "concurrency": args.concurrency,
        "seconds": elapsed,
        "requests": samples.len(),
        "requests_per_second": samples.len() as f64 / elapsed,
        "io_errors": io_errors,
        "server_errors": server_errors,
        "statuses": statuses,
        "all": stats(&|_| true),
        "routes": per_route,
        "server_rss_kib": {"first": rss_first, "last": rss_last, "max": rss_max, "samples": rss.len()},
    });
    println!(
        "{} requests in {:.1} s ({:.0}/s) over {} connections; {} I/O errors, {} 5xx",
        samples.len(),
        elapsed,
        samples.len() as f64 / elapsed,
        args.concurrency,
        io_errors,
        server_errors
    );
    for (r, s) in &per_route {
        println!(
            "  {r:<22} n={:<6} p50 {:>7.2} ms  p99 {:>7.2} ms  max {:>7.2} ms",
            s["requests"],
            s["p50_ms"].as_f64().unwrap_or(0.0),
            s["p99_ms"].as_f64().unwrap_or(0.0),
            s["max_ms"].as_f64().unwrap_or(0.0)
        );
    }
    if let (Some(a), Some(b), Some(m)) = (rss_first, rss_last, rss_max) {
        println!(
            "  server RSS: {} MiB at start, {} MiB at end, {} MiB max",
            a / 1024,
            b / 1024,
            m / 1024
        );
    }
    if let Some(path) = &args.json {
        if let Err(e) = std::fs::write(
            path,
            serde_json::to_string_pretty(&report).unwrap_or_default(),
        ) {
            eprintln!("load: {path}: {e}");
            std::process::exit(2);
        }
    }
    if io_errors > 0 || server_errors > 0 {
        std::process::exit(1);
    }
}
