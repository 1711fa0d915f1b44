//! Who decided: the signing judge and judge title of an order's signature
//! block, and the judge initials a case number carries.

use std::sync::OnceLock;

use regex::Regex;

use super::names::title_case_if_caps;
use super::{last_match, re, suffix, OrderMetadata};

pub(super) fn judge_initials(number: &str) -> Vec<String> {
    static MAIN: OnceLock<Regex> = OnceLock::new();
    static INI: OnceLock<Regex> = OnceLock::new();
    let main = re(
        &MAIN,
        r"(?i)(?:\d{1,2}:)?\d{2,4}[- ](?:[a-z]{1,5}[- ])?\d{2,7}",
    );
    let ini = re(&INI, r"^[\s\-(]*([A-Z]{2,4})x?\)?");
    // case-type tags, "no judge assigned", and D. Ariz. division codes
    const TYPE_TAGS: [&str; 11] = [
        "PC", "HC", "PS", "SS", "CR", "CV", "NONE", "PHX", "TUC", "PCT", "FLG",
    ];
    let Some(mm) = main.find(number) else {
        return Vec::new();
    };
    let mut rest = &number[mm.end()..];
    let mut out = Vec::new();
    while let Some(c) = ini.captures(rest) {
        let whole = c.get(0).map_or(rest.len(), |g| g.end());
        let tag = &c[1];
        if !TYPE_TAGS.contains(&tag) && !out.iter().any(|o: &String| o == tag) {
            out.push(tag.to_string());
        }
        rest = &rest[whole..];
        if out.len() > 4 {
            break;
        }
    }
    out
}

pub(super) fn signature(tail: &str, m: &mut OrderMetadata) {
    static T: OnceLock<Regex> = OnceLock::new();
    let t = re(
        &T,
        r"(?i)\b(?:(?:chief|senior)\s+)?(?:united\s+states|u\.\s?s\.)\s+(?:district|magistrate|bankruptcy|circuit)\s+(?:court\s+)?judge\b|\bU\.\s?S\.\s?[DM]\.\s?J\.",
    );
    // a digit or punctuation other than `.` ends any title
    let barrier = |b: u8| b.is_ascii_digit() || (b.is_ascii_punctuation() && b != b'.');
    let Some((_, found)) = last_match(t, tail, barrier, 0, |c| c.get(0)) else {
        return;
    };
    let written = found.as_str();
    m.judge_title = Some(match written.replace(' ', "").as_str() {
        "U.S.D.J." => "United States District Judge".to_string(),
        "U.S.M.J." => "United States Magistrate Judge".to_string(),
        _ => title_case_if_caps(written),
    });
    m.judge = judge_name(&tail[..found.start()]);
}

/// The name just before a judge title: up to five capitalized tokens,
/// stopping at dates, digits, "ORDERED", "/s/" and the like.
fn judge_name(before: &str) -> Option<String> {
    // (compared with the token's letters: "DATE" is also "Date:" and a
    // two-column block's "Date" label beside the name)
    const STOP: [&str; 14] = [
        "ORDERED", "SO", "IT", "IS", "DATED", "DATE", "COURT", "JUDGE", "THE", "BY", "OF", "FOR",
        "ORDER", "THAT",
    ];
    let window = suffix(before, 100);
    let mut tokens: Vec<&str> = Vec::new();
    for tok in window.split_whitespace().rev() {
        let tok = tok.trim_end_matches(',');
        // "/s/Brian R. Martinotti" signs with the name; a "/S/" alone (on the
        // line above the name, or before it) ends it
        let signed = tok.get(..3).is_some_and(|p| p.eq_ignore_ascii_case("/s/"));
        let tok = if signed { &tok[3..] } else { tok };
        let bare = tok.trim_matches(|c: char| !c.is_alphanumeric());
        let upper = bare.to_ascii_uppercase();
        if bare.is_empty()
            || STOP.contains(&upper.as_str())
            // a name is letters, initials' periods, apostrophes and hyphens:
            // anything else is OCR of a handwritten signature ("Ad}.")
            || !tok
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '\u{2019}' | '-'))
            || super::dates::month_number(bare).is_some()
            || upper == "HON"
            || upper == "HONORABLE"
            || !bare.chars().next().is_some_and(char::is_uppercase)
            || bare.chars().any(|c| c.is_ascii_digit())
            || (tok.ends_with('.') && bare.len() > 2 && upper != "JR" && upper != "SR")
            || tokens.iter().any(|t| t.eq_ignore_ascii_case(tok))
        {
            break;
        }
        tokens.push(tok);
        if signed {
            break;
        }
        if tokens.len() == 5 {
            break;
        }
    }
    if tokens.len() < 2 {
        return None;
    }
    tokens.reverse();
    Some(title_case_if_caps(&tokens.join(" ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_from_case_numbers() {
        assert_eq!(judge_initials("15-cv-03449-RMW"), ["RMW"]);
        assert_eq!(judge_initials("1:17-cv-00693-DAD-SAB (PC)"), ["DAD", "SAB"]);
        assert_eq!(judge_initials("3:18-cv-16281(BRM)(TJB)"), ["BRM", "TJB"]);
        assert_eq!(judge_initials("CV 16-06794 AB (JCx)"), ["AB", "JC"]);
        assert_eq!(judge_initials("2:15-cv-0208 TLN KJN P"), ["TLN", "KJN"]);
        assert_eq!(judge_initials("MDL 15-02641-PHX-DGC"), ["DGC"]);
        assert_eq!(judge_initials("1:11-cv-00637-NONE-EPG"), ["EPG"]);
        assert!(judge_initials("B123456").is_empty());
    }

    #[test]
    fn judges() {
        let mut m = OrderMetadata::default();
        signature(
            "IT IS SO ORDERED. Dated: August 25, 2016 Ronald M. Whyte United States District Judge",
            &mut m,
        );
        assert_eq!(m.judge.as_deref(), Some("Ronald M. Whyte"));
        assert_eq!(
            m.judge_title.as_deref(),
            Some("United States District Judge")
        );
        let mut m = OrderMetadata::default();
        signature(
            "DATED: June 30, 2020 /s/Brian R. Martinotti BRIAN R. MARTINOTTI UNITED STATES DISTRICT JUDGE",
            &mut m,
        );
        assert_eq!(m.judge.as_deref(), Some("Brian R. Martinotti"));
        assert_eq!(
            m.judge_title.as_deref(),
            Some("United States District Judge")
        );
        let mut m = OrderMetadata::default();
        signature(
            "Dated: September 20, 2018 UNITED STATES MAGISTRATE JUDGE",
            &mut m,
        );
        assert_eq!(m.judge, None);
        assert_eq!(
            m.judge_title.as_deref(),
            Some("United States Magistrate Judge")
        );
    }
}
