//! Hand-made records shared by the integration tests.
#![allow(dead_code)]

use congthuong_core::BoundaryVersion;
use congthuong_projects::store::{Change, Repo};
use congthuong_projects::{
    Actor, Amount, Code, Date, Label, Milestone, Place, Project, ProjectLevel, Sector, SectorKind,
    Timestamp,
};

pub fn d(s: &str) -> Date {
    Date::parse(s).unwrap()
}

pub fn at(s: &str) -> Timestamp {
    Timestamp::parse(s).unwrap()
}

pub fn analyst() -> Change {
    Change {
        actor: Actor::analyst("An").unwrap(),
        at: at("2026-01-10T02:00:00Z"),
        reason: "test".into(),
    }
}

pub fn officer(boundary: BoundaryVersion, province: &str) -> Change {
    Change {
        actor: Actor::officer("Lan", boundary, province).unwrap(),
        at: at("2026-01-11T02:00:00Z"),
        reason: "officer edit".into(),
    }
}

/// A project in `provinces` (codes on `boundary`) with two milestones.
pub fn project(id: &str, boundary: BoundaryVersion, provinces: &[&str]) -> Project {
    let mut p = Project::new(
        Code::parse(id).unwrap(),
        Label::parse(&format!("Khu công nghiệp {id}")).unwrap(),
        ProjectLevel::Provincial,
        Place::new(boundary, provinces).unwrap(),
        Sector::Kind(SectorKind::IndustrialPark),
        Label::parse("Công ty CP Hạ tầng (thử nghiệm)").unwrap(),
        Amount::new(1_000.0).unwrap(),
        Label::parse("Sở Công Thương").unwrap(),
    );
    p.milestones.push(Milestone::new(
        Code::parse("ban_giao_mb").unwrap(),
        Label::parse("Bàn giao mặt bằng").unwrap(),
        d("2026-03-01"),
    ));
    p.milestones.push(Milestone::new(
        Code::parse("khoi_cong").unwrap(),
        Label::parse("Khởi công").unwrap(),
        d("2026-06-01"),
    ));
    p
}

pub fn repo() -> Repo {
    Repo::open_in_memory().unwrap()
}
