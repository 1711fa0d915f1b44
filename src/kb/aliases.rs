//! Everyday names of authorities, turned into the keys the index holds:
//! `FRCP 12(b)(6)` is `Fed. R. Civ. P. 12(b)(6)`, `section 1983` and
//! `§ 1983` are a section of the U.S. Code under some title, `Title VII`
//! and `ADA` are acts occupying a range of U.S. Code sections. The names
//! are data (`data/authority_aliases.json`, written by
//! `scripts/gen_legal_data.py`); this module only reads a query against
//! them. Which of the keys the index holds is `kb::query`'s business.

use std::cmp::Ordering;
use std::sync::OnceLock;

use serde::Deserialize;

static ALIASES_JSON: &str = include_str!("../../data/authority_aliases.json");

#[derive(Debug, Deserialize)]
struct Aliases {
    rule_sets: Vec<RuleSet>,
    section_words: Vec<String>,
    us_code_titles: u32,
    acts: Vec<Act>,
}

#[derive(Debug, Deserialize)]
struct RuleSet {
    abbreviation: String,
    forms: Vec<String>,
}

/// A federal act known by a popular name, and the U.S. Code sections it occupies.
#[derive(Debug, Deserialize)]
pub struct Act {
    /// Its popular names (`ADA`, `Americans with Disabilities Act`).
    pub names: Vec<String>,
    /// The code and title it is codified in (`42 U.S.C.`).
    pub code: String,
    /// Inclusive ranges of sections (`["12101", "12213"]`).
    pub ranges: Vec<(String, String)>,
}

impl Act {
    /// The key the act as a whole is cited by: its first section
    /// (`42 U.S.C. § 12101`, as in "§ 12101 et seq.").
    pub fn principal_key(&self) -> Option<String> {
        self.ranges
            .first()
            .map(|(first, _)| format!("{} § {first}", self.code))
    }

    /// The key prefix every section of the act's code shares (`42 U.S.C. § `).
    pub fn key_prefix(&self) -> String {
        format!("{} § ", self.code)
    }

    /// Whether the statute `key` (`42 U.S.C. § 12112(a)`) is a section of the act.
    pub fn holds(&self, key: &str) -> bool {
        let Some(section) = key.strip_prefix(&self.key_prefix()) else {
            return false;
        };
        let section = section.split('(').next().unwrap_or(section).trim();
        let Some(s) = SectionNumber::parse(section) else {
            return false;
        };
        self.ranges.iter().any(|(lo, hi)| {
            match (SectionNumber::parse(lo), SectionNumber::parse(hi)) {
                (Some(lo), Some(hi)) => lo <= s && s <= hi,
                _ => false,
            }
        })
    }
}

fn aliases() -> &'static Aliases {
    static ALIASES: OnceLock<Aliases> = OnceLock::new();
    ALIASES.get_or_init(|| {
        serde_json::from_str(ALIASES_JSON)
            .expect("data/authority_aliases.json is valid (generated)")
    })
}

/// A name compared the way abbreviations vary: case, spaces and periods ignored.
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '.')
        .flat_map(char::to_lowercase)
        .collect()
}

/// `FRCP 12(b)(6)`, `Federal Rule of Evidence 403`: the rule's key under
/// its set's Bluebook abbreviation (`Fed. R. Civ. P. 12(b)(6)`).
pub fn rule_key(query: &str) -> Option<String> {
    let (name, rule) = split_number(query)?;
    let name = squash(name);
    aliases()
        .rule_sets
        .iter()
        .find(|set| set.forms.iter().any(|f| squash(f) == name))
        .map(|set| format!("{} {rule}", set.abbreviation))
}

/// The text before the number a query ends with, and the number: the
/// number starts at the first word that starts with a digit.
fn split_number(query: &str) -> Option<(&str, &str)> {
    let query = query.trim();
    let at = query
        .char_indices()
        .find(|&(i, c)| {
            c.is_ascii_digit()
                && query[..i]
                    .chars()
                    .next_back()
                    .is_some_and(|p| p.is_whitespace() || p == '§')
        })
        .map(|(i, _)| i)?;
    let rule = query[at..].trim();
    (!rule.contains(char::is_whitespace)).then_some((&query[..at], rule))
}

/// `section 1983`, `§ 1983`, `sec. 2000e-2(a)` or a bare `1983`: the
/// section, and the U.S. Code keys it may be (`{title} U.S.C. § {section}`
/// for every title). None when the query is not a section number.
pub fn section_keys(query: &str) -> Option<Vec<String>> {
    let query = query.trim();
    let section = match split_number(query) {
        Some((words, section)) => {
            let words = squash(words);
            let known = aliases().section_words.iter().any(|w| squash(w) == words);
            if !known {
                return None;
            }
            section
        }
        None => query,
    };
    let number = section.split('(').next().unwrap_or(section);
    SectionNumber::parse(number)?;
    let parens_ok = section[number.len()..]
        .split_inclusive(')')
        .all(|p| p.starts_with('(') && p.ends_with(')') && p.len() > 2);
    if !parens_ok {
        return None;
    }
    Some(
        (1..=aliases().us_code_titles)
            .map(|t| format!("{t} U.S.C. § {section}"))
            .collect(),
    )
}

/// The act a popular name names (`Title VII`, `ada`), if any.
pub fn act(query: &str) -> Option<&'static Act> {
    let q = squash(query);
    aliases()
        .acts
        .iter()
        .find(|a| a.names.iter().any(|n| squash(n) == q))
}

/// A U.S. Code section number in code order: `12101`, `2000e`, `2000e-17`,
/// `78j`, `78aa` (a longer letter suffix comes after a shorter one).
#[derive(Debug, PartialEq, Eq)]
struct SectionNumber {
    parts: Vec<(u64, String)>,
}

impl SectionNumber {
    fn parse(s: &str) -> Option<SectionNumber> {
        let mut parts = Vec::new();
        for part in s.split('-') {
            let digits = part.len() - part.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            let (n, letters) = part.split_at(digits);
            if n.is_empty() || !letters.chars().all(|c| c.is_ascii_alphabetic()) {
                return None;
            }
            parts.push((n.parse().ok()?, letters.to_ascii_lowercase()));
        }
        Some(SectionNumber { parts })
    }
}

impl Ord for SectionNumber {
    fn cmp(&self, other: &Self) -> Ordering {
        let key = |p: &[(u64, String)]| -> Vec<(u64, usize, String)> {
            p.iter().map(|(n, l)| (*n, l.len(), l.clone())).collect()
        };
        key(&self.parts).cmp(&key(&other.parts))
    }
}

impl PartialOrd for SectionNumber {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_sets_go_by_their_acronyms_and_names() {
        assert_eq!(
            rule_key("FRCP 12(b)(6)").as_deref(),
            Some("Fed. R. Civ. P. 12(b)(6)")
        );
        assert_eq!(rule_key("F.R.E. 403").as_deref(), Some("Fed. R. Evid. 403"));
        assert_eq!(
            rule_key("Federal Rule of Civil Procedure 56").as_deref(),
            Some("Fed. R. Civ. P. 56")
        );
        assert_eq!(
            rule_key("fed.r.civ.p. 56").as_deref(),
            Some("Fed. R. Civ. P. 56")
        );
        assert_eq!(rule_key("Frob 12"), None);
        assert_eq!(rule_key("FRCP"), None);
    }

    #[test]
    fn a_section_is_looked_for_under_every_title() {
        let keys = section_keys("section 1983").unwrap();
        assert!(keys.contains(&"42 U.S.C. § 1983".to_string()));
        assert_eq!(keys.len(), 54);
        for q in ["§ 1983", "§1983", "Sec. 1983", "1983", "§§ 1983"] {
            assert_eq!(section_keys(q).as_ref(), Some(&keys), "{q}");
        }
        assert!(section_keys("§ 2000e-2(a)")
            .unwrap()
            .contains(&"42 U.S.C. § 2000e-2(a)".to_string()));
        for q in ["Leon v. IDX", "chapter 11", "§ 12(", "section", "1983 (c"] {
            assert_eq!(section_keys(q), None, "{q}");
        }
    }

    #[test]
    fn acts_hold_the_sections_of_their_ranges_in_code_order() {
        let t7 = act("title vii").unwrap();
        assert_eq!(t7.principal_key().as_deref(), Some("42 U.S.C. § 2000e"));
        assert!(t7.holds("42 U.S.C. § 2000e-2(a)"));
        assert!(t7.holds("42 U.S.C. § 2000e-17"));
        assert!(!t7.holds("42 U.S.C. § 2000f"));
        assert!(!t7.holds("42 U.S.C. § 1983"));
        let exchange = act("Exchange Act").unwrap();
        assert!(exchange.holds("15 U.S.C. § 78j(b)"));
        assert!(exchange.holds("15 U.S.C. § 78aa"));
        assert!(!exchange.holds("15 U.S.C. § 77z"));
        let ada = act("ADA").unwrap();
        assert!(ada.holds("42 U.S.C. § 12112(b)(5)(A)"));
        assert!(!ada.holds("29 U.S.C. § 12112"));
        assert!(act("Leon v. IDX").is_none());
    }
}
