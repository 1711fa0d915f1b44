//! The table of authorities of many orders keeps memory in proportion to
//! what it lists, not to authorities × orders. Its own test binary, because
//! it counts every allocation through a global allocator.

use std::sync::atomic::Ordering;

use precedent::export::{table_of_authorities, ExportFormat};
use precedent::kb::{AuthorityRecord, CitationRecord, OrderRecord};

#[path = "common/counting.rs"]
mod counting;
use counting::{IN_USE, PEAK};

#[test]
fn a_table_of_many_orders_does_not_reserve_every_order_for_every_authority() {
    // 3,000 orders, each citing one case of its own and one shared case: the
    // table lists 3,001 authorities with 6,000 (authority, order) pairs.
    const ORDERS: usize = 3_000;
    let order_id = |i: usize| format!("order_{i:05}");
    let key = |i: usize| format!("{} F.3d {}", 100 + i, 1000 + i);
    let orders: Vec<OrderRecord> = (0..ORDERS)
        .map(|i| OrderRecord {
            id: order_id(i),
            file: format!("{}.txt", order_id(i)),
            ..Default::default()
        })
        .collect();
    let authority = |k: String| AuthorityRecord {
        keys: vec![k.clone()],
        key: k,
        kind: "case".into(),
        name: "Smith v. Jones".into(),
        ..Default::default()
    };
    let mut authorities: Vec<AuthorityRecord> = (0..ORDERS).map(|i| authority(key(i))).collect();
    authorities.push(authority("464 F.3d 951".into()));
    let cite = |order: usize, k: String, seq: u64| CitationRecord {
        order: order_id(order),
        file: format!("{}.txt", order_id(order)),
        seq,
        kind: "full_case".into(),
        authority: Some(k),
        authority_kind: Some("case".into()),
        page: Some(seq + 1),
        ..Default::default()
    };
    let cites: Vec<CitationRecord> = (0..ORDERS)
        .flat_map(|i| [cite(i, key(i), 0), cite(i, "464 F.3d 951".into(), 1)])
        .collect();

    let before = IN_USE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let mut out = Vec::new();
    table_of_authorities(&mut out, ExportFormat::Csv, &orders, &cites, &authorities)
        .expect("the table is written");
    let peak = PEAK.load(Ordering::Relaxed) - before;

    let text = String::from_utf8(out).expect("utf-8");
    assert_eq!(
        text.lines().count(),
        1 + ORDERS + 1,
        "a header and a row per authority"
    );
    assert!(text.contains("order_02999: 1"), "pages per order");
    // A slot for every order under every authority would be 3,001 × 3,000
    // slots of 24 bytes, over 200 MB; what the table lists is a few MB.
    assert!(
        peak < 32 * 1024 * 1024,
        "the table took {} MB at its peak",
        peak / (1024 * 1024)
    );
}
