//! How an exporter in Viet Nam proves origin under each agreement.
//!
//! A [`Route`] lists the proofs of origin available for an export from Viet
//! Nam, who makes each one out, under what condition, and the legal basis
//! (the agreement's article and the Ministry of Industry and Trade's
//! implementing circular). The only condition computed is EVFTA's value
//! ceiling for an origin declaration by any exporter (EUR 6 000 per
//! consignment); the others are stated for the reader.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::agreement::Source;
use crate::text::Text;

/// The proofs of origin open to a Vietnamese exporter under one agreement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Route {
    /// The proofs, most common first.
    pub proofs: Vec<Proof>,
    /// What else to know (transitional arrangements, the other direction).
    pub notes: Vec<Text>,
}

/// One kind of proof of origin.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proof {
    /// Its name, e.g. "C/O form D".
    pub name: Text,
    /// Who issues or makes it out.
    pub by: Text,
    /// A ceiling on the consignment's value in euro, when the proof is
    /// only open up to it ("not exceeding": the ceiling itself is allowed).
    pub max_consignment_eur: Option<Decimal>,
    /// The legal basis.
    pub source: Source,
}

impl Proof {
    /// Whether the proof is open for a consignment of `eur` (when known):
    /// `Some(true)` open, `Some(false)` closed, `None` unknown.
    pub fn open_for(&self, eur: Option<Decimal>) -> Option<bool> {
        match (self.max_consignment_eur, eur) {
            (None, _) => Some(true),
            (Some(max), Some(v)) => Some(v <= max),
            (Some(_), None) => None,
        }
    }
}

fn proof(name: Text, by: Text, source: Source) -> Proof {
    Proof {
        name,
        by,
        max_consignment_eur: None,
        source,
    }
}

fn verified(vi: &str, en: &str) -> Source {
    Source::verified(vi, en)
}

fn recalled(vi: &str, en: &str) -> Source {
    Source::recalled(vi, en)
}

const ISSUER_VI: &str = "tổ chức cấp C/O do Bộ Công Thương ủy quyền, qua hệ thống eCoSys";
const ISSUER_EN: &str =
    "an issuing body authorised by the Ministry of Industry and Trade, via eCoSys";

pub(crate) fn atiga() -> Route {
    Route {
        proofs: vec![
            proof(
                Text::new(
                    "C/O mẫu D (kể cả e-Form D qua Cơ chế một cửa ASEAN)",
                    "C/O form D (including e-Form D through the ASEAN Single Window)",
                ),
                Text::new(ISSUER_VI, ISSUER_EN),
                recalled(
                    "ATIGA Điều 38 và Phụ lục 8 (thủ tục cấp và kiểm tra C/O); Thông tư 22/2016/TT-BCT và các văn bản sửa đổi",
                    "ATIGA Art. 38 and Annex 8 (operational certification procedure); Circular 22/2016/TT-BCT as amended",
                ),
            ),
            proof(
                Text::new(
                    "Tự chứng nhận xuất xứ trên chứng từ thương mại (cơ chế tự chứng nhận xuất xứ toàn ASEAN)",
                    "Self-certification on a commercial document (ASEAN-wide self-certification)",
                ),
                Text::new(
                    "nhà xuất khẩu đủ điều kiện đã được Bộ Công Thương cấp mã số tự chứng nhận",
                    "a certified exporter registered with the Ministry of Industry and Trade",
                ),
                recalled(
                    "Cơ chế tự chứng nhận xuất xứ toàn ASEAN; Thông tư 19/2020/TT-BCT (số hiệu chưa kiểm chứng)",
                    "ATIGA self-certification scheme; Circular 19/2020/TT-BCT (number unverified)",
                ),
            ),
        ],
        notes: vec![],
    }
}

pub(crate) fn cptpp() -> Route {
    Route {
        proofs: vec![
            proof(
                Text::new(
                    "Chứng nhận xuất xứ do nhà xuất khẩu hoặc nhà sản xuất tự phát hành (thông tin tối thiểu theo Phụ lục 3-B)",
                    "Certification of origin made out by the exporter or producer (minimum data of Annex 3-B)",
                ),
                Text::new(
                    "nhà xuất khẩu hoặc nhà sản xuất",
                    "the exporter or the producer",
                ),
                recalled("CPTPP Điều 3.20, Phụ lục 3-B", "CPTPP Art. 3.20, Annex 3-B"),
            ),
            proof(
                Text::new("C/O mẫu CPTPP", "C/O form CPTPP"),
                Text::new(ISSUER_VI, ISSUER_EN),
                verified(
                    "Thông tư 03/2019/TT-BCT (22/01/2019)",
                    "Circular 03/2019/TT-BCT (22/01/2019)",
                ),
            ),
        ],
        notes: vec![Text::new(
            "Số tham chiếu C/O CPTPP gồm 13 ký tự: VN-XX YY/ZZ/NNNNN (mã nước nhập khẩu, năm, mã tổ chức cấp, số thứ tự).",
            "A CPTPP C/O reference has 13 characters: VN-XX YY/ZZ/NNNNN (importing Party, year, issuing office, sequence).",
        )],
    }
}

pub(crate) fn evfta() -> Route {
    let mut any_exporter = proof(
        Text::new(
            "Khai báo xuất xứ trên hóa đơn hoặc chứng từ thương mại (mẫu lời văn tại Phụ lục VII)",
            "Origin declaration on an invoice or commercial document (text of Annex VII)",
        ),
        Text::new(
            "bất kỳ nhà xuất khẩu nào, cho lô hàng có tổng trị giá hàng có xuất xứ không quá 6.000 EUR",
            "any exporter, for a consignment whose originating products total no more than EUR 6,000",
        ),
        verified(
            "Thông tư 11/2020/TT-BCT (15/06/2020), Phụ lục VII; EVFTA Nghị định thư 1",
            "Circular 11/2020/TT-BCT (15/06/2020), Annex VII; EVFTA Protocol 1",
        ),
    );
    any_exporter.max_consignment_eur = Some(Decimal::from(6000));
    Route {
        proofs: vec![
            proof(
                Text::new("C/O mẫu EUR.1", "Movement certificate EUR.1"),
                Text::new(ISSUER_VI, ISSUER_EN),
                verified(
                    "Thông tư 11/2020/TT-BCT (15/06/2020), Phụ lục VI",
                    "Circular 11/2020/TT-BCT (15/06/2020), Annex VI",
                ),
            ),
            any_exporter,
            proof(
                Text::new(
                    "Khai báo xuất xứ của nhà xuất khẩu đủ điều kiện (mọi trị giá)",
                    "Origin declaration by an approved exporter (any value)",
                ),
                Text::new("nhà xuất khẩu đủ điều kiện", "an approved exporter"),
                verified(
                    "Thông tư 11/2020/TT-BCT (15/06/2020); EVFTA Nghị định thư 1",
                    "Circular 11/2020/TT-BCT (15/06/2020); EVFTA Protocol 1",
                ),
            ),
        ],
        notes: vec![Text::new(
            "Chiều EU → Việt Nam: nhà xuất khẩu EU khai báo xuất xứ khi đã đăng ký REX.",
            "EU → Viet Nam: EU exporters make out a statement on origin once registered in REX.",
        )],
    }
}

pub(crate) fn rcep() -> Route {
    Route {
        proofs: vec![
            proof(
                Text::new("C/O mẫu RCEP", "C/O form RCEP"),
                Text::new(ISSUER_VI, ISSUER_EN),
                verified(
                    "Thông tư 05/2022/TT-BCT (18/02/2022, hiệu lực 04/04/2022), Phụ lục III",
                    "Circular 05/2022/TT-BCT (18/02/2022, in force 04/04/2022), Annex III",
                ),
            ),
            proof(
                Text::new(
                    "Chứng từ tự chứng nhận xuất xứ của nhà xuất khẩu đủ điều kiện",
                    "Declaration of origin by an approved exporter",
                ),
                Text::new("nhà xuất khẩu đủ điều kiện", "an approved exporter"),
                recalled(
                    "RCEP Điều 3.16; Thông tư 05/2022/TT-BCT",
                    "RCEP Art. 3.16; Circular 05/2022/TT-BCT",
                ),
            ),
        ],
        notes: vec![Text::new(
            "Khai báo xuất xứ của mọi nhà xuất khẩu hoặc nhà sản xuất (RCEP Điều 3.16) được áp dụng sau thời gian chuyển tiếp; hiện chưa áp dụng với hàng xuất khẩu của Việt Nam [chưa kiểm chứng].",
            "Declarations of origin by any exporter or producer (RCEP Art. 3.16) come after a transition period and are not yet open to exports from Viet Nam [recalled].",
        )],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_evfta_ceiling_of_eur_6000_is_inclusive() {
        let r = evfta();
        let declaration = &r.proofs[1];
        assert_eq!(declaration.open_for(Some(Decimal::from(6000))), Some(true));
        assert_eq!(
            declaration.open_for(Some(Decimal::new(600001, 2))),
            Some(false)
        );
        assert_eq!(declaration.open_for(None), None);
        assert_eq!(
            r.proofs[0].open_for(Some(Decimal::from(1_000_000))),
            Some(true)
        );
    }
}
