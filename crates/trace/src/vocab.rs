//! The Core Business Vocabulary (CBV 2.0) values EPCIS JSON may write as
//! bare words, and their full web-vocabulary URIs.
//!
//! A bare `"shipping"` in `bizStep` means
//! `https://ref.gs1.org/cbv/BizStep-shipping`. Stores and queries keep the
//! full URI, so `shipping`, the URI and the CBV 1.x URN
//! `urn:epcglobal:cbv:bizstep:shipping` all compare equal.

/// Kinds of CBV values that have a bare-word form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vocab {
    /// `bizStep`.
    BizStep,
    /// `disposition`, `persistentDisposition.set/unset`.
    Disposition,
    /// `bizTransactionList[].type`.
    BizTransactionType,
    /// `sourceList[].type`, `destinationList[].type`.
    SourceDestType,
    /// `errorDeclaration.reason`.
    ErrorReason,
    /// `sensorReport.type` (measurement types) and `.exception`: any bare
    /// word is a term of the GS1 web vocabulary.
    GS1Voc,
}

/// CBV 2.0 business steps.
pub const BIZ_STEPS: &[&str] = &[
    "accepting",
    "arriving",
    "assembling",
    "collecting",
    "commissioning",
    "consigning",
    "creating_class_instance",
    "cycle_counting",
    "decommissioning",
    "departing",
    "destroying",
    "disassembling",
    "dispensing",
    "encoding",
    "entering_exiting",
    "holding",
    "inspecting",
    "installing",
    "killing",
    "loading",
    "other",
    "packing",
    "picking",
    "receiving",
    "removing",
    "repackaging",
    "repairing",
    "replacing",
    "reserving",
    "retail_selling",
    "sensor_reporting",
    "shipping",
    "staging_outbound",
    "stock_taking",
    "stocking",
    "storing",
    "transporting",
    "unloading",
    "unpacking",
    "void_shipping",
];

/// CBV 2.0 dispositions.
pub const DISPOSITIONS: &[&str] = &[
    "active",
    "available",
    "completeness_inferred",
    "completeness_verified",
    "conformant",
    "container_closed",
    "container_open",
    "damaged",
    "destroyed",
    "dispensed",
    "disposed",
    "encoded",
    "expired",
    "in_progress",
    "in_transit",
    "inactive",
    "mismatch_class",
    "mismatch_instance",
    "mismatch_quantity",
    "needs_replacement",
    "no_pedigree_match",
    "non_conformant",
    "non_sellable_other",
    "partially_dispensed",
    "recalled",
    "reserved",
    "retail_sold",
    "returned",
    "sellable_accessible",
    "sellable_not_accessible",
    "stolen",
    "unavailable",
    "unknown",
];

/// CBV 2.0 business transaction types.
pub const BIZ_TRANSACTION_TYPES: &[&str] = &[
    "bol",
    "cert",
    "desadv",
    "inv",
    "pedigree",
    "po",
    "poc",
    "prodorder",
    "recadv",
    "rma",
    "testprd",
    "testres",
];

/// CBV 2.0 source/destination types.
pub const SOURCE_DEST_TYPES: &[&str] = &["owning_party", "possessing_party", "location"];

/// CBV 2.0 error reasons.
pub const ERROR_REASONS: &[&str] = &["did_not_occur", "incorrect_data"];

/// The CBV web-vocabulary base.
pub const CBV: &str = "https://ref.gs1.org/cbv/";
/// The GS1 web-vocabulary base of the EPCIS 2.0.0 context.
pub const GS1_VOC: &str = "https://gs1.org/voc/";

impl Vocab {
    /// The bare words of this kind (empty for [`Vocab::GS1Voc`], which
    /// takes any word).
    pub fn words(self) -> &'static [&'static str] {
        match self {
            Vocab::BizStep => BIZ_STEPS,
            Vocab::Disposition => DISPOSITIONS,
            Vocab::BizTransactionType => BIZ_TRANSACTION_TYPES,
            Vocab::SourceDestType => SOURCE_DEST_TYPES,
            Vocab::ErrorReason => ERROR_REASONS,
            Vocab::GS1Voc => &[],
        }
    }

    /// The URI prefix bare words expand to.
    pub fn prefix(self) -> &'static str {
        match self {
            Vocab::BizStep => "https://ref.gs1.org/cbv/BizStep-",
            Vocab::Disposition => "https://ref.gs1.org/cbv/Disp-",
            Vocab::BizTransactionType => "https://ref.gs1.org/cbv/BTT-",
            Vocab::SourceDestType => "https://ref.gs1.org/cbv/SDT-",
            Vocab::ErrorReason => "https://ref.gs1.org/cbv/ER-",
            Vocab::GS1Voc => GS1_VOC,
        }
    }

    /// The full URI of a bare word of this kind, `None` for anything else.
    pub fn expand_bare(self, value: &str) -> Option<String> {
        let bare = match self {
            Vocab::GS1Voc => !value.is_empty() && !value.contains(':'),
            _ => self.words().contains(&value),
        };
        bare.then(|| format!("{}{value}", self.prefix()))
    }

    /// A name for messages.
    pub fn label(self) -> &'static str {
        match self {
            Vocab::BizStep => "business step",
            Vocab::Disposition => "disposition",
            Vocab::BizTransactionType => "business transaction type",
            Vocab::SourceDestType => "source/destination type",
            Vocab::ErrorReason => "error reason",
            Vocab::GS1Voc => "measurement type",
        }
    }
}

/// Rewrites CBV 1.x URNs (`urn:epcglobal:cbv:bizstep:shipping`) as CBV 2.0
/// web URIs; anything else is returned unchanged.
pub fn web_vocabulary(value: &str) -> String {
    const OLD: &[(&str, &str)] = &[
        (
            "urn:epcglobal:cbv:bizstep:",
            "https://ref.gs1.org/cbv/BizStep-",
        ),
        ("urn:epcglobal:cbv:disp:", "https://ref.gs1.org/cbv/Disp-"),
        ("urn:epcglobal:cbv:btt:", "https://ref.gs1.org/cbv/BTT-"),
        ("urn:epcglobal:cbv:sdt:", "https://ref.gs1.org/cbv/SDT-"),
        ("urn:epcglobal:cbv:er:", "https://ref.gs1.org/cbv/ER-"),
    ];
    let mut v = value.to_owned();
    for (old, new) in OLD {
        v = v.replace(old, new);
    }
    v
}

/// True when `s` has the shape of an absolute URI (`scheme:rest`, no
/// spaces or characters a URI cannot hold): what JSON Schema's `uri`
/// format asks of identifiers, extension names and non-CBV values.
pub fn is_uri(s: &str) -> bool {
    let Some((scheme, rest)) = s.split_once(':') else {
        return false;
    };
    let scheme_ok = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    let mut chars = rest.chars().peekable();
    while let Some(c) = chars.next() {
        let ok = c.is_ascii_alphanumeric() || "-._~:/?#[]@!$&'()*+,;=".contains(c);
        if c == '%' {
            let hex: String = chars.by_ref().take(2).collect();
            if hex.len() != 2 || !hex.chars().all(|h| h.is_ascii_hexdigit()) {
                return false;
            }
        } else if !ok {
            return false;
        }
    }
    scheme_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_words_expand_by_kind() {
        assert_eq!(
            Vocab::BizStep.expand_bare("shipping").unwrap(),
            "https://ref.gs1.org/cbv/BizStep-shipping"
        );
        assert_eq!(
            Vocab::Disposition.expand_bare("in_transit").unwrap(),
            "https://ref.gs1.org/cbv/Disp-in_transit"
        );
        assert_eq!(Vocab::BizStep.expand_bare("transforming"), None);
        assert_eq!(
            Vocab::GS1Voc.expand_bare("Temperature").unwrap(),
            "https://gs1.org/voc/Temperature"
        );
        assert_eq!(
            web_vocabulary("urn:epcglobal:cbv:disp:in_transit"),
            "https://ref.gs1.org/cbv/Disp-in_transit"
        );
    }

    #[test]
    fn uri_shapes() {
        for ok in [
            "urn:epc:id:sgtin:0614141.107346.2017",
            "https://id.gs1.org/01/1",
            "ext1:summarising_discharge",
            "geo:50.9,6.9",
            "ni:///sha-256;ab?ver=CBV2.0",
        ] {
            assert!(is_uri(ok), "{ok}");
        }
        for bad in [
            "transforming",
            "in_transport",
            "materialType",
            "1abc:x",
            "https://a b",
            "x:%2",
        ] {
            assert!(!is_uri(bad), "{bad}");
        }
    }
}
