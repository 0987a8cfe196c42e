//! Test vectors as data (mail-parser's way): `tests/vectors/received.json` holds Received values as MTAs write
//! them with the hop fields expected from each, `tests/vectors/dates.json` dates as found in the wild with the
//! instant and offset expected. Each vector goes through `analyze` like any paste; only the fields a vector
//! names are compared, by their JSON names (the README's contract). To add a case, add an entry to the file.

use serde_json::Value;

fn vectors(name: &str) -> Vec<Value> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn received_vectors() {
    let mut failures = Vec::new();
    let all = vectors("received.json");
    assert!(all.len() >= 20, "{} vectors", all.len());
    for v in &all {
        let value = v["received"].as_str().expect("received");
        let report = headerlens::analyze_str(&format!("Received: {value}\n"));
        let what = format!("{} {value:?}", v["name"].as_str().unwrap_or_default());
        let [hop] = report.hops.as_slice() else {
            failures.push(format!("{what}: {} hops", report.hops.len()));
            continue;
        };
        let got = serde_json::to_value(hop).unwrap();
        for (key, expected) in v["expect"].as_object().expect("expect") {
            if key == "notes_contain" {
                let notes: Vec<&str> =
                    got["parse_notes"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
                for needle in expected.as_array().unwrap().iter().filter_map(Value::as_str) {
                    if !notes.iter().any(|n| n.contains(needle)) {
                        failures.push(format!("{what}: no note contains {needle:?} in {notes:?}"));
                    }
                }
            } else if got[key] != *expected {
                failures.push(format!("{what}: {key} is {} not {expected}", got[key]));
            }
        }
    }
    assert!(failures.is_empty(), "{} of {} vectors:\n{}", failures.len(), all.len(), failures.join("\n"));
}

#[test]
fn date_vectors() {
    let mut failures = Vec::new();
    let all = vectors("dates.json");
    assert!(all.len() >= 30, "{} vectors", all.len());
    for v in &all {
        let date = v["date"].as_str().expect("date");
        let report = headerlens::analyze_str(&format!("Date: {date}\nSubject: x\n"));
        let Some(got) = report.summary.date.as_ref() else {
            failures.push(format!("{date:?}: no Date read"));
            continue;
        };
        if got.epoch != v["epoch"].as_i64() {
            failures.push(format!("{date:?}: epoch {:?} ({:?}) not {}", got.epoch, got.utc, v["epoch"]));
        }
        if got.offset_minutes.map(i64::from) != v["offset_minutes"].as_i64() {
            failures.push(format!("{date:?}: offset {:?} not {}", got.offset_minutes, v["offset_minutes"]));
        }
        // `zone` (when the vector names it): how the zone was read, `null` for a plain numeric offset.
        if let Some(expected) = v.get("zone") {
            let zone = serde_json::to_value(got.zone).unwrap();
            if zone != *expected {
                failures.push(format!("{date:?}: zone {zone} not {expected} ({:?})", got.zone_note));
            }
            if expected.is_string() && got.zone_note.is_none() {
                failures.push(format!("{date:?}: no zone_note"));
            }
        }
    }
    assert!(failures.is_empty(), "{} of {} vectors:\n{}", failures.len(), all.len(), failures.join("\n"));
}
