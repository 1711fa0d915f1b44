//! Helpers the end-to-end test files share: running the real binary,
//! reading its JSON, and a `precedent serve` on a free loopback port.
// Each test file compiles this module on its own and uses part of it.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};

use serde_json::Value;

/// The `precedent` binary cargo built for these tests.
pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_precedent"))
}

/// Runs `precedent ARGS` in the current directory.
pub fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("run precedent")
}

/// Runs `precedent ARGS` in `dir`.
pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    bin()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run precedent")
}

/// Runs `precedent ARGS`, which must succeed, and parses what it printed as JSON.
pub fn run_json(args: &[&str]) -> Value {
    let out = run(args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

/// A string field of a JSON object.
pub fn s<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

/// Every row's span indexes `text` and the row's `text` is exactly that slice.
pub fn assert_spans(rows: &[Value], text: &str) {
    for r in rows {
        let (start, end) = (
            r["start"].as_u64().unwrap() as usize,
            r["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[start..end], s(r, "text").unwrap(), "{r}");
    }
}

/// `precedent extract PATH` fails with exit 2 and a message naming the file and `reason`.
pub fn assert_extract_fails(path: &Path, reason: &str) {
    let out = run(&["extract", path.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains(path.to_str().unwrap()) && err.contains(reason),
        "{err}"
    );
}

/// Every citation in the index, one sorted JSON line each: the index's answer to everything.
pub fn exported_citations(dir: &Path, index: &Path) -> Vec<String> {
    exported(dir, index, "citations")
}

/// Every row of an `export TABLE --format jsonl` of the index, sorted.
pub fn exported(dir: &Path, index: &Path, table: &str) -> Vec<String> {
    let out = run_in(
        dir,
        &[
            "export",
            table,
            "--format",
            "jsonl",
            "--index",
            index.to_str().unwrap(),
        ],
    );
    let mut lines: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    lines.sort();
    lines
}

/// A running server; killed when dropped.
pub struct Server {
    pub child: Child,
    pub addr: String,
    /// What it printed before listening (the index build, the banner).
    pub banner: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `precedent serve EXTRA` in `dir` on a free loopback port, once it listens.
pub fn serve_with(dir: &Path, extra: &[&str]) -> Server {
    let mut child = bin()
        .current_dir(dir)
        .args(["serve", "--addr", "127.0.0.1:0"])
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut banner = String::new();
    for line in lines.by_ref() {
        let line = line.unwrap();
        banner.push_str(&line);
        banner.push('\n');
        if let Some(at) = line.find("http://") {
            let addr = line[at + 7..].split('/').next().unwrap().to_string();
            // Keep draining stdout so the server never blocks on a full pipe.
            std::thread::spawn(move || for _ in lines {});
            return Server {
                child,
                addr,
                banner,
            };
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("the server exited before listening:\n{banner}");
}

/// `precedent serve` in `dir`.
pub fn serve(dir: &Path) -> Server {
    serve_with(dir, &[])
}

/// A scratch folder holding a copy of the seed orders in `corpus/` and
/// their index in `index/`; commands run in it find both by default.
pub fn seed_index() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    for e in std::fs::read_dir(&seeds).unwrap().flatten() {
        std::fs::copy(e.path(), corpus.join(e.file_name())).unwrap();
    }
    let out = run_in(dir.path(), &["index", "--format", "json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir
}
