//! PDF: the text layer of a PDF, page by page, joined with form feeds (as
//! `pdftotext` does) so that the normalizer and `order::metadata` see the
//! pages; pleading line numbers, ECF stamps and footers are then removed
//! by the text normalizer exactly as for a text file.
//!
//! The crate is `pdf-extract` (on `lopdf`), chosen by measuring it against
//! `lopdf`'s own `extract_text` on the PDFs in `shared/corpus/pdf`:
//! both read the same files and fail on the same ones (only the 0-byte
//! file), but `lopdf` breaks words and lines apart where the PDF positions
//! glyph runs separately (`ARIZO N A`, `15 \n-\n02641`): 635 of its 2,803
//! output lines on the North Carolina opinion are fragments of one or two
//! characters, against 1 of 640 for `pdf-extract`, and 294 against 33 on
//! the Arizona order. `pdf-extract` is slower (121 ms against 17 ms on the
//! 23-page opinion, 50 ms against 19 ms on the 5-page order) but text
//! quality decides what citations are found. See ARCHITECTURE.md.
//!
//! A PDF crate can panic on hostile input and a PDF can be a bomb: the
//! extraction runs under `catch_unwind`, and the page count and the size of
//! the text are capped.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

use pdf_extract::{output_doc_page, Document, PlainTextOutput};

use super::bad;
use crate::Result;

/// PDFs with more pages than this are refused (a court document has tens or
/// hundreds; a bomb has millions of empty ones).
pub const MAX_PAGES: usize = 10_000;

/// Characters per page, on average, that a PDF needs outside ECF stamps and
/// line numbers to count as having a text layer: a scan carries only the
/// stamps CM/ECF writes on it.
const MIN_CHARS_PER_PAGE: usize = 24;

/// The text of the PDF `bytes`, pages separated by form feeds.
pub(super) fn text(path: &Path, bytes: &[u8], max_bytes: u64) -> Result<String> {
    if bytes.is_empty() {
        return Err(bad(path, "file is empty"));
    }
    if let Err(reason) = inflation_within(bytes, MAX_INFLATED_STREAM.min(max_bytes.max(1 << 20))) {
        return Err(bad(path, reason));
    }
    let out = quietly(|| catch_unwind(AssertUnwindSafe(|| extract(bytes, max_bytes))));
    let pages = match out {
        Ok(Ok(pages)) => pages,
        Ok(Err(reason)) => return Err(bad(path, reason)),
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown".into());
            return Err(bad(
                path,
                format!("PDF could not be read (the PDF reader failed: {what})"),
            ));
        }
    };
    let n = pages.len();
    let content: usize = pages.iter().map(|p| content_chars(p)).sum();
    if content < MIN_CHARS_PER_PAGE * n.max(1) {
        let reason = if content == 0 {
            format!("PDF has no text layer ({n} page(s) of images: scanned?); OCR it first")
        } else {
            format!(
                "PDF has no text layer beyond stamps ({content} characters of text on {n} page(s): scanned?); OCR it first"
            )
        };
        return Err(bad(path, reason));
    }
    Ok(pages.join("\u{c}"))
}

thread_local! {
    /// Set while this thread runs the PDF reader under `catch_unwind`.
    static GUARDED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f` with panics on this thread kept quiet: a panic inside the PDF
/// reader is caught and reported as the file's error, so the panic hook's
/// message and backtrace would only alarm. Panics anywhere else, and on
/// other threads, still reach the hook that was installed before.
fn quietly<T>(f: impl FnOnce() -> T) -> T {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !GUARDED.with(|g| g.get()) {
                previous(info);
            }
        }));
    });
    GUARDED.with(|g| g.set(true));
    let out = f();
    GUARDED.with(|g| g.set(false));
    out
}

/// Largest any one stream may inflate to. The PDF reader inflates a page's
/// content stream whole, in memory; a decompression bomb (a few hundred KB
/// that inflate to gigabytes) must be refused before it gets there.
const MAX_INFLATED_STREAM: u64 = 64 * 1024 * 1024;

/// Checks that no zlib stream in the file inflates past `cap` bytes, by
/// inflating each into a counter (a fixed buffer, never the whole stream).
/// Streams that are not zlib are left to the reader.
fn inflation_within(bytes: &[u8], cap: u64) -> std::result::Result<(), String> {
    use std::io::Read;
    let mut at = 0;
    let mut buf = vec![0u8; 64 * 1024];
    while let Some(i) = memchr::memmem::find(&bytes[at..], b"stream") {
        let mut start = at + i + b"stream".len();
        at = start;
        // `endstream` also contains `stream`; only a keyword followed by an EOL opens data.
        match bytes.get(start..start + 2) {
            Some([b'\r', b'\n']) => start += 2,
            Some([b'\n', _]) | Some([b'\r', _]) => start += 1,
            _ => continue,
        }
        if bytes[..at - b"stream".len()].ends_with(b"end") {
            continue;
        }
        let mut inflater = flate2::read::ZlibDecoder::new(&bytes[start..]);
        let mut total: u64 = 0;
        loop {
            match inflater.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    total += n as u64;
                    if total > cap {
                        return Err(format!(
                            "PDF stream at byte {start} inflates past {} MB (a decompression bomb?); refused",
                            cap / (1024 * 1024)
                        ));
                    }
                }
            }
        }
        at = start + (inflater.total_in() as usize).max(1);
        at = at.min(bytes.len());
    }
    Ok(())
}

/// Each page's text, or why the PDF cannot be read.
fn extract(bytes: &[u8], max_bytes: u64) -> std::result::Result<Vec<String>, String> {
    let mut doc = Document::load_mem(bytes).map_err(|e| format!("not a readable PDF ({e})"))?;
    if doc.is_encrypted() {
        // Many court PDFs are "encrypted" with an empty user password only to
        // forbid editing; those open. Others need a password we do not have.
        doc.decrypt("")
            .map_err(|e| format!("PDF is encrypted and needs a password ({e})"))?;
    }
    let n = doc.get_pages().len();
    if n == 0 {
        return Err("PDF has no pages".into());
    }
    if n > MAX_PAGES {
        return Err(format!("PDF has {n} pages, over the limit of {MAX_PAGES}"));
    }
    let mut pages = Vec::with_capacity(n);
    let mut total = 0u64;
    let mut failed = None;
    for page in 1..=n as u32 {
        let mut s = String::new();
        let r = {
            let mut out = PlainTextOutput::new(&mut s);
            output_doc_page(&doc, &mut out, page)
        };
        // One unreadable page (a bad font, a broken content stream) costs
        // that page, not the document; it stays as an empty page so the
        // page numbers of the rest are right.
        if let Err(e) = r {
            failed.get_or_insert_with(|| format!("page {page}: {e}"));
            s.clear();
        }
        total += s.len() as u64;
        if total > max_bytes {
            return Err(format!(
                "PDF text is over the limit of {max_bytes} bytes by page {page}"
            ));
        }
        pages.push(s);
    }
    if pages.iter().all(|p| p.trim().is_empty()) {
        if let Some(first) = failed {
            return Err(format!("PDF text could not be read ({first})"));
        }
    }
    Ok(pages)
}

/// Non-space characters of `page` outside what CM/ECF stamps on every page
/// (`Case 4:08-cv-02214-SBA Document 27 Filed 02/03/09 Page 1 of 2`) and
/// outside pleading-paper line numbers: the text a scan does not have.
fn content_chars(page: &str) -> usize {
    page.lines()
        .map(str::trim)
        .filter(|l| !(l.starts_with("Case") && l.contains("Document") && l.contains("Page")))
        .filter(|l| !l.bytes().all(|b| b.is_ascii_digit()))
        .map(|l| l.chars().filter(|c| !c.is_whitespace()).count())
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stream_that_inflates_past_the_cap_is_refused_before_reading() {
        use std::io::Write;
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        z.write_all(&vec![b' '; 3 << 20]).unwrap();
        let data = z.finish().unwrap();
        let mut pdf = b"%PDF-1.4\n4 0 obj\n<< /Length 1 /Filter /FlateDecode >>\nstream\n".to_vec();
        pdf.extend_from_slice(&data);
        pdf.extend_from_slice(b"\nendstream\nendobj\n");
        let err = inflation_within(&pdf, 1 << 20).unwrap_err();
        assert!(err.contains("decompression bomb"), "{err}");
        assert!(inflation_within(&pdf, 4 << 20).is_ok());
    }

    #[test]
    fn refuses_garbage_with_a_reason_and_never_panics() {
        let p = Path::new("x.pdf");
        for bytes in [
            &b"%PDF-1.4\n"[..],
            b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF",
            b"%PDF-1.7\n\xff\xfe\x00garbage\x00",
        ] {
            let e = text(p, bytes, 1 << 20).unwrap_err().to_string();
            assert!(e.starts_with("x.pdf: "), "{e}");
            assert!(e.contains("PDF"), "{e}");
        }
    }

    #[test]
    fn stamps_and_line_numbers_are_not_content() {
        let scan = "Case 4:08-cv-02214-SBA Document 27 Filed 02/03/09 Page 1 of 2\n1\n2\n28\nXX";
        assert_eq!(content_chars(scan), 2);
        assert_eq!(content_chars("See 464 F.3d 951."), 14);
    }
}
