//! Names written in capitals put in Title Case: court names, parties,
//! judges, and case names as people read them (`In re`, `ex rel.`).

/// Title Case for text written in capitals ("NORTHERN DISTRICT OF
/// CALIFORNIA" → "Northern District of California"); words with lower-case
/// letters, corporate forms and roman numerals keep their case.
pub(super) fn title_case_if_caps(s: &str) -> String {
    const KEEP: [&str; 22] = [
        "LLC", "LLP", "LP", "PLLC", "USA", "US", "U.S.", "U.S.A.", "N.A.", "GP", "II", "III", "IV",
        "VI", "VII", "VIII", "IX", "XI", "FBI", "IRS", "NLRB", "P.C.",
    ];
    const SMALL: [&str; 15] = [
        "of", "the", "and", "for", "in", "on", "at", "by", "to", "a", "an", "et", "al.", "v.",
        "vs.",
    ];
    let letters = s
        .split_whitespace()
        .filter(|w| !SMALL.contains(&w.trim_end_matches([',', ';', ':'])))
        .flat_map(str::chars)
        .filter(|c| c.is_alphabetic());
    let (mut up, mut low) = (0, 0);
    for c in letters {
        if c.is_uppercase() {
            up += 1;
        } else {
            low += 1;
        }
    }
    if up < 2 || low * 5 > up {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for (i, word) in s.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if word.chars().any(char::is_lowercase) {
            // "McMURREN", "DiTOMASSO": a name's prefix kept, the rest in case
            match name_prefix(word) {
                Some(p) => {
                    out.push_str(&word[..p]);
                    capitalize(&word[p..].to_lowercase(), &mut out);
                }
                None => out.push_str(word),
            }
            continue;
        }
        let bare = word.trim_end_matches([',', ';', ':']);
        if KEEP.contains(&bare) {
            out.push_str(word);
            continue;
        }
        let lower = word.to_lowercase();
        let lower_bare = lower.trim_end_matches([',', ';', ':']);
        if i > 0 && SMALL.contains(&lower_bare) {
            out.push_str(&lower);
            continue;
        }
        capitalize(&lower, &mut out);
    }
    out
}

/// The length of a surname's mixed-case prefix (`Mc`, `Mac`, `Di`, `De`,
/// `La`, `Le`, `Van`, `Von`, `du`, …) when the rest of `word` is in capitals.
fn name_prefix(word: &str) -> Option<usize> {
    [
        "Mac", "Van", "Von", "van", "von", "Mc", "Di", "De", "Da", "La", "Le", "du", "de", "di",
        "da", "la", "le",
    ]
    .iter()
    .find(|p| {
        word.strip_prefix(**p).is_some_and(|rest| {
            rest.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && !rest.chars().any(char::is_lowercase)
                && rest.starts_with(|c: char| c.is_uppercase())
        })
    })
    .map(|p| p.len())
}

/// A case name as people read it: Title Case where it was written in
/// capitals, `In re`, `ex rel.` and `et al.` in lower case.
pub(super) fn case_name(s: &str) -> String {
    let s = s.trim().trim_end_matches([',', ';', ':']).trim();
    let mut name = title_case_if_caps(s);
    for (from, to) in [
        ("In Re ", "In re "),
        ("In Re: ", "In re: "),
        ("Ex Rel. ", "ex rel. "),
    ] {
        if let Some(rest) = name.strip_prefix(from) {
            name = format!("{to}{rest}");
        }
        name = name.replace(&format!(" {from}"), &format!(" {to}"));
    }
    name
}

/// Appends `lower` with the first letter of each letter run capitalized
/// ("a-star" → "A-Star"), except a short run after an apostrophe
/// ("plaintiff's").
fn capitalize(lower: &str, out: &mut String) {
    let mut prev: Option<char> = None;
    for (i, c) in lower.char_indices() {
        let start = c.is_alphabetic() && !prev.is_some_and(char::is_alphabetic);
        let after_apostrophe = matches!(prev, Some('\'') | Some('\u{2019}'));
        let short_run = || lower[i..].chars().take_while(|c| c.is_alphabetic()).count() <= 2;
        if start && !(after_apostrophe && short_run()) {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        prev = Some(c);
    }
}
