//! HTML building blocks for the pages: escaping, links, the page frame and
//! the year chart. Every piece of document text passes through [`esc`]; the
//! only markup in a page is what this module and `pages` write.

use std::fmt::Write;

/// The style sheet, embedded: the pages need nothing from the network.
pub(super) const CSS: &str = include_str!("style.css");

/// Escapes text for HTML content and attribute values.
pub(super) fn esc(text: &str) -> String {
    crate::export::escape::xml(text)
}

/// Percent-encodes a query-string value (everything but unreserved characters).
pub(super) fn enc(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    out
}

/// The link to an authority's page.
pub(super) fn authority_href(key: &str) -> String {
    format!("/authority?key={}", enc(key))
}

/// The link to an order's page.
pub(super) fn order_href(id: &str) -> String {
    format!("/order/{}", enc(id))
}

/// The link to one citation in an order's text (its anchor is `c{seq}`).
pub(super) fn citation_href(order: &str, seq: u64) -> String {
    format!("{}#c{seq}", order_href(order))
}

/// A court as people read it: the Bluebook abbreviation of a courts-db id
/// (`cacd` → `C.D. Cal.`), or the id itself when the id is unknown.
pub(super) fn court_name(id: &str) -> &str {
    crate::cite::courts::abbreviation(id).unwrap_or(id)
}

/// A court for a page: its abbreviation, with the courts-db id kept in the
/// title for whoever needs it; a dash when the court is not known.
pub(super) fn court_html(id: Option<&str>) -> String {
    match id {
        Some(id) if !id.is_empty() => {
            let shown = court_name(id);
            if shown == id {
                esc(id)
            } else {
                format!("<abbr title=\"{}\">{}</abbr>", esc(id), esc(shown))
            }
        }
        _ => "–".to_string(),
    }
}

/// A whole page: header with the search box, then `body`.
pub(super) fn page(title: &str, query: &str, body: &str) -> String {
    format!(
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} · precedent</title>
<link rel="stylesheet" href="/assets/style.css">
<link rel="icon" href="data:,">
</head>
<body>
<header class="top">
<a class="brand" href="/">precedent</a>
<form class="searchbox" action="/" method="get" role="search">
<input type="search" name="q" value="{query}" placeholder="Search orders: words, &quot;phrases&quot;, court:cand, cites:&quot;Leon v. IDX&quot;" aria-label="Search" autocomplete="off">
<button type="submit">Search</button>
</form>
<nav><a href="/top">Most cited</a> <a href="/api">API</a></nav>
</header>
<main>
{body}
</main>
</body>
</html>
"#,
        title = esc(title),
        query = esc(query),
    )
}

/// An inline SVG bar chart of counts per year, oldest first, and how many
/// of the orders it counts have no date (they have no bar, and a chart
/// that left them out silently would read as the whole story).
pub(super) fn year_chart(counts: &[(i64, usize)], undated: usize) -> String {
    let note = match undated {
        0 => String::new(),
        1 => "<p class=\"meta undated\">1 citing order has no date and is not in the chart.</p>".to_string(),
        n => format!("<p class=\"meta undated\">{n} citing orders have no date and are not in the chart.</p>"),
    };
    if counts.is_empty() {
        return note;
    }
    let max = counts.iter().map(|c| c.1).max().unwrap_or(1).max(1);
    let bar = 28;
    let gap = 8;
    let height = 120;
    let width = counts.len() * (bar + gap) + gap;
    let mut svg = format!(
        r#"<svg class="chart" role="img" aria-label="Citing orders by year" viewBox="0 0 {width} {}" width="{width}" height="{}">"#,
        height + 34,
        height + 34
    );
    for (i, (year, n)) in counts.iter().enumerate() {
        let h = (*n as f64 / max as f64 * height as f64).round().max(2.0) as usize;
        let x = gap + i * (bar + gap);
        let y = 14 + height - h;
        let _ = write!(
            svg,
            r#"<g><title>{year}: {n} {orders}</title><rect x="{x}" y="{y}" width="{bar}" height="{h}" rx="2"></rect><text x="{cx}" y="{ty}" class="n">{n}</text><text x="{cx}" y="{ly}" class="y">{year}</text></g>"#,
            orders = if *n == 1 { "order" } else { "orders" },
            cx = x + bar / 2,
            ty = y.saturating_sub(3),
            ly = height + 30,
        );
    }
    svg.push_str("</svg>");
    svg + &note
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_text_is_escaped() {
        assert_eq!(
            esc("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        let p = page("<b>t</b>", "\"><script>", "");
        assert!(!p.contains("<script>"));
        assert!(p.contains("&lt;b&gt;t&lt;/b&gt;"));
    }

    #[test]
    fn values_are_percent_encoded() {
        assert_eq!(enc("42 U.S.C. § 1983"), "42%20U.S.C.%20%C2%A7%201983");
        assert_eq!(enc("a&b=c/d?"), "a%26b%3Dc%2Fd%3F");
        assert_eq!(order_href("../x"), "/order/..%2Fx");
        assert_eq!(citation_href("a b", 7), "/order/a%20b#c7");
    }

    #[test]
    fn courts_are_shown_as_abbreviations_with_the_id_beside() {
        assert_eq!(court_name("cacd"), "C.D. Cal.");
        assert_eq!(court_name("no-such-court"), "no-such-court");
        assert_eq!(
            court_html(Some("delsuperct")),
            "<abbr title=\"delsuperct\">Del. Super. Ct.</abbr>"
        );
        assert_eq!(court_html(Some("<x>")), "&lt;x&gt;");
        assert_eq!(court_html(None), "–");
    }

    #[test]
    fn chart_has_a_bar_per_year() {
        let svg = year_chart(&[(2009, 1), (2015, 3)], 0);
        assert_eq!(svg.matches("<rect").count(), 2);
        assert!(svg.contains("2015: 3 orders"));
        assert!(!svg.contains("no date"));
        assert!(year_chart(&[], 0).is_empty());
    }

    #[test]
    fn chart_says_how_many_orders_have_no_date() {
        assert!(year_chart(&[(2009, 1)], 4).contains("4 citing orders have no date"));
        assert!(year_chart(&[], 1).contains("1 citing order has no date"));
    }
}
