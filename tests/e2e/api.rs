//! The server end to end: `precedent serve` on a free loopback port over the
//! seed orders, asked over plain HTTP/1.1 (a raw socket, so hostile requests
//! can be sent as they are), with the JSON of every endpoint asserted.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::common::{bin, serve, serve_with};

const SEEDS: [&str; 3] = [
    "000_9d8638a24f1521ae",
    "002_7121a4bf7ae7f580",
    "003_d0a0482d4ad8489c",
];

/// A copy of the bundled seed corpus in a fresh directory.
fn seed_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    let ours = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    for id in SEEDS {
        let name = format!("{id}.txt");
        std::fs::copy(ours.join(&name), corpus.join(&name)).unwrap();
    }
    dir
}

fn index(dir: &Path) {
    let out = bin()
        .current_dir(dir)
        .args(["index", "--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }
}

/// Sends raw request bytes and reads the whole reply (the request asks to close).
fn raw(addr: &str, request: &[u8]) -> Reply {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    s.write_all(request).unwrap();
    let mut bytes = Vec::new();
    s.read_to_end(&mut bytes).unwrap();
    let split = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a complete reply");
    let head = String::from_utf8_lossy(&bytes[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let mut body = bytes[split + 4..].to_vec();
    let chunked = headers
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    if chunked {
        body = dechunk(&body);
    }
    Reply {
        status,
        headers,
        body,
    }
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let end = data.windows(2).position(|w| w == b"\r\n").unwrap();
        let size =
            usize::from_str_radix(std::str::from_utf8(&data[..end]).unwrap().trim(), 16).unwrap();
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&data[end + 2..end + 2 + size]);
        data = &data[end + 4 + size..];
    }
}

fn get(addr: &str, target: &str) -> Reply {
    raw(
        addr,
        format!("GET {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").as_bytes(),
    )
}

/// The CLI's `--format json` answer, for comparison with the API's.
fn cli_json(dir: &Path, args: &[&str]) -> Value {
    let out = bin()
        .current_dir(dir)
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap()
}

fn ids(orders: &Value) -> Vec<String> {
    let mut v: Vec<String> = orders
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_str().unwrap().to_string())
        .collect();
    v.sort();
    v
}

#[test]
fn serve_builds_the_index_first_and_says_it_is_loopback_only() {
    let dir = seed_dir();
    let server = serve(dir.path());
    assert!(server
        .banner
        .contains("no index at index; building it from corpus/ first"));
    assert!(
        server.banner.contains("3 files: 3 added"),
        "{}",
        server.banner
    );
    assert!(server.banner.contains("loopback only"), "{}", server.banner);
    assert!(server.addr.starts_with("127.0.0.1:"));
    assert!(dir.path().join("index/meta.json").is_file());
    let status = get(&server.addr, "/api/status").json();
    assert_eq!(status["orders"], 3);
    assert_eq!(status["status"], "ok");
}

#[test]
fn every_endpoint_answers_the_seeds_with_the_cli_json() {
    let dir = seed_dir();
    index(dir.path());
    let server = serve(dir.path());
    let a = &server.addr;

    // search: ranked hits with snippets and facets, as `precedent search`.
    let r = get(a, "/api/search?q=%22preservation%20orders%22");
    assert_eq!(r.status, 200);
    assert!(r
        .header("content-type")
        .unwrap()
        .starts_with("application/json"));
    let search = r.json();
    assert_eq!(search["total"], 3);
    assert_eq!(ids(&search["hits"]), SEEDS);
    assert!(search["hits"][0]["highlights"].as_array().unwrap().len() >= 2);
    assert!(search["facets"]["court"].as_array().unwrap().len() == 2);
    assert_eq!(
        search,
        cli_json(dir.path(), &["search", "\"preservation orders\""])
    );
    let props = get(a, "/api/search?q=inherent%20power&scope=propositions").json();
    assert!(props["hits"][0]["authority"].is_string());
    let r = get(
        a,
        "/api/search?q=%22motion%20to%20compel%22&limit=1&offset=1",
    );
    assert_eq!(r.json()["hits"].as_array().unwrap().len(), 1);

    // cited-by: all three seeds cite American LegalNet directly; Laguna through it.
    let r = get(a, "/api/cited-by?q=American%20LegalNet");
    assert_eq!(r.status, 200);
    let cited = r.json();
    assert_eq!(cited["status"], "found");
    assert_eq!(cited["authority"]["key"], "673 F. Supp. 2d 1063");
    assert_eq!(ids(&cited["direct"]), SEEDS);
    assert_eq!(
        cited,
        cli_json(dir.path(), &["cited-by", "American LegalNet"])
    );
    let laguna = get(a, "/api/cited-by?q=Pueblo%20of%20Laguna").json();
    assert_eq!(ids(&laguna["through"]), SEEDS);
    let by_pin = get(a, "/api/cited-by?q=Leon%2C%20464%20F.3d%20at%20959").json();
    assert_eq!(by_pin["authority"]["key"], "464 F.3d 951");

    // cited-by as CSV: a download, one row per citation.
    let r = get(a, "/api/cited-by?q=American%20LegalNet&format=csv");
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("text/csv; charset=utf-8"));
    assert!(r
        .header("content-disposition")
        .unwrap()
        .contains("attachment; filename=\"cited-by-673_F._Supp._2d_1063.csv\""));
    let mut csv = csv::Reader::from_reader(r.body.as_slice());
    assert_eq!(csv.headers().unwrap().get(0), Some("order"));
    assert!(csv.records().count() >= 3);

    // propositions: the LegalNet passage is one proposition of all three seeds.
    let p = get(a, "/api/propositions?q=673%20F.%20Supp.%202d%201063").json();
    assert_eq!(p["authority"], "673 F. Supp. 2d 1063");
    let shared: Vec<&Value> = p["propositions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| {
            p["text"]
                .as_str()
                .unwrap()
                .contains("power to issue preservation orders")
        })
        .collect();
    assert_eq!(shared.len(), 1);
    assert_eq!(shared[0]["orders"].as_array().unwrap().len(), 3);
    assert_eq!(
        p,
        cli_json(dir.path(), &["propositions", "673 F. Supp. 2d 1063"])
    );

    // show and the table of authorities.
    let show = get(a, &format!("/api/orders/{}", SEEDS[1])).json();
    assert_eq!(show["order"]["court_id"], "caed");
    assert!(show["citations"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["authority"] == "464 F.3d 951"));
    assert_eq!(show, cli_json(dir.path(), &["show", SEEDS[1]]));
    let toa = get(a, &format!("/api/orders/{}/authorities", SEEDS[1])).json();
    assert_eq!(toa["sections"][0]["heading"], "Cases");
    assert_eq!(toa, cli_json(dir.path(), &["authorities", SEEDS[1]]));

    // top: LegalNet is cited by every order.
    let top = get(a, "/api/top?kind=case&limit=5").json();
    let aln = top
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["key"] == "673 F. Supp. 2d 1063");
    assert_eq!(aln.unwrap()["order_count"], 3);
    assert_eq!(
        top,
        cli_json(dir.path(), &["top", "--kind", "case", "--limit", "5"])
    );
}

#[test]
fn exports_are_downloads_with_type_and_file_name() {
    let dir = seed_dir();
    index(dir.path());
    let server = serve(dir.path());
    let cases = [
        (
            "/api/export/citations?format=csv",
            "text/csv; charset=utf-8",
            "precedent-citations.csv",
        ),
        (
            "/api/export/authorities?format=json",
            "application/json",
            "precedent-authorities.json",
        ),
        (
            "/api/export/propositions?format=jsonl",
            "application/x-ndjson",
            "precedent-propositions.jsonl",
        ),
        (
            "/api/export/toa",
            "text/html; charset=utf-8",
            "precedent-toa.html",
        ),
        (
            "/api/export/graph?format=graphml",
            "application/graphml+xml",
            "precedent-graph.graphml",
        ),
    ];
    for (target, content_type, name) in cases {
        let r = get(&server.addr, target);
        assert_eq!(r.status, 200, "{target}: {}", r.text());
        assert_eq!(r.header("content-type"), Some(content_type), "{target}");
        assert_eq!(
            r.header("content-disposition"),
            Some(format!("attachment; filename=\"{name}\"").as_str()),
            "{target}"
        );
        assert!(!r.body.is_empty());
        // Streamed as written, not built in memory first (a citation table
        // from 1,000,000 orders is 6.5 GB).
        assert_eq!(r.header("transfer-encoding"), Some("chunked"), "{target}");
        assert_eq!(r.header("content-length"), None, "{target}");
    }
    // The same bytes as the command line's export.
    for (what, format) in [("citations", "csv"), ("graph", "graphml"), ("toa", "html")] {
        let out = bin()
            .current_dir(dir.path())
            .args(["export", what, "--format", format])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{what}");
        let target = format!("/api/export/{what}?format={format}");
        assert!(
            get(&server.addr, &target).body == out.stdout,
            "{target} differs from the CLI's export"
        );
    }
    let auths: Value = get(&server.addr, "/api/export/authorities?format=json").json();
    assert!(auths
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["key"] == "464 F.3d 951"));
    let toa = get(
        &server.addr,
        &format!("/api/export/toa?format=md&orders={}", SEEDS[0]),
    )
    .text();
    assert!(toa.contains("Table of Authorities"));
    // Unknown export, unsupported format, unknown order.
    assert_eq!(get(&server.addr, "/api/export/secrets").status, 404);
    assert_eq!(get(&server.addr, "/api/export/graph?format=md").status, 400);
    assert_eq!(get(&server.addr, "/api/export/toa?orders=nope").status, 404);
}

#[test]
fn bad_requests_get_json_errors_and_nothing_outside_the_index_is_reachable() {
    let dir = seed_dir();
    index(dir.path());
    std::fs::write(dir.path().join("secret.txt"), "do not serve").unwrap();
    let server = serve(dir.path());
    let a = &server.addr;
    let bad = [
        "/api/search",
        "/api/search?q=",
        "/api/search?q=court%3A",
        "/api/search?q=%22unclosed",
        "/api/search?q=a&limit=lots",
        "/api/top?kind=poem",
        "/api/cited-by",
    ];
    for target in bad {
        let r = get(a, target);
        assert_eq!(r.status, 400, "{target}: {}", r.text());
        let e = r.json();
        assert_eq!(e["status"], 400);
        assert!(!e["error"].as_str().unwrap().is_empty(), "{target}");
    }
    let deep = format!("/api/search?q={}a", "%28".repeat(200));
    assert_eq!(get(a, &deep).status, 400);
    let huge = format!("/api/search?q={}", "a".repeat(20_000));
    assert_eq!(get(a, &huge).status, 414);
    // Not found is a JSON 404 with the CLI's not-found answer.
    let r = get(a, "/api/cited-by?q=999%20F.4th%20999");
    assert_eq!(r.status, 404);
    assert_eq!(r.json()["status"], "not_found");
    for target in [
        "/api/orders/..%2Fsecret",
        "/api/orders/..%2F..%2F..%2Fetc%2Fpasswd",
        "/api/orders/%2Fetc%2Fpasswd/authorities",
        "/order/..%2Fsecret.txt",
        "/assets/..%2F..%2Fsecret.txt",
        "/../secret.txt",
        "/api/export/..%2Fsecret.txt",
    ] {
        let r = get(a, target);
        assert_eq!(r.status, 404, "{target}");
        assert!(!r.text().contains("do not serve"), "{target}");
    }
    let r = get(a, "/api/nothing-here");
    assert_eq!(r.status, 404);
    assert!(r.json()["error"].as_str().unwrap().contains("openapi"));
    // The OpenAPI description is served.
    let spec = get(a, "/api/openapi.json").json();
    assert!(spec["paths"]["/api/cited-by"].is_object());
}

#[test]
fn pages_link_order_to_authority_and_escape_document_text() {
    let dir = seed_dir();
    std::fs::write(
        dir.path().join("corpus/evil.txt"),
        "ORDER\n\n<script>alert('owned')</script> <u>Underlined</u> <img src=x onerror=alert(1)>\n\
         See Leon v. IDX Sys. Corp., 464 F.3d 951, 958 (9th Cir. 2006).\n",
    )
    .unwrap();
    index(dir.path());
    let server = serve(dir.path());
    let a = &server.addr;

    let home = get(a, "/");
    assert_eq!(home.status, 200);
    assert!(home
        .header("content-type")
        .unwrap()
        .starts_with("text/html"));
    assert!(home.text().contains("Search 4 court orders"));

    let results = get(a, "/?q=preservation%20orders").text();
    for id in SEEDS {
        assert!(results.contains(&format!("href=\"/order/{id}\"")), "{id}");
    }
    assert!(results.contains("<mark>"));

    let order = get(a, "/order/evil").text();
    assert!(
        !order.contains("<script>alert"),
        "markup in an order must render as text"
    );
    assert!(!order.contains("<img src=x"));
    assert!(order.contains("&lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt;"));
    assert!(order.contains("href=\"/authority?key=464%20F.3d%20951\""));

    let leon = get(a, "/authority?key=464%20F.3d%20951").text();
    // Each citing order links to its citation's place in its text.
    assert!(leon.contains("href=\"/order/evil#c"));
    assert!(leon.contains("href=\"/order/002_7121a4bf7ae7f580#c"));
    assert!(leon.contains("<svg class=\"chart\""));

    let aln = get(a, "/authority?key=American%20LegalNet").text();
    assert!(aln.contains("Cited by 3 orders"));
    assert!(aln.contains("power to issue preservation orders"));
    let filtered = get(a, "/authority?key=American%20LegalNet&filter=caed").text();
    assert!(filtered.contains("Showing 2 of 3 orders"));

    let missing = get(a, "/authority?key=no%20such%20case");
    assert_eq!(missing.status, 404);
    assert!(missing.text().contains("No authority in the index matches"));
    assert_eq!(get(a, "/order/nope").status, 404);
    assert_eq!(get(a, "/top").status, 200);
    assert!(get(a, "/top?kind=statute").text().contains("Most cited"));
    // A court narrows the list and is named as people read it; an empty list says so.
    let cand = get(a, "/top?court=cand").text();
    assert!(
        cand.contains("<h1>Most cited in orders of <abbr title=\"cand\">N.D. Cal.</abbr></h1>"),
        "{cand}"
    );
    assert!(
        cand.contains("href=\"/top?court=cand&kind=case\""),
        "{cand}"
    );
    // Each cited case's court, as people read it.
    assert!(get(a, "/top")
        .text()
        .contains("<td data-label=\"Court\"><abbr title=\"cacd\">C.D. Cal.</abbr> 2009</td>"));
    assert!(get(a, "/top?court=zz")
        .text()
        .contains("No authority is cited in these orders."));
    assert_eq!(
        get(a, "/assets/style.css").header("content-type"),
        Some("text/css; charset=utf-8")
    );
}

#[test]
fn slow_clients_are_cut_off_and_do_not_block_others() {
    let dir = seed_dir();
    index(dir.path());
    let server = serve_with(dir.path(), &["--header-timeout-secs", "1"]);
    // Slowloris: many connections that start a request and never finish it.
    let mut slow: Vec<TcpStream> = (0..64)
        .map(|_| {
            let mut s = TcpStream::connect(&server.addr).unwrap();
            s.write_all(b"GET /api/status HTTP/1.1\r\nHost: x\r\nX-Slow: ")
                .unwrap();
            s
        })
        .collect();
    let started = Instant::now();
    let r = get(&server.addr, "/api/status");
    assert_eq!(r.status, 200);
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "a normal client is not kept waiting"
    );
    // Past the header timeout the server has closed every slow connection.
    std::thread::sleep(Duration::from_millis(2500));
    for s in &mut slow {
        s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        let _ = s.write_all(b"more");
        let mut buf = [0u8; 512];
        let closed = match s.read(&mut buf) {
            Ok(0) | Err(_) => true,
            // hyper may answer 408 before it closes.
            Ok(n) => String::from_utf8_lossy(&buf[..n]).starts_with("HTTP/1.1 408"),
        };
        assert!(closed, "a slow connection was left open");
    }
    // A deeply nested boolean query and a huge one are refused quickly.
    let nested = format!(
        "/api/search?q={}x{}",
        "(a%20OR%20".repeat(40),
        ")".repeat(40)
    );
    let started = Instant::now();
    assert_eq!(get(&server.addr, &nested).status, 400);
    let long = format!("/api/search?q={}", "word%20".repeat(1000));
    assert_eq!(get(&server.addr, &long).status, 400);
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[test]
fn a_reindex_is_picked_up_without_a_restart() {
    let dir = seed_dir();
    index(dir.path());
    let server = serve(dir.path());
    assert_eq!(get(&server.addr, "/api/status").json()["orders"], 3);
    std::fs::write(
        dir.path().join("corpus/new.txt"),
        "ORDER\n\nSee Leon v. IDX Sys. Corp., 464 F.3d 951, 958 (9th Cir. 2006).\n",
    )
    .unwrap();
    index(dir.path());
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let orders = get(&server.addr, "/api/status").json()["orders"].clone();
        if orders == 4 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "still {orders} orders after the re-index"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let leon = get(&server.addr, "/api/cited-by?q=464%20F.3d%20951").json();
    assert!(ids(&leon["direct"]).contains(&"new".to_string()));

    // A rebuild from scratch replaces every file; the server follows it too.
    let out = bin()
        .current_dir(dir.path())
        .args(["index", "--rebuild"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let r = get(&server.addr, "/api/cited-by?q=464%20F.3d%20951");
    assert_eq!(r.status, 200);
    assert!(ids(&r.json()["direct"]).contains(&"new".to_string()));
}

/// Percent-encodes a query-string value.
fn enc(value: &str) -> String {
    let mut out = String::new();
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Sends raw request bytes; the reply, or `None` if none came within `wait`.
fn raw_within(addr: &str, request: &[u8], wait: Duration) -> Option<Reply> {
    let addr = addr.to_string();
    let request = request.to_vec();
    let (tell, answer) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tell.send(raw(&addr, &request));
    });
    answer.recv_timeout(wait).ok()
}

fn get_within(addr: &str, target: &str, wait: Duration) -> Option<Reply> {
    raw_within(
        addr,
        format!("GET {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").as_bytes(),
        wait,
    )
}

/// Issue 14, item 3: the work of a search is bounded before it starts. The
/// 2 KB sloppy phrase that took the server to 14 GB, a slop over the limit
/// and `field:*` on a text field are 400 with the reason, at once; the
/// largest phrase within the limits is answered.
#[test]
fn searches_over_the_limits_are_bad_requests() {
    let dir = seed_dir();
    index(dir.path());
    let server = serve(dir.path());
    let a = &server.addr;
    let bad = |q: &str, reason: &str| {
        let started = Instant::now();
        let r = get_within(
            a,
            &format!("/api/search?q={}", enc(q)),
            Duration::from_secs(5),
        )
        .unwrap_or_else(|| panic!("no answer to {q:?} within 5 s"));
        assert_eq!(r.status, 400, "{q}: {}", r.text());
        let e = r.json();
        assert_eq!(e["status"], 400);
        assert!(e["error"].as_str().unwrap().contains(reason), "{q}: {e}");
        assert!(started.elapsed() < Duration::from_secs(2), "{q}");
    };
    bad("\"preservation orders\"~101", "slop may be at most 100");
    for field in ["body", "court", "judge"] {
        bad(&format!("{field}:*"), "cannot be searched");
    }
    let words = [
        "the", "of", "and", "to", "a", "in", "that", "is", "for", "on",
    ];
    let phrase: Vec<&str> = (0..640).map(|i| words[i % words.len()]).collect();
    let hostile = format!("\"{} court\"~1000", phrase.join(" "));
    assert!((2000..4096).contains(&hostile.len()), "{}", hostile.len());
    bad(&hostile, "at most 64 words");
    // The worst within the limits: 64 common words, slop 100.
    let within = format!("\"{}\"~100", phrase[..64].join(" "));
    let r = get_within(
        a,
        &format!("/api/search?q={}", enc(&within)),
        Duration::from_secs(5),
    )
    .expect("answered");
    assert!(r.status == 200 || r.status == 404, "{}", r.text());
    assert_eq!(get(a, "/api/search?q=year%3A*").status, 200);
}

/// Issue 14: a facet link ANDs the facet with the whole query. Appended
/// bare, `A OR B court:X` bound the facet to `B` only and listed every
/// order of court X.
#[test]
fn a_facet_link_narrows_the_whole_query() {
    let dir = seed_dir();
    // An order of a seed's court that the query below does not match.
    let caption: String =
        std::fs::read_to_string(dir.path().join(format!("corpus/{}.txt", SEEDS[1])))
            .unwrap()
            .lines()
            .take(16)
            .collect::<Vec<_>>()
            .join("\n");
    std::fs::write(
        dir.path().join("corpus/unrelated.txt"),
        format!("{caption}\n\nThe clerk shall close this file. IT IS SO ORDERED.\n"),
    )
    .unwrap();
    index(dir.path());
    let server = serve(dir.path());
    let a = &server.addr;
    let court = get(a, "/api/orders/unrelated").json()["order"]["court_id"].clone();
    assert_eq!(court, "caed", "the unrelated order shares a seed's court");
    let query = "\"preservation orders\" OR zzqxv";
    let page = get(a, &format!("/?q={}", enc(query))).text();
    let links = regex::Regex::new(
        r#"<li><a href="/\?q=([^"&]+)">([^<]+)</a> <span class="n">(\d+)</span></li>"#,
    )
    .unwrap();
    let mut checked = 0;
    for c in links.captures_iter(&page) {
        let shown: u64 = c[3].parse().unwrap();
        let narrowed = get(a, &format!("/api/search?q={}", &c[1])).json();
        assert_eq!(
            narrowed["total"].as_u64(),
            Some(shown),
            "facet {} of {query:?} shows {shown} orders, its link finds {}",
            &c[2],
            narrowed["total"]
        );
        checked += 1;
    }
    assert!(checked >= 2, "{page}");
}

/// Issue 14: errors are what the README says. A path segment that is not
/// UTF-8 is a JSON 400 under `/api/` (an error page elsewhere); another
/// method is a JSON 405 naming the allowed ones; a body over 16 KiB is 413
/// even on a GET; a target over 8 KiB is a JSON 414, and past hyper's own
/// limit of 64 KiB an empty 414, as documented.
#[test]
fn errors_are_the_documented_ones() {
    let dir = seed_dir();
    index(dir.path());
    let server = serve(dir.path());
    let a = &server.addr;
    for target in ["/api/orders/%FF", "/api/orders/%C3%28/authorities"] {
        let r = get(a, target);
        assert_eq!(r.status, 400, "{target}");
        assert_eq!(r.json()["status"], 400, "{target}");
    }
    let r = get(a, "/order/%FF");
    assert_eq!(r.status, 400);
    assert!(r.header("content-type").unwrap().starts_with("text/html"));
    for method in ["POST", "PUT", "DELETE", "PATCH"] {
        let r = raw(
            a,
            format!("{method} /api/status HTTP/1.1\r\nHost: {a}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                .as_bytes(),
        );
        assert_eq!(r.status, 405, "{method}");
        assert_eq!(r.json()["status"], 405, "{method}");
        assert_eq!(r.header("allow"), Some("GET, HEAD"), "{method}");
    }
    let body = "x".repeat(20 * 1024);
    let r = raw(
        a,
        format!(
            "GET /api/status HTTP/1.1\r\nHost: {a}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .as_bytes(),
    );
    assert_eq!(r.status, 413);
    assert_eq!(r.json()["status"], 413);
    let small = "x".repeat(1024);
    let r = raw(
        a,
        format!(
            "GET /api/status HTTP/1.1\r\nHost: {a}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{small}",
            small.len()
        )
        .as_bytes(),
    );
    assert_eq!(r.status, 200, "a body under the limit is read and ignored");
    let r = get(a, &format!("/api/search?q={}", "a".repeat(20_000)));
    assert_eq!((r.status, r.json()["status"].clone()), (414, 414.into()));
    let r = get(a, &format!("/api/search?q={}", "a".repeat(70_000)));
    assert_eq!(r.status, 414);
    assert!(
        r.body.is_empty(),
        "hyper answers past 64 KiB, before the server"
    );
}

/// Issue 14, hardening: a page on another site that rebinds its name to
/// 127.0.0.1 sends its own name as `Host` and is refused; loopback names
/// are served. Every answer forbids loading anything but the page's own
/// style sheet and sniffing another type.
#[test]
fn a_foreign_host_is_refused_and_answers_carry_security_headers() {
    let dir = seed_dir();
    index(dir.path());
    let server = serve(dir.path());
    let a = &server.addr;
    let port = a.rsplit(':').next().unwrap();
    let with_host = |host: &str, target: &str| {
        raw(
            a,
            format!("GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n")
                .as_bytes(),
        )
    };
    for host in [
        format!("evil.example:{port}"),
        "evil.example".into(),
        format!("localhost.evil.example:{port}"),
    ] {
        let r = with_host(&host, "/api/status");
        assert_eq!(r.status, 403, "{host}");
        assert!(
            r.json()["error"].as_str().unwrap().contains("localhost"),
            "{host}"
        );
        assert_ne!(with_host(&host, "/").status, 200, "{host}");
    }
    for host in [
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
        format!("[::1]:{port}"),
    ] {
        assert_eq!(with_host(&host, "/api/status").status, 200, "{host}");
    }
    for target in [
        "/",
        "/?q=preservation",
        "/api/status",
        "/assets/style.css",
        "/api/nothing-here",
        "/order/nope",
        "/api/export/toa?format=html",
    ] {
        let r = get(a, target);
        let csp = r.header("content-security-policy").unwrap_or("");
        assert!(csp.contains("default-src 'none'"), "{target}: {csp}");
        assert!(csp.contains("style-src 'self'"), "{target}: {csp}");
        assert_eq!(
            r.header("x-content-type-options"),
            Some("nosniff"),
            "{target}"
        );
    }
}

/// Orders enough to make a citation export of several MB: more than the
/// kernel buffers a client that never reads can absorb.
fn many_citing_orders(corpus: &Path, orders: usize) {
    for i in 0..orders {
        let mut text = format!(
            "UNITED STATES DISTRICT COURT\nEASTERN DISTRICT OF CALIFORNIA\n\nORDER {i}\n\n"
        );
        for j in 0..40 {
            text.push_str(&format!(
                "The motion is denied. See Smith v. Jones Holding Co., {} F.3d {}, {} (9th Cir. 20{:02}) (holding that the party must show prejudice).\n",
                100 + (i * 7 + j) % 800,
                1000 + j * 13,
                1002 + j * 13,
                j % 20
            ));
        }
        std::fs::write(corpus.join(format!("gen_{i:04}.txt")), text).unwrap();
    }
}

/// Issue 14, item 4 and the status item: 32 clients start an export and
/// never read it. Before, the stalled exports held the query turns, and
/// search, status and the home page hung for as long as the clients did.
/// Now exports wait for turns of their own (503 past the timeout), a
/// stalled export is ended once its client has taken nothing for the
/// timeout, and everything else is answered meanwhile.
#[test]
#[cfg_attr(not(feature = "heavy"), ignore = "heavy: cargo test --features heavy")]
fn clients_that_never_read_an_export_do_not_block_the_index() {
    let dir = seed_dir();
    many_citing_orders(&dir.path().join("corpus"), 300);
    index(dir.path());
    let server = serve_with(
        dir.path(),
        &["--max-concurrency", "2", "--timeout-secs", "2"],
    );
    let a = server.addr.clone();
    let stalled: Vec<TcpStream> = (0..32)
        .map(|_| {
            let mut s = TcpStream::connect(&a).unwrap();
            s.write_all(
                format!("GET /api/export/citations?format=json HTTP/1.1\r\nHost: {a}\r\nConnection: close\r\n\r\n")
                    .as_bytes(),
            )
            .unwrap();
            s
        })
        .collect();
    std::thread::sleep(Duration::from_millis(1500));
    for target in [
        "/api/status",
        "/",
        "/api/search?q=prejudice",
        "/api/cited-by?q=464%20F.3d%20951",
        "/assets/style.css",
    ] {
        let started = Instant::now();
        let r = get_within(&a, target, Duration::from_secs(5))
            .unwrap_or_else(|| panic!("{target} hung behind the stalled exports"));
        assert_eq!(r.status, 200, "{target}: {}", r.text());
        assert!(started.elapsed() < Duration::from_secs(3), "{target}");
    }
    // The stalled exports end and give their turns back: an export by a
    // client that reads gets its turn and a whole file.
    std::thread::sleep(Duration::from_secs(5));
    let r = get_within(
        &a,
        "/api/export/citations?format=csv",
        Duration::from_secs(30),
    )
    .expect("an export gets its turn once the stalled ones have ended");
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(r.text().lines().count() > 300 * 40);
    // And the server has closed the stalled connections: reading them ends.
    for mut s in stalled {
        s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        let mut sink = Vec::new();
        let ended = match s.read_to_end(&mut sink) {
            Ok(_) => true,
            Err(e) => {
                e.kind() != std::io::ErrorKind::WouldBlock
                    && e.kind() != std::io::ErrorKind::TimedOut
            }
        };
        assert!(ended, "a stalled connection was left open");
    }
}

/// How often `needle` occurs in `hay`.
fn count(hay: &str, needle: &str) -> usize {
    hay.matches(needle).count()
}

/// The citing orders' names on an authority page, in the table's order.
fn citing_names(page: &str) -> Vec<String> {
    let re =
        regex::Regex::new(r#"<a class="order" href="[^"]*" title="[^"]*">([^<]*)</a>"#).unwrap();
    re.captures_iter(page).map(|c| c[1].to_string()).collect()
}

/// Issue 18, item 6 and the date range of item 7: the propositions scope
/// lays its hits out alone (not in the facet column of a two-column grid),
/// a year range narrows the search and rides along every link, court
/// facets read as Bluebook abbreviations while their links narrow by the
/// courts-db id, and the grid columns may shrink below a long file id.
#[test]
fn issue18_search_takes_a_date_range_and_lays_out_propositions_alone() {
    let dir = seed_dir();
    index(dir.path());
    let server = serve(dir.path());
    let a = &server.addr;

    let orders = get(a, "/?q=preservation%20orders").text();
    assert!(orders.contains("<aside class=\"facets\">"), "{orders}");
    assert!(
        orders.contains("<abbr title=\"caed\">E.D. Cal.</abbr></a> <span class=\"n\">2</span>"),
        "the court facet reads as an abbreviation: {orders}"
    );
    assert!(!orders.contains(">caed<"), "{orders}");
    let props = get(a, "/?q=preservation%20orders&scope=propositions").text();
    assert!(props.contains("<div class=\"results single\">"), "{props}");
    assert!(!props.contains("class=\"facets\""), "{props}");
    let css = get(a, "/assets/style.css").text();
    assert!(css.contains(".results.single { grid-template-columns: minmax(0, 1fr); }"));
    assert!(css.contains("grid-template-columns: 14rem minmax(0, 1fr)"));

    // The seeds are of 2016, 2017 and 2018.
    let ranged = get(a, "/?q=preservation%20orders&from=2017&to=2018").text();
    assert_eq!(count(&ranged, "<li class=\"hit\">"), 2, "{ranged}");
    assert!(!ranged.contains(&format!("href=\"/order/{}\"", SEEDS[0])));
    assert!(ranged.contains("dated 2017–2018"), "{ranged}");
    assert!(
        ranged.contains("&from=2017&to=2018\"><abbr title=\"caed\">E.D. Cal.</abbr></a>"),
        "the facet links keep the range: {ranged}"
    );
    // Propositions have no dates: a range neither applies to them nor is offered there.
    let props_ranged = get(
        a,
        "/?q=preservation%20orders&scope=propositions&from=2017&to=2018",
    )
    .text();
    assert!(!props_ranged.contains("class=\"range\""), "{props_ranged}");
    assert_eq!(
        count(&props_ranged, "<li class=\"hit\">"),
        count(&props, "<li class=\"hit\">")
    );
    let from = get(a, "/?q=preservation%20orders&from=2018").text();
    assert_eq!(count(&from, "<li class=\"hit\">"), 1, "{from}");
    // Reversed bounds are read the right way round; a range alone is a search.
    let reversed = get(a, "/?q=preservation%20orders&from=2018&to=2017").text();
    assert_eq!(count(&reversed, "<li class=\"hit\">"), 2);
    let alone = get(a, "/?from=2016&to=2016").text();
    assert_eq!(count(&alone, "<li class=\"hit\">"), 1, "{alone}");
    let bad = get(a, "/?q=x&from=last%20year");
    assert_eq!(bad.status, 400);
    assert!(
        bad.text().contains("`from` must be a year"),
        "{}",
        bad.text()
    );
}

/// Issue 18, item 7, and issue 16's courts and counts: the authority page
/// names its citing orders by case name and court abbreviation, filters
/// them by court, year, treatment, signal and words, sorts them by any
/// column, says how many have no date, and shows each proposition's
/// members, the uses that make no point apart.
#[test]
fn issue18_the_authority_page_filters_sorts_and_names_its_citing_orders() {
    let dir = seed_dir();
    std::fs::write(
        dir.path().join("corpus/undated.txt"),
        "ORDER\n\nSpoliation is willful when the party had notice. \
         See Leon v. IDX Sys. Corp., 464 F.3d 951, 958 (9th Cir. 2006).\n",
    )
    .unwrap();
    index(dir.path());
    let server = serve(dir.path());
    let a = &server.addr;
    let aln = "/authority?key=American%20LegalNet";

    let page = get(a, aln).text();
    assert!(page.contains("<h2>Cited by 3 orders</h2>"), "{page}");
    // Newest first by default.
    assert_eq!(
        citing_names(&page),
        [
            "Shajia Ayobi v. Derral G. Adams, et al.",
            "David Estrada v. Teresa Macis, et al.",
            "Artec Group, Inc. v. Andrey Klimov, et al."
        ]
    );
    assert!(page.contains("<td data-label=\"Court\"><abbr title=\"cand\">N.D. Cal.</abbr></td>"));
    assert!(
        page.contains("(<abbr title=\"cacd\">C.D. Cal.</abbr> 2009)"),
        "{page}"
    );
    assert!(!page.contains(">cand<") && !page.contains(">caed<"));
    for id in SEEDS {
        assert!(!citing_names(&page).contains(&id.to_string()));
        assert!(page.contains(&format!("href=\"/order/{id}#c")), "{id}");
    }
    // The form offers the values the citing orders have.
    assert!(
        page.contains("<option value=\"cand\">N.D. Cal.</option>"),
        "{page}"
    );
    assert!(page.contains("<option value=\"2017\">2017</option>"));
    assert!(page.contains("<option value=\"positive\">positive</option>"));
    assert!(page.contains("<option value=\"see\">see</option>"));

    let by_court = get(a, &format!("{aln}&court=cand")).text();
    assert_eq!(
        citing_names(&by_court),
        ["Artec Group, Inc. v. Andrey Klimov, et al."]
    );
    assert!(by_court.contains("Showing 1 of 3 orders"), "{by_court}");
    assert!(
        by_court.contains("<h2>Cited by 3 orders</h2>"),
        "the heading stays the count"
    );
    let by_year = get(a, &format!("{aln}&year=2017")).text();
    assert_eq!(
        citing_names(&by_year),
        ["David Estrada v. Teresa Macis, et al."]
    );
    let by_signal = get(a, &format!("{aln}&signal=see")).text();
    assert_eq!(
        citing_names(&by_signal),
        ["Artec Group, Inc. v. Andrey Klimov, et al."]
    );
    let by_treatment = get(a, &format!("{aln}&treatment=negative")).text();
    assert!(citing_names(&by_treatment).is_empty());
    assert!(by_treatment.contains("Showing 0 of 3 orders"));
    let by_words = get(a, &format!("{aln}&filter=E.D.%20Cal")).text();
    assert_eq!(
        citing_names(&by_words).len(),
        2,
        "a court filters by its abbreviation"
    );

    let by_name = get(a, &format!("{aln}&sort=name")).text();
    assert_eq!(
        citing_names(&by_name),
        [
            "Artec Group, Inc. v. Andrey Klimov, et al.",
            "David Estrada v. Teresa Macis, et al.",
            "Shajia Ayobi v. Derral G. Adams, et al."
        ]
    );
    assert!(
        by_name.contains("<th aria-sort=\"ascending\"><a href=\"/authority?key=673%20F.%20Supp.%202d%201063&sort=-name\">Order</a> ▲</th>"),
        "the heading turns the sort around: {by_name}"
    );
    let oldest = get(a, &format!("{aln}&sort=date&court=caed")).text();
    assert_eq!(
        citing_names(&oldest),
        [
            "David Estrada v. Teresa Macis, et al.",
            "Shajia Ayobi v. Derral G. Adams, et al."
        ]
    );
    // What a reader types comes back as text, in the form and in the links.
    let hostile = get(a, &format!("{aln}&filter=%3Cscript%3E&court=%22%3E%3Cb%3E")).text();
    assert!(!hostile.contains("<script>") && !hostile.contains("\"><b>"));
    assert!(hostile.contains("value=\"&lt;script&gt;\""), "{hostile}");
    assert!(hostile.contains("Showing 0 of 3 orders"));
    for bad in ["sort=size", "year=soon"] {
        let r = get(a, &format!("{aln}&{bad}"));
        assert_eq!(r.status, 400, "{bad}");
    }

    // Clustered propositions: members folded under each point, other uses apart.
    assert!(
        page.contains("<details class=\"members\"><summary>How each order puts it (3)</summary>")
    );
    assert!(
        page.contains("<h3 class=\"other-uses\">Other uses</h3>"),
        "{page}"
    );

    // The year chart says how many citing orders it leaves out.
    let leon = get(a, "/authority?key=464%20F.3d%20951").text();
    assert!(
        leon.contains("1 citing order has no date and is not in the chart."),
        "{leon}"
    );
    assert!(!page.contains("no date"), "every seed is dated");
}

/// Issue 18, item 8: an order page lists the authorities it cites, each
/// with its treatment, its pages and what it is cited for, every page and
/// proposition a link to the citation's anchor in the text.
#[test]
fn issue18_the_order_page_lists_authorities_cited_and_links_propositions_to_the_text() {
    let dir = seed_dir();
    index(dir.path());
    let server = serve(dir.path());
    let a = &server.addr;
    let page = get(a, &format!("/order/{}", SEEDS[1])).text();
    assert!(page.contains("<h2>Authorities cited</h2>"), "{page}");
    let aln = page
        .split("<li class=\"cited\">")
        .skip(1)
        .find(|e| e.contains("American LegalNet"))
        .expect("American LegalNet is among the authorities cited");
    assert!(
        aln.contains("<span class=\"badge positive\">positive</span>"),
        "{aln}"
    );
    assert!(
        aln.contains("at <a href=\"#c2\">1</a>, <a href=\"#c4\">2</a>"),
        "{aln}"
    );
    assert!(aln.contains("<ul class=\"for\" aria-label=\"Cited for\"><li><a href=\"#c2\">[f]ederal courts have the implied"), "{aln}");
    // Every anchor a link names is in the text.
    let anchors = regex::Regex::new(r##"href="#(c\d+)""##).unwrap();
    let mut checked = 0;
    for c in anchors.captures_iter(&page) {
        assert!(
            page.contains(&format!(" id=\"{}\"", &c[1])),
            "no anchor {}",
            &c[1]
        );
        checked += 1;
    }
    assert!(checked >= 5, "{page}");
    assert!(
        page.contains("(<abbr title=\"caed\">E.D. Cal.</abbr>)"),
        "{page}"
    );
}

/// Issue 18, item 9: the "API" link opens a page rendered from
/// `openapi.json` on the server, with every route, its parameters and its
/// answers, under the same security headers (no script, nothing fetched).
#[test]
fn issue18_the_api_link_opens_a_page_rendered_from_openapi() {
    let dir = seed_dir();
    index(dir.path());
    let server = serve(dir.path());
    let a = &server.addr;
    assert!(get(a, "/").text().contains("<a href=\"/api\">API</a>"));
    let r = get(a, "/api");
    assert_eq!(r.status, 200);
    assert!(r.header("content-type").unwrap().starts_with("text/html"));
    assert!(r
        .header("content-security-policy")
        .unwrap()
        .contains("default-src 'none'"));
    let page = r.text();
    let spec = get(a, "/api/openapi.json").json();
    for path in spec["paths"].as_object().unwrap().keys() {
        assert!(page.contains(&format!("GET {path}</code>")), "{path}");
    }
    assert!(page.contains("<h3>Parameters</h3>"));
    assert!(page.contains("<code>q</code>"));
    assert!(!page.contains("<script"));
    // Under /api/ an unknown route is still a JSON 404, which names the page.
    let missing = get(a, "/api/nothing");
    assert_eq!(missing.status, 404);
    assert!(missing.json()["error"].as_str().unwrap().contains("/api"));
}

/// Issue 16 on the pages: an authority that is an opinion of the
/// collection says so and links it; the opinion's page says how many
/// orders of the collection cite it and links its authority page; a
/// citing order read from two files is listed once, with its other source.
#[test]
fn issue16_the_citator_loop_closes_on_the_pages() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(corpus.join("dup")).unwrap();
    let body = "The defendant appeals his conviction, arguing that trial counsel was ineffective \
                because counsel failed to investigate an alibi witness. We affirm.";
    std::fs::write(
        corpus.join("campbell.txt"),
        format!(
            "CAMPBELL v. STATE, 728 P.2d 628 (Wyo. 1986)\n\n728 P.2d 628\n\n\
             John CAMPBELL, Appellant, v. The STATE of Wyoming, Appellee.\n\nNo. 86-88.\n\n\
             Supreme Court of Wyoming.\n\nNovember 26, 1986.\n\n{body} \
             Strickland v. Washington, 466 U.S. 668, 687 (1984).\n"
        ),
    )
    .unwrap();
    let later = format!(
        "{body} We followed this rule in Campbell v. State, 728 P.2d 628, 630 (Wyo. 1986).\n"
    );
    std::fs::write(corpus.join("later.txt"), &later).unwrap();
    std::fs::write(corpus.join("dup/later-copy.txt"), &later).unwrap();
    index(dir.path());
    let server = serve(dir.path());
    let a = &server.addr;

    let authority = get(a, "/authority?key=728%20P.2d%20628").text();
    assert!(authority.contains("In your collection"), "{authority}");
    assert!(
        authority.contains("Open the opinion: <a href=\"/order/campbell\">"),
        "{authority}"
    );
    assert!(
        authority.contains("<h2>Cited by 1 order</h2>"),
        "{authority}"
    );
    assert_eq!(
        count(&authority, "<a class=\"order\""),
        1,
        "one document, listed once"
    );
    assert!(
        authority.contains("<div class=\"sub also\">also as <a href=\"/order/"),
        "{authority}"
    );

    let opinion = get(a, "/order/campbell").text();
    assert!(
        opinion.contains(
            "<a href=\"/authority?key=728%20P.2d%20628\">cited by 1 order in this collection</a>"
        ),
        "{opinion}"
    );
    let later = get(a, "/order/later").text();
    assert!(
        !later.contains("in this collection"),
        "an order with no citation of its own"
    );
}

/// Every order object with a courts-db id in `v` carries the court's
/// Bluebook abbreviation beside it; returns how many were seen.
fn courts_abbreviated(v: &Value) -> usize {
    let mut seen = 0;
    match v {
        Value::Object(m) => {
            if let Some(id) = m.get("court_id").and_then(Value::as_str) {
                if m.contains_key("id") && m.contains_key("file") {
                    let want = match id {
                        "cand" => "N.D. Cal.",
                        "caed" => "E.D. Cal.",
                        _ => "",
                    };
                    let got = m["court_abbreviation"].as_str().unwrap_or_default();
                    assert!(!got.is_empty(), "no abbreviation beside {id}: {v}");
                    if !want.is_empty() {
                        assert_eq!(got, want, "{v}");
                    }
                    seen += 1;
                }
            }
            seen += m.values().map(courts_abbreviated).sum::<usize>();
        }
        Value::Array(a) => seen += a.iter().map(courts_abbreviated).sum::<usize>(),
        _ => {}
    }
    seen
}

/// Courts were courts-db ids only (`cacd`) in the JSON answers: the
/// Bluebook abbreviation (`C.D. Cal.`) is given beside the id.
#[test]
fn orders_in_json_answers_carry_the_court_abbreviation_beside_its_id() {
    let dir = seed_dir();
    index(dir.path());
    let server = serve(dir.path());
    let a = &server.addr;
    let search = get(a, "/api/search?q=%22preservation%20orders%22").json();
    assert_eq!(courts_abbreviated(&search), 3, "{search}");
    let show = get(a, &format!("/api/orders/{}", SEEDS[1])).json();
    assert_eq!(show["order"]["court_id"], "caed");
    assert_eq!(show["order"]["court_abbreviation"], "E.D. Cal.");
    let cited = get(a, "/api/cited-by?q=American%20LegalNet").json();
    assert_eq!(courts_abbreviated(&cited["direct"]), 3, "{cited}");
    // The command line's JSON is the server's.
    for args in [
        &["search", "\"preservation orders\""][..],
        &["show", SEEDS[1]][..],
        &["cited-by", "American LegalNet"][..],
    ] {
        let v = cli_json(dir.path(), args);
        assert!(courts_abbreviated(&v) >= 1, "{args:?}: {v}");
    }
}
