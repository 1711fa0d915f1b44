//! Reliability end to end: `precedent check` finds drift, an index run
//! killed with SIGKILL at random points never loses the last commit, a bad
//! input corpus gets a per-file message each while the good files are all
//! indexed, and the server keeps answering while the index is rebuilt.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::common::{bin, exported, exported_citations, run_in, serve};

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The seed orders plus `extra` generated ones, under `DIR/corpus`.
fn corpus_dir(extra: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(corpus.join("more")).unwrap();
    let ours = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    for entry in std::fs::read_dir(&ours).unwrap() {
        let p = entry.unwrap().path();
        std::fs::copy(&p, corpus.join(p.file_name().unwrap())).unwrap();
    }
    for i in 0..extra {
        let text = format!(
            "UNITED STATES DISTRICT COURT\nNORTHERN DISTRICT OF CALIFORNIA\n\nORDER GRANTING MOTION NO. {i}\n\n\
             \"Federal courts have the implied or inherent power to issue preservation orders.\" \
             Am. LegalNet, Inc. v. Davis, 673 F. Supp. 2d 1063, 1071 (C.D. Cal. 2009). See also Doe v. Roe, \
             {v} F.3d {p}, {q} (9th Cir. 2003); Fed. R. Civ. P. 26(b)(1). Id. at {q}.\n\nIT IS SO ORDERED.\n\nDated: June {d}, 2020\n",
            v = 200 + i,
            p = 30 + i,
            q = 31 + i,
            d = 1 + i % 28
        );
        std::fs::write(corpus.join("more").join(format!("gen_{i:04}.txt")), text).unwrap();
    }
    dir
}

fn check(dir: &Path, index: &Path) -> (Option<i32>, Value) {
    let out = run_in(
        dir,
        &[
            "check",
            "corpus",
            "--index",
            index.to_str().unwrap(),
            "--format",
            "json",
        ],
    );
    let v = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", stderr(&out)));
    (out.status.code(), v)
}

#[test]
fn check_reports_drift_and_then_none() {
    let dir = corpus_dir(5);
    let d = dir.path();
    let index = d.join("index");
    assert!(run_in(d, &["index"]).status.success());
    let (code, report) = check(d, &index);
    assert_eq!(code, Some(0), "{report}");
    assert_eq!(report["ok"], true);
    assert_eq!(report["current"], 8);
    assert_eq!(report["orders_in_index"], 8);

    let corpus = d.join("corpus");
    std::fs::write(
        corpus.join("more/gen_0000.txt"),
        "ORDER\nSee 464 F.3d 951.\n",
    )
    .unwrap();
    std::fs::remove_file(corpus.join("more/gen_0001.txt")).unwrap();
    std::fs::write(corpus.join("fresh.txt"), "ORDER\nSee 1 U.S. 1.\n").unwrap();
    std::fs::write(corpus.join("empty.txt"), "").unwrap();
    let (code, report) = check(d, &index);
    assert_eq!(code, Some(1), "drift is exit code 1");
    assert_eq!(report["changed"][0], "corpus/more/gen_0000.txt");
    assert_eq!(report["missing"][0], "corpus/more/gen_0001.txt");
    assert_eq!(report["unindexed"][0], "corpus/fresh.txt");
    assert_eq!(report["unreadable"][0][0], "corpus/empty.txt");
    assert_eq!(report["inconsistent"].as_array().unwrap().len(), 0);

    let out = run_in(d, &["index"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "the empty file fails: {}",
        stderr(&out)
    );
    let (code, report) = check(d, &index);
    assert_eq!(code, Some(0), "{report}");
    assert_eq!(report["current"], 8);
}

/// A small deterministic generator, so a failing kill schedule can be replayed.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n.max(1)
    }
}

#[test]
#[cfg_attr(not(feature = "heavy"), ignore = "heavy: cargo test --features heavy")]
fn twenty_sigkills_at_random_points_never_lose_the_last_commit() {
    let dir = corpus_dir(400);
    let d = dir.path();
    let reference = d.join("reference");
    let started = Instant::now();
    let out = run_in(
        d,
        &["index", "corpus", "--index", reference.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let full_ms = started.elapsed().as_millis() as u64;
    let expected = exported_citations(d, &reference);
    assert!(expected.len() > 1000, "{}", expected.len());

    let seed = 20261121;
    let mut rng = Lcg(seed);
    let index = d.join("index");
    let mut landed_mid_run = 0;
    for round in 0..20 {
        // Even rounds start from nothing; odd rounds from a complete index
        // whose corpus has changed, so deletes and updates are interrupted too.
        if round % 2 == 0 {
            let _ = std::fs::remove_dir_all(&index);
        } else {
            let victim = d.join(format!("corpus/more/gen_{:04}.txt", rng.below(400)));
            let text = std::fs::read_to_string(&victim).unwrap_or_default();
            std::fs::write(&victim, format!("{text}\nSee also 1 U.S. 1 ({round}).\n")).unwrap();
        }
        let delay = 20 + rng.below(full_ms.max(50));
        let mut child = bin()
            .current_dir(d)
            .args(["index", "corpus", "--batch", "16", "--commit-every", "32"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        let killed = child.try_wait().unwrap().is_none();
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        landed_mid_run += usize::from(killed);

        if index.join("meta.json").exists() {
            // The last commit opens, answers, and is consistent with itself:
            // at worst some files are not indexed yet (or are indexed at
            // their old content), never half an order.
            let (_, report) = check(d, &index);
            assert_eq!(
                report["inconsistent"].as_array().unwrap().len(),
                0,
                "round {round} (seed {seed}, kill at {delay} ms): {report}"
            );
            let out = run_in(d, &["cited-by", "673 F. Supp. 2d 1063", "--format", "json"]);
            assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stderr(&out));
            let partial = exported_citations(d, &index);
            assert!(partial.len() <= expected.len() + 400);
        }
        // The next run finishes the job and ends exactly like an uninterrupted build.
        let out = run_in(d, &["index", "corpus"]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "round {round}: {}",
            stderr(&out)
        );
        if round % 2 == 1 {
            // The reference must see the same change to stay comparable.
            let out = run_in(
                d,
                &["index", "corpus", "--index", reference.to_str().unwrap()],
            );
            assert!(out.status.success());
        }
        let reference_now = exported_citations(d, &reference);
        assert_eq!(
            exported_citations(d, &index),
            reference_now,
            "round {round} (seed {seed}, kill at {delay} ms)"
        );
        let (code, report) = check(d, &index);
        assert_eq!(code, Some(0), "round {round}: {report}");
    }
    assert!(
        landed_mid_run >= 10,
        "only {landed_mid_run} of 20 kills landed mid-run"
    );
}

#[test]
fn an_index_killed_before_its_first_commit_is_empty_not_refused() {
    // Found by the kill test: `create_in_dir` writes `meta.json` before the
    // first commit adds the format payload; a kill in between left an index
    // every later run refused as "format unknown".
    let dir = corpus_dir(0);
    let d = dir.path();
    let index = d.join("index");
    std::fs::create_dir(&index).unwrap();
    let (schema, _) = precedent::kb::schema::build();
    drop(tantivy::Index::create_in_dir(&index, schema).unwrap());
    let out = run_in(d, &["top", "--format", "json"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "an empty index: {}",
        stderr(&out)
    );
    let out = run_in(d, &["index"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let (code, report) = check(d, &index);
    assert_eq!(code, Some(0), "{report}");
}

/// Copies `tests/fixtures/bad` into `to`, keeping symlinks as symlinks.
fn copy_fixtures(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        let ft = entry.file_type().unwrap();
        if ft.is_symlink() {
            std::os::unix::fs::symlink(std::fs::read_link(entry.path()).unwrap(), &target).unwrap();
        } else if ft.is_dir() {
            copy_fixtures(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .map(|s| {
            s.lines()
                .any(|l| l.starts_with("Uid:") && l.split_whitespace().nth(1) == Some("0"))
        })
        .unwrap_or(false)
}

#[test]
#[cfg_attr(not(feature = "heavy"), ignore = "heavy: cargo test --features heavy")]
fn the_bad_input_corpus_gets_a_message_per_file_and_the_good_files_are_all_indexed() {
    let dir = corpus_dir(0);
    let d = dir.path();
    let bad = d.join("corpus/bad");
    copy_fixtures(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad"),
        &bad,
    );
    // Too big to commit: a 100 MB single line, written here.
    let line: String = "See Leon v. IDX Sys. Corp., 464 F.3d 951, 959 (9th Cir. 2006); "
        .repeat(100 * 1024 * 1024 / 64);
    std::fs::write(bad.join("one-line-100mb.txt"), line).unwrap();
    // A FIFO would block a reader forever; it must be refused, not opened.
    let fifo = bad.join("fifo.txt");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    // Unreadable (for anyone but root).
    let locked = bad.join("unreadable.txt");
    std::fs::write(&locked, "ORDER\nSee 464 F.3d 951.\n").unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();

    let started = Instant::now();
    let out = run_in(d, &["index", "--format", "json"]);
    let err = stderr(&out);
    assert_eq!(
        out.status.code(),
        Some(2),
        "some files failed: exit 2\n{err}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(300),
        "the run finishes"
    );
    let summary: Value = serde_json::from_slice(&out.stdout).unwrap();

    let expect_error = |file: &str, reason: &str| {
        let line = err
            .lines()
            .find(|l| l.contains(&format!("corpus/bad/{file}")))
            .unwrap_or_else(|| panic!("no message for {file}:\n{err}"));
        assert!(line.contains(reason), "{file}: {line}");
    };
    expect_error("empty.txt", "empty");
    expect_error("binary.txt", "binary file");
    expect_error("latin1.txt", "not UTF-8");
    expect_error("fifo.txt", "not a regular file");
    expect_error("dangling.txt", "No such file");
    expect_error("pdf-bomb.pdf", "decompression bomb");
    // Found by fuzzing: a mangled font dictionary panics the PDF reader;
    // the panic is caught and reported as this file's error, quietly.
    expect_error("pdf-reader-panic.pdf", "the PDF reader failed");
    assert!(!err.contains("panicked at"), "{err}");
    expect_error("loop.txt", "symbolic links");
    if !is_root() {
        expect_error("unreadable.txt", "ermission denied");
    }

    // Every good file is in: the seeds, and the hard-but-valid bad ones.
    let show = |id: &str| run_in(d, &["show", id, "--format", "json"]);
    for id in [
        "000_9d8638a24f1521ae",
        "002_7121a4bf7ae7f580",
        "003_d0a0482d4ad8489c",
        "only-citations",
        "quoting-50-deep",
        "ids-10000",
        "one-line-100mb",
    ] {
        let out = show(id);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{id} is indexed: {}",
            stderr(&out)
        );
    }
    let ids: Value = serde_json::from_slice(&show("ids-10000").stdout).unwrap();
    assert!(ids["citations"].as_array().unwrap().len() >= 10_000);
    assert!(summary["failed"].as_u64().unwrap() >= 5, "{summary}");

    let (_, report) = check(d, &d.join("index"));
    assert_eq!(
        report["inconsistent"].as_array().unwrap().len(),
        0,
        "{report}"
    );
    assert_eq!(report["changed"].as_array().unwrap().len(), 0, "{report}");
    assert_eq!(report["unindexed"].as_array().unwrap().len(), 0, "{report}");
}

fn status_of(addr: &str, target: &str) -> u16 {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(
        s,
        "GET {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut reply = String::new();
    let _ = s.read_to_string(&mut reply);
    reply
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0)
}

#[test]
#[cfg_attr(not(feature = "heavy"), ignore = "heavy: cargo test --features heavy")]
fn the_server_keeps_answering_while_the_index_is_rebuilt() {
    let dir = corpus_dir(300);
    let d = dir.path();
    assert!(run_in(d, &["index"]).status.success());
    let server = serve(d);
    let addr = server.addr.clone();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let reader = {
        let stop = stop.clone();
        std::thread::spawn(move || {
            let mut answers = Vec::new();
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                answers.push(status_of(
                    &addr,
                    "/api/cited-by?q=673%20F.%20Supp.%202d%201063",
                ));
                answers.push(status_of(
                    &addr,
                    "/api/search?q=%22preservation%20orders%22",
                ));
            }
            answers
        })
    };
    // An incremental update, then a rebuild from scratch, while it serves.
    std::fs::write(d.join("corpus/more/gen_0005.txt"), "ORDER\nSee 1 U.S. 1.\n").unwrap();
    assert!(run_in(d, &["index"]).status.success());
    assert!(run_in(d, &["index", "--rebuild"]).status.success());
    std::thread::sleep(Duration::from_millis(300));
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let answers = reader.join().unwrap();
    eprintln!(
        "{} answers during the re-index and the rebuild",
        answers.len()
    );
    assert!(answers.len() >= 20, "{} answers", answers.len());
    let bad: Vec<&u16> = answers.iter().filter(|s| **s != 200).collect();
    assert!(
        bad.is_empty(),
        "{} of {} answers were not 200: {:?}",
        bad.len(),
        answers.len(),
        &bad[..bad.len().min(10)]
    );
}

/// `index` with `--index DIR` run in `d`: exit code and stderr.
fn index_into(d: &Path, index: &str, extra: &[&str]) -> (Option<i32>, String) {
    let mut args = vec!["index", "corpus", "--index", index];
    args.extend_from_slice(extra);
    let out = run_in(d, &args);
    (out.status.code(), stderr(&out))
}

/// Every file under `dir` with its bytes, to prove nothing was touched.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            out.extend(snapshot(&p));
        } else {
            out.push((p.display().to_string(), std::fs::read(&p).unwrap()));
        }
    }
    out.sort();
    out
}

#[test]
fn rebuild_never_deletes_moves_or_writes_into_what_is_not_an_index() {
    let dir = corpus_dir(2);
    let d = dir.path();
    let mydocs = d.join("mydocs");
    std::fs::create_dir(&mydocs).unwrap();
    std::fs::write(mydocs.join("brief.docx"), "the only copy").unwrap();
    std::fs::write(d.join("notes.txt"), "my notes").unwrap();
    let before = (snapshot(&mydocs), snapshot(&d.join("corpus")));

    for extra in [&["--rebuild"][..], &[][..]] {
        let (code, err) = index_into(d, "mydocs", extra);
        assert_eq!(code, Some(2), "{extra:?}: {err}");
        assert!(
            err.contains("mydocs") && err.contains("not a precedent index"),
            "{err}"
        );
        let (code, err) = index_into(d, "corpus", extra);
        assert_eq!(code, Some(2), "{extra:?}: {err}");
        assert!(err.contains("corpus"), "{err}");
        let (code, err) = index_into(d, "notes.txt", extra);
        assert_eq!(code, Some(2), "{extra:?}: {err}");
        assert!(err.contains("notes.txt"), "{err}");
    }
    assert_eq!((snapshot(&mydocs), snapshot(&d.join("corpus"))), before);
    assert_eq!(std::fs::read(d.join("notes.txt")).unwrap(), b"my notes");
    for leftover in [
        "mydocs.rebuild",
        "corpus.rebuild",
        "notes.txt.rebuild",
        "notes.rebuild",
    ] {
        assert!(!d.join(leftover).exists(), "{leftover} was created");
    }

    // A real index is rebuilt; a stranger's directory where the staging
    // directory would go is left alone, and the run refuses.
    let (code, err) = index_into(d, "index", &[]);
    assert_eq!(code, Some(0), "{err}");
    let (code, err) = index_into(d, "index", &["--rebuild"]);
    assert_eq!(code, Some(0), "{err}");
    std::fs::create_dir(d.join("index.rebuild")).unwrap();
    std::fs::write(d.join("index.rebuild/keep.txt"), "mine").unwrap();
    let (code, err) = index_into(d, "index", &["--rebuild"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("index.rebuild"), "{err}");
    assert_eq!(
        std::fs::read(d.join("index.rebuild/keep.txt")).unwrap(),
        b"mine"
    );
    // An empty directory is a fine place for a new index.
    std::fs::create_dir(d.join("fresh")).unwrap();
    let (code, err) = index_into(d, "fresh", &[]);
    assert_eq!(code, Some(0), "{err}");
}

#[test]
fn the_corpus_can_never_be_the_index() {
    let dir = corpus_dir(1);
    let d = dir.path();
    // Not even when the corpus is an empty directory, or holds the index.
    std::fs::create_dir(d.join("empty")).unwrap();
    let out = run_in(d, &["index", "empty", "--index", "empty"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let out = run_in(d, &["index", "corpus", "--index", "corpus/../corpus"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let out = run_in(d, &["index", "corpus/more", "--index", "corpus"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("inside"), "{}", stderr(&out));
    // An index inside its corpus is allowed (and never read back as orders).
    let out = run_in(d, &["index", "corpus", "--index", "corpus/idx"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn one_index_run_writes_at_a_time() {
    let dir = corpus_dir(1);
    let d = dir.path();
    let (code, err) = index_into(d, "index", &[]);
    assert_eq!(code, Some(0), "{err}");
    // As a run in progress holds it.
    let lock = std::fs::File::create(d.join(".index.lock")).unwrap();
    lock.try_lock().unwrap();
    for extra in [&[][..], &["--rebuild"][..]] {
        let (code, err) = index_into(d, "index", extra);
        assert_eq!(code, Some(2), "{extra:?}: {err}");
        assert!(err.contains("another `precedent index` run"), "{err}");
    }
    assert!(!d.join("index.rebuild").exists());
    drop(lock);
    let (code, err) = index_into(d, "index", &["--rebuild"]);
    assert_eq!(code, Some(0), "{err}");
}

/// A JSON Lines shard of `n` generated opinions, gzipped, at `path`.
fn write_shard(path: &Path, n: usize, salt: &str) {
    let f = std::fs::File::create(path).unwrap();
    let mut gz = flate2::write::GzEncoder::new(f, flate2::Compression::fast());
    for i in 0..n {
        let text = format!(
            "SUPREME COURT OF WYOMING\n\nSMITH{i} v. STATE\n\n{salt}The district court did not abuse its discretion. \
             \"An abuse of discretion implies that the court's attitude is unreasonable, arbitrary or unconscionable.\" \
             Blakemore v. Blakemore, 5 Ohio St. 3d 217, 219 (1983). See also Doe v. Roe, {v} F.3d {p}, {q} (10th Cir. 2003). \
             Id. at {q}. Counsel was not ineffective. Strickland v. Washington, 466 U.S. 668, 687 (1984).\n\nAFFIRMED.\n",
            v = 100 + i % 300,
            p = 10 + i,
            q = 11 + i,
        );
        let record = serde_json::json!({"id": format!("op-{i:05}"), "court": "wyo", "text": text});
        writeln!(gz, "{record}").unwrap();
    }
    gz.finish().unwrap();
}

/// Every proposition of the index, as `export propositions` writes them, sorted.
fn exported_propositions(dir: &Path, index: &Path) -> Vec<String> {
    exported(dir, index, "propositions")
}

#[test]
#[cfg_attr(not(feature = "heavy"), ignore = "heavy: cargo test --features heavy")]
fn twenty_sigkills_mid_shard_never_lose_the_rest_of_the_shard() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("corpus")).unwrap();
    let second = d.join("corpus/opinions-01.jsonl.gz");
    write_shard(&d.join("corpus/opinions-00.jsonl.gz"), 600, "");
    // The corpus in two states, told apart by the second shard's content,
    // each with what a clean build of it exports.
    let salts = ["", "Changed. "];
    let mut expected = Vec::new();
    let mut full_ms = 0;
    for (state, salt) in salts.iter().enumerate() {
        write_shard(&second, 300, salt);
        let reference = d.join(format!("reference-{state}"));
        let started = Instant::now();
        let (code, err) = index_into(d, reference.to_str().unwrap(), &[]);
        assert_eq!(code, Some(0), "{err}");
        full_ms = full_ms.max(started.elapsed().as_millis() as u64);
        let e = (
            exported_citations(d, &reference),
            exported_propositions(d, &reference),
        );
        assert!(e.0.len() > 3000 && !e.1.is_empty());
        expected.push(e);
    }

    let seed = 20261202;
    let mut rng = Lcg(seed);
    let index = d.join("index");
    let (mut mid_run, mut partial_seen) = (0, 0);
    for round in 0..20 {
        // Even rounds start from nothing; odd rounds from a complete index
        // whose second shard has just changed, so a replacement is cut short too.
        let state = round % 2;
        write_shard(&second, 300, salts[state]);
        if round % 2 == 0 {
            let _ = std::fs::remove_dir_all(&index);
        }
        let delay = 20 + rng.below(full_ms.max(50));
        let commits = 1 + rng.below(4) as usize;
        let mut child = bin()
            .current_dir(d)
            .args(["index", "corpus", "--batch", "16", "--commit-every", "48"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        if round % 4 < 2 {
            // At a random moment: before the first commit, or between any two.
            std::thread::sleep(Duration::from_millis(delay));
        } else {
            // Just after a random one of the run's commits: a shard is then
            // typically half indexed, whatever the machine's speed.
            let meta = index.join("meta.json");
            let mut last = std::fs::read(&meta).unwrap_or_default();
            let mut seen = 0;
            while seen < commits && child.try_wait().unwrap().is_none() {
                std::thread::sleep(Duration::from_millis(2));
                let now = std::fs::read(&meta).unwrap_or_default();
                if now != last {
                    seen += 1;
                    last = now;
                }
            }
            std::thread::sleep(Duration::from_millis(rng.below(20)));
        }
        mid_run += usize::from(child.try_wait().unwrap().is_none());
        let _ = child.kill();
        let _ = child.wait();
        if index.join("meta.json").exists() {
            let (code, report) = check(d, &index);
            assert_eq!(
                report["inconsistent"].as_array().unwrap().len(),
                0,
                "round {round}: {report}"
            );
            // A shard cut short is drift, never "ok".
            let partial = report["partial"].as_array().unwrap().len();
            partial_seen += usize::from(partial > 0);
            if partial > 0 {
                assert_eq!(code, Some(1), "round {round}: {report}");
            }
        }
        let out = run_in(d, &["index", "corpus"]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "round {round}: {}",
            stderr(&out)
        );
        assert!(
            (
                exported_citations(d, &index),
                exported_propositions(d, &index)
            ) == expected[state],
            "round {round} (seed {seed}, kill at {delay} ms): not what a clean build gives"
        );
        let (code, report) = check(d, &index);
        assert_eq!(code, Some(0), "round {round}: {report}");
    }
    eprintln!("{mid_run} of 20 kills landed mid-run; {partial_seen} left a shard partly indexed");
    assert!(mid_run >= 10, "only {mid_run} of 20 kills landed mid-run");
    assert!(
        partial_seen >= 4,
        "only {partial_seen} kills left a shard partly indexed"
    );
}

#[test]
fn a_bad_record_is_reported_by_every_run_and_by_check() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("corpus")).unwrap();
    let good = |id: &str| {
        format!("{{\"id\": \"{id}\", \"text\": \"ORDER. See Leon v. IDX Sys. Corp., 464 F.3d 951, 958 (9th Cir. 2006).\"}}\n")
    };
    std::fs::write(
        d.join("corpus/shard.jsonl"),
        good("a") + "{\"id\": \"b\", \"text\": \n" + &good("c"),
    )
    .unwrap();
    for run in 0..2 {
        let out = run_in(d, &["index", "corpus"]);
        assert_eq!(out.status.code(), Some(2), "run {run}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("shard.jsonl") && stderr(&out).contains("line 2"),
            "run {run}: {}",
            stderr(&out)
        );
    }
    let (code, report) = check(d, &d.join("index"));
    assert_eq!(code, Some(1), "{report}");
    assert_eq!(report["orders_in_index"], 2, "{report}");
    let failed = report["failed_records"].as_array().unwrap();
    assert_eq!(failed.len(), 1, "{report}");
    assert!(
        failed[0][1].as_str().unwrap().contains("line 2"),
        "{report}"
    );
}

#[test]
fn every_order_has_a_unique_id_the_same_in_every_output() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let text = |pin: u32| {
        format!("ORDER. See Leon v. IDX Sys. Corp., 464 F.3d 951, {pin} (9th Cir. 2006).\n")
    };
    for (path, pin) in [
        ("c/2019/order.txt", 955),
        ("c/2020/order.txt", 956),
        ("c/other.txt", 957),
    ] {
        let p = d.join("corpus").join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text(pin)).unwrap();
    }
    // Two records with one id in one shard.
    let rec = |pin: u32| {
        format!(
            "{{\"id\": \"dup\", \"text\": {}}}\n",
            serde_json::json!(text(pin))
        )
    };
    std::fs::write(d.join("corpus/shard.jsonl"), rec(960) + &rec(961)).unwrap();
    let out = run_in(d, &["index"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let (code, report) = check(d, &d.join("index"));
    assert_eq!(code, Some(0), "{report}");
    let pins = |id: &str| -> Vec<String> {
        let out = run_in(d, &["show", id, "--format", "json"]);
        assert_eq!(out.status.code(), Some(0), "show {id}: {}", stderr(&out));
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["order"]["id"], id, "{v}");
        v["citations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["pin"].as_str().unwrap_or("").to_string())
            .collect()
    };
    assert_eq!(pins("2019/order"), ["955"]);
    assert_eq!(pins("2020/order"), ["956"]);
    assert_eq!(pins("other"), ["957"]);
    assert_eq!(pins("dup"), ["960"]);
    assert_eq!(pins("dup~2"), ["961"]);
    // cited-by names every order by the same id.
    let out = run_in(d, &["cited-by", "464 F.3d 951", "--format", "json"]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut ids: Vec<&str> = v["direct"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_str().unwrap())
        .collect();
    ids.sort();
    assert_eq!(ids, ["2019/order", "2020/order", "dup", "dup~2", "other"]);
    // A later file sharing a stem makes the first one's id unique too, and
    // the result is what one clean build of the same corpus gives.
    std::fs::create_dir_all(d.join("corpus/c/other")).unwrap();
    std::fs::write(d.join("corpus/c/other/other.txt"), text(958)).unwrap();
    let out = run_in(d, &["index"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(pins("c/other"), ["957"]);
    assert_eq!(pins("other/other"), ["958"]);
    let (code, report) = check(d, &d.join("index"));
    assert_eq!(code, Some(0), "{report}");
    let out = run_in(d, &["index", "--rebuild"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(pins("c/other"), ["957"]);
    // A rerun changes nothing.
    let out = run_in(d, &["index", "--format", "json"]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (v["added"].as_u64(), v["updated"].as_u64()),
        (Some(0), Some(0)),
        "{v}"
    );
}

#[test]
fn check_looks_where_the_index_was_built_from() {
    let dir = corpus_dir(1);
    let d = dir.path();
    assert!(run_in(d, &["index"]).status.success());
    let elsewhere = tempfile::tempdir().unwrap();
    let index = d.join("index");
    let out = run_in(
        elsewhere.path(),
        &[
            "check",
            "--index",
            index.to_str().unwrap(),
            "--format",
            "json",
        ],
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{report}");
    assert_eq!(report["current"], 4, "{report}");
    // With the corpus gone, it is drift, never "ok".
    std::fs::rename(d.join("corpus"), d.join("moved")).unwrap();
    let out = run_in(
        elsewhere.path(),
        &[
            "check",
            "--index",
            index.to_str().unwrap(),
            "--format",
            "json",
        ],
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1), "{report}");
    assert_eq!(report["missing"].as_array().unwrap().len(), 4, "{report}");
}

/// Runs `mount ARGS`; false when this machine does not let the test mount.
fn mount(args: &[&str]) -> bool {
    is_root()
        && Command::new("mount")
            .args(args)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
}

/// Unmounts `at` when dropped.
struct Mounted(std::path::PathBuf);

impl Drop for Mounted {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[test]
#[cfg_attr(not(feature = "heavy"), ignore = "heavy: cargo test --features heavy")]
fn an_index_on_a_read_only_mount_answers_every_reader() {
    let dir = corpus_dir(1);
    let d = dir.path();
    assert!(run_in(d, &["index"]).status.success());
    let ro = d.join("ro");
    std::fs::create_dir(&ro).unwrap();
    let _mounted = if mount(&["--bind", "index", ro.to_str().unwrap()]) {
        let m = Mounted(ro.clone());
        assert!(mount(&["-o", "remount,bind,ro", ro.to_str().unwrap()]));
        Some(m)
    } else if !is_root() {
        // Unprivileged: a directory the user may read but not write.
        std::fs::remove_dir(&ro).unwrap();
        std::fs::rename(d.join("index"), &ro).unwrap();
        for entry in std::fs::read_dir(&ro).unwrap() {
            let p = entry.unwrap().path();
            let mut perm = std::fs::metadata(&p).unwrap().permissions();
            perm.set_readonly(true);
            std::fs::set_permissions(&p, perm).unwrap();
        }
        let mut perm = std::fs::metadata(&ro).unwrap().permissions();
        perm.set_readonly(true);
        std::fs::set_permissions(&ro, perm).unwrap();
        None
    } else {
        eprintln!(
            "SKIPPED an_index_on_a_read_only_mount_answers_every_reader: cannot bind-mount here"
        );
        return;
    };
    assert!(
        std::fs::write(ro.join("probe"), "x").is_err(),
        "the index is still writable"
    );
    let ro_arg = ro.to_str().unwrap();
    for args in [
        &["search", "preservation", "--index", ro_arg][..],
        &["cited-by", "673 F. Supp. 2d 1063", "--index", ro_arg],
        &["top", "--index", ro_arg],
        &["check", "--index", ro_arg],
        &["export", "citations", "--format", "csv", "--index", ro_arg],
    ] {
        let out = run_in(d, args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    }
    let server = crate::common::serve_with(d, &["--index", ro_arg]);
    assert_eq!(
        status_of(&server.addr, "/api/cited-by?q=American%20LegalNet"),
        200
    );
}

#[test]
#[cfg_attr(not(feature = "heavy"), ignore = "heavy: cargo test --features heavy")]
fn a_full_disk_is_reported_as_such_and_the_last_commit_survives() {
    let dir = corpus_dir(0);
    let d = dir.path();
    let disk = d.join("disk");
    std::fs::create_dir(&disk).unwrap();
    if !mount(&[
        "-t",
        "tmpfs",
        "-o",
        "size=1m",
        "tmpfs",
        disk.to_str().unwrap(),
    ]) {
        eprintln!("SKIPPED a_full_disk_is_reported_as_such_and_the_last_commit_survives: cannot mount a small tmpfs here");
        return;
    }
    let _mounted = Mounted(disk.clone());
    let index = disk.join("index");
    let (code, err) = index_into(d, index.to_str().unwrap(), &[]);
    assert_eq!(code, Some(0), "{err}");
    let before = exported_citations(d, &index);
    // Orders enough to fill the rest of the disk.
    let more = corpus_dir(3000);
    std::fs::rename(more.path().join("corpus/more"), d.join("corpus/more")).unwrap();
    let (code, err) = index_into(d, index.to_str().unwrap(), &["--commit-every", "100000"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("is full") && err.contains("disk/index"),
        "{err}"
    );
    assert_eq!(exported_citations(d, &index), before);
}

#[test]
fn how_cited_does_not_depend_on_how_the_corpus_was_indexed() {
    let dir = corpus_dir(0);
    let d = dir.path();
    write_shard(&d.join("corpus/opinions-00.jsonl.gz"), 80, "");
    // Orders that state one standard in words of their own (from Ohio
    // opinions of the shared corpus) and some that cite it for other points:
    // which wording comes first must not decide what is one point.
    let wordings = [
        "A finding of abuse of discretion implies that the court acted unreasonably, arbitrarily or unconscionably.",
        "An abuse of discretion will only be found where the decision is unreasonable, arbitrary, or unconscionable.",
        "Abuse of discretion connotes more than error of judgment, it implies that the court's attitude was unreasonable, arbitrary or unconscionable.",
        "An abuse of discretion is more than an error of judgment, but instead connotes a decision that is unreasonable, arbitrary, or unconscionable.",
        "The trial court has broad discretion in clarifying ambiguous provisions of a separation agreement.",
        "Whenever a clause in a separation agreement is deemed to be ambiguous, it is the responsibility of the trial court to interpret it.",
        "An abuse of discretion implies more than an error of law; the attitude of the court must be arbitrary.",
    ];
    std::fs::create_dir_all(d.join("corpus/more")).unwrap();
    let mut pick = Lcg(11);
    for i in 0..48 {
        let w = wordings[pick.below(wordings.len() as u64) as usize];
        std::fs::write(
            d.join(format!("corpus/more/ohio_{i:03}.txt")),
            format!("COURT OF APPEALS OF OHIO\n\nSTATE v. DOE {i}\n\n{w} Blakemore v. Blakemore, 5 Ohio St.3d 217, 219 (1983).\n\nJudgment affirmed.\n"),
        )
        .unwrap();
    }
    let (code, err) = index_into(d, "clean", &[]);
    assert_eq!(code, Some(0), "{err}");
    let clean = (
        exported_citations(d, &d.join("clean")),
        exported_propositions(d, &d.join("clean")),
    );
    let mut files: Vec<String> = std::fs::read_dir(d.join("corpus/more"))
        .unwrap()
        .map(|e| format!("corpus/more/{}", e.unwrap().file_name().to_string_lossy()))
        .collect();
    files.sort();
    let mut rng = Lcg(7);
    for split in 0..4 {
        // The same corpus in 2 to 4 runs of random parts, the last run
        // over the whole of it (as a user adds files and then indexes all).
        let index = format!("split-{split}");
        let runs = 2 + rng.below(3) as usize;
        let mut parts: Vec<Vec<&str>> = vec![Vec::new(); runs - 1];
        for f in &files {
            parts[rng.below(runs as u64 - 1) as usize].push(f);
        }
        for part in parts.iter().filter(|p| !p.is_empty()) {
            let mut args = vec!["index"];
            args.extend(part.iter().copied());
            args.extend(["--index", &index]);
            let out = run_in(d, &args);
            assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        }
        let (code, err) = index_into(d, &index, &[]);
        assert_eq!(code, Some(0), "{err}");
        let got = (
            exported_citations(d, &d.join(&index)),
            exported_propositions(d, &d.join(&index)),
        );
        assert!(
            got == clean,
            "split {split} into {runs} runs differs from one clean build"
        );
    }
}

/// Two file names that differ only in a byte that is not UTF-8 were one
/// name in the index (issue 14): one order was dropped and every later run
/// indexed the other again.
#[test]
fn file_names_that_differ_in_invalid_utf8_are_two_orders_indexed_once() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("corpus")).unwrap();
    for (b, pin) in [(0xe9u8, 955), (0xe8, 956)] {
        let name = [b'c', b'a', b'f', b, b'.', b't', b'x', b't'];
        std::fs::write(
            d.join("corpus").join(std::ffi::OsStr::from_bytes(&name)),
            format!("ORDER. See Leon v. IDX Sys. Corp., 464 F.3d 951, {pin} (9th Cir. 2006).\n"),
        )
        .unwrap();
    }
    let summary = |out: &Output| -> Value {
        assert_eq!(out.status.code(), Some(0), "{}", stderr(out));
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let first = summary(&run_in(d, &["index", "--format", "json"]));
    assert_eq!(
        (&first["added"], &first["orders_in_index"]),
        (&2.into(), &2.into()),
        "{first}"
    );
    let again = summary(&run_in(d, &["index", "--format", "json"]));
    assert_eq!(
        (&again["added"], &again["updated"], &again["unchanged"]),
        (&0.into(), &0.into(), &2.into()),
        "{again}"
    );
    let (code, report) = check(d, &d.join("index"));
    assert_eq!(code, Some(0), "{report}");
    for id in ["caf\\xe9", "caf\\xe8"] {
        let out = run_in(d, &["show", id, "--format", "json"]);
        assert_eq!(out.status.code(), Some(0), "show {id}: {}", stderr(&out));
    }
}

/// A link in the corpus to a file elsewhere on the machine was indexed and
/// served (issue 14): `index` leaves it out and says so, reads it when asked
/// with `--follow-symlinks`, and `check` then walks the corpus the same way.
#[test]
fn index_does_not_follow_a_link_out_of_the_corpus_unless_asked() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("corpus")).unwrap();
    std::fs::create_dir_all(d.join("private")).unwrap();
    let order = "ORDER. See Leon v. IDX Sys. Corp., 464 F.3d 951, 955 (9th Cir. 2006).\n";
    std::fs::write(d.join("corpus/order.txt"), order).unwrap();
    std::fs::write(d.join("private/secret.txt"), order.replace("955", "958")).unwrap();
    std::os::unix::fs::symlink(d.join("private/secret.txt"), d.join("corpus/leak.txt")).unwrap();

    let out = run_in(d, &["index", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["orders_in_index"], 1, "{v}");
    assert!(
        stderr(&out).contains("skipped corpus/leak.txt")
            && stderr(&out).contains("--follow-symlinks"),
        "{}",
        stderr(&out)
    );
    assert_eq!(run_in(d, &["show", "leak"]).status.code(), Some(1));
    let (code, report) = check(d, &d.join("index"));
    assert_eq!(code, Some(0), "{report}");

    let out = run_in(d, &["index", "--follow-symlinks", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["orders_in_index"], 2, "{v}");
    assert_eq!(run_in(d, &["show", "leak"]).status.code(), Some(0));
    let out = run_in(d, &["check", "--format", "json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

/// One JSON Lines line over `--max-bytes` stopped the read of the rest of
/// its file, was named as the line before it, and later runs and `check`
/// said all was well (issue 14).
#[test]
fn a_line_over_the_limit_is_left_out_alone_and_reported_by_every_run_and_check() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("corpus")).unwrap();
    let record = |i: usize, pad: usize| {
        format!(
            "{{\"id\": \"r{i}\", \"text\": \"ORDER {i}. See Leon v. IDX Sys. Corp., 464 F.3d 951, 958 (9th Cir. 2006).{}\"}}\n",
            " ".repeat(pad)
        )
    };
    let shard: String = (1..=102)
        .map(|i| record(i, if i == 2 { 5000 } else { 0 }))
        .collect();
    std::fs::write(d.join("corpus/shard.jsonl"), shard).unwrap();
    for run in 0..2 {
        let out = run_in(d, &["index", "--max-bytes", "4096"]);
        assert_eq!(out.status.code(), Some(2), "run {run}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(
            err.contains("shard.jsonl: line 2:") && err.contains("over the limit"),
            "run {run}: {err}"
        );
    }
    let out = run_in(d, &["check", "--max-bytes", "4096", "--format", "json"]);
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1), "{report}");
    assert_eq!(report["orders_in_index"], 101, "{report}");
    let failed = report["failed_records"].as_array().unwrap();
    assert_eq!(failed.len(), 1, "{report}");
    assert!(
        failed[0][1].as_str().unwrap().starts_with("line 2:"),
        "{report}"
    );
}
