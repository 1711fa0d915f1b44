//! A document's own citation: the caption citation an opinion carries at
//! its head (`CAMPBELL v. STATE, 728 P.2d 628 (Wyo. 1986)` and its parallel
//! `569 P.2d 1338` on the next line), or an order's own neutral number
//! (`2019 DNH 047`). It names the document itself, so it is not a citation:
//! counted as one, every state opinion would be among its own citing orders.
//!
//! The rule: before the document cites anything, in its head (the first
//! [`HEAD_BYTES`] of clean text), a full citation without a signal that
//! stands as a paragraph of its own (nothing else in the paragraph but other
//! such citations and punctuation) is the document's own, when a document
//! follows it (at least [`BODY_BYTES`] more: a text that is one citation is
//! that citation, not a caption). The first citation that fails the rule
//! ends the head.

use super::{Citation, CitationKind};

/// How far into the clean text a document's own citation may stand.
pub const HEAD_BYTES: usize = 2000;
/// How much text must follow a document's own citations.
pub const BODY_BYTES: usize = 200;

/// Whether `c` stands alone in its paragraph of `text` (clean text), with
/// only the other citations `others` beside it.
fn alone_in_paragraph(text: &str, c: &Citation, others: &[Citation]) -> bool {
    let (start, end) = (c.clean.0, c.clean.1.min(text.len()));
    let para_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let para_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    let mut covered: Vec<(usize, usize)> = others
        .iter()
        .map(|o| (o.clean.0, o.clean.1))
        .filter(|&(s, e)| s >= para_start && e <= para_end)
        .collect();
    covered.push((start, end));
    covered.sort_unstable();
    let mut at = para_start;
    for (s, e) in covered {
        // The document's first line may open with the case name where the
        // citation's own name reading stopped short (`REESE v. CITY, ATLANTA,`).
        let caption_name = at == 0 && caption_name(&text[at..s]);
        if s > at && !filler(&text[at..s]) && !caption_name {
            return false;
        }
        at = at.max(e);
    }
    at >= para_end || filler(&text[at..para_end])
}

/// Whether `s` reads as a case name heading a caption line.
fn caption_name(s: &str) -> bool {
    let lower = s.trim_start().to_ascii_lowercase();
    s.len() < 200
        && (lower.contains(" v. ")
            || lower.starts_with("in re ")
            || lower.starts_with("ex parte ")
            || lower.starts_with("matter of "))
}

/// What may stand between the citations of a caption line: punctuation and space.
fn filler(s: &str) -> bool {
    s.chars()
        .all(|c| c.is_whitespace() || matches!(c, ',' | ';' | '.' | '(' | ')' | '[' | ']'))
}

/// Takes the document's own citations out of `citations` (sorted by
/// position) and returns them; the indices the rest hold into the list
/// (`nested_in`, `antecedent`, history) are kept right.
pub fn split(text: &str, citations: &mut Vec<Citation>) -> Vec<Citation> {
    // A rule or statute in a notice heading the document ("filed under Supreme Court
    // Rule 23", above `2020 IL App (3d) 180541-U`) does not end the head; it stays a
    // citation.
    let mut own = Vec::new();
    for (i, c) in citations.iter().enumerate() {
        if c.clean.0 >= HEAD_BYTES {
            break;
        }
        let notice = matches!(c.kind, CitationKind::Rule | CitationKind::Statute) && own.is_empty();
        if matches!(c.kind, CitationKind::Case)
            && c.signal.is_none()
            && alone_in_paragraph(text, c, citations)
        {
            own.push(i);
        } else if !notice {
            break;
        }
    }
    let Some(&last) = own.last() else {
        return Vec::new();
    };
    if citations[last].clean.1 + BODY_BYTES > text.len() {
        return Vec::new();
    }
    // Old index -> new index, for the indices the rest hold into the list.
    let mut taken = Vec::with_capacity(own.len());
    let mut moved: Vec<Option<usize>> = Vec::with_capacity(citations.len());
    let mut kept = 0;
    for i in 0..citations.len() {
        if own.binary_search(&i).is_ok() {
            moved.push(None);
        } else {
            moved.push(Some(kept));
            kept += 1;
        }
    }
    let shift = |i: Option<usize>| i.and_then(|i| moved.get(i).copied().flatten());
    let mut rest = Vec::with_capacity(kept);
    for (i, c) in citations.drain(..).enumerate() {
        if moved[i].is_none() {
            taken.push(c);
        } else {
            rest.push(c);
        }
    }
    for c in rest.iter_mut() {
        c.nested_in = shift(c.nested_in);
        c.antecedent = shift(c.antecedent);
        for h in &mut c.history {
            h.citation = shift(h.citation);
        }
    }
    *citations = rest;
    taken
}

#[cfg(test)]
mod tests {
    use super::*;

    fn own_and_rest(text: &str) -> (Vec<String>, Vec<String>) {
        let normalized = crate::text::normalize(text);
        let mut cites = crate::cite::extract(&normalized);
        let own = split(&normalized.text, &mut cites);
        let keys = |v: &[Citation]| {
            v.iter()
                .map(|c| c.authority.clone().unwrap_or_default())
                .collect()
        };
        (keys(&own), keys(&cites))
    }

    // The head of a Wyoming opinion of the shared corpus, as the Columbia collection gives it.
    #[test]
    fn an_opinions_caption_citation_and_its_parallel_are_its_own() {
        let text = "CAMPBELL v. STATE, 728 P.2d 628 (Wyo. 1986)\n\n728 P.2d 628\n\n\
                    John CAMPBELL, Appellant, v. The STATE of Wyoming, Appellee.\n\nNo. 86-88.\n\n\
                    Supreme Court of Wyoming.\n\nNovember 26, 1986.\n\n\
                    The standard is settled. Strickland v. Washington, 466 U.S. 668, 687 (1984). Id. at 694.\n";
        let (own, rest) = own_and_rest(text);
        assert_eq!(own, ["728 P.2d 628", "728 P.2d 628"]);
        assert_eq!(rest[0], "466 U.S. 668");
        assert_eq!(rest.len(), 2);
    }

    // A Georgia opinion's head: the name's comma cuts the name the citation reads short.
    #[test]
    fn a_caption_whose_name_holds_a_comma_is_still_the_documents_own() {
        let text = "REESE v. CITY, ATLANTA, 261 Ga. App. 761 (2003)\n\n583 S.E.2d 584\n\n\
                    REESE v. CITY OF ATLANTA et al.\n\nA03A0896.\n\nCourt of Appeals of Georgia.\n\n\
                    DECIDED: JUNE 18, 2003\n\nDonald Reese claims the trial court erred by granting summary \
                    judgment against his suit bringing false arrest and imprisonment claims.\n";
        let (own, rest) = own_and_rest(text);
        assert_eq!(own, ["261 Ga. App. 761", "583 S.E.2d 584"]);
        assert!(rest.is_empty());
    }

    // An Illinois order under Rule 23 heads its own neutral number with the rule's notice.
    #[test]
    fn an_orders_own_neutral_number_under_a_notice_is_its_own() {
        let body =
            "The trial court erred. People v. Roe, 2019 IL 123456, ¶ 12. We reverse and remand \
                    for a new hearing on the motion, which the court denied without a hearing.\n";
        let text = format!(
            "NOTICE: This order was filed under Supreme Court Rule 23 and is not precedent.\n\n\
             2020 IL App (3d) 180541-U\n\nOrder filed March 3, 2020\n\n\
             IN THE APPELLATE COURT OF ILLINOIS\n\nTHIRD DISTRICT\n\n{body}"
        );
        let (own, rest) = own_and_rest(&text);
        assert_eq!(own, ["2020 IL App (3d) 180541-U"]);
        assert_eq!(rest.len(), 2, "{rest:?}");
        assert_eq!(rest[1], "2019 IL 123456");
    }

    #[test]
    fn a_citation_in_a_sentence_is_never_the_documents_own() {
        let text = "ORDER\n\nSee Leon v. IDX Sys. Corp., 464 F.3d 951, 958 (9th Cir. 2006).\n\n\
                    Leon v. IDX Sys. Corp., 464 F.3d 951 (9th Cir. 2006)\n";
        let (own, rest) = own_and_rest(text);
        assert!(own.is_empty(), "{own:?}");
        assert_eq!(rest.len(), 2);
        // Nor one standing alone after the document has cited anything.
        let text = "The court relies on Doe v. Roe, 1 F.3d 2 (1st Cir. 1993).\n\nLeon v. IDX Sys. Corp., 464 F.3d 951 (9th Cir. 2006)\n";
        let (own, _) = own_and_rest(text);
        assert!(own.is_empty(), "{own:?}");
        // A text that is one citation is that citation.
        let (own, rest) = own_and_rest("Leon v. IDX Sys. Corp., 464 F.3d 951 (9th Cir. 2006)");
        assert!(own.is_empty() && rest.len() == 1, "{own:?}");
    }
}
