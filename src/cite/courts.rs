//! Court names and ids, generated from courts-db (see `data/`).
//!
//! This module owns `data/courts.json` (written by `scripts/gen_legal_data.py`): every
//! court's CourtListener id, name, Bluebook citation string and the abbreviation people
//! read (`C.D. Cal.`, `Del. Super. Ct.`, [`abbreviation`]), plus the courts-db caption
//! regexes. It resolves the court part of a citation parenthetical (`9th Cir.`,
//! `C.D. Cal.`) the way eyecite's `get_court_by_paren` does, the court implied by a
//! Supreme Court reporter (eyecite's `guess_court`), and the court named in a caption line.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use regex::bytes::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};
use serde::Deserialize;

static COURTS_JSON: &str = include_str!("../../data/courts.json");

/// One court of courts-db.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Court {
    /// CourtListener id, e.g. `ca9`, `cand`, `texcrimapp`.
    pub id: String,
    /// Full name, e.g. `Court of Appeals for the Ninth Circuit`.
    pub name: String,
    /// Bluebook citation string, e.g. `9th Cir.`; empty for some courts.
    pub citation_string: String,
    /// The court as a lawyer reads it, e.g. `C.D. Cal.`, `Del. Super. Ct.`:
    /// for every court, its citation string tidied or, where courts-db has
    /// none, derived by the rules documented in `scripts/gen_legal_data.py`.
    pub abbreviation: String,
    /// Id of the parent court, if any (`usdistct` for `cand`).
    pub parent: Option<String>,
    /// courts-db type: `appellate`, `trial`, `bankruptcy`, …
    pub court_type: String,
    /// courts-db system: `federal`, `state`, …
    pub system: String,
}

#[derive(Deserialize)]
struct RawFile {
    courts: Vec<RawCourt>,
    variables: HashMap<String, String>,
}

#[derive(Deserialize)]
struct RawCourt {
    id: String,
    name: String,
    citation_string: String,
    abbreviation: String,
    #[serde(default)]
    parent: Option<String>,
    #[serde(rename = "type")]
    court_type: String,
    system: String,
    regex: Vec<String>,
    #[serde(default)]
    aliases: Vec<String>,
}

const CAPTION_CHUNK: usize = 128;

struct CaptionMatcher {
    /// the patterns, in chunks of `CAPTION_CHUNK`
    sets: Vec<RegexSet>,
    /// court index per pattern of `set`
    owner: Vec<usize>,
    /// the pattern sources, compiled one by one on demand (to get match spans)
    sources: Vec<String>,
    compiled: Vec<OnceLock<Option<Regex>>>,
    /// courts-db's lookahead patterns, which the regex crate has no syntax
    /// for: `(?=^.*New York)(?=^.*Appellate Division)(?!^.*Appellate Term).*`
    /// is the line containing each of the first and none of the second.
    conjunctions: Vec<Conjunction>,
}

/// A pattern made only of lookaheads over the whole line.
struct Conjunction {
    must: Vec<Regex>,
    must_not: Vec<Regex>,
    owner: usize,
}

impl Conjunction {
    /// Reads `(?=^.*A)(?=^.*B)(?!^.*C).*`; `None` for any other pattern.
    fn parse(src: &str, owner: usize) -> Option<Conjunction> {
        let mut rest = src.strip_suffix(".*")?;
        let (mut must, mut must_not) = (Vec::new(), Vec::new());
        while !rest.is_empty() {
            let positive = if let Some(r) = rest.strip_prefix("(?=^.*") {
                rest = r;
                true
            } else {
                rest = rest.strip_prefix("(?!^.*")?;
                false
            };
            // the group's end: its closing parenthesis at depth 0
            let mut depth = 0i32;
            let end = rest.char_indices().find_map(|(i, c)| {
                match c {
                    '(' => depth += 1,
                    ')' if depth == 0 => return Some(i),
                    ')' => depth -= 1,
                    _ => {}
                }
                None
            })?;
            let re = build_regex(&rest[..end])?;
            if positive {
                must.push(re);
            } else {
                must_not.push(re);
            }
            rest = &rest[end + 1..];
        }
        (!must.is_empty()).then_some(Conjunction {
            must,
            must_not,
            owner,
        })
    }

    fn is_match(&self, s: &[u8]) -> bool {
        self.must.iter().all(|r| r.is_match(s)) && !self.must_not.iter().any(|r| r.is_match(s))
    }
}

struct Courts {
    courts: Vec<Court>,
    /// normalized citation string or alias -> court index (first in courts-db order wins)
    exact: HashMap<String, usize>,
    /// (normalized citation string, court index), sorted, for the prefix rule
    sorted: Vec<(String, usize)>,
    by_id: HashMap<String, usize>,
    raw_regex: Vec<Vec<String>>,
    variables: HashMap<String, String>,
    caption: OnceLock<CaptionMatcher>,
    /// caption line -> result; caption lines repeat a lot across orders of one court
    caption_cache: Mutex<HashMap<String, Option<usize>>>,
}

/// Entries kept in the caption cache before it is cleared.
const CAPTION_CACHE_MAX: usize = 1 << 16;

/// eyecite's normalization: drop every non-word character, lower-case.
fn normalize(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric() || *c == '_')
        .flat_map(char::to_lowercase)
        .collect()
}

fn courts() -> &'static Courts {
    static C: OnceLock<Courts> = OnceLock::new();
    C.get_or_init(|| {
        let raw: RawFile = serde_json::from_str(COURTS_JSON).expect("data/courts.json parses");
        let mut courts = Vec::with_capacity(raw.courts.len());
        let mut exact = HashMap::new();
        let mut sorted = Vec::new();
        let mut by_id = HashMap::new();
        let mut raw_regex = Vec::new();
        let mut aliases = Vec::new();
        for (i, c) in raw.courts.into_iter().enumerate() {
            let n = normalize(&c.citation_string);
            if !n.is_empty() {
                exact.entry(n.clone()).or_insert(i);
                sorted.push((n, i));
            }
            aliases.extend(c.aliases.iter().map(|a| (normalize(a), i)));
            by_id.entry(c.id.clone()).or_insert(i);
            let mut regexes = c.regex;
            regexes.push(c.name.clone());
            raw_regex.push(regexes);
            courts.push(Court {
                id: c.id,
                name: c.name,
                citation_string: c.citation_string,
                abbreviation: c.abbreviation,
                parent: c.parent,
                court_type: c.court_type,
                system: c.system,
            });
        }
        for (a, i) in aliases {
            exact.entry(a).or_insert(i);
        }
        sorted.sort();
        Courts {
            courts,
            exact,
            sorted,
            by_id,
            raw_regex,
            variables: raw.variables,
            caption: OnceLock::new(),
            caption_cache: Mutex::new(HashMap::new()),
        }
    })
}

/// Every court, in courts-db order.
pub fn all_courts() -> &'static [Court] {
    &courts().courts
}

/// The court with CourtListener id `id`.
pub fn court_by_id(id: &str) -> Option<&'static Court> {
    let c = courts();
    c.by_id.get(id).map(|&i| &c.courts[i])
}

/// The abbreviation people read for the court with courts-db id `id`
/// (`cacd` → `C.D. Cal.`, `delsuperct` → `Del. Super. Ct.`, `ca1` → `1st
/// Cir.`); `None` for an unknown id.
pub fn abbreviation(id: &str) -> Option<&'static str> {
    court_by_id(id).map(|c| c.abbreviation.as_str())
}

/// Court of a citation parenthetical's court part, e.g. "C.D. Cal." -> cacd, "9th Cir." -> ca9,
/// "Tex. Crim. App." -> texcrimapp, "Pa.Super." -> pasuperct, "1st Cir." -> ca1, "S.D.N.Y." ->
/// nysd, "N.D. Cal" (missing period) -> cand, "Fed. Cl." -> uscfc. Space/period-insensitive
/// comparison. None when unknown.
///
/// The rule is eyecite's `get_court_by_paren`: compare with every non-word character removed
/// and lower-cased; an exact match with a citation string (or a hand-added alias, see
/// `scripts/gen_legal_data.py`) wins; otherwise the last court in courts-db order whose
/// citation string starts with the text.
pub fn court_by_citation_string(s: &str) -> Option<&'static Court> {
    let c = courts();
    let q = normalize(s);
    if q.is_empty() {
        return None;
    }
    if let Some(&i) = c.exact.get(&q) {
        return Some(&c.courts[i]);
    }
    let lo = c.sorted.partition_point(|(k, _)| k.as_str() < q.as_str());
    c.sorted[lo..]
        .iter()
        .take_while(|(k, _)| k.starts_with(q.as_str()))
        .map(|&(_, i)| i)
        .max()
        .map(|i| &c.courts[i])
}

/// Courts implied by a reporter when the citation has no court in its parenthetical, as
/// eyecite does (e.g. "U.S.", "S. Ct.", "L. Ed." -> scotus): `scotus` when any edition the
/// spelling may denote belongs to a reporter with cite_type `federal` whose name contains
/// "supreme", or whose cite_type contains "scotus" (eyecite `Reporter.is_scotus`,
/// `FullCaseCitation.guess_court`). None otherwise.
pub fn court_for_reporter(canonical_reporter: &str) -> Option<&'static str> {
    super::reporters::db()
        .lookup_all(canonical_reporter)
        .iter()
        .any(|e| e.kind == super::reporters::EntryKind::Case && e.scotus)
        .then_some("scotus")
}

/// Expands `${name}` / `$name` / `$$` the way Python's `string.Template` does in
/// courts_db.utils.load_courts_db, then un-doubles backslashes as `gather_regexes` does.
fn expand_template(t: &str, vars: &HashMap<String, String>) -> String {
    let mut out = String::with_capacity(t.len());
    let mut rest = t;
    while let Some(p) = rest.find('$') {
        out.push_str(&rest[..p]);
        let after = &rest[p + 1..];
        if let Some(a) = after.strip_prefix('$') {
            out.push('$');
            rest = a;
        } else if let Some(a) = after.strip_prefix('{') {
            let close = a.find('}').unwrap_or(a.len());
            let name = &a[..close];
            match vars.get(name) {
                Some(v) => out.push_str(v),
                None => {
                    out.push_str("${");
                    out.push_str(name);
                    out.push('}');
                }
            }
            rest = &a[(close + 1).min(a.len())..];
        } else {
            let n = after
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(after.len());
            match vars.get(&after[..n]) {
                Some(v) if n > 0 => out.push_str(v),
                _ => {
                    out.push('$');
                    out.push_str(&after[..n]);
                }
            }
            rest = &after[n..];
        }
    }
    out.push_str(rest);
    out.replace("\\\\", "\\")
}

fn build_regex(src: &str) -> Option<Regex> {
    RegexBuilder::new(src)
        .case_insensitive(true)
        .unicode(false)
        .size_limit(1 << 26)
        .build()
        .ok()
}

/// How a federal court's name reads in a caption, lower-cased, from its
/// courts-db name in either of that data's two styles: "United States District
/// Court for the Northern District of California" and "District Court, S.D.
/// New York" both give "<direction> district of <state>"; circuits give
/// "court of appeals for the ninth circuit".
fn federal_caption_key(name: &str) -> Option<String> {
    let lower = name.to_ascii_lowercase();
    let lower = lower.strip_prefix("united states ").unwrap_or(&lower);
    if let Some(rest) = lower.strip_prefix("district court") {
        // "… for the Northern District of …", "…, S.D. New York", "… Eastern District of …".
        let rest = rest.trim_start_matches([',', ' ']);
        let rest = rest.strip_prefix("for the ").unwrap_or(rest);
        let directions = [
            ("n.d. ", "northern"),
            ("s.d. ", "southern"),
            ("e.d. ", "eastern"),
            ("w.d. ", "western"),
            ("m.d. ", "middle"),
            ("c.d. ", "central"),
        ];
        for (abbr, word) in directions {
            if let Some(state) = rest.strip_prefix(abbr) {
                return Some(format!("{word} district of {state}"));
            }
        }
        if let Some(state) = rest.strip_prefix("d. ") {
            return Some(format!("district of {state}"));
        }
        return rest.contains("district of").then(|| rest.to_string());
    }
    lower
        .starts_with("court of appeals for the ")
        .then(|| lower.to_string())
}

impl Courts {
    fn caption(&self) -> &CaptionMatcher {
        self.caption.get_or_init(|| {
            let mut sources = Vec::new();
            let mut owner = Vec::new();
            let mut conjunctions = Vec::new();
            for (i, regexes) in self.raw_regex.iter().enumerate() {
                for r in regexes {
                    let src = expand_template(r, &self.variables);
                    if src.starts_with("(?=^") || src.starts_with("(?!^") {
                        conjunctions.extend(Conjunction::parse(&src, i));
                        continue;
                    }
                    // A trailing lookahead (`… ${nd}.*(?=(georgia|…))`) only asks
                    // that the words follow: a group that matches them says the same.
                    sources.push(src.replace("(?=", "(?:"));
                    owner.push(i);
                }
            }
            let build = |sources: &[String]| {
                RegexSetBuilder::new(sources)
                    .case_insensitive(true)
                    .unicode(false)
                    .size_limit(1 << 28)
                    .dfa_size_limit(1 << 22)
                    .build()
            };
            // Drop the Python-only patterns, if any, that the regex crate cannot compile.
            if build(&sources).is_err() {
                let keep: Vec<bool> = sources.iter().map(|s| build_regex(s).is_some()).collect();
                let mut k = keep.iter();
                sources.retain(|_| *k.next().unwrap());
                let mut k = keep.iter();
                owner.retain(|_| *k.next().unwrap());
            }
            // Several small sets search much faster than one huge one (the lazy DFA of a
            // huge set keeps overflowing its cache).
            let sets = sources
                .chunks(CAPTION_CHUNK)
                .map(|c| build(c).expect("courts-db caption regexes compile"))
                .collect();
            let compiled = sources.iter().map(|_| OnceLock::new()).collect();
            CaptionMatcher {
                sets,
                owner,
                sources,
                compiled,
                conjunctions,
            }
        })
    }

    fn is_ancestor(&self, anc: usize, mut i: usize) -> bool {
        for _ in 0..8 {
            match self.courts[i]
                .parent
                .as_deref()
                .and_then(|p| self.by_id.get(p))
            {
                Some(&p) if p == anc => return true,
                Some(&p) => i = p,
                None => return false,
            }
        }
        false
    }

    /// `northern district of california` → cand, `supreme court of alabama` →
    /// ala: the longest court name (from courts-db's names) that the lower-cased
    /// line contains.
    fn federal_caption(&self, lower: &str) -> Option<usize> {
        static NAMES: OnceLock<Vec<(String, usize)>> = OnceLock::new();
        let names = NAMES.get_or_init(|| {
            let mut v: Vec<(String, usize)> = courts()
                .courts
                .iter()
                .enumerate()
                .filter_map(|(i, c)| {
                    if c.system == "federal" {
                        federal_caption_key(&c.name).map(|k| (k, i))
                    } else {
                        // A state court's full name ("Supreme Court of Alabama") read as written.
                        let name = c.name.to_ascii_lowercase();
                        (name.split(' ').count() >= 4 && name.contains(" of ")).then_some((name, i))
                    }
                })
                .collect();
            // Longest first: "southern district of new york" before the historical "district of new york".
            v.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.1.cmp(&b.1)));
            v
        });
        // An appellate caption ("Court of Appeals for the District of Columbia Circuit")
        // names a district too: read it only as a circuit.
        let appellate = lower.contains("appeals");
        names
            .iter()
            .filter(|(n, _)| n.starts_with("court of appeals") == appellate)
            .find(|(n, _)| lower.contains(n.as_str()))
            .map(|&(_, i)| i)
    }

    fn caption_matches(&self, s: &str) -> Option<usize> {
        let m = self.caption();
        let bankruptcy = s.to_ascii_lowercase().contains("bankruptcy");
        // (match start, match end, court) for every pattern that matches
        let mut hits: Vec<(usize, usize, usize)> = Vec::new();
        let matched = m.sets.iter().enumerate().flat_map(|(k, set)| {
            set.matches(s.as_bytes())
                .into_iter()
                .map(move |p| k * CAPTION_CHUNK + p)
        });
        for pi in matched {
            let ci = m.owner[pi];
            let is_bk = self.courts[ci].court_type == "bankruptcy";
            if is_bk != bankruptcy {
                continue;
            }
            if let Some(re) = m.compiled[pi].get_or_init(|| build_regex(&m.sources[pi])) {
                if let Some(x) = re.find(s.as_bytes()) {
                    hits.push((x.start(), x.end(), ci));
                }
            }
        }
        for c in &m.conjunctions {
            let is_bk = self.courts[c.owner].court_type == "bankruptcy";
            if is_bk == bankruptcy && c.is_match(s.as_bytes()) {
                hits.push((0, s.len(), c.owner));
            }
        }
        if hits.is_empty() {
            return None;
        }
        // courts_db.reduce_court_list: drop courts that are parents of other matches
        let ids: Vec<usize> = hits.iter().map(|h| h.2).collect();
        hits.retain(|h| !ids.iter().any(|&o| o != h.2 && self.is_ancestor(h.2, o)));
        // courts_db: drop matches whose text lies strictly inside another match's text
        let all = hits.clone();
        hits.retain(|h| {
            !all.iter()
                .any(|o| o.0 <= h.0 && h.1 <= o.1 && (o.1 - o.0) > (h.1 - h.0))
        });
        // longest match, then courts-db order
        hits.into_iter()
            .min_by_key(|h| (std::cmp::Reverse(h.1 - h.0), h.2))
            .map(|h| h.2)
    }
}

/// Court from a caption line such as "UNITED STATES DISTRICT COURT NORTHERN DISTRICT OF
/// CALIFORNIA" (case-insensitive). Returns None when no court is recognised.
///
/// Uses the courts-db caption regexes (templates with `${variables}` expanded as courts-db
/// does, compiled lazily into one `RegexSet`) searched anywhere in the whitespace-collapsed
/// line, like `courts_db.find_court(s, allow_partial_matches=True)`: bankruptcy courts are
/// considered only when the line mentions "bankruptcy" (and then only they are), parents are
/// dropped in favour of their matched children, matches nested in longer matches are dropped,
/// and the longest remaining match wins. A line that names only a district ("EASTERN DISTRICT
/// OF CALIFORNIA", often the second line of a federal caption) is retried as
/// `United States District Court <line>`.
///
/// The first call compiles the regexes (about 2 s in release builds); a new line then costs
/// some 30-100 µs (the first lines up to ~15 ms while the lazy DFAs warm up), a line seen
/// before (results are cached) well under 1 µs.
pub fn court_from_caption(s: &str) -> Option<&'static Court> {
    let c = courts();
    let line = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.is_empty() {
        return None;
    }
    if let Some(&hit) = c
        .caption_cache
        .lock()
        .ok()
        .as_ref()
        .and_then(|m| m.get(&line))
    {
        return hit.map(|i| &c.courts[i]);
    }
    let lower = line.to_ascii_lowercase();
    // A court named in full settles it without courts-db's 8,000 regexes.
    let mut found = if lower.contains("bankruptcy") {
        None
    } else {
        c.federal_caption(&lower)
    };
    if found.is_none() && !lower.contains("court") && lower.contains("district") {
        found = c.caption_matches(&format!("United States District Court {line}"));
    }
    if found.is_none() {
        found = c.caption_matches(&line);
    }
    if let Ok(mut m) = c.caption_cache.lock() {
        if m.len() >= CAPTION_CACHE_MAX {
            m.clear();
        }
        m.insert(line, found);
    }
    found.map(|i| &c.courts[i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn courts_db_lookahead_patterns_are_read() {
        // the shards' New York records name their court so
        let id = |s| court_from_caption(s).map(|c| c.id.as_str());
        assert_eq!(
            id("Appellate Division of the Supreme Court of New York, First Department."),
            Some("nyappdiv")
        );
        assert_eq!(
            id("Appellate Term of the Supreme Court of New York, Second Department"),
            Some("nyappterm")
        );
        let c = Conjunction::parse(
            "(?=^.*New York)(?=^.*Supreme Court)(?!^.*Appellate Term).*",
            0,
        )
        .unwrap();
        assert!(c.is_match(b"New York Supreme Court, Kings County"));
        assert!(!c.is_match(b"New York Supreme Court, Appellate Term"));
        assert!(!c.is_match(b"Supreme Court of Ohio"));
        assert!(Conjunction::parse("Supreme Court of (?=Ohio)", 0).is_none());
    }

    #[test]
    fn every_court_has_the_abbreviation_people_read() {
        // courts-db's citation strings, tidied (courts-db: "Del. Super. Ct. ", "SCOTUS")
        assert_eq!(abbreviation("cacd"), Some("C.D. Cal."));
        assert_eq!(abbreviation("delsuperct"), Some("Del. Super. Ct."));
        assert_eq!(abbreviation("ca1"), Some("1st Cir."));
        assert_eq!(abbreviation("scotus"), Some("U.S."));
        assert_eq!(abbreviation("bap9"), Some("B.A.P. 9th Cir."));
        assert_eq!(abbreviation("flsb"), Some("Bankr. S.D. Fla."));
        // where courts-db has none: a former circuit court, a state court's
        // county or district by its court, a name abbreviated by T10 and T7
        assert_eq!(abbreviation("circtsdny"), Some("C.C.S.D.N.Y."));
        assert_eq!(abbreviation("nyfamctkings"), Some("N.Y. Fam. Ct."));
        assert_eq!(abbreviation("flacirct10hig"), Some("Fla. Cir. Ct."));
        assert_eq!(abbreviation("alamunict"), Some("Ala. Mun. Ct."));
        assert_eq!(abbreviation("judcoun5"), Some("Jud. Council 5th Cir."));
        assert_eq!(abbreviation("guam"), Some("Guam"));
        assert_eq!(abbreviation("nowhere"), None);
        for c in all_courts() {
            assert!(!c.abbreviation.is_empty(), "{}", c.id);
            assert_eq!(c.abbreviation.trim(), c.abbreviation, "{}", c.id);
            assert!(!c.abbreviation.contains("  "), "{}", c.id);
        }
    }

    fn paren(s: &str) -> Option<&'static str> {
        court_by_citation_string(s).map(|c| c.id.as_str())
    }

    #[test]
    fn parenthetical_courts() {
        assert_eq!(paren("C.D. Cal."), Some("cacd"));
        assert_eq!(paren("9th Cir."), Some("ca9"));
        assert_eq!(paren("Tex. Crim. App."), Some("texcrimapp"));
        assert_eq!(paren("Pa.Super."), Some("pasuperct"));
        assert_eq!(paren("Pa. Super. Ct."), Some("pasuperct"));
        assert_eq!(paren("1st Cir."), Some("ca1"));
        assert_eq!(paren("S.D.N.Y."), Some("nysd"));
        assert_eq!(paren("N.D. Cal"), Some("cand"));
        assert_eq!(paren("N.D.Cal."), Some("cand"));
        assert_eq!(paren("Fed. Cl."), Some("uscfc"));
        assert_eq!(paren("Fed. Cir."), Some("cafc"));
        assert_eq!(paren("D.C. Cir."), Some("cadc"));
        assert_eq!(paren("2d Cir."), Some("ca2"));
        assert_eq!(paren("E.D. Cal."), Some("caed"));
        assert_eq!(paren("Cal. Ct. App."), Some("calctapp"));
        assert_eq!(paren("Cal."), Some("cal"));
        assert_eq!(paren(""), None);
        assert_eq!(paren("..."), None);
        assert_eq!(paren("Nowhere Ct. Zzz."), None);
        let c = court_by_citation_string("9th Cir.").unwrap();
        assert_eq!(c.name, "Court of Appeals for the Ninth Circuit");
        assert_eq!(c.citation_string, "9th Cir.");
    }

    #[test]
    fn reporter_implied_court() {
        assert_eq!(court_for_reporter("U.S."), Some("scotus"));
        assert_eq!(court_for_reporter("S. Ct."), Some("scotus"));
        assert_eq!(court_for_reporter("L. Ed."), Some("scotus"));
        assert_eq!(court_for_reporter("L. Ed. 2d"), Some("scotus"));
        assert_eq!(court_for_reporter("F.3d"), None);
        assert_eq!(court_for_reporter("F. Supp. 2d"), None);
        assert_eq!(court_for_reporter("WL"), None);
    }

    #[test]
    fn federal_caption_keys_from_both_name_styles() {
        let key = |n: &str| federal_caption_key(n);
        assert_eq!(
            key("District Court, S.D. New York").as_deref(),
            Some("southern district of new york")
        );
        assert_eq!(
            key("United States District Court Eastern District of Louisiana").as_deref(),
            Some("eastern district of louisiana")
        );
        assert_eq!(
            key("United States District Court for the Northern District of California").as_deref(),
            Some("northern district of california")
        );
        assert_eq!(
            key("District Court, D. Delaware").as_deref(),
            Some("district of delaware")
        );
        assert_eq!(
            key("Court of Appeals for the Ninth Circuit").as_deref(),
            Some("court of appeals for the ninth circuit")
        );
        assert_eq!(key("U.S. Circuit Court for the District of Alabama"), None);
    }

    #[test]
    fn caption_courts() {
        let id = |s: &str| court_from_caption(s).map(|c| c.id.as_str());
        assert_eq!(id("NORTHERN DISTRICT OF CALIFORNIA"), Some("cand"));
        assert_eq!(id("EASTERN DISTRICT OF CALIFORNIA"), Some("caed"));
        assert_eq!(
            id("UNITED STATES DISTRICT COURT NORTHERN DISTRICT OF CALIFORNIA"),
            Some("cand")
        );
        assert_eq!(
            id("UNITED STATES DISTRICT COURT\n  EASTERN DISTRICT OF CALIFORNIA"),
            Some("caed")
        );
        assert_eq!(
            id("UNITED STATES DISTRICT COURT FOR THE SOUTHERN DISTRICT OF NEW YORK"),
            Some("nysd")
        );
        assert_eq!(
            id("IN THE UNITED STATES COURT OF APPEALS FOR THE NINTH CIRCUIT"),
            Some("ca9")
        );
        assert_eq!(
            id("UNITED STATES BANKRUPTCY COURT CENTRAL DISTRICT OF CALIFORNIA"),
            Some("cacb")
        );
        assert_eq!(id("Plaintiff's motion to dismiss is GRANTED."), None);
    }

    #[test]
    fn template_expansion() {
        let mut v = HashMap::new();
        v.insert("ca".to_string(), "(California|Cal)".to_string());
        assert_eq!(
            expand_template("${ca} x $ca $$ \\\\d", &v),
            "(California|Cal) x (California|Cal) $ \\d"
        );
    }
}
#[cfg(test)]
mod timing {
    /// Timing sanity check (not a test): `cargo test --release --lib cite::courts::timing -- --ignored --nocapture`
    #[test]
    #[ignore]
    fn caption_timing() {
        let t = std::time::Instant::now();
        let _ = super::court_from_caption("x");
        eprintln!("init {:?}", t.elapsed());
        let lines = [
            "UNITED STATES DISTRICT COURT NORTHERN DISTRICT OF CALIFORNIA",
            "EASTERN DISTRICT OF CALIFORNIA",
            "Plaintiff's motion to dismiss is GRANTED for the reasons stated below in this order.",
            "IN THE SUPERIOR COURT OF THE STATE OF CALIFORNIA IN AND FOR THE COUNTY OF LOS ANGELES",
        ];
        for l in lines {
            let t = std::time::Instant::now();
            let r = super::court_from_caption(l);
            let first = t.elapsed();
            let t = std::time::Instant::now();
            for _ in 0..100 {
                super::court_from_caption(l);
            }
            let cached = t.elapsed() / 100;
            let t = std::time::Instant::now();
            for i in 0..100 {
                super::court_from_caption(&format!("{l} {i}"));
            }
            let fresh = t.elapsed() / 100;
            eprintln!(
                "{l:?} -> {:?} first {first:?}, cached {cached:?}, new line {fresh:?}",
                r.map(|c| &c.id)
            );
        }
    }
}
