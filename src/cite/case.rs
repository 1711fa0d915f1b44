//! Volume–reporter–page citations: full and short case citations, WL and
//! LEXIS numbers, journals, and codes cited by title (`42 U.S.C. § 1983`).
//!
//! Every such citation starts with a number followed by a reporter
//! abbreviation, so the scan visits only digit runs followed by a space and a
//! byte that can start an abbreviation, and asks the reporter table for an
//! anchored match there. That keeps the cost proportional to the numbers in
//! the text, not to the size of the reporter table.

use super::context::{self, pin_list_at};
use super::law;
use super::reporters::{self, Edition, EntryKind};
use super::scan::{after_reporter, blank_at, digits, is_word_byte, neutral_parts, starts_citation};
use super::{courts, CitationKind, Draft};

/// Longest volume we accept; WL and LEXIS volumes are four-digit years.
const MAX_VOLUME_DIGITS: usize = 5;

/// Finds every volume–reporter citation in `text` and appends it to `out`.
pub(crate) fn scan(text: &str, out: &mut Vec<Draft>) {
    let b = text.as_bytes();
    let db = reporters::db();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let (start, end) = if c.is_ascii_digit() {
            (i, digits(b, i))
        } else if matches!(c, b'_' | b'-' | 0xE2)
            && (i == 0 || matches!(b[i - 1], b' ' | b'[' | b'(' | b'\n'))
        {
            match blank_at(text, i) {
                Some(e) => (i, e),
                None => {
                    i += 1;
                    continue;
                }
            }
        } else {
            i += 1;
            continue;
        };
        i = end;
        // "States,694 A.2d 52", "Co.,281 N.W.2d", "77, 81,414 S.E.2d": a comma glued to a word or
        // to a short pin may precede a volume; a thousands separator ("$1,414", "12,345") may not.
        // Nor may it when the digits before the comma are the page or pin of the citation just
        // read ("71 Mont. 495,230 P. 586"): text whose line-end spaces were lost glues parallels.
        let glued_comma = start >= 2 && b[start - 1] == b',' && {
            let before = b[start - 2];
            let pin_start = text[..start - 1]
                .trim_end_matches(|c: char| c.is_ascii_digit())
                .len();
            // "Id. at 394-95,165 A. 319": a pin after "at" in a short form or Id.
            let at_pin = text[..start - 1]
                .trim_end_matches(|c: char| c.is_ascii_digit() || c == '-' || c == '–');
            let after_at = start - 1 - at_pin.len() <= 9 && at_pin.ends_with(" at ");
            before.is_ascii_alphabetic()
                || matches!(before, b'.' | b')')
                // "Gaubert ,499 U.S. 315": the space landed before the comma.
                || before == b' ' && start >= 3 && b[start - 3].is_ascii_alphabetic()
                // "Del. Ch. 1953,98 A.2d 493", "No. 21612,2004-Ohio-827": four or more digits
                // before the comma are no thousands group.
                || before.is_ascii_digit() && (start - 1 - pin_start >= 4 || after_at)
                || (before.is_ascii_digit() || before == b'_')
                    && (start - 1 - pin_start <= 4 && text[..pin_start].ends_with(", ")
                        || out.last().is_some_and(|d| pins_only(text, d.bare_end, start - 1)))
        };
        // The same lost space after a sentence's colon or an abbreviation's period:
        // "cites:213 S.C. 546", "Co.159 Minn. 395", "certif. den.45 N.J. 588". Not after a
        // digit ("1.5 F."), which is a decimal.
        let glued_stop =
            start >= 2 && matches!(b[start - 1], b'.' | b':') && b[start - 2].is_ascii_alphabetic();
        if end - start > MAX_VOLUME_DIGITS && c.is_ascii_digit()
            || &text[start..end] == "0"
            || start > 0
                && !glued_comma
                && !glued_stop
                && (is_word_byte(b[start - 1])
                    // `*355` is a star page, never a volume.
                    || matches!(b[start - 1], b'.' | b'-' | b'/' | b':' | b',' | b'*'))
        {
            continue;
        }
        // Neutral citations: 2006-Ohio-2095.
        if c.is_ascii_digit() && end - start == 4 && b.get(end) == Some(&b'-') {
            if let Some(d) = neutral(text, start, end) {
                i = d.cite.core_end;
                out.push(d);
            }
            continue;
        }
        // A star page may stand between volume and reporter: `135 *355 Mass. 147`.
        let gap = star_page_after(b, end).unwrap_or(end);
        // A paragraph break inside a citation is layout ("131\n\nB.R. 241").
        if !matches!(b.get(gap), Some(b' ' | b'\n'))
            || gap + 1 >= b.len()
            || !db.could_start(b[gap + 1])
        {
            continue;
        }
        let Some(m) = db.match_at(text, gap + 1) else {
            continue;
        };
        // Dashes also set off words ("— Or —", "Tex. Civ. App. — Dallas 1975"); as a blank
        // volume they are trusted only before an abbreviation, as `— U.S. —` is.
        if c != b'_' && !c.is_ascii_digit() && !text[gap + 1..gap + 1 + m.len].contains('.') {
            continue;
        }
        if let Some(d) = parse(text, start, end, gap + 1, m.len, &m.editions) {
            // A footnote number glued to a sentence's end is followed by a case name, which
            // may spell a nominative reporter ("rejected.23 Johnson, 581 F.3d at 326"): there
            // the "page" is the volume of the real citation.
            let page_start = d.cite.core_end - d.cite.page.as_ref().map_or(0, String::len);
            if glued_stop && d.cite.page.is_some() && starts_citation(text, page_start) {
                continue;
            }
            i = d.cite.core_end.max(end);
            out.push(d);
        }
    }
}

/// Where ` *355` (a star page of the collection the text comes from)
/// that follows a volume ending at `end` ends, when one does and a space follows.
fn star_page_after(b: &[u8], end: usize) -> Option<usize> {
    if b.get(end) != Some(&b' ') || b.get(end + 1) != Some(&b'*') {
        return None;
    }
    let e = digits(b, end + 2);
    (e > end + 2 && b.get(e) == Some(&b' ')).then_some(e)
}

/// Is `text[from..to]` only what may sit between a citation and a parallel
/// glued to it: pins and blanks (`, 468-69`, `, ___`, `, ¶ 18`), short?
fn pins_only(text: &str, from: usize, to: usize) -> bool {
    from <= to
        && to - from <= 24
        && text[from..to]
            .chars()
            .all(|ch| ch.is_ascii_digit() || matches!(ch, ',' | ' ' | '-' | '–' | '_' | '¶' | '*'))
}

/// `2006-Ohio-2095`, `2007-NMCERT-008`: year, reporter and number joined by hyphens.
fn neutral(text: &str, start: usize, end: usize) -> Option<Draft> {
    let (edition, rep_end, page_end) = neutral_parts(text, start, end)?;
    let mut d = Draft::new(CitationKind::Case);
    let c = &mut d.cite;
    c.set_core(text, start, page_end);
    c.volume = Some(text[start..end].to_string());
    c.reporter_as_written = Some(text[end + 1..rep_end].to_string());
    c.reporter = Some(edition.canonical.clone());
    c.page = Some(text[rep_end + 1..page_end].to_string());
    c.authority = Some(format!(
        "{}-{}-{}",
        &text[start..end],
        edition.canonical,
        &text[rep_end + 1..page_end]
    ));
    d.bare_end = page_end;
    d.after_end = page_end;
    // `2021-Ohio-1234, ¶ 12 (Ohio Ct. App.)`: pins and a court follow as after any core.
    context::after_core(text, &mut d);
    d.cite.year = d.cite.year.or(text[start..end].parse().ok());
    // Ohio's give a docket number before them: `Jacobs v. Szakal, 9th Dist. No. 22903, 2006-Ohio-1312`.
    context::before_core(text, &mut d, true);
    Some(d)
}

/// A page's suffix: `143684-B`, `5243-P`, `51192(U)`, `134[A]` (normalized to `(A)`).
fn page_suffix(text: &str, pos: usize) -> Option<(usize, String)> {
    let b = text.as_bytes();
    let letter = |i: usize| b.get(i).is_some_and(u8::is_ascii_uppercase);
    let boundary = |i: usize| !b.get(i).is_some_and(|&x| is_word_byte(x));
    match b.get(pos) {
        Some(b'-') if letter(pos + 1) && boundary(pos + 2) => {
            Some((pos + 2, text[pos..pos + 2].to_string()))
        }
        Some(b'(' | b'[') if letter(pos + 1) && matches!(b.get(pos + 2), Some(b')' | b']')) => {
            Some((pos + 3, format!("({})", &text[pos + 1..pos + 2])))
        }
        _ => None,
    }
}

fn is_electronic(e: &Edition) -> bool {
    e.canonical == "WL" || e.canonical.contains("LEXIS")
}

/// Parses the citation whose volume and reporter were found: its core,
/// then what stands after it (pins, court and date, parentheticals), which
/// picks the edition by year, then what stands before it (name, docket,
/// signal).
fn parse(
    text: &str,
    vol_start: usize,
    vol_end: usize,
    rep_start: usize,
    rep_len: usize,
    editions: &[&Edition],
) -> Option<Draft> {
    let edition = *editions.first()?;
    let rep_end = rep_start + rep_len;
    if edition.kind == EntryKind::Law {
        if !text.as_bytes()[vol_start].is_ascii_digit() {
            return None;
        }
        return law::parse_titled_code(text, vol_start, vol_end, rep_start, rep_end, edition);
    }
    let mut draft = core(text, vol_start, vol_end, rep_start, rep_end, edition)?;
    context::after_core(text, &mut draft);
    let c = &mut draft.cite;
    // A neutral citation's volume is its year: `2021 IL App (2d) 200123-U`, `2019 ND 12`.
    if c.year.is_none() && editions.iter().any(|e| e.cite_type == "neutral") {
        c.year = c.volume.as_deref().and_then(|v| v.parse().ok());
    }
    let chosen = pick_edition(editions, c.year);
    c.reporter = Some(chosen.canonical.clone());
    if c.court_id.is_none() {
        c.court_id = courts::court_for_reporter(&chosen.canonical).map(str::to_string);
    }
    if matches!(c.kind, CitationKind::Case | CitationKind::Journal) && !draft.blank {
        c.authority = Some(format!(
            "{} {} {}",
            c.volume.as_deref().unwrap_or(""),
            chosen.canonical,
            c.page.as_deref().unwrap_or("")
        ));
    }
    let electronic = is_electronic(chosen);
    context::before_core(text, &mut draft, electronic);
    let c = &mut draft.cite;
    // An electronic cite with no court/date that repeats a name is a short form (`Young, 2010 WL 3564847, at *1`);
    // the resolver confirms it against the earlier full cite.
    if electronic
        && c.year.is_none()
        && c.court.is_none()
        && c.docket_number.is_none()
        && c.defendant.is_none()
    {
        // The number alone names the case, so the key stands even before resolution.
        c.kind = CitationKind::ShortCase;
    }
    Some(draft)
}

/// The core `volume reporter page` (or `volume reporter at pin`, a short
/// form) whose reporter spans `rep_start..rep_end`: a draft whose core is set
/// and whose span is the core alone.
fn core(
    text: &str,
    vol_start: usize,
    vol_end: usize,
    rep_start: usize,
    rep_end: usize,
    edition: &Edition,
) -> Option<Draft> {
    let b = text.as_bytes();
    let volume = &text[vol_start..vol_end];
    let blank_volume = !volume.as_bytes()[0].is_ascii_digit();
    if is_electronic(edition) && vol_end - vol_start != 4 {
        return None;
    }
    let mut p = after_reporter(b, rep_end)?;
    // Early Supreme Court volumes name their nominative reporter: `17 U.S. (4 Wheat.) 316`.
    // The citation is still volume, reporter, page; the parenthetical is skipped.
    if let Some(after) = nominative_at(text, p) {
        p = after;
    }
    let mut draft = Draft::new(if edition.kind == EntryKind::Journal {
        CitationKind::Journal
    } else {
        CitationKind::Case
    });
    let c = &mut draft.cite;
    c.volume = (!blank_volume).then(|| volume.to_string());
    c.reporter_as_written = Some(text[rep_start..rep_end].to_string());
    c.core_start = vol_start;
    let page_end;
    let mut blank_page = false;
    if text[p..].starts_with("at ") {
        // Short form: `673 F. Supp. 2d at 1072`, `174 Cal.App.2d at p. 651`.
        let (pin_start, pin_end) = pin_list_at(text, p + 3)?;
        c.kind = CitationKind::ShortCase;
        c.pin = Some(text[pin_start..pin_end].to_string());
        page_end = pin_end;
    } else if let Some(e) = blank_at(text, p) {
        blank_page = true;
        page_end = e;
    } else {
        let pe = digits(b, p);
        if pe == p || pe - p > 9 || b.get(pe).is_some_and(|&x| x.is_ascii_alphabetic()) {
            return None;
        }
        match page_suffix(text, pe) {
            Some((e, suffix)) => {
                c.page = Some(format!("{}{suffix}", &text[p..pe]));
                page_end = e;
            }
            None => {
                c.page = Some(text[p..pe].to_string());
                page_end = pe;
            }
        }
    }
    // A volume not yet assigned has no page yet either: "— R. 54-56", "— Mich. 3 Car."
    // are a record cite and a law term set off by dashes.
    if blank_volume && (c.kind == CitationKind::ShortCase || c.page.is_some()) {
        return None;
    }
    draft.blank = blank_volume || blank_page;
    let c = &mut draft.cite;
    c.core_end = page_end;
    c.start = vol_start;
    c.end = page_end;
    c.matched = text[vol_start..page_end].to_string();
    draft.bare_end = page_end;
    draft.after_end = page_end;
    Some(draft)
}

fn pick_edition<'e>(editions: &[&'e Edition], year: Option<i32>) -> &'e Edition {
    if let Some(y) = year {
        if let Some(e) = editions
            .iter()
            .find(|e| e.start_year.is_none_or(|s| s <= y) && e.end_year.is_none_or(|end| y <= end))
        {
            return e;
        }
    }
    editions[0]
}

/// `(4 Wheat.) ` at `pos`: a nominative volume and reporter in parentheses,
/// then the space before the page; returns where the page starts.
fn nominative_at(text: &str, pos: usize) -> Option<usize> {
    let b = text.as_bytes();
    if b.get(pos) != Some(&b'(') {
        return None;
    }
    // The nominative volume may be left out: `66 Va. (Gratt.) 908`.
    let vol_end = digits(b, pos + 1);
    let rep_start = if vol_end == pos + 1 {
        vol_end
    } else if vol_end - pos - 1 > 3 || b.get(vol_end) != Some(&b' ') {
        return None;
    } else {
        vol_end + 1
    };
    let m = reporters::db().match_at(text, rep_start)?;
    let close = rep_start + m.len;
    (b.get(close) == Some(&b')') && b.get(close + 1) == Some(&b' ')).then_some(close + 2)
}
