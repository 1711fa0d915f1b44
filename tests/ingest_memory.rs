//! Refusing what is over the size limit costs a buffer, not the limit. Its
//! own test binary with one test: a child's peak RSS (from `wait4`) is at
//! least its parent's high-water mark when it was spawned (posix_spawn
//! shares the parent's memory until exec), so the parent must stay small,
//! which a binary shared with other tests does not.

use std::io::Write;

mod common;
use common::bin;

/// Peak resident memory of `precedent ARGS` (via wait4), in KiB, and its exit code.
// The child is reaped by `wait4`, which `Child::wait` cannot replace: it
// alone returns the child's resource usage.
#[allow(clippy::zombie_processes)]
fn peak_rss_kib(args: &[&str]) -> (i64, Option<i32>) {
    let child = bin()
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value for wait4 to fill.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for our own child, once, with valid pointers.
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    assert_eq!(pid, child.id() as libc::pid_t);
    let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    (usage.ru_maxrss, code)
}

/// Refusing a small `.json.gz` that inflates past the limit peaked at
/// 1.1 GB with the default limit (issue 14): the decompressed size is
/// counted as it streams, so refusing costs a buffer, not the limit. The
/// three shapes that must be held whole (a JSON value of one line, one over
/// many lines, another format inside gzip) are each refused under a
/// quarter of the limit.
#[test]
fn refusing_a_gzip_over_the_limit_does_not_inflate_it_into_memory() {
    let dir = tempfile::tempdir().unwrap();
    let limit: usize = 96 << 20;
    for (name, head) in [
        ("line.json.gz", "{\"text\": \""),
        ("value.json.gz", "{\n\"text\": \""),
        ("array.json.gz", "[{\"text\": \""),
        ("page.txt.gz", ""),
    ] {
        let path = dir.path().join(name);
        let f = std::fs::File::create(&path).unwrap();
        let mut gz = flate2::write::GzEncoder::new(f, flate2::Compression::best());
        gz.write_all(head.as_bytes()).unwrap();
        let block = vec![b'a'; 1 << 20];
        for _ in 0..(limit >> 20) + 8 {
            gz.write_all(&block).unwrap();
        }
        gz.write_all(b"\"}\n").unwrap();
        gz.finish().unwrap();
        let max = limit.to_string();
        let (peak, code) = peak_rss_kib(&["extract", "--max-bytes", &max, path.to_str().unwrap()]);
        assert_eq!(code, Some(2), "{name}");
        assert!(
            peak < (limit as i64 >> 10) / 4,
            "{name}: refusing it peaked at {} MiB against a limit of {} MiB",
            peak >> 10,
            limit >> 20
        );
    }
}
