//! The progress of `precedent index` as people read it: orders indexed,
//! megabytes read of the total, each rate with its unit, and the time left
//! estimated from the bytes still to read. A JSON Lines shard is one file
//! of thousands of orders, so files alone said `0/1` until the end. On a
//! terminal it is a bar redrawn in place; with `--progress` elsewhere (a
//! log, a pipe), a line now and then.

use std::io::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};

use crate::kb::Progress;

/// How progress is shown.
enum Show {
    /// A bar on the terminal.
    Bar(ProgressBar),
    /// Lines on stderr: at most one a second, and one per tenth of the bytes.
    Lines(Mutex<LastLine>),
}

struct LastLine {
    at: Instant,
    tenth: u64,
}

/// Counts what `index_paths` reports and shows it.
pub(super) struct Meter {
    started: Instant,
    files: AtomicU64,
    files_total: AtomicU64,
    bytes: AtomicU64,
    bytes_total: AtomicU64,
    orders: AtomicU64,
    show: Show,
}

impl Meter {
    /// A bar redrawn on the terminal (stderr).
    pub(super) fn bar() -> Meter {
        let bar = ProgressBar::new(0);
        bar.set_style(
            ProgressStyle::with_template("{spinner} indexing [{bar:30}] {msg}")
                .expect("template")
                .progress_chars("=> "),
        );
        Meter::new(Show::Bar(bar))
    }

    /// Lines on stderr, for a log or a pipe.
    pub(super) fn lines() -> Meter {
        Meter::new(Show::Lines(Mutex::new(LastLine {
            at: Instant::now(),
            tenth: 0,
        })))
    }

    fn new(show: Show) -> Meter {
        Meter {
            started: Instant::now(),
            files: AtomicU64::new(0),
            files_total: AtomicU64::new(0),
            bytes: AtomicU64::new(0),
            bytes_total: AtomicU64::new(0),
            orders: AtomicU64::new(0),
            show,
        }
    }

    /// Takes one event of `index_paths`.
    pub(super) fn event(&self, p: Progress) {
        match p {
            Progress::Start(n) => self.files_total.store(n, Ordering::Relaxed),
            Progress::Bytes(n) => {
                self.bytes_total.store(n, Ordering::Relaxed);
                if let Show::Bar(bar) = &self.show {
                    bar.set_length(n);
                }
            }
            Progress::Read(n) => {
                self.bytes.fetch_add(n, Ordering::Relaxed);
            }
            Progress::Order => {
                self.orders.fetch_add(1, Ordering::Relaxed);
            }
            Progress::Step => {
                self.files.fetch_add(1, Ordering::Relaxed);
            }
            Progress::Finish => {
                match &self.show {
                    Show::Bar(bar) => bar.finish_and_clear(),
                    Show::Lines(_) => eprintln!("indexed: {}", self.status(false)),
                }
                return;
            }
        }
        match &self.show {
            Show::Bar(bar) => {
                bar.set_position(self.bytes.load(Ordering::Relaxed));
                bar.set_message(self.status(true));
            }
            Show::Lines(last) => {
                let total = self.bytes_total.load(Ordering::Relaxed);
                let tenth = (self.bytes.load(Ordering::Relaxed) * 10)
                    .checked_div(total)
                    .unwrap_or(0);
                let Ok(mut last) = last.lock() else { return };
                if tenth > last.tenth || last.at.elapsed() >= Duration::from_secs(1) {
                    last.tenth = tenth;
                    last.at = Instant::now();
                    let mut err = std::io::stderr().lock();
                    let _ = writeln!(err, "indexing: {}", self.status(true));
                }
            }
        }
    }

    /// `1,536 orders, 2/3 files, 0.4/1.2 MB, 850 orders/s, 0.3 MB/s, eta 3s`:
    /// the estimate only while there is one (something read, something left).
    fn status(&self, with_eta: bool) -> String {
        let secs = self.started.elapsed().as_secs_f64();
        let orders = self.orders.load(Ordering::Relaxed);
        let read = self.bytes.load(Ordering::Relaxed);
        let total = self.bytes_total.load(Ordering::Relaxed);
        let mut s = format!(
            "{} {}, {}/{} files, {}/{} MB",
            thousands(orders),
            if orders == 1 { "order" } else { "orders" },
            self.files.load(Ordering::Relaxed),
            self.files_total.load(Ordering::Relaxed),
            megabytes(read),
            megabytes(total),
        );
        if secs > 0.0 {
            s += &format!(
                ", {} orders/s, {:.1} MB/s",
                rate(orders as f64 / secs),
                read as f64 / 1e6 / secs
            );
        }
        if with_eta && read > 0 && total > read {
            let left = secs * (total - read) as f64 / read as f64;
            s += &format!(", eta {}", duration(left));
        }
        if !with_eta {
            s += &format!(" in {secs:.1} s");
        }
        s
    }
}

/// `3,000`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Megabytes, with a second decimal below 10 MB so a small shard moves.
fn megabytes(bytes: u64) -> String {
    let mb = bytes as f64 / 1e6;
    if mb < 10.0 {
        format!("{mb:.2}")
    } else {
        format!("{mb:.1}")
    }
}

/// A rate with the precision it deserves.
fn rate(r: f64) -> String {
    if r >= 10.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

/// `4s`, `2m 05s`, `1h 02m`; a time under a second is `<1s`, never `0s`.
fn duration(secs: f64) -> String {
    let s = secs.round() as u64;
    if secs < 1.0 {
        "<1s".into()
    } else if s < 60 {
        format!("{s}s")
    } else if s < 3600 {
        format!("{}m {:02}s", s / 60, s % 60)
    } else {
        format!("{}h {:02}m", s / 3600, s % 3600 / 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_sizes_and_times_read_as_people_write_them() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(3000), "3,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(megabytes(1_234_567), "1.23");
        assert_eq!(megabytes(123_456_789), "123.5");
        assert_eq!(duration(0.2), "<1s");
        assert_eq!(duration(4.4), "4s");
        assert_eq!(duration(125.0), "2m 05s");
        assert_eq!(duration(3720.0), "1h 02m");
    }

    #[test]
    fn no_estimate_before_anything_is_read_or_after_all_is() {
        let m = Meter::lines();
        m.event(Progress::Start(1));
        m.event(Progress::Bytes(1000));
        assert!(!m.status(true).contains("eta"), "{}", m.status(true));
        m.event(Progress::Read(250));
        assert!(m.status(true).contains("eta "), "{}", m.status(true));
        m.event(Progress::Read(750));
        assert!(!m.status(true).contains("eta"), "{}", m.status(true));
    }
}
