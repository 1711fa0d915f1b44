//! What was decided: the disposition named by an order's title (`ORDER
//! DENYING …`) or stated in its conclusion (`the motion is granted`).

use std::sync::OnceLock;

use regex::Regex;

use super::{re, suffix};

const VERBS: [(&str, &str); 14] = [
    ("GRANTING", "granted"),
    ("DENYING", "denied"),
    ("DISMISSING", "dismissed"),
    ("VACATING", "vacated"),
    ("REMANDING", "remanded"),
    ("AFFIRMING", "affirmed"),
    ("REVERSING", "reversed"),
    ("ADOPTING", "adopted"),
    ("STAYING", "stayed"),
    ("SUSTAINING", "sustained"),
    ("OVERRULING", "overruled"),
    ("APPROVING", "approved"),
    ("TRANSFERRING", "transferred"),
    ("STRIKING", "stricken"),
];

/// Disposition named by the title: `ORDER DENYING …` → denied; a title that
/// grants and denies (in part or motion by motion) → granted in part and
/// denied in part; `… AS MOOT` → moot.
pub(super) fn title_disposition(title: &str) -> Option<String> {
    let upper = title.to_ascii_uppercase();
    let words: Vec<&str> = upper
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
        .collect();
    let has = |w: &str| words.contains(&w);
    if has("GRANTING") && has("DENYING") {
        return Some("granted in part and denied in part".into());
    }
    if upper.contains("AS MOOT") {
        return Some("moot".into());
    }
    words.iter().find_map(|w| {
        VERBS
            .iter()
            .find(|(v, _)| v == w)
            .map(|(_, d)| d.to_string())
    })
}

/// Disposition stated in the conclusion: from the last "CONCLUSION" heading
/// (or the last 1,500 bytes), "granted in part and denied in part" when both
/// halves occur, else the first "is granted/denied/…".
pub(super) fn conclusion_disposition(tail: &str) -> Option<String> {
    static CONC: OnceLock<Regex> = OnceLock::new();
    static PART: OnceLock<Regex> = OnceLock::new();
    static VERB: OnceLock<Regex> = OnceLock::new();
    let conc = re(&CONC, r"(?i)\bconclusion\b");
    let part = re(
        &PART,
        r"(?i)\bgrant(?:ed|s)?\s+in\s+part\b[\s\S]{0,80}?\bden(?:ied|ies|y)\s+in\s+part\b|\bden(?:ied|ies|y)\s+in\s+part\b[\s\S]{0,80}?\bgrant(?:ed|s)?\s+in\s+part\b",
    );
    let verb = re(
        &VERB,
        r"(?i)\b(?:is|are|be|hereby|court)\s+(?:hereby\s+)?(granted|grants|denied|denies|dismissed|dismisses|vacated|vacates|remanded|remands|affirmed|affirms|reversed|reverses|adopted|adopts)\b(\s+as\s+moot)?",
    );
    let region = match conc.find_iter(tail).last() {
        Some(c) => &tail[c.start()..],
        None => suffix(tail, 1500),
    };
    if part.is_match(region) {
        return Some("granted in part and denied in part".into());
    }
    let c = verb.captures(region)?;
    if c.get(2).is_some() {
        return Some("moot".into());
    }
    let v = c[1].to_ascii_lowercase();
    let base = match v.as_str() {
        "grants" => "granted",
        "denies" => "denied",
        "dismisses" => "dismissed",
        "vacates" => "vacated",
        "remands" => "remanded",
        "affirms" => "affirmed",
        "reverses" => "reversed",
        "adopts" => "adopted",
        other => other,
    };
    Some(base.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dispositions() {
        let t = |s| title_disposition(s);
        assert_eq!(
            t("ORDER DENYING PLAINTIFF'S MOTION").as_deref(),
            Some("denied")
        );
        assert_eq!(
            t("ORDER GRANTING IN PART AND DENYING IN PART MOTION").as_deref(),
            Some("granted in part and denied in part")
        );
        assert_eq!(
            t("ORDER RE PLAINTIFF'S MOTION FOR PRESERVATION ORDER"),
            None
        );
        assert_eq!(t("ORDER DENYING MOTION AS MOOT").as_deref(), Some("moot"));
        let c = |s| conclusion_disposition(s);
        assert_eq!(
            c("III. CONCLUSION For these reasons, the motion is granted in part and denied in part.")
                .as_deref(),
            Some("granted in part and denied in part")
        );
        assert_eq!(
            c("Accordingly, the motion is denied. IT IS SO ORDERED.").as_deref(),
            Some("denied")
        );
        assert_eq!(
            c("the Court DENIES the applications.").as_deref(),
            Some("denied")
        );
        assert_eq!(c("The motion is DENIED as moot.").as_deref(), Some("moot"));
        assert_eq!(c("IT IS SO ORDERED."), None);
    }
}
