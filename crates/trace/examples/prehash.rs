//! Prints the pre-hash string and hash ID of every event of an EPCIS JSON
//! document: `cargo run -p congthuong-trace --example prehash -- FILE`.
//! For diagnosing a hash that differs from another implementation's.

use congthuong_trace::context::Namespaces;
use congthuong_trace::hash::{hash_of_prehash, prehash};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: prehash FILE")?;
    let doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path)?)?;
    let ns = Namespaces::from_context(&doc["@context"]);
    for e in doc["epcisBody"]["eventList"]
        .as_array()
        .ok_or("no eventList")?
    {
        let pre = prehash(e.as_object().ok_or("event is not an object")?, &ns);
        println!("{}\n{pre}", hash_of_prehash(&pre));
    }
    Ok(())
}
