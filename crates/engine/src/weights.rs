//! Base-year weights and their resolution (contract, method step 5).
//!
//! A node's weight inside its parent is its own `value_added` row; a node
//! without a row weighs the sum of its children's weights, recursively,
//! counting every child that has a row whether or not it has an index. A
//! class without a row weighs 0. Merged provinces: each old province is
//! resolved first, then the resolved weights are summed.

use std::collections::BTreeMap;

use congthuong_core::{AreaCode, BoundaryVersion, Geography};

use congthuong_core::{Node, Section};

/// The weight rows of one area, as read.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AreaWeights {
    /// Class rows (`value_added`).
    pub classes: BTreeMap<u16, f64>,
    /// Division rows (`value_added`).
    pub divisions: BTreeMap<u8, f64>,
    /// Section rows (`value_added`), indexed by [`Section::index`].
    pub sections: [Option<f64>; 4],
    /// Product rows (`output_value`), keyed by basket index.
    pub products: BTreeMap<usize, f64>,
}

impl AreaWeights {
    /// Sets the row of an industry node (`Total` is ignored: it has no weight row).
    pub fn set_node(&mut self, node: Node, value: f64) {
        match node {
            Node::Class(c) => {
                self.classes.insert(c, value);
            }
            Node::Division(d) => {
                self.divisions.insert(d, value);
            }
            Node::Section(s) => self.sections[s.index()] = Some(value),
            Node::Total => {}
        }
    }

    /// True when the node already has a row.
    pub fn has_node(&self, node: Node) -> bool {
        match node {
            Node::Class(c) => self.classes.contains_key(&c),
            Node::Division(d) => self.divisions.contains_key(&d),
            Node::Section(s) => self.sections[s.index()].is_some(),
            Node::Total => false,
        }
    }

    /// Resolves every node: rows where present, sums of children otherwise.
    pub fn resolve(&self) -> ResolvedWeights {
        let mut division: BTreeMap<u8, f64> = BTreeMap::new();
        for (&c, &w) in &self.classes {
            *division.entry((c / 100) as u8).or_insert(0.0) += w;
        }
        for (&d, &w) in &self.divisions {
            division.insert(d, w);
        }
        let mut section = [None; 4];
        for (&d, &w) in &division {
            if let Some(s) = Section::of_division(d) {
                *section[s.index()].get_or_insert(0.0) += w;
            }
        }
        for s in Section::ALL {
            if let Some(w) = self.sections[s.index()] {
                section[s.index()] = Some(w);
            }
        }
        ResolvedWeights {
            class: self.classes.clone(),
            division,
            section,
            product: self.products.clone(),
        }
    }
}

/// Weights after resolution. `None` means "no row at or below": the node
/// weighs 0 and the compilation warns.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ResolvedWeights {
    class: BTreeMap<u16, f64>,
    division: BTreeMap<u8, f64>,
    section: [Option<f64>; 4],
    product: BTreeMap<usize, f64>,
}

impl ResolvedWeights {
    /// Adds another (resolved) area's weights: used to state merged provinces.
    pub fn absorb(&mut self, other: &ResolvedWeights) {
        for (k, v) in &other.class {
            *self.class.entry(*k).or_insert(0.0) += v;
        }
        for (k, v) in &other.division {
            *self.division.entry(*k).or_insert(0.0) += v;
        }
        for (mine, theirs) in self.section.iter_mut().zip(other.section) {
            if let Some(w) = theirs {
                *mine.get_or_insert(0.0) += w;
            }
        }
        for (k, v) in &other.product {
            *self.product.entry(*k).or_insert(0.0) += v;
        }
    }

    /// The weight of a node inside its parent, `None` when nothing is
    /// recorded at or below it. `Total` weighs the sum of the section weights.
    pub fn node(&self, node: Node) -> Option<f64> {
        match node {
            Node::Class(c) => self.class.get(&c).copied(),
            Node::Division(d) => self.division.get(&d).copied(),
            Node::Section(s) => self.section[s.index()],
            Node::Total => Some(self.section.iter().flatten().sum()),
        }
    }

    /// A product's `output_value`, `None` without a row.
    pub fn product(&self, product: usize) -> Option<f64> {
        self.product.get(&product).copied()
    }
}

/// Every area's weight rows, on the boundary version in force in December
/// of the base year.
#[derive(Clone, Debug, Default)]
pub struct Weights {
    /// The version the area codes are on.
    pub version: Option<BoundaryVersion>,
    /// Rows by area.
    pub areas: BTreeMap<AreaCode, AreaWeights>,
}

impl Weights {
    /// The resolved weights of every area stated on `to`. Pre-2025 areas
    /// stated on 2025 are resolved one by one, then summed into their
    /// successor. Returns `None` when the restatement is impossible (2025
    /// weights cannot be stated on the 63 old units).
    pub fn resolved_on(
        &self,
        from: BoundaryVersion,
        to: BoundaryVersion,
        geo: &Geography,
    ) -> Option<BTreeMap<AreaCode, ResolvedWeights>> {
        let mut out: BTreeMap<AreaCode, ResolvedWeights> = BTreeMap::new();
        for (code, w) in &self.areas {
            let target = geo.restate(*code, from, to)?;
            out.entry(target).or_default().absorb(&w.resolve());
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_node_without_a_row_weighs_the_sum_of_its_children_recursively() {
        let mut w = AreaWeights::default();
        w.set_node(Node::Class(1010), 250.0);
        w.set_node(Node::Class(1050), 150.0);
        w.set_node(Node::Class(1104), 30.0); // a class with a row but maybe no products: still counts
        w.set_node(Node::Division(26), 600.0);
        w.set_node(Node::Class(2630), 999.0); // a division row wins over its children
        let r = w.resolve();
        assert_eq!(r.node(Node::Division(10)), Some(400.0));
        assert_eq!(r.node(Node::Division(11)), Some(30.0));
        assert_eq!(r.node(Node::Division(26)), Some(600.0));
        assert_eq!(r.node(Node::Section(Section::C)), Some(1030.0));
        assert_eq!(r.node(Node::Section(Section::D)), None);
        assert_eq!(r.node(Node::Class(1020)), None);
        assert_eq!(r.node(Node::Total), Some(1030.0));
    }

    #[test]
    fn merged_provinces_are_resolved_first_then_summed() {
        let mut a = AreaWeights::default();
        a.set_node(Node::Division(10), 400.0);
        a.set_node(Node::Class(1010), 250.0);
        let mut b = AreaWeights::default();
        b.set_node(Node::Class(1010), 100.0);
        let mut merged = a.resolve();
        merged.absorb(&b.resolve());
        assert_eq!(merged.node(Node::Division(10)), Some(500.0));
        assert_eq!(merged.node(Node::Class(1010)), Some(350.0));
        assert_eq!(merged.node(Node::Section(Section::C)), Some(500.0));
    }
}
