//! Conformance against eyecite's own test suite.
//!
//! `../shared/eval/eyecite_cases.jsonl` holds 335 cases converted from the
//! tests of eyecite 2.7.8 (freelawproject/eyecite, BSD-2-Clause); eyecite
//! passes all of them. This harness runs `precedent::extract` on every case
//! that tests extraction, compares the result under the case's `assert` mode
//! after mapping eyecite's conventions onto ours, prints a per-category table
//! (run with `--nocapture` to see it and every failure's diff), writes the
//! same report to `target/eyecite_conformance.json`, and asserts the
//! per-category pass-rate floors in [`FLOORS`].
//!
//! # Mapping eyecite to precedent
//!
//! | eyecite                  | precedent                                              |
//! |--------------------------|--------------------------------------------------------|
//! | kind `full_case`         | `Case`                                                 |
//! | kind `short_case`        | `ShortCase`                                            |
//! | kind `id` / `supra`      | `Id` / `Supra`                                         |
//! | kind `law`               | `Statute` or `Regulation`                              |
//! | kind `journal`           | `Journal`                                              |
//! | kind `unknown` (`§99`)   | `Statute` or `Other`                                   |
//! | kind `reference`         | none: see "References" below                           |
//! | `volume`, `title` (law)  | `volume`                                               |
//! | `reporter` (as written)  | `reporter_as_written`, ignoring all whitespace         |
//! | `corrected_reporter`     | `reporter` (canonical); when eyecite gives none its canonical form is `reporter`, so ours must equal that, except that a code's `Ann.` is not part of our canonical code (deliberate: the annotated edition is the code) |
//! | `page`, `section` (law), `corrected_page` | `page` (`[A]` ≡ `(A)` for `corrected_page`); for a short case eyecite's `page` is the pin page, compared with the leading page of our `pin`; a range of sections (`§§ 2-3`) is our first section with the range as `pin` (deliberate: the authority is `§ 2`) |
//! | `pin_cite`               | `pin`, both sides trimmed of leading `, `, `at `, `p. `/`pp. ` |
//! | `court`                  | `court_id`                                             |
//! | `year`                   | `year`                                                 |
//! | `plaintiff`, `defendant` | same, whitespace folded                                |
//! | `parenthetical`          | text of our first explanatory parenthetical            |
//! | `full_span` (chars)      | `[start, end)` (bytes; converted from chars)           |
//! | `matched_text`           | `original[core_start..core_end]`                       |
//! | `corrected_citation`     | `authority`, whitespace folded                         |
//! | `span_with_pincite_text` | the original from `core_start` (tags stripped, whitespace folded) must start with it, begin with our core, and continue with our `pin` |
//!
//! A field the expectation leaves out is not checked: the converter omits
//! fields that eyecite leaves `None`, and many of those are eyecite misses
//! (case eyecite-0095: no court or year for `(1st Cir.1990)`), so demanding
//! `None` would punish improvements. A field given as `null` is checked
//! (ours must be `None`). A field the harness does not know fails the case,
//! so a new field in the data cannot pass silently.
//!
//! Ignored eyecite-only fields (no counterpart in our model): see
//! [`IGNORED_FIELDS`].
//!
//! # Which citations take part
//!
//! eyecite cannot produce rules, record cites or constitutional provisions,
//! so our citations of kinds `Rule`, `Record` and `Constitution` are dropped
//! before comparing: an extra `Fed. R. Civ. P. 12` does not fail an
//! `exact_list` case. Every other extra citation does (including statutes,
//! since eyecite finds laws).
//!
//! # References
//!
//! eyecite's `reference` citations ("Foo at 2", a later mention by case
//! name) are produced by matching names of earlier full citations; we have no
//! such kind yet. Expected `reference` entries are removed from the expected
//! list (and counted as `dropped_references` in the report) and the rest of
//! the case is still compared. Categories that test nothing but references
//! are not applicable.
//!
//! # Skipped categories
//!
//! See [`SKIPPED`]: eyecite Python-API categories are not applicable;
//! resolution categories are "not yet applicable" until `resolve` lands.

use precedent::{Citation, CitationKind};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Minimum pass rate per category (0.0 ..= 1.0). The target is 0.90 for
/// `find`, `court`, `full_span` and `find_spaced_reporter`; raise a floor as
/// soon as the extractor reaches it. Every category with applicable cases
/// must be listed.
const FLOORS: &[(&str, f64)] = &[
    ("find", 0.9),
    ("find_markup_case_names", 0.7),
    ("court", 0.9),
    ("disambiguation", 0.8),
    ("full_span", 0.9),
    ("find_spaced_reporter", 0.9),
    ("find_law", 0.9),
    ("nominative_reporter_overlap", 0.9),
    ("corrected_citation", 0.8),
    ("find_journal", 0.8),
    ("span_with_pincite", 0.9),
    ("find_tax_court", 0.25),
    ("citation_in_parenthetical", 1.0),
    ("equivalence", 0.0),
    ("resolve", 0.70),
];

/// Categories not run, with the reason. `later: true` marks resolution
/// categories, reported as "not yet applicable".
const SKIPPED: &[(&str, bool, &str)] = &[
    (
        "annotate",
        false,
        "tests eyecite's annotate() API (markup insertion), not extraction",
    ),
    (
        "edition_count",
        false,
        "tests eyecite's internal count of candidate reporter editions",
    ),
    (
        "clean_text",
        false,
        "tests eyecite's clean_text() API; our normalizer has its own tests",
    ),
    (
        "custom_tokenizer_ocr",
        false,
        "needs a user-supplied eyecite tokenizer",
    ),
    (
        "reference_from_markup",
        false,
        "expects only `reference` citations, a kind we do not model",
    ),
    (
        "reference_filtering",
        false,
        "asserts no `reference` citation; we never produce one, so it cannot fail",
    ),
    (
        "resolve_reference",
        false,
        "resolves `reference` citations (\"Foo at 2\"), a kind we do not extract",
    ),
    (
        "reference_with_resolved_name",
        false,
        "expects `reference` citations named after resolution, a kind we do not extract",
    ),
];

/// Cases where we differ from eyecite on purpose: not counted as applicable.
const DIVERGENCES: &[(&str, &str)] = &[(
    "eyecite-0268",
    "eyecite's corrected citation `Tex. Code Ann. § 171.023` drops `Civ. Prac. & Rem.` \
     and gives no section as page; we keep the code's name and the section",
)];

/// Expected values we correct because eyecite is plainly wrong:
/// (case id, citation index, field, corrected value, why).
const OVERRIDES: &[(&str, usize, &str, &str, &str)] = &[
    (
        "eyecite-0076",
        0,
        "plaintiff",
        "Houston Cmty. Coll. Sys.",
        "eyecite cuts the name at the abbreviation `Coll.` and keeps `Sys.`",
    ),
    (
        "eyecite-0112",
        0,
        "defendant",
        "Nature's Farm Prods.",
        "eyecite puts the docket number in the defendant; we model it as docket_number",
    ),
];

/// Expected entries that are eyecite `reference` citations although the
/// case does not say so (span_with_pincite lists spans only): (case id, index).
const UNLABELLED_REFERENCES: &[(&str, usize)] = &[("eyecite-0333", 1)];

/// eyecite fields with no counterpart in our model; never compared.
const IGNORED_FIELDS: &[&str] = &[
    "extra",
    "antecedent_guess",
    "num_editions",
    "corrected_citation_full",
    "publisher",
    "month",
    "day",
    "date_filed",
    "chapter",
    "pin_cite_span_end",
];

/// The outcome of one case.
#[derive(Debug, Clone, PartialEq)]
enum Outcome {
    Pass,
    Fail(Vec<String>),
    /// Not applicable, or not yet applicable when `later`.
    Skip {
        later: bool,
        reason: String,
    },
}

/// Kinds eyecite can produce; ours of other kinds are dropped before comparing.
fn eyecite_can_produce(kind: CitationKind) -> bool {
    !matches!(
        kind,
        CitationKind::Rule | CitationKind::Record | CitationKind::Constitution
    )
}

fn kind_matches(expected: &str, got: CitationKind) -> Result<bool, String> {
    use CitationKind::*;
    Ok(match expected {
        "full_case" => got == Case,
        "short_case" => got == ShortCase,
        "id" => got == Id,
        "supra" => got == Supra,
        "law" => matches!(got, Statute | Regulation),
        "journal" => got == Journal,
        "unknown" => matches!(got, Statute | Other),
        other => return Err(format!("unmapped eyecite kind {other:?}")),
    })
}

/// Folds whitespace runs to one space and trims.
fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Removes all whitespace.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Removes `<...>` tags, then folds whitespace.
fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    // Like eyecite's html cleaning, a tag is removed without a space:
    // `<i>F.</i>3d` reads `F.3d`.
    fold(&out)
}

/// eyecite pins and ours side by side: trim leading `, `, `at `, `p. `/`pp. `.
fn norm_pin(s: &str) -> String {
    let mut t = fold(s);
    loop {
        let before = t.len();
        t = t
            .trim_start_matches(|c: char| c == ',' || c == ';' || c == ':' || c.is_whitespace())
            .to_string();
        for prefix in ["at ", "pp. ", "p. ", "pp.", "p."] {
            if let Some(rest) = t.strip_prefix(prefix) {
                t = rest.to_string();
            }
        }
        if t == "at" {
            t.clear();
        }
        if t.len() == before {
            break;
        }
    }
    t.trim_end_matches(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .to_string()
}

/// The leading page of a pin: `20-25` → `20`, `*4` → `*4`, `1072 n.10` → `1072`.
fn pin_page(pin: &str) -> String {
    let p = norm_pin(pin);
    let mut out = String::new();
    for (i, c) in p.chars().enumerate() {
        if c.is_ascii_alphanumeric() || (i == 0 && c == '*') {
            out.push(c);
        } else {
            break;
        }
    }
    out
}

/// `[A]` → `(A)`: the bracket style of a page suffix is not significant.
fn parens(s: &str) -> String {
    s.replace('[', "(").replace(']', ")")
}

/// Byte offset of Python char offset `chars` in `text`.
fn char_to_byte(text: &str, chars: usize) -> usize {
    text.char_indices()
        .nth(chars)
        .map(|(b, _)| b)
        .unwrap_or(text.len())
}

fn as_opt_str(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

fn show(v: &Option<String>) -> String {
    match v {
        Some(s) => format!("{s:?}"),
        None => "None".into(),
    }
}

fn check(diffs: &mut Vec<String>, field: &str, want: Option<String>, have: Option<String>) {
    if want != have {
        diffs.push(format!("{field}: want {} got {}", show(&want), show(&have)));
    }
}

/// Compares one expected eyecite citation with one of ours; returns the differences.
fn compare(exp: &Map<String, Value>, got: &Citation, original: &str) -> Vec<String> {
    let mut diffs = Vec::new();
    let exp_kind = exp.get("kind").and_then(Value::as_str);
    let short = exp_kind == Some("short_case")
        || (exp_kind.is_none() && got.kind == CitationKind::ShortCase);
    for (field, value) in exp {
        let want = as_opt_str(value);
        match field.as_str() {
            "kind" => {
                let k = value.as_str().unwrap_or_default();
                match kind_matches(k, got.kind) {
                    Ok(true) => {}
                    Ok(false) => check(
                        &mut diffs,
                        "kind",
                        Some(k.into()),
                        Some(got.kind.as_str().into()),
                    ),
                    Err(e) => check(&mut diffs, "kind", Some(e), None),
                }
            }
            "volume" | "title" => check(&mut diffs, field, want, got.volume.clone()),
            "reporter" => check(
                &mut diffs,
                "reporter (as written, whitespace ignored)",
                want.as_deref().map(squeeze),
                got.reporter_as_written.as_deref().map(squeeze),
            ),
            "corrected_reporter" => check(
                &mut diffs,
                field,
                want.map(|s| fold(&s)),
                got.reporter.as_deref().map(fold),
            ),
            "page" if short => check(
                &mut diffs,
                "page (short case: leading pin page)",
                want,
                got.pin.as_deref().map(pin_page),
            ),
            // Deliberate: a range of sections (`§§ 2-3`) is keyed by its
            // first section, so that it is the authority `§ 2` cites, with
            // the range as its pin.
            "section"
                if want.as_deref().is_some_and(|w| {
                    got.pin.as_deref() == Some(w)
                        && got
                            .page
                            .as_deref()
                            .is_some_and(|p| w.starts_with(&format!("{p}-")))
                }) => {}
            "page" | "section" => check(&mut diffs, field, want, got.page.clone()),
            // eyecite's corrected page writes `134[A]` as `134(A)`.
            "corrected_page" => check(
                &mut diffs,
                field,
                want.as_deref().map(parens),
                got.page.as_deref().map(parens),
            ),
            "pin_cite" => check(
                &mut diffs,
                "pin_cite",
                want.as_deref().map(norm_pin),
                got.pin.as_deref().map(norm_pin),
            ),
            "court" => check(&mut diffs, field, want, got.court_id.clone()),
            "year" => check(&mut diffs, field, want, got.year.map(|y| y.to_string())),
            "plaintiff" => check(
                &mut diffs,
                field,
                want.map(|s| fold(&s)),
                got.plaintiff.as_deref().map(fold),
            ),
            "defendant" => check(
                &mut diffs,
                field,
                want.map(|s| fold(&s)),
                got.defendant.as_deref().map(fold),
            ),
            "parenthetical" => check(
                &mut diffs,
                field,
                want.map(|s| fold(&s)),
                got.parentheticals.first().map(|p| fold(&p.text)),
            ),
            "full_span" => {
                let span = value.as_array().and_then(|a| {
                    Some((a.first()?.as_u64()? as usize, a.get(1)?.as_u64()? as usize))
                });
                match span {
                    Some((s, e)) => {
                        let (s, e) = (char_to_byte(original, s), char_to_byte(original, e));
                        if (s, e) != (got.start, got.end) {
                            diffs.push(format!(
                                "full_span: want [{s},{e}) {:?} got [{},{}) {:?}",
                                original.get(s..e).unwrap_or("<bad span>"),
                                got.start,
                                got.end,
                                original.get(got.start..got.end).unwrap_or("<bad span>"),
                            ));
                        }
                    }
                    None => diffs.push(format!("full_span: malformed expectation {value}")),
                }
            }
            "matched_text" => check(
                &mut diffs,
                field,
                want.map(|s| fold(&s)),
                original.get(got.core_start..got.core_end).map(fold),
            ),
            "corrected_citation" => check(
                &mut diffs,
                field,
                want.map(|s| fold(&s)),
                got.authority.as_deref().map(fold),
            ),
            "span_with_pincite_text" => {
                if let Some(d) = check_span_with_pin(want.as_deref().unwrap_or(""), got, original) {
                    diffs.push(d);
                }
            }
            f if IGNORED_FIELDS.contains(&f) => {}
            f => diffs.push(format!(
                "unhandled eyecite field {f:?} (teach the harness about it)"
            )),
        }
    }
    // eyecite leaves `corrected_reporter` out when it equals `reporter`.
    if !exp.contains_key("corrected_reporter") {
        if let Some(r) = exp.get("reporter").and_then(Value::as_str) {
            // Deliberate: a code's annotated edition is the code (`Ariz. Rev.
            // Stat. Ann.` and `A.R.S.` are one authority, `Ariz. Rev. Stat.`).
            let code = |s: &str| {
                let s = fold(s);
                match s.strip_suffix(" Ann.") {
                    Some(code) if exp_kind == Some("law") => code.to_string(),
                    _ => s,
                }
            };
            let (want, have) = (Some(code(r)), got.reporter.as_deref().map(code));
            if want != have {
                diffs.push(format!(
                    "reporter (canonical = eyecite's as-written): want {} got {}",
                    show(&want),
                    show(&have)
                ));
            }
        }
    }
    diffs
}

/// `span_with_pincite`: eyecite's span from the core through the pin cite.
fn check_span_with_pin(want: &str, got: &Citation, original: &str) -> Option<String> {
    let want = strip_tags(want);
    let Some(from_core) = original.get(got.core_start..) else {
        return Some(format!(
            "span_with_pincite: core_start {} out of range",
            got.core_start
        ));
    };
    let text = strip_tags(from_core);
    let core = strip_tags(original.get(got.core_start..got.core_end).unwrap_or(""));
    let pin = got.pin.as_deref().map(norm_pin).unwrap_or_default();
    let boundary_ok = text
        .get(want.len()..)
        .is_some_and(|rest| !rest.starts_with(|c: char| c.is_ascii_alphanumeric()));
    let tail_ok = match want.strip_prefix(core.as_str()) {
        Some(rest) if !rest.trim().is_empty() => norm_pin(rest) == pin,
        Some(_) => pin.is_empty() || core.ends_with(&pin),
        None => false,
    };
    if text.starts_with(&want) && boundary_ok && !core.is_empty() && tail_ok {
        None
    } else {
        Some(format!(
            "span_with_pincite: want {want:?}; text from core {:?}, core {core:?}, pin {pin:?}",
            text.chars()
                .take(want.chars().count() + 10)
                .collect::<String>()
        ))
    }
}

fn case_id(case: &Value) -> &str {
    case.get("id").and_then(Value::as_str).unwrap_or("?")
}

/// The expected citations with overrides applied and references removed;
/// also returns how many references were removed.
fn expected_list(case: &Value) -> (Vec<Map<String, Value>>, usize) {
    let id = case_id(case);
    let mut out = Vec::new();
    let mut dropped = 0;
    let list = case
        .get("expected")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    for (i, e) in list.into_iter().enumerate() {
        let Value::Object(mut m) = e else { continue };
        let is_ref = m.get("kind").and_then(Value::as_str) == Some("reference")
            || UNLABELLED_REFERENCES.contains(&(id, i));
        if is_ref {
            dropped += 1;
            continue;
        }
        for (oid, idx, field, value, _) in OVERRIDES {
            if *oid == id && *idx == i {
                m.insert((*field).into(), Value::String((*value).into()));
            }
        }
        out.push(m);
    }
    (out, dropped)
}

/// Runs one case with `run` as the extractor.
fn check_case(case: &Value, run: &dyn Fn(&str) -> Vec<Citation>) -> (Outcome, usize) {
    let id = case_id(case);
    let category = case.get("category").and_then(Value::as_str).unwrap_or("");
    if let Some((_, later, why)) = SKIPPED.iter().find(|s| s.0 == category) {
        return (
            Outcome::Skip {
                later: *later,
                reason: (*why).into(),
            },
            0,
        );
    }
    if let Some((_, why)) = DIVERGENCES.iter().find(|d| d.0 == id) {
        return (
            Outcome::Skip {
                later: false,
                reason: format!("divergence: {why}"),
            },
            0,
        );
    }
    let assert = case.get("assert").and_then(Value::as_str).unwrap_or("");
    let ours = |text: &str| -> Vec<Citation> {
        run(text)
            .into_iter()
            .filter(|c| eyecite_can_produce(c.kind))
            .collect()
    };

    if category == "resolve" {
        return (check_resolve(case, &ours), 0);
    }

    if category == "equivalence" {
        let segments: Vec<&str> = case
            .get("segments")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let want_equal = case
            .get("expected_equal")
            .and_then(Value::as_bool)
            .unwrap_or(true);
        let mut keys = Vec::new();
        for seg in &segments {
            match ours(seg).into_iter().next() {
                Some(c) => keys.push((c.volume, c.reporter, c.page)),
                None => {
                    return (
                        Outcome::Fail(vec![format!("no citation found in {seg:?}")]),
                        0,
                    )
                }
            }
        }
        let equal = keys.windows(2).all(|w| w[0] == w[1]);
        return if segments.len() >= 2 && equal == want_equal {
            (Outcome::Pass, 0)
        } else {
            (
                Outcome::Fail(vec![format!(
                    "(volume, reporter, page) per segment: {keys:?}; want equal = {want_equal}"
                )]),
                0,
            )
        };
    }

    let Some(text) = case.get("text").and_then(Value::as_str) else {
        return (Outcome::Fail(vec!["case has no text".into()]), 0);
    };
    let got = ours(text);
    let (expected, dropped) = expected_list(case);

    let comparable =
        |m: &Map<String, Value>| m.keys().any(|k| !IGNORED_FIELDS.contains(&k.as_str()));
    if !expected.is_empty() && !expected.iter().any(comparable) {
        return (
            Outcome::Skip {
                later: false,
                reason: "expects only eyecite-only fields".into(),
            },
            dropped,
        );
    }

    if assert == "count" {
        let want = case
            .get("expected_count")
            .and_then(Value::as_u64)
            .unwrap_or(u64::MAX);
        return if got.len() as u64 == want {
            (Outcome::Pass, dropped)
        } else {
            (
                Outcome::Fail(vec![format!(
                    "count: want {want} got {}: {}",
                    got.len(),
                    summary(&got)
                )]),
                dropped,
            )
        };
    }

    // Which expected entries are compared with which of ours.
    let pairs: Vec<usize> =
        if assert == "exact_list" || assert.starts_with("for every citation in order") {
            if got.len() != expected.len() {
                return (
                    Outcome::Fail(vec![format!(
                        "count: want {} {} got {}: {}",
                        expected.len(),
                        expected_summary(&expected),
                        got.len(),
                        summary(&got)
                    )]),
                    dropped,
                );
            }
            (0..expected.len()).collect()
        } else if assert.starts_with("first_only") {
            vec![0]
        } else if assert.starts_with("indexed") {
            (0..expected.len()).collect()
        } else {
            return (
                Outcome::Fail(vec![format!("unknown assert mode {assert:?}")]),
                dropped,
            );
        };

    let mut diffs = Vec::new();
    for i in pairs {
        let Some(exp) = expected.get(i) else {
            diffs.push(format!("#{i}: no expectation"));
            continue;
        };
        match got.get(i) {
            None => diffs.push(format!("#{i}: missing (found {})", summary(&got))),
            Some(c) => {
                for d in compare(exp, c, text) {
                    diffs.push(format!("#{i}: {d}"));
                }
            }
        }
    }
    if diffs.is_empty() {
        (Outcome::Pass, dropped)
    } else {
        (Outcome::Fail(diffs), dropped)
    }
}

/// `resolve` cases: each segment must yield one citation; resolved together
/// (as one text, segments joined by spaces), citations of the same resource
/// must share an authority key, and unresolved ones (`null`) must have none.
fn check_resolve(case: &Value, ours: &dyn Fn(&str) -> Vec<Citation>) -> Outcome {
    let segments: Vec<&str> = case
        .get("segments")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let expected: Vec<Option<u64>> = case
        .get("expected_clusters")
        .and_then(Value::as_array)
        .map(|a| a.iter().map(Value::as_u64).collect())
        .unwrap_or_default();
    for seg in &segments {
        let n = ours(seg).len();
        if n != 1 {
            return Outcome::Fail(vec![format!("segment {seg:?} yields {n} citations, not 1")]);
        }
    }
    let joined = segments.join(" ");
    let cites = ours(&joined);
    if cites.len() != segments.len() {
        return Outcome::Fail(vec![format!(
            "joined text yields {} citations for {} segments: {}",
            cites.len(),
            segments.len(),
            summary(&cites)
        )]);
    }
    let mut ids: Vec<String> = Vec::new();
    let got: Vec<Option<u64>> = cites
        .iter()
        .map(|c| {
            c.authority
                .as_ref()
                .map(|k| match ids.iter().position(|x| x == k) {
                    Some(i) => i as u64,
                    None => {
                        ids.push(k.clone());
                        (ids.len() - 1) as u64
                    }
                })
        })
        .collect();
    if got == expected {
        Outcome::Pass
    } else {
        Outcome::Fail(vec![format!("clusters: want {expected:?} got {got:?}")])
    }
}

fn summary(cites: &[Citation]) -> String {
    if cites.is_empty() {
        return "[]".into();
    }
    cites
        .iter()
        .map(|c| format!("{}:{:?}", c.kind.as_str(), c.matched))
        .collect::<Vec<_>>()
        .join(", ")
}

fn expected_summary(expected: &[Map<String, Value>]) -> String {
    let parts: Vec<String> = expected
        .iter()
        .map(|m| {
            let f = |k: &str| m.get(k).and_then(Value::as_str).unwrap_or("");
            fold(&format!(
                "{}:{} {} {}",
                f("kind"),
                f("volume"),
                f("reporter"),
                f("page")
            ))
        })
        .collect();
    format!("[{}]", parts.join(", "))
}

fn data_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/eyecite_cases.jsonl")
}

fn report_path() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    target.join("eyecite_conformance.json")
}

#[derive(Default)]
struct Tally {
    applicable: usize,
    passed: usize,
    skipped: usize,
    later: usize,
    skip_reason: String,
}

#[test]
#[cfg_attr(no_shared, ignore = "needs ../shared")]
fn eyecite_conformance() {
    let path = data_path();
    let raw = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (touch build.rs if ../shared moved)",
            path.display()
        )
    });
    let cases: Vec<Value> = raw
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("eyecite_cases.jsonl: bad JSON line"))
        .collect();
    assert_eq!(
        cases.len(),
        335,
        "eyecite_cases.jsonl changed: expected 335 cases"
    );

    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    let mut failures = Vec::new();
    let mut divergences = Vec::new();
    let mut dropped_refs = 0;
    for case in &cases {
        let category = case["category"].as_str().unwrap_or("?").to_string();
        let (outcome, dropped) = check_case(case, &precedent::extract);
        dropped_refs += dropped;
        let t = tallies.entry(category.clone()).or_default();
        match outcome {
            Outcome::Pass => {
                t.applicable += 1;
                t.passed += 1;
            }
            Outcome::Fail(diffs) => {
                t.applicable += 1;
                failures.push(json!({
                    "id": case_id(case),
                    "category": category,
                    "text": case.get("text").or(case.get("segments")),
                    "diffs": diffs,
                }));
            }
            Outcome::Skip { later, reason } => {
                if reason.starts_with("divergence") {
                    divergences.push(json!({"id": case_id(case), "reason": reason}));
                }
                if later {
                    t.later += 1;
                } else {
                    t.skipped += 1;
                }
                t.skip_reason = reason;
            }
        }
    }

    // The table.
    println!("\neyecite conformance ({} cases)", cases.len());
    println!(
        "{:<30} {:>10} {:>7} {:>7} {:>7}  note",
        "category", "applicable", "passed", "pass %", "floor"
    );
    let (mut all_app, mut all_pass) = (0, 0);
    let mut categories = Vec::new();
    for (cat, t) in &tallies {
        all_app += t.applicable;
        all_pass += t.passed;
        let floor = FLOORS.iter().find(|f| f.0 == cat).map(|f| f.1);
        let pct = if t.applicable > 0 {
            100.0 * t.passed as f64 / t.applicable as f64
        } else {
            0.0
        };
        let note = if t.later > 0 {
            format!("{} not yet applicable: {}", t.later, t.skip_reason)
        } else if t.skipped > 0 && t.applicable == 0 {
            format!("not applicable: {}", t.skip_reason)
        } else if t.skipped > 0 {
            format!(
                "{} excluded (divergence, or eyecite-only fields)",
                t.skipped
            )
        } else {
            String::new()
        };
        let pct_s = if t.applicable > 0 {
            format!("{pct:.1}")
        } else {
            "-".into()
        };
        let floor_s = floor
            .map(|f| format!("{:.0}", f * 100.0))
            .unwrap_or_else(|| "-".into());
        println!(
            "{cat:<30} {:>10} {:>7} {:>7} {:>7}  {note}",
            t.applicable, t.passed, pct_s, floor_s
        );
        categories.push(json!({
            "category": cat,
            "applicable": t.applicable,
            "passed": t.passed,
            "pass_rate": if t.applicable > 0 { Some(pct / 100.0) } else { None },
            "floor": floor,
            "not_applicable": t.skipped,
            "not_yet_applicable": t.later,
            "note": note,
        }));
    }
    let total_pct = 100.0 * all_pass as f64 / all_app.max(1) as f64;
    println!(
        "{:<30} {:>10} {:>7} {:>7.1}",
        "TOTAL", all_app, all_pass, total_pct
    );
    println!("expected `reference` citations dropped from comparison: {dropped_refs}");
    println!("ignored eyecite fields: {}", IGNORED_FIELDS.join(", "));

    if !failures.is_empty() {
        println!("\nfailures ({}):", failures.len());
        for f in &failures {
            let text = f["text"].to_string();
            let text: String = text.chars().take(160).collect();
            println!(
                "- {} [{}] {}",
                f["id"].as_str().unwrap_or(""),
                f["category"].as_str().unwrap_or(""),
                text
            );
            for d in f["diffs"].as_array().into_iter().flatten() {
                println!("    {}", d.as_str().unwrap_or(""));
            }
        }
    }

    let report = json!({
        "cases": cases.len(),
        "applicable": all_app,
        "passed": all_pass,
        "categories": categories,
        "failures": failures,
        "divergences": divergences,
        "overrides": OVERRIDES.iter().map(|o| json!({"id": o.0, "index": o.1, "field": o.2, "value": o.3, "why": o.4})).collect::<Vec<_>>(),
        "dropped_references": dropped_refs,
        "ignored_fields": IGNORED_FIELDS,
        "skipped_categories": SKIPPED.iter().map(|s| json!({"category": s.0, "later": s.1, "why": s.2})).collect::<Vec<_>>(),
    });
    let out = report_path();
    if let Some(dir) = out.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    std::fs::write(&out, serde_json::to_string_pretty(&report).unwrap())
        .unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
    println!("report: {}", out.display());

    // The harness itself must not quietly skip: this many cases are applicable.
    assert!(
        all_app >= 240,
        "only {all_app} applicable cases: the harness skips too much"
    );
    let mut below = Vec::new();
    for (cat, t) in &tallies {
        if t.applicable == 0 {
            continue;
        }
        let Some(&(_, floor)) = FLOORS.iter().find(|f| f.0 == cat) else {
            panic!("category {cat:?} has applicable cases but no entry in FLOORS");
        };
        let rate = t.passed as f64 / t.applicable as f64;
        if rate + 1e-9 < floor {
            below.push(format!(
                "{cat}: {:.1}% < floor {:.1}%",
                rate * 100.0,
                floor * 100.0
            ));
        }
    }
    assert!(
        below.is_empty(),
        "pass rate below floor: {}",
        below.join("; ")
    );
}

#[cfg(test)]
mod self_check {
    //! The comparison logic, on handcrafted citations.
    use super::*;

    fn cite(kind: CitationKind, text: &str, full: &str, core: &str) -> Citation {
        let start = text.find(full).expect("full span in text");
        let core_start = text.find(core).expect("core in text");
        let mut c = Citation::new(kind);
        c.start = start;
        c.end = start + full.len();
        c.core_start = core_start;
        c.core_end = core_start + core.len();
        c.matched = core.into();
        c
    }

    const TEXT: &str = "bob Lissner v. Test 1 U.S. 12, 347-348 (4th Cir. 1982) (overruling foo)";

    fn case() -> Value {
        json!({
            "id": "self-check", "category": "find", "assert": "exact_list", "text": TEXT,
            "expected": [{"kind": "full_case", "volume": "1", "page": "12", "reporter": "U.S.",
                "pin_cite": ", 347-348", "year": "1982", "court": "ca4", "plaintiff": "Lissner",
                "defendant": "Test", "parenthetical": "overruling foo",
                "full_span": [4, 54], "antecedent_guess": "ignored"}]
        })
    }

    fn good() -> Citation {
        let mut c = cite(
            CitationKind::Case,
            TEXT,
            "Lissner v. Test 1 U.S. 12, 347-348 (4th Cir. 1982)",
            "1 U.S. 12",
        );
        c.volume = Some("1".into());
        c.reporter = Some("U.S.".into());
        c.reporter_as_written = Some("U.S.".into());
        c.page = Some("12".into());
        c.pin = Some("347-348".into());
        c.year = Some(1982);
        c.court = Some("4th Cir.".into());
        c.court_id = Some("ca4".into());
        c.plaintiff = Some("Lissner".into());
        c.defendant = Some("Test".into());
        c.parentheticals.push(precedent::cite::Parenthetical {
            text: "overruling foo".into(),
            relation: None,
            start: 55,
            end: 71,
        });
        c
    }

    fn run_with(cites: Vec<Citation>) -> impl Fn(&str) -> Vec<Citation> {
        move |_| cites.clone()
    }

    #[test]
    fn matching_citation_passes() {
        let (o, _) = check_case(&case(), &run_with(vec![good()]));
        assert_eq!(o, Outcome::Pass);
    }

    #[test]
    fn extra_rule_is_tolerated_but_extra_statute_is_not() {
        let rule = cite(CitationKind::Rule, TEXT, "Test", "Test");
        let (o, _) = check_case(&case(), &run_with(vec![good(), rule]));
        assert_eq!(o, Outcome::Pass);
        let statute = cite(CitationKind::Statute, TEXT, "Test", "Test");
        let (o, _) = check_case(&case(), &run_with(vec![good(), statute]));
        assert!(matches!(o, Outcome::Fail(_)), "{o:?}");
    }

    #[test]
    fn each_wrong_field_fails() {
        type Mutation = Box<dyn Fn(&mut Citation)>;
        let mutations: Vec<(&str, Mutation)> = vec![
            ("kind", Box::new(|c| c.kind = CitationKind::ShortCase)),
            ("volume", Box::new(|c| c.volume = Some("2".into()))),
            ("page", Box::new(|c| c.page = Some("13".into()))),
            (
                "reporter",
                Box::new(|c| c.reporter_as_written = Some("U. S. C.".into())),
            ),
            (
                "canonical reporter",
                Box::new(|c| c.reporter = Some("F.".into())),
            ),
            ("pin", Box::new(|c| c.pin = Some("347".into()))),
            ("year", Box::new(|c| c.year = None)),
            ("court", Box::new(|c| c.court_id = Some("ca5".into()))),
            (
                "plaintiff",
                Box::new(|c| c.plaintiff = Some("bob Lissner".into())),
            ),
            ("defendant", Box::new(|c| c.defendant = None)),
            ("parenthetical", Box::new(|c| c.parentheticals.clear())),
            ("span", Box::new(|c| c.start = 0)),
        ];
        for (what, mutate) in mutations {
            let mut c = good();
            mutate(&mut c);
            let (o, _) = check_case(&case(), &run_with(vec![c]));
            assert!(matches!(o, Outcome::Fail(_)), "wrong {what} passed");
        }
        let (o, _) = check_case(&case(), &run_with(vec![]));
        assert!(matches!(o, Outcome::Fail(_)), "empty result passed");
        let (o, _) = check_case(&case(), &run_with(vec![good(), good()]));
        assert!(matches!(o, Outcome::Fail(_)), "duplicate passed");
    }

    #[test]
    fn whitespace_in_reporter_as_written_is_ignored() {
        let mut c = good();
        c.reporter_as_written = Some("U. S.".into());
        assert!(compare(case()["expected"][0].as_object().unwrap(), &c, TEXT).is_empty());
    }

    #[test]
    fn short_case_page_is_the_pin_page() {
        let text = "before Foo, 1 U. S., at 20-25";
        let exp = json!({"kind": "short_case", "volume": "1", "page": "20", "reporter": "U. S.",
            "corrected_reporter": "U.S.", "pin_cite": "20-25"});
        let mut c = cite(
            CitationKind::ShortCase,
            text,
            "Foo, 1 U. S., at 20-25",
            "1 U. S., at 20-25",
        );
        c.volume = Some("1".into());
        c.reporter = Some("U.S.".into());
        c.reporter_as_written = Some("U. S.".into());
        c.pin = Some("20-25".into());
        assert_eq!(
            compare(exp.as_object().unwrap(), &c, text),
            Vec::<String>::new()
        );
        c.pin = Some("21-25".into());
        assert_eq!(compare(exp.as_object().unwrap(), &c, text).len(), 2);
    }

    #[test]
    fn full_span_counts_chars_not_bytes() {
        // `§` is two bytes in UTF-8; eyecite's offsets are chars.
        let text = "§ x, 1 U.S. 1 (1990)";
        assert_eq!(char_to_byte(text, 5), 6);
        let exp = json!({"full_span": [5, 20]});
        let c = cite(CitationKind::Case, text, "1 U.S. 1 (1990)", "1 U.S. 1");
        assert!(compare(exp.as_object().unwrap(), &c, text).is_empty());
        let mut off = c.clone();
        off.start -= 1;
        assert!(!compare(exp.as_object().unwrap(), &off, text).is_empty());
    }

    #[test]
    fn unknown_field_fails_loudly() {
        let exp = json!({"kind": "full_case", "brand_new_field": "x"});
        let c = good();
        assert!(!compare(exp.as_object().unwrap(), &c, TEXT).is_empty());
    }

    #[test]
    fn pins_normalize() {
        assert_eq!(norm_pin(", at 2"), "2");
        assert_eq!(norm_pin("at p. *4"), "*4");
        assert_eq!(norm_pin("at pp. 45, 64"), "45, 64");
        assert_eq!(norm_pin("¶ 34"), "¶ 34");
        assert_eq!(pin_page("1072 n.10"), "1072");
        assert_eq!(pin_page("at 20-25"), "20");
    }

    #[test]
    fn span_with_pincite_checks_core_and_pin() {
        let text = "foo, Foo v. Bar, 550 U. S. 500, at 554-555, and so on ";
        let mut c = cite(
            CitationKind::Case,
            text,
            "Foo v. Bar, 550 U. S. 500",
            "550 U. S. 500",
        );
        c.pin = Some("554-555".into());
        assert_eq!(
            check_span_with_pin("550 U. S. 500, at 554-555", &c, text),
            None
        );
        c.pin = Some("554".into());
        assert!(check_span_with_pin("550 U. S. 500, at 554-555", &c, text).is_some());
    }

    #[test]
    fn tables_are_consistent() {
        for (cat, floor) in FLOORS {
            assert!((0.0..=1.0).contains(floor), "{cat}");
            assert!(
                !SKIPPED.iter().any(|s| s.0 == *cat),
                "{cat} both floored and skipped"
            );
        }
    }
}
