//! Roles and what each may do.
//!
//! - admin: everything, including accounts;
//! - analyst (ministry): read everything, submit for any province, make releases;
//! - officer (a provincial department): read and submit its own province's
//!   unreleased data only (on the 2025 boundaries; for months before the
//!   merger, the old provinces it absorbed);
//! - viewer: read released figures, like the public, and its own account;
//! - anonymous: released figures only.

use congthuong_core::{AreaCode, BoundaryVersion, Geography, Period};

/// A role.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Role {
    /// Everything.
    Admin,
    /// Ministry analyst.
    Analyst,
    /// Provincial officer.
    Officer,
    /// Read-only account.
    Viewer,
}

impl Role {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Analyst => "analyst",
            Role::Officer => "officer",
            Role::Viewer => "viewer",
        }
    }

    /// Parses a stored name.
    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "admin" => Some(Role::Admin),
            "analyst" => Some(Role::Analyst),
            "officer" => Some(Role::Officer),
            "viewer" => Some(Role::Viewer),
            _ => None,
        }
    }
}

/// A logged-in account.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Account {
    /// Account id.
    pub id: i64,
    /// Login name.
    pub username: String,
    /// Role.
    pub role: Role,
    /// An officer's province (2025 code).
    pub province: Option<AreaCode>,
}

impl Account {
    /// May read the unreleased data (submissions, versions) of `area` in `period`?
    /// `area` is a code on the boundaries in force in `period`.
    pub fn may_read(&self, area: AreaCode, period: Option<Period>) -> bool {
        match self.role {
            Role::Admin | Role::Analyst => true,
            Role::Officer => self.owns(area, period),
            Role::Viewer => false,
        }
    }

    /// May submit a report for `area` in `period`?
    pub fn may_submit(&self, area: AreaCode, period: Option<Period>) -> bool {
        match self.role {
            Role::Admin | Role::Analyst => true,
            Role::Officer => self.owns(area, period),
            Role::Viewer => false,
        }
    }

    /// Where the account lands after logging in, unless the login form
    /// carried a valid `next`: where each role works. A viewer reads the
    /// overview; an officer uploads the province's report; an analyst
    /// makes releases; an admin too (the accounts are managed from the
    /// command line, and releases are the admin's daily work on the web).
    pub fn landing(&self) -> &'static str {
        match self.role {
            Role::Viewer => "/",
            Role::Officer => "/nop-bao-cao",
            Role::Analyst | Role::Admin => "/cong-bo",
        }
    }

    /// May make a release?
    pub fn may_release(&self) -> bool {
        matches!(self.role, Role::Admin | Role::Analyst)
    }

    /// Whether `area` (on the boundaries in force in `period`; 2025 codes
    /// when no period) is the officer's province or one of its parts.
    fn owns(&self, area: AreaCode, period: Option<Period>) -> bool {
        let Some(mine) = self.province else {
            return false;
        };
        let from = period.map_or(BoundaryVersion::V2025, BoundaryVersion::in_force);
        Geography::embedded().restate(area, from, BoundaryVersion::V2025) == Some(mine)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn officer(code: &str) -> Account {
        Account {
            id: 1,
            username: "o".into(),
            role: Role::Officer,
            province: AreaCode::parse(code).ok(),
        }
    }

    #[test]
    fn an_officer_owns_the_old_provinces_merged_into_theirs() {
        let bac_ninh = officer("24");
        let a = |c: &str| AreaCode::parse(c).unwrap();
        let p = |s: &str| Some(s.parse::<Period>().unwrap());
        assert!(bac_ninh.may_submit(a("24"), p("2025-08")));
        assert!(bac_ninh.may_submit(a("27"), p("2025-05")), "old Bắc Ninh");
        assert!(bac_ninh.may_submit(a("24"), p("2025-05")), "old Bắc Giang");
        assert!(!bac_ninh.may_submit(a("01"), p("2025-08")));
        assert!(
            !bac_ninh.may_read(a("26"), p("2024-01")),
            "Vĩnh Phúc went to Phú Thọ"
        );
        let analyst = Account {
            role: Role::Analyst,
            province: None,
            ..bac_ninh.clone()
        };
        assert!(analyst.may_submit(a("01"), None) && analyst.may_release());
        let viewer = Account {
            role: Role::Viewer,
            ..bac_ninh
        };
        assert!(!viewer.may_read(a("24"), None) && !viewer.may_release());
        assert_eq!(Role::parse("officer"), Some(Role::Officer));
        assert_eq!(viewer.landing(), "/");
        assert_eq!(Role::parse("root"), None);
    }
}
