//! Volume–reporter–page citations: full and short case citations, WL and
//! LEXIS numbers, journals, and codes cited by title (`42 U.S.C. § 1983`).
//!
//! Every such citation starts with a number followed by a reporter
//! abbreviation, so the scan visits only digit runs followed by a space and a
//! byte that can start an abbreviation, and asks the reporter table for an
//! anchored match there. That keeps the cost proportional to the numbers in
//! the text, not to the size of the reporter table.

use super::context::{self, digits, paren_end, pin_at, pin_list_at};
use super::law;
use super::reporters::{self, Edition, EntryKind};
use super::{courts, CitationKind, Draft, Parenthetical};

/// Longest volume we accept; WL and LEXIS volumes are four-digit years.
const MAX_VOLUME_DIGITS: usize = 5;

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

/// End of a blank standing for a volume or page not yet assigned (`___`, `—`, `----`), if one starts at `i`.
fn blank_at(text: &str, i: usize) -> Option<usize> {
    let b = text.as_bytes();
    let mut e = i;
    while e < b.len() && b[e] == b'_' {
        e += 1;
    }
    if e == i {
        while e + 1 < b.len() && b[e] == b'-' && b[e + 1] == b'-' {
            e += 2;
        }
        while e < b.len() && b[e] == b'-' && e > i {
            e += 1;
        }
    }
    if e == i {
        while text[e..].starts_with('—') || text[e..].starts_with('–') {
            e += '—'.len_utf8();
        }
    }
    (e > i).then_some(e)
}

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
                    || matches!(b[start - 1], b'.' | b'-' | b'/' | b':' | b','))
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
        // A paragraph break inside a citation is layout ("131\n\nB.R. 241").
        if !matches!(b.get(end), Some(b' ' | b'\n'))
            || end + 1 >= b.len()
            || !db.could_start(b[end + 1])
        {
            continue;
        }
        let Some(m) = db.match_at(text, end + 1) else {
            continue;
        };
        // Dashes also set off words ("— Or —", "Tex. Civ. App. — Dallas 1975"); as a blank
        // volume they are trusted only before an abbreviation, as `— U.S. —` is.
        if c != b'_' && !c.is_ascii_digit() && !text[end + 1..end + 1 + m.len].contains('.') {
            continue;
        }
        if let Some(d) = parse(text, start, end, end + 1, m.len, &m.editions) {
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
    let b = text.as_bytes();
    let m = reporters::db().match_at(text, end + 1)?;
    let rep_end = end + 1 + m.len;
    // Neutral reporters are court names (`Ohio`, `NMSC`); a lone letter is a docket's
    // series, as in Ohio's "11th Dist. Nos. 2001-P-0158".
    if m.len < 2 || b.get(rep_end) != Some(&b'-') {
        return None;
    }
    let page_end = digits(b, rep_end + 1);
    if page_end == rep_end + 1 || b.get(page_end).is_some_and(|&x| is_word_byte(x)) {
        return None;
    }
    let edition = m.editions.first()?;
    let mut d = Draft::new(CitationKind::Case);
    let c = &mut d.cite;
    c.core_start = start;
    c.start = start;
    c.core_end = page_end;
    c.end = page_end;
    c.matched = text[start..page_end].to_string();
    c.volume = Some(text[start..end].to_string());
    c.reporter_as_written = Some(text[end + 1..rep_end].to_string());
    c.reporter = Some(edition.canonical.clone());
    c.page = Some(text[rep_end + 1..page_end].to_string());
    c.year = text[start..end].parse().ok();
    c.authority = Some(format!(
        "{}-{}-{}",
        &text[start..end],
        edition.canonical,
        &text[rep_end + 1..page_end]
    ));
    d.bare_end = page_end;
    d.after_end = page_end;
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

/// Parses what follows `volume reporter` at `rep_end`.
fn parse(
    text: &str,
    vol_start: usize,
    vol_end: usize,
    rep_start: usize,
    rep_len: usize,
    editions: &[&Edition],
) -> Option<Draft> {
    let b = text.as_bytes();
    let edition = *editions.first()?;
    let rep_end = rep_start + rep_len;
    let volume = &text[vol_start..vol_end];
    let blank_volume = !volume.as_bytes()[0].is_ascii_digit();
    if edition.kind == EntryKind::Law && blank_volume {
        return None;
    }
    if edition.kind == EntryKind::Law {
        return law::parse_titled_code(text, vol_start, vol_end, rep_start, rep_end, edition);
    }
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
    c.matched = text[vol_start..page_end].to_string();
    let mut pos = page_end;

    // Pins: `, 1071`, `, 1071-72 n.10`, `, at *2`, several separated by commas.
    if c.kind != CitationKind::ShortCase {
        let mut pins: Vec<&str> = Vec::new();
        // Text from PDFs may lose the space after the comma (`84,293`).
        let comma = |pos: usize| match b.get(pos..pos + 2) {
            Some([b',', b' ']) => Some(pos + 2),
            Some([b',', d]) if d.is_ascii_digit() => Some(pos + 1),
            _ => None,
        };
        while let Some(mut q) = comma(pos) {
            for lead in ["at p. ", "at ", "p. "] {
                if text[q..].starts_with(lead) {
                    q += lead.len();
                    break;
                }
            }
            if starts_citation(text, q) {
                break;
            }
            match pin_at(text, q) {
                Some(pe) if !b.get(pe).is_some_and(|&x| is_word_byte(x)) => {
                    pins.push(&text[q..pe]);
                    pos = pe;
                }
                _ => break,
            }
        }
        if !pins.is_empty() {
            c.pin = Some(pins.join(", "));
        }
    }
    draft.bare_end = pos;

    // Court and date: `(C.D. Cal. 2009)`, or `[1984]` in New York style.
    let paren_start = skip_spaces(b, pos);
    let bracket_end = (b.get(paren_start) == Some(&b'['))
        .then(|| {
            text[paren_start..]
                .find(']')
                .filter(|&k| k < 60)
                .map(|k| paren_start + k + 1)
        })
        .flatten();
    let holds_citation = starts_citation(text, paren_start + 1);
    if (b.get(paren_start) == Some(&b'(') || bracket_end.is_some()) && !holds_citation {
        if let Some(pe) = bracket_end.or_else(|| paren_end(text, paren_start, 200)) {
            if let Some(cd) = context::court_date(&text[paren_start + 1..pe - 1]) {
                c.court = cd.court;
                c.court_id = cd.court_id;
                c.year = cd.year;
                c.date = cd.date;
                pos = pe;
            }
        }
    }
    let full_end = pos;
    c.end = full_end;
    explanatory_parentheticals(text, full_end, &mut draft);
    let c = &mut draft.cite;

    // Edition by year, where the abbreviation is ambiguous.
    let chosen = pick_edition(editions, c.year);
    c.reporter = Some(chosen.canonical.clone());
    if c.court_id.is_none() {
        c.court_id = courts::court_for_reporter(&chosen.canonical).map(str::to_string);
    }
    if (c.kind == CitationKind::Case || c.kind == CitationKind::Journal)
        && !blank_volume
        && !blank_page
    {
        c.authority = Some(format!(
            "{} {} {}",
            volume,
            chosen.canonical,
            c.page.as_deref().unwrap_or("")
        ));
    }

    // Name before the volume, and the docket number of an unreported case.
    let star_page = star_page_before(text, vol_start);
    let mut name_end = star_page.unwrap_or(vol_start);
    // California style puts the year before the volume: `In re K.F. (2009) 1 U.S. 1`,
    // and New York style wraps the cite: `Rogers v Rogers (63 NY2d 582 [1984])`.
    let before = text[..name_end].trim_end_matches(' ');
    if let Some((open, year)) = ohio_year(before) {
        c.year = c.year.or(year.parse().ok());
        name_end = open;
    } else if let Some(open) = before.strip_suffix(|ch| ch == '(' || ch == '[') {
        name_end = open.len();
    } else if before.ends_with(')') {
        if let Some(open) = before.rfind('(') {
            let inner = &before[open + 1..before.len() - 1];
            if let Some(cd) = context::court_date(inner) {
                c.year = c.year.or(cd.year);
                if c.court.is_none() && cd.court.is_some() {
                    c.court = cd.court;
                    c.court_id = cd.court_id;
                }
                name_end = open;
            }
        }
    }
    if is_electronic(chosen) {
        if let Some((ds, docket)) = docket_before(text, vol_start) {
            c.docket_number = Some(docket);
            name_end = ds;
        }
    }
    let short = c.kind == CitationKind::ShortCase;
    let name = context::case_name_before(text, name_end, short);
    let lead = match &name {
        Some(n) => {
            c.case_name = Some(n.name.clone());
            c.plaintiff = n.plaintiff.clone();
            c.defendant = n.defendant.clone();
            n.start
        }
        None => name_end.min(vol_start),
    };
    c.start = if name.is_some() {
        lead
    } else if star_page.is_some() {
        // A marker before a citation with no name is not part of it.
        c.core_start
    } else {
        c.core_start.min(name_end)
    };
    c.signal = context::signal_before(text, lead);
    // An electronic cite with no court/date that repeats a name is a short form (`Young, 2010 WL 3564847, at *1`);
    // the resolver confirms it against the earlier full cite.
    let named_case = c.defendant.is_some();
    if is_electronic(chosen)
        && c.year.is_none()
        && c.court.is_none()
        && c.docket_number.is_none()
        && !named_case
    {
        // The number alone names the case, so the key stands even before resolution.
        c.kind = CitationKind::ShortCase;
    }
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

/// Where what follows a reporter or code begins: past an optional comma and
/// the one space that must come next (`F.3d 951`, `U.S.C., § 1983`). A
/// paragraph break there is layout, as between volume and reporter: a page
/// break or a blank line from PDF extraction (`24 F.3d\n353`).
pub(crate) fn after_reporter(b: &[u8], rep_end: usize) -> Option<usize> {
    let p = rep_end + usize::from(b.get(rep_end) == Some(&b','));
    matches!(b.get(p), Some(b' ' | b'\n')).then_some(p + 1)
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

pub(crate) fn skip_spaces(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && b[i] == b' ' {
        i += 1;
    }
    i
}

/// Does a volume–reporter citation start at `pos`? (Tells a parallel cite from a pin.)
pub(crate) fn starts_citation(text: &str, pos: usize) -> bool {
    let b = text.as_bytes();
    let e = digits(b, pos);
    e > pos
        && matches!(b.get(e), Some(b' ' | b'-'))
        && e + 1 < b.len()
        && reporters::db().could_start(b[e + 1])
        && if b[e] == b' ' {
            reporters::db().match_at(text, e + 1).is_some()
        } else {
            // `2009-Ohio-2961`: the year of a neutral citation is no pin.
            neutral(text, pos, e).is_some()
        }
}

/// Explanatory parentheticals after `pos`, and a subsequent-history phrase after them.
pub(crate) fn explanatory_parentheticals(text: &str, mut pos: usize, draft: &mut Draft) {
    let b = text.as_bytes();
    loop {
        let open = skip_spaces(b, pos);
        if b.get(open) != Some(&b'(') {
            break;
        }
        let Some(close) = paren_end(text, open, 4000) else {
            break;
        };
        let inner = text[open + 1..close - 1].trim();
        draft.cite.parentheticals.push(Parenthetical {
            text: inner.to_string(),
            relation: context::relation_of(inner),
            start: open,
            end: close,
        });
        pos = close;
    }
    draft.after_end = pos;
    if text[pos..].starts_with(", ") {
        if let Some((phrase, e)) = context::history_at(text, pos + 2) {
            draft.history = Some((phrase, e));
        }
    }
}

/// Ohio style puts a bare year and a comma before the volume (`State v.
/// Trimble (2009), 122 Ohio St.3d 297`): where `(2009)` opens in `before`, and
/// the year. It must follow a name, since a court and year closing the
/// citation before (`(9th Cir. 1999), 2 F.3d 5`) are that citation's.
fn ohio_year(before: &str) -> Option<(usize, &str)> {
    let inner = before.strip_suffix(',')?.trim_end().strip_suffix(')')?;
    let open = inner.len().checked_sub(5)?;
    let year = inner.get(open..)?.strip_prefix('(')?;
    let after_name = inner[..open]
        .trim_end()
        .ends_with(|ch: char| ch.is_alphabetic() || ch == '.');
    (after_name && year.bytes().all(|d| d.is_ascii_digit())).then_some((open, year))
}

/// Where a star-paging marker of a case-law collection ending at `end`
/// begins: `Allen, Page 252 270 Mich. 272` has one inside the citation.
fn star_page_before(text: &str, end: usize) -> Option<usize> {
    let before = text[..end].trim_end_matches(' ');
    let number = before.trim_end_matches(|c: char| c.is_ascii_digit());
    if number.len() == before.len() {
        return None;
    }
    let marker = number.strip_suffix("Page ")?;
    (!marker.ends_with(|c: char| c.is_alphanumeric())).then_some(marker.len())
}

/// `No. 15-CV-01618-JSC, ` ending at `end`; returns (start of `No.`, docket).
fn docket_before(text: &str, end: usize) -> Option<(usize, String)> {
    let window_start = context::floor_char_boundary(text, end.saturating_sub(70));
    let window = &text[window_start..end];
    let trimmed = window.trim_end();
    let trimmed = trimmed.strip_suffix(',')?;
    // The last "No." whose tail is a plausible docket number.
    let mut search_end = trimmed.len();
    while let Some(i) = trimmed[..search_end].rfind("No.") {
        let mut docket = trimmed[i + 3..].trim_start();
        while let Some(rest) = docket.strip_prefix("No.") {
            docket = rest.trim_start();
        }
        let plausible = !docket.is_empty()
            && docket.len() <= 40
            && docket.bytes().any(|c| c.is_ascii_digit())
            && docket.chars().all(|c| {
                c.is_ascii_alphanumeric()
                    || matches!(c, '-' | '–' | ':' | '/' | '.' | ' ' | '_' | '(' | ')')
            })
            && docket.split(' ').count() <= 5;

        if plausible {
            // Repeated "No. No." belongs to the docket too.
            let mut s = i;
            while trimmed[..s].trim_end().ends_with("No.") {
                s = trimmed[..s].trim_end().len() - 3;
            }
            return Some((window_start + s, docket.to_string()));
        }
        search_end = i;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dockets() {
        let t = "Doe I, No. 15-CV-01618-JSC, 2015";
        let (s, d) = docket_before(t, t.find("2015").unwrap()).unwrap();
        assert_eq!(d, "15-CV-01618-JSC");
        assert_eq!(&t[s..s + 3], "No.");
        let t = "Facebook, Inc., No. No. 5:10-cv-03579-JF/PVT, 2010";
        let (s, d) = docket_before(t, t.find("2010").unwrap()).unwrap();
        assert_eq!(d, "5:10-cv-03579-JF/PVT");
        assert_eq!(&t[s..s + 7], "No. No.");
        let t = "Freetech, Inc., No. C 07-06124 JW, 2009";
        assert_eq!(
            docket_before(t, t.find("2009").unwrap()).unwrap().1,
            "C 07-06124 JW"
        );
        assert!(docket_before("Smith, 2009", 7).is_none());
        let t = "Corp. v. Nature's Farm Prods., No. 99 Civ. 9404 (SHS), 2000";
        assert_eq!(
            docket_before(t, t.find("2000").unwrap()).unwrap().1,
            "99 Civ. 9404 (SHS)"
        );
    }
}
