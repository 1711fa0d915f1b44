//! The court named at the top of the caption: its lines (`UNITED STATES
//! DISTRICT COURT` / `NORTHERN DISTRICT OF CALIFORNIA`), repaired when OCR
//! garbled them, written in Title Case, and its courts-db id.

use std::sync::OnceLock;

use regex::Regex;

use super::names::title_case_if_caps;
use super::re;
use super::rows::{row_text, Rows};
use super::OrderMetadata;

/// Finds the court lines; fills `court` and `court_id`; returns the index of
/// the first caption row after them (0 when there is no court line).
pub(super) fn court(rows: &mut Rows, m: &mut OrderMetadata) -> usize {
    static COURT: OnceLock<Regex> = OnceLock::new();
    static DISTRICT: OnceLock<Regex> = OnceLock::new();
    static DIVISION: OnceLock<Regex> = OnceLock::new();
    let court_re = re(
        &COURT,
        r"(?i)\b(?:district|bankruptcy|superior|supreme|circuit|county|municipal|family|tax|claims)\s+court\b|\bcourt\s+of\s+(?:appeals?|federal claims|international trade|common pleas|chancery|criminal appeals)\b",
    );
    let district_re = re(
        &DISTRICT,
        r"(?i)^(?:for\s+the\s+|in\s+and\s+for\s+the\s+)?(?:(?:northern|southern|eastern|western|central|middle)\s+)?district\s+of\s+[a-z .]{3,30}$|^(?:in\s+and\s+)?for\s+the\s+county\s+of\s+[a-z .]{3,30}$|^county\s+of\s+[a-z .]{3,30}$|^(?:for\s+the\s+)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|federal|district\s+of\s+columbia|d\.\s?c\.)\s+circuit$",
    );
    // a division, or the seat of an appellate court ("Chicago, Illinois 60604")
    let division_re = re(
        &DIVISION,
        r"(?i)^[a-z .]{2,30}\s+division$|(?-i:^[A-Z][a-z]+(?: [A-Z][a-z]+)*, [A-Z][a-z]+(?: [A-Z][a-z]+)? \d{5}$)",
    );
    let mut found = None;
    for i in 0..50 {
        let Some(row) = rows.get(i) else {
            break;
        };
        let text = row_text(row);
        if text.len() > 120 || text.to_ascii_lowercase().contains("clerk") {
            continue;
        }
        let repaired = repair_court(&text);
        let line = repaired.as_deref().unwrap_or(&text);
        if court_re.is_match(line) {
            found = Some((i, strip_in_the(line).to_string()));
            break;
        }
    }
    let Some((i, line)) = found else {
        return 0;
    };
    let mut end = i + 1;
    let mut district = None;
    for j in i + 1..i + 5 {
        let Some(row) = rows.get(j) else {
            break;
        };
        let text = row_text(row);
        if text.is_empty() {
            continue;
        }
        // the row, or its first cell where a clerk's stamp shares the row
        // ("FOR THE SIXTH CIRCUIT      FILED")
        let first = row.first().map(|c| c.text.to_string()).unwrap_or_default();
        let no_division = [strip_division(&text), strip_division(&first)]
            .into_iter()
            .find(|t| district_re.is_match(t));
        if let (None, Some(d)) = (&district, no_division) {
            district = Some(strip_in_the(d).to_string());
            end = j + 1;
        } else if division_re.is_match(&text) || is_court_cell(&text) {
            // a division, or the court's lines printed again (a text layer
            // that doubles them)
            end = j + 1;
        } else {
            break;
        }
    }
    // "UNITED STATES COURT OF APPEALS" / "FOR THE FIRST CIRCUIT" is one name
    let circuit = district
        .as_deref()
        .is_some_and(|d| d.to_ascii_lowercase().ends_with("circuit"));
    let written = match &district {
        Some(d) if circuit => format!("{line} for the {d}"),
        Some(d) => format!("{line}, {d}"),
        None => line.clone(),
    };
    let written = written.trim_end_matches([',', '.']).to_string();
    // courts-db's caption patterns want the lines joined by a space, not a comma
    let query = match &district {
        Some(_) if circuit => written.clone(),
        Some(d) => format!("{line} {d}"),
        None => line.clone(),
    };
    let mut id = crate::cite::courts::court_from_caption(&query);
    if id.is_none_or(|c| c.id == "usdistct") {
        if let Some(d) = district.as_deref() {
            id = crate::cite::courts::court_from_caption(d).or(id);
        }
    }
    m.set_court_id(id.map(|c| c.id.clone()));
    m.court = Some(title_case_if_caps(&written));
    end
}

/// "EASTERN DISTRICT OF CALIFORNIA, FRESNO DIVISION" → "EASTERN DISTRICT OF CALIFORNIA".
fn strip_division(s: &str) -> &str {
    static DIV: OnceLock<Regex> = OnceLock::new();
    let r = re(&DIV, r"(?i)[,\s\-–]+[a-z .]{2,30}\s+division$");
    match r.find(s) {
        Some(m) if m.start() > 0 => &s[..m.start()],
        _ => s,
    }
}

/// Whether a caption cell is a court line (a running footer such as "United
/// States District Court" / "For the Northern District of California", or
/// an appellate court's lines printed twice by the text layer).
pub(super) fn is_court_cell(s: &str) -> bool {
    static C: OnceLock<Regex> = OnceLock::new();
    re(
        &C,
        r"(?i)^(?:for\s+the\s+|in\s+the\s+)?(?:united\s+states\s+district\s+court|(?:(?:northern|southern|eastern|western|central|middle)\s+)?district\s+of\s+[a-z .]{3,30})(?:\s+united\s+states\s+district\s+court)?$|^(?:in\s+the\s+)?united\s+states\s+court\s+of\s+appeals(?:\s+for\s+the\s+(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|federal|district\s+of\s+columbia)\s+circuit)?$|^for\s+the\s+(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|federal|district\s+of\s+columbia)\s+circuit$",
    )
    .is_match(s)
}

/// "IN THE UNITED STATES DISTRICT COURT" → "UNITED STATES DISTRICT COURT";
/// "FOR THE EASTERN DISTRICT OF …" → "EASTERN DISTRICT OF …".
fn strip_in_the(s: &str) -> &str {
    static IN: OnceLock<Regex> = OnceLock::new();
    let r = re(
        &IN,
        r"(?i)^(?:in\s+the\s+|for\s+the\s+|in\s+and\s+for\s+the\s+)",
    );
    match r.find(s) {
        Some(m) => &s[m.end()..],
        None => s,
    }
}

/// Repairs OCR noise in a caption line naming a United States district court
/// ("UNITED STAT FES DISTRICT COURT"): when its letters are within two edits
/// of that name, the canonical spelling in the line's case.
fn repair_court(line: &str) -> Option<String> {
    const NAME: &str = "UNITEDSTATESDISTRICTCOURT";
    let letters: String = line
        .chars()
        .filter(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if letters == NAME || letters.len() > NAME.len() + 2 || letters.len() + 2 < NAME.len() {
        return None;
    }
    if edit_distance(letters.as_bytes(), NAME.as_bytes()) > 2 {
        return None;
    }
    let caps = !line.chars().any(|c| c.is_lowercase());
    Some(if caps {
        "UNITED STATES DISTRICT COURT".to_string()
    } else {
        "United States District Court".to_string()
    })
}

fn edit_distance(a: &[u8], b: &[u8]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, &x) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, &y) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(x != y))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn court_ocr_repair_and_case() {
        assert_eq!(
            repair_court("UNITED STAT FES DISTRICT COURT").as_deref(),
            Some("UNITED STATES DISTRICT COURT")
        );
        assert_eq!(repair_court("UNITED STATES DISTRICT COURT"), None);
        assert_eq!(repair_court("SUPERIOR COURT OF CALIFORNIA"), None);
        assert_eq!(
            title_case_if_caps("UNITED STATES DISTRICT COURT, NORTHERN DISTRICT OF CALIFORNIA"),
            "United States District Court, Northern District of California"
        );
        assert_eq!(
            title_case_if_caps("ANDREY KLIMOV, ET AL."),
            "Andrey Klimov, et al."
        );
        assert_eq!(
            title_case_if_caps("1955 CAPITAL FUND I GP LLC"),
            "1955 Capital Fund I GP LLC"
        );
        assert_eq!(title_case_if_caps("A-STAR LLC"), "A-Star LLC");
        assert_eq!(title_case_if_caps("Ronald M. Whyte"), "Ronald M. Whyte");
        assert_eq!(title_case_if_caps("McMURREN v. U.S."), "McMurren v. U.S.");
        assert_eq!(
            title_case_if_caps("UNITED STATES v. MICHAEL DiTOMASSO"),
            "United States v. Michael DiTomasso"
        );
    }
}
