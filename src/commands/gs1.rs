//! `congthuong gs1 …`: check digits and EPC URI ↔ GS1 Digital Link.

use congthuong_gs1::{Epc, Gtin, canonical_uri, verify_check_digit};

use crate::args::Gs1Action;
use crate::failure::user;

/// Runs one `gs1` subcommand.
pub fn run(action: Gs1Action) -> anyhow::Result<()> {
    match action {
        Gs1Action::Check { code } => check(code.trim()),
        Gs1Action::Convert { input, gcp } => convert(input.trim(), gcp),
    }
}

fn check(code: &str) -> anyhow::Result<()> {
    verify_check_digit(code)?;
    let kind = match code.len() {
        8 => "GTIN-8",
        12 => "GTIN-12 (UPC-A)",
        13 => "GTIN-13 or GLN",
        14 => "GTIN-14",
        17 => "GSIN",
        18 => "SSCC (or GSRN)",
        _ => "GS1 key",
    };
    let mut line = format!(
        "{code}: valid {kind}, check digit {}",
        &code[code.len() - 1..]
    );
    if let Ok(g) = Gtin::parse(code) {
        line.push_str(&format!("; as GTIN-14 {g}"));
        if code.len() >= 13 && g.gs1_prefix() == "893" {
            line.push_str("; GS1 prefix 893 (GS1 Vietnam)");
        }
    }
    println!("{line}");
    Ok(())
}

fn convert(input: &str, gcp: Option<usize>) -> anyhow::Result<()> {
    if input.starts_with("urn:epc:") {
        let dl = match Epc::parse_urn(input) {
            Ok(epc) => epc.to_digital_link(),
            // Other GS1 schemes (GRAI, GIAI, GDTI, …) convert one way.
            Err(e) => canonical_uri(input).ok_or(e)?,
        };
        println!("{dl}");
    } else {
        let Some(n) = gcp else {
            // Validate first, so a bad link is reported as such.
            congthuong_gs1::DigitalLink::parse(input)?;
            return Err(user(
                "a GS1 Digital Link does not say how long its company prefix is: give it with --gcp N (6 to 12)",
            ));
        };
        println!("{}", Epc::from_digital_link(input, n)?.to_urn());
    }
    Ok(())
}
