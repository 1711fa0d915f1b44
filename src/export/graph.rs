//! The citation graph: orders and authorities as nodes, citations and
//! quotations as edges, for graph tools.

use std::collections::HashMap;
use std::io::{BufWriter, Write};

use serde::Serialize;

use super::{csv_error, csv_writer, escape, unsupported, write_json, ExportFormat};
use crate::kb::{AuthorityRecord, Edge, OrderRecord};
use crate::Result;

const FORMATS: &[ExportFormat] = &[
    ExportFormat::Csv,
    ExportFormat::Graphml,
    ExportFormat::Dot,
    ExportFormat::Json,
    ExportFormat::Xlsx,
];

/// Writes the citation graph.
///
/// Nodes are the orders (id `order:<id>`, kind `order`, labelled with the
/// case name, else the title, else the id), the authorities (id the
/// authority key, kind the authority kind, labelled `Name, key` for a named
/// case — on two lines in DOT — else the key) and any other endpoint an
/// edge names (kind `order` when it starts with `order:`, else
/// `authority`). Edges are written as given: `cites` and `relies_through`
/// from orders, `quotes` and `cites` between authorities, each with its
/// weight.
///
/// Formats: `csv` (the edge list: `from, to, kind, weight`), `graphml`
/// (node keys `label`, `kind`; edge keys `kind`, `weight`; directed), `dot`
/// (orders as boxes, authorities as ellipses, `relies_through` dashed,
/// `quotes` bold; custom attributes `kind` and `weight` kept), `json`
/// (`{"nodes": [{id, label, kind}], "edges": [{from, to, kind, weight}]}`),
/// `xlsx` (a sheet `edges` with `from, from_label, to, to_label, kind,
/// weight` and a sheet `nodes` with `id, label, kind`).
pub fn graph(
    out: &mut dyn Write,
    format: ExportFormat,
    edges: &[Edge],
    authorities: &[AuthorityRecord],
    orders: &[OrderRecord],
) -> Result<()> {
    match format {
        ExportFormat::Csv => write_csv(out, edges),
        ExportFormat::Xlsx => write_xlsx(out, &nodes(edges, authorities, orders), edges),
        ExportFormat::Graphml => write_graphml(out, &nodes(edges, authorities, orders), edges),
        ExportFormat::Dot => write_dot(out, &nodes(edges, authorities, orders), edges),
        ExportFormat::Json => write_json(
            out,
            &Graph {
                nodes: nodes(edges, authorities, orders),
                edges,
            },
        ),
        _ => Err(unsupported("graph", format, FORMATS)),
    }
}

/// A node of the graph.
#[derive(Debug, Serialize)]
struct Node {
    id: String,
    label: String,
    kind: String,
    /// The label on two lines (`Name` / `key`) where it has a name.
    #[serde(skip)]
    dot_label: String,
}

#[derive(Serialize)]
struct Graph<'a> {
    nodes: Vec<Node>,
    edges: &'a [Edge],
}

/// The prefix of an order's node id.
const ORDER_PREFIX: &str = "order:";

/// Every node once: the orders, the authorities, then endpoints of edges
/// that are neither.
fn nodes(edges: &[Edge], authorities: &[AuthorityRecord], orders: &[OrderRecord]) -> Vec<Node> {
    let mut nodes: Vec<Node> = Vec::new();
    let mut seen: HashMap<String, ()> = HashMap::new();
    let mut add = |node: Node| {
        if seen.insert(node.id.clone(), ()).is_none() {
            nodes.push(node);
        }
    };
    for o in orders {
        let label = [&o.case_name, &o.title]
            .into_iter()
            .flatten()
            .map(|s| s.trim())
            .find(|s| !s.is_empty())
            .unwrap_or(&o.id)
            .to_string();
        add(Node {
            id: format!("{ORDER_PREFIX}{}", o.id),
            dot_label: label.clone(),
            label,
            kind: "order".to_string(),
        });
    }
    for a in authorities {
        let name = a.name.trim();
        let (label, dot_label) = if a.kind == "case" && !name.is_empty() && name != a.key {
            (format!("{name}, {}", a.key), format!("{name}\n{}", a.key))
        } else {
            (a.key.clone(), a.key.clone())
        };
        add(Node {
            id: a.key.clone(),
            label,
            kind: a.kind.clone(),
            dot_label,
        });
    }
    for e in edges {
        for end in [&e.from, &e.to] {
            let (kind, label) = match end.strip_prefix(ORDER_PREFIX) {
                Some(id) => ("order", id),
                None => ("authority", end.as_str()),
            };
            add(Node {
                id: end.clone(),
                label: label.to_string(),
                kind: kind.to_string(),
                dot_label: label.to_string(),
            });
        }
    }
    nodes
}

fn write_csv(out: &mut dyn Write, edges: &[Edge]) -> Result<()> {
    let mut w = csv_writer(out);
    w.write_record(["from", "to", "kind", "weight"])
        .map_err(csv_error)?;
    for e in edges {
        w.write_record([&e.from, &e.to, &e.kind, &e.weight.to_string()])
            .map_err(csv_error)?;
    }
    w.flush()?;
    Ok(())
}

fn write_xlsx(out: &mut dyn Write, nodes: &[Node], edges: &[Edge]) -> Result<()> {
    let label: HashMap<&str, &str> = nodes
        .iter()
        .map(|n| (n.id.as_str(), n.label.as_str()))
        .collect();
    let mut book = super::xlsx::Book::new();
    let mut sheet = book.sheet(
        "edges",
        &["from", "from_label", "to", "to_label", "kind", "weight"],
    )?;
    for e in edges {
        let name = |id: &str| label.get(id).copied().unwrap_or_default().to_string();
        sheet.row(
            &[
                e.from.clone(),
                name(&e.from),
                e.to.clone(),
                name(&e.to),
                e.kind.clone(),
                e.weight.to_string(),
            ],
            &book,
        )?;
    }
    book.add(sheet)?;
    let mut sheet = book.sheet("nodes", &["id", "label", "kind"])?;
    for n in nodes {
        sheet.row(&[n.id.as_str(), &n.label, &n.kind], &book)?;
    }
    book.add(sheet)?;
    book.write(out)
}

fn write_graphml(out: &mut dyn Write, nodes: &[Node], edges: &[Edge]) -> Result<()> {
    let mut w = BufWriter::new(out);
    writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        w,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    )?;
    writeln!(
        w,
        r#"  <key id="label" for="node" attr.name="label" attr.type="string"/>"#
    )?;
    writeln!(
        w,
        r#"  <key id="kind" for="node" attr.name="kind" attr.type="string"/>"#
    )?;
    writeln!(
        w,
        r#"  <key id="edge_kind" for="edge" attr.name="kind" attr.type="string"/>"#
    )?;
    writeln!(
        w,
        r#"  <key id="weight" for="edge" attr.name="weight" attr.type="long"><default>1</default></key>"#
    )?;
    writeln!(w, r#"  <graph id="precedent" edgedefault="directed">"#)?;
    for n in nodes {
        writeln!(
            w,
            r#"    <node id="{}"><data key="label">{}</data><data key="kind">{}</data></node>"#,
            escape::xml(&n.id),
            escape::xml(&n.label),
            escape::xml(&n.kind)
        )?;
    }
    for (i, e) in edges.iter().enumerate() {
        writeln!(
            w,
            r#"    <edge id="e{i}" source="{}" target="{}"><data key="edge_kind">{}</data><data key="weight">{}</data></edge>"#,
            escape::xml(&e.from),
            escape::xml(&e.to),
            escape::xml(&e.kind),
            e.weight
        )?;
    }
    writeln!(w, "  </graph>")?;
    writeln!(w, "</graphml>")?;
    w.flush()?;
    Ok(())
}

fn write_dot(out: &mut dyn Write, nodes: &[Node], edges: &[Edge]) -> Result<()> {
    let mut w = BufWriter::new(out);
    writeln!(w, "digraph precedent {{")?;
    writeln!(w, "  graph [rankdir=LR];")?;
    writeln!(w, "  node [fontname=\"Times-Roman\"];")?;
    writeln!(w, "  edge [fontname=\"Times-Roman\", fontsize=10];")?;
    for n in nodes {
        let shape = if n.kind == "order" { "box" } else { "ellipse" };
        writeln!(
            w,
            "  \"{}\" [label=\"{}\", shape={shape}, kind=\"{}\"];",
            escape::dot(&n.id),
            escape::dot(&n.dot_label),
            escape::dot(&n.kind)
        )?;
    }
    for e in edges {
        let style = match e.kind.as_str() {
            "relies_through" => ", style=dashed",
            "quotes" => ", style=bold",
            _ => "",
        };
        let label = if e.weight > 1 {
            format!("{} ×{}", e.kind, e.weight)
        } else {
            e.kind.clone()
        };
        writeln!(
            w,
            "  \"{}\" -> \"{}\" [label=\"{}\", kind=\"{}\", weight={}{style}];",
            escape::dot(&e.from),
            escape::dot(&e.to),
            escape::dot(&label),
            escape::dot(&e.kind),
            e.weight
        )?;
    }
    writeln!(w, "}}")?;
    w.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::tests::{fixture, Fixture, ALN, NASTY_KEY, NASTY_NAME, O0};

    fn graph_text(f: &Fixture, format: ExportFormat) -> String {
        let mut out = Vec::new();
        graph(&mut out, format, &f.edges, &f.authorities, &f.orders).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// Three orders, ten authorities, and `410 U.S. 113` named only by edges.
    const NODES: usize = 14;

    #[test]
    fn graphml_is_xml_with_every_node_and_edge() {
        let f = fixture();
        let text = graph_text(&f, ExportFormat::Graphml);
        let doc = roxmltree::Document::parse(&text).unwrap();
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "graphml");
        let keys: Vec<(&str, &str)> = root
            .children()
            .filter(|n| n.has_tag_name("key"))
            .map(|n| {
                (
                    n.attribute("for").unwrap(),
                    n.attribute("attr.name").unwrap(),
                )
            })
            .collect();
        assert_eq!(
            keys,
            [
                ("node", "label"),
                ("node", "kind"),
                ("edge", "kind"),
                ("edge", "weight")
            ]
        );
        let graph = root.children().find(|n| n.has_tag_name("graph")).unwrap();
        assert_eq!(graph.attribute("edgedefault"), Some("directed"));
        let nodes: Vec<_> = graph
            .children()
            .filter(|n| n.has_tag_name("node"))
            .collect();
        let edges: Vec<_> = graph
            .children()
            .filter(|n| n.has_tag_name("edge"))
            .collect();
        assert_eq!(nodes.len(), NODES);
        assert_eq!(edges.len(), f.edges.len());

        let data = |n: &roxmltree::Node, key: &str| {
            n.children()
                .find(|d| d.attribute("key") == Some(key))
                .and_then(|d| d.text())
                .map(String::from)
        };
        let nasty = nodes
            .iter()
            .find(|n| n.attribute("id") == Some(NASTY_KEY))
            .unwrap();
        assert_eq!(
            data(nasty, "label").unwrap(),
            format!("{NASTY_NAME}, {NASTY_KEY}")
        );
        assert_eq!(data(nasty, "kind").as_deref(), Some("case"));
        let order = nodes
            .iter()
            .find(|n| n.attribute("id") == Some(&format!("order:{O0}")))
            .unwrap();
        assert_eq!(data(order, "label").as_deref(), Some("Smith v. Acme Corp."));
        assert_eq!(data(order, "kind").as_deref(), Some("order"));
        // Every edge joins declared nodes and carries its kind and weight.
        let ids: Vec<&str> = nodes.iter().map(|n| n.attribute("id").unwrap()).collect();
        for (e, want) in edges.iter().zip(&f.edges) {
            assert_eq!(e.attribute("source"), Some(want.from.as_str()));
            assert_eq!(e.attribute("target"), Some(want.to.as_str()));
            assert!(ids.contains(&e.attribute("target").unwrap()));
            assert_eq!(data(e, "edge_kind").as_deref(), Some(want.kind.as_str()));
            assert_eq!(data(e, "weight"), Some(want.weight.to_string()));
        }
    }

    #[test]
    fn dot_quotes_every_id_and_escapes_labels() {
        let f = fixture();
        let text = graph_text(&f, ExportFormat::Dot);
        assert!(text.starts_with("digraph precedent {"));
        assert!(text.trim_end().ends_with('}'));
        for line in text.lines() {
            let mut quotes = 0;
            let mut escaped = false;
            for c in line.chars() {
                match c {
                    _ if escaped => escaped = false,
                    '\\' => escaped = true,
                    '"' => quotes += 1,
                    _ => {}
                }
            }
            assert_eq!(quotes % 2, 0, "unbalanced quotes: {line}");
        }
        assert_eq!(text.matches("shape=box").count(), 3);
        assert_eq!(text.matches("shape=ellipse").count(), NODES - 3);
        assert_eq!(text.matches(" -> ").count(), f.edges.len());
        assert!(
            text.contains(
                r#"label="In re <script>alert(\"x\")</script> & Sons | *Co*_\n999 F.3d 1""#
            ),
            "{text}"
        );
        assert!(text.contains(&format!(
            "\"order:{O0}\" -> \"{ALN}\" [label=\"cites ×2\", kind=\"cites\", weight=2];"
        )));
        assert!(text.contains("style=dashed"));
    }

    #[test]
    fn csv_is_the_edge_list_and_json_has_nodes_and_edges() {
        let f = fixture();
        let text = graph_text(&f, ExportFormat::Csv);
        let mut r = csv::Reader::from_reader(text.as_bytes());
        assert_eq!(r.headers().unwrap(), vec!["from", "to", "kind", "weight"]);
        let back: Vec<Edge> = r.deserialize().map(|e| e.unwrap()).collect();
        assert_eq!(back, f.edges);

        let json: serde_json::Value =
            serde_json::from_str(&graph_text(&f, ExportFormat::Json)).unwrap();
        assert_eq!(json["nodes"].as_array().unwrap().len(), NODES);
        let edges: Vec<Edge> = serde_json::from_value(json["edges"].clone()).unwrap();
        assert_eq!(edges, f.edges);
        assert_eq!(
            json["nodes"][13],
            serde_json::json!({"id": "410 U.S. 113", "label": "410 U.S. 113", "kind": "authority"})
        );
    }

    #[test]
    fn other_formats_are_refused() {
        let f = fixture();
        for format in [ExportFormat::Md, ExportFormat::Html, ExportFormat::Jsonl] {
            let err =
                graph(&mut Vec::new(), format, &f.edges, &f.authorities, &f.orders).unwrap_err();
            assert!(matches!(err, crate::Error::Unsupported { .. }));
        }
    }
}
