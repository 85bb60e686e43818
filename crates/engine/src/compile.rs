//! Area, group and national indices (contract, method steps 2–6, and the
//! edge rules), with the warnings the contract asks for.
//!
//! Per area: product indices against the base year's monthly average;
//! class = mean of product indices weighted by `output_value`; division,
//! section and total = means of the level below weighted by resolved
//! `value_added`. Per group: at every node, the mean of the members'
//! indices weighted by each member's weight of that node. Which children
//! enter each mean is recorded, so contributions use exactly those.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use congthuong_core::{AreaCode, Level, Node, Period, PeriodRange};
use rayon::prelude::*;

use crate::basket::Basket;
use crate::contributions::{Comparison, contributions};
use crate::quantities::Quantities;
use crate::weights::ResolvedWeights;

/// A group to aggregate: its id and members on the output version.
#[derive(Clone, Debug)]
pub struct GroupSpec {
    /// The group id.
    pub id: String,
    /// Members, without duplicates.
    pub members: Vec<AreaCode>,
}

/// What a compilation needs.
#[derive(Clone, Copy, Debug)]
pub struct CompileSpec<'a> {
    /// The products and their classes.
    pub basket: &'a Basket,
    /// q(a, j, t) on the output version.
    pub quantities: &'a Quantities,
    /// Resolved weights by area, on the output version.
    pub weights: &'a BTreeMap<AreaCode, ResolvedWeights>,
    /// Groups to aggregate, on the output version.
    pub groups: &'a [GroupSpec],
    /// The weight and quantity reference year.
    pub base_year: i32,
}

/// Whose figure a row is.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AreaKey {
    /// A province.
    Province(AreaCode),
    /// A group, by id.
    Group(String),
    /// The whole country (`VN`).
    National,
}

impl fmt::Display for AreaKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AreaKey::Province(c) => f.write_str(c.as_str()),
            AreaKey::Group(g) => f.write_str(g),
            AreaKey::National => f.write_str(congthuong_core::NATIONAL),
        }
    }
}

/// The index of one node of one area, one value per month of the range.
#[derive(Clone, Debug)]
pub struct IndexSeries {
    /// Whose index.
    pub area: AreaKey,
    /// The node's level.
    pub level: Level,
    /// Product code, VSIC code, section letter or `TOTAL`.
    pub code: String,
    /// The index (base year = 100) in every month of the range.
    pub values: Vec<f64>,
    /// The area's weight of the node: `output_value` for a product,
    /// resolved `value_added` for an industry node, the sum of the section
    /// weights for TOTAL; for a group, the sum over the members in its mean.
    pub weight: f64,
}

/// Contributions of one child to its parent's growth.
#[derive(Clone, Debug)]
pub struct ContributionSeries {
    /// Whose figure.
    pub area: AreaKey,
    /// Against which period.
    pub comparison: Comparison,
    /// The parent's code.
    pub parent: String,
    /// The child's level (`area` for a group's members).
    pub child_level: Level,
    /// The child's code.
    pub child: String,
    /// Percentage points per month; `None` where the row is omitted.
    pub values: Vec<Option<f64>>,
}

/// A note about the inputs that changed how something was computed.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Warning {
    /// Area code or group id (empty when about the whole input).
    pub area: String,
    /// Product or industry code (empty when about the area).
    pub code: String,
    /// The month concerned, if any.
    pub period: Option<Period>,
    /// What happened.
    pub message: String,
}

/// Everything a compilation produces.
#[derive(Clone, Debug)]
pub struct Compilation {
    /// Every month covered, base year included.
    pub range: PeriodRange,
    /// Index series: provinces, then groups, then `VN`.
    pub index: Vec<IndexSeries>,
    /// Contribution series, in the same order.
    pub contributions: Vec<ContributionSeries>,
    /// Warnings, sorted.
    pub warnings: Vec<Warning>,
    /// Output quantities q(a, j, t) of every product an area has (and
    /// their sums for groups and `VN`), in the same area order.
    pub output: Vec<OutputSeries>,
}

/// The quantity of one product produced in one area (or summed over a
/// group's members) in every month of the range, in the product's unit.
#[derive(Clone, Debug)]
pub struct OutputSeries {
    /// Whose output.
    pub area: AreaKey,
    /// The product code.
    pub product: String,
    /// Quantities, one per month.
    pub values: Vec<f64>,
}

/// Why a compilation could not run. Every variant is a problem with the
/// inputs or options the user gave.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CompileError {
    /// The microdata has no line at all.
    #[error("the microdata has no report line")]
    NoMicrodata,
    /// Months after 2025-06, or 2025 weights, asked for on the pre-2025 units.
    #[error(
        "{what} cannot be stated on the pre2025 boundaries (the 63 provinces ended on 2025-06-30); use --boundaries 2025"
    )]
    NotStatableOnPre2025 {
        /// What could not be stated.
        what: String,
    },
    /// No month of the base year is in the microdata.
    #[error(
        "the microdata ({range}) has no month of the base year {base_year}: base quantities cannot be computed"
    )]
    BaseYearNotCovered {
        /// The base year asked for.
        base_year: i32,
        /// The months the microdata covers.
        range: PeriodRange,
    },
}

/// A node or a product inside an area's tree. Ordered for output: total,
/// sections, divisions, classes, then products.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Key {
    Node(Node),
    Product(usize),
}

/// One area's (or group's) results: index series, the children (and their
/// weights) of each mean, and the area's own weight of every key.
#[derive(Default)]
struct Tree {
    index: BTreeMap<Key, Vec<f64>>,
    /// Output quantities by product index.
    output: BTreeMap<usize, Vec<f64>>,
    means: BTreeMap<Node, Vec<(Key, f64)>>,
    weight: BTreeMap<Key, f64>,
    warnings: Vec<Warning>,
}

impl Tree {
    /// The weighted mean of the children that have an index; `None` when
    /// none has one or their weights sum to 0. Records the children used.
    fn mean(&mut self, parent: Node, children: Vec<(Key, f64)>) {
        let children: Vec<(Key, f64)> = children
            .into_iter()
            .filter(|(k, _)| self.index.contains_key(k))
            .collect();
        let total: f64 = children.iter().map(|(_, w)| w).sum();
        if children.is_empty() || total == 0.0 {
            return;
        }
        let n = self.index[&children[0].0].len();
        let mut out = vec![0.0; n];
        for (k, w) in &children {
            for (o, v) in out.iter_mut().zip(&self.index[k]) {
                *o += w * v;
            }
        }
        out.iter_mut().for_each(|o| *o /= total);
        self.index.insert(Key::Node(parent), out);
        self.means.insert(parent, children);
    }
}

fn warn(area: &AreaKey, code: impl fmt::Display, message: String) -> Warning {
    Warning {
        area: area.to_string(),
        code: code.to_string(),
        period: None,
        message,
    }
}

/// Steps 2–5 for one area.
fn area_tree(spec: &CompileSpec, a: usize, code: AreaCode) -> Tree {
    let q = spec.quantities;
    let range = q.range();
    let key = AreaKey::Province(code);
    let none = ResolvedWeights::default();
    let w = spec.weights.get(&code).unwrap_or(&none);
    let base: Vec<usize> = Period::year_range(spec.base_year)
        .iter()
        .filter(|p| range.contains(*p))
        .map(|p| range.first.months_until(p) as usize)
        .collect();
    let mut tree = Tree::default();
    let mut class_children: BTreeMap<Node, Vec<(Key, f64)>> = BTreeMap::new();

    for (j, product) in spec.basket.iter().enumerate() {
        if w.product(j).is_none() && !q.has_lines(a, j) {
            continue;
        }
        let children = class_children.entry(product.class).or_default();
        let series = q.series(a, j);
        tree.output.insert(j, series.to_vec());
        let qbar = base.iter().map(|&t| series[t]).sum::<f64>() / 12.0;
        if qbar <= 0.0 {
            tree.warnings.push(warn(
                &key,
                &product.code,
                format!(
                    "no production in base year {}: left out of class {}",
                    spec.base_year, product.class
                ),
            ));
            continue;
        }
        tree.index.insert(
            Key::Product(j),
            series.iter().map(|x| 100.0 * x / qbar).collect(),
        );
        let ov = w.product(j).unwrap_or(0.0);
        tree.weight.insert(Key::Product(j), ov);
        if ov > 0.0 {
            children.push((Key::Product(j), ov));
        } else {
            tree.warnings.push(warn(
                &key,
                &product.code,
                format!(
                    "no positive output_value: left out of class {}",
                    product.class
                ),
            ));
        }
    }

    // Classes, then divisions, then sections, then the total: each node's
    // children are the nodes of the level below that this area has.
    let mut level: BTreeMap<Node, Vec<(Key, f64)>> = class_children;
    while !level.is_empty() {
        let mut parents: BTreeMap<Node, Vec<(Key, f64)>> = BTreeMap::new();
        for (node, children) in level {
            tree.mean(node, children);
            let Some(parent) = node.parent() else {
                continue;
            };
            let weight = w.node(node).unwrap_or_else(|| {
                let why = match node {
                    Node::Class(_) => "no value_added row: weighs 0",
                    _ => "no value_added row at or below: weighs 0",
                };
                tree.warnings.push(warn(&key, node, why.to_owned()));
                0.0
            });
            tree.weight.insert(Key::Node(node), weight);
            parents
                .entry(parent)
                .or_default()
                .push((Key::Node(node), weight));
        }
        level = parents;
    }
    tree.weight
        .insert(Key::Node(Node::Total), w.node(Node::Total).unwrap_or(0.0));
    tree
}

/// A group's key, tree and members (with their trees).
type GroupTree<'a> = (AreaKey, Tree, Vec<(AreaCode, &'a Tree)>);

/// Step 6: a group's index at every node its members have.
fn group_tree(key: &AreaKey, members: &[(AreaCode, &Tree)], absent: &[AreaCode]) -> Tree {
    let mut tree = Tree::default();
    for code in absent {
        tree.warnings.push(warn(
            key,
            code,
            "member has no microdata: left out".to_owned(),
        ));
    }
    for (_, t) in members {
        for (j, values) in &t.output {
            let sum = tree
                .output
                .entry(*j)
                .or_insert_with(|| vec![0.0; values.len()]);
            sum.iter_mut().zip(values).for_each(|(s, v)| *s += v);
        }
    }
    let keys: BTreeSet<Key> = members
        .iter()
        .flat_map(|(_, t)| t.index.keys().copied())
        .collect();
    let mut section_weights = Vec::new();
    for k in keys {
        let with_index: Vec<(f64, &Vec<f64>)> = members
            .iter()
            .filter_map(|(_, t)| Some((t.weight.get(&k).copied().unwrap_or(0.0), t.index.get(&k)?)))
            .collect();
        let total: f64 = with_index.iter().map(|(w, _)| w).sum();
        if total == 0.0 {
            continue;
        }
        let mut out = vec![0.0; with_index[0].1.len()];
        for (w, s) in &with_index {
            for (o, v) in out.iter_mut().zip(s.iter()) {
                *o += w * v;
            }
        }
        out.iter_mut().for_each(|o| *o /= total);
        tree.index.insert(k, out);
        tree.weight.insert(k, total);
        if let Key::Node(Node::Section(_)) = k {
            section_weights.push((k, total));
        }
    }
    if tree.index.contains_key(&Key::Node(Node::Total)) {
        tree.means.insert(Node::Total, section_weights);
    }
    tree
}

fn key_label(basket: &Basket, k: Key) -> (Level, String) {
    match k {
        Key::Node(n) => (n.level(), n.to_string()),
        Key::Product(j) => (Level::Product, basket.get(j).code.clone()),
    }
}

/// Contribution series of every recorded mean of a tree, plus (for
/// groups) `TOTAL ← member areas`.
fn tree_contributions(
    spec: &CompileSpec,
    area: &AreaKey,
    tree: &Tree,
    members: &[(AreaCode, &Tree)],
) -> Vec<ContributionSeries> {
    let range = spec.quantities.range();
    let n = range.len();
    let mut out = Vec::new();
    let mut emit = |parent: String, children: Vec<(Level, String, f64, &[f64])>| {
        for comparison in Comparison::ALL {
            let weighted: Vec<(f64, &[f64])> =
                children.iter().map(|(_, _, w, s)| (*w, *s)).collect();
            for ((level, code, _, _), values) in
                children
                    .iter()
                    .zip(contributions(&weighted, range.first, n, comparison))
            {
                if values.iter().any(Option::is_some) {
                    out.push(ContributionSeries {
                        area: area.clone(),
                        comparison,
                        parent: parent.clone(),
                        child_level: *level,
                        child: code.clone(),
                        values,
                    });
                }
            }
        }
    };
    for (parent, children) in &tree.means {
        let children = children
            .iter()
            .map(|(k, w)| {
                let (level, code) = key_label(spec.basket, *k);
                (level, code, *w, tree.index[k].as_slice())
            })
            .collect();
        emit(parent.to_string(), children);
    }
    if !members.is_empty() {
        let total = Key::Node(Node::Total);
        let children = members
            .iter()
            .filter_map(|(code, t)| {
                Some((
                    Level::Area,
                    code.to_string(),
                    t.weight.get(&total).copied().unwrap_or(0.0),
                    t.index.get(&total)?.as_slice(),
                ))
            })
            .collect();
        emit(Node::Total.to_string(), children);
    }
    out
}

fn output_of(spec: &CompileSpec, area: &AreaKey, tree: &Tree) -> Vec<OutputSeries> {
    tree.output
        .iter()
        .map(|(j, values)| OutputSeries {
            area: area.clone(),
            product: spec.basket.get(*j).code.clone(),
            values: values.clone(),
        })
        .collect()
}

fn series_of(spec: &CompileSpec, area: &AreaKey, tree: &Tree) -> Vec<IndexSeries> {
    tree.index
        .iter()
        .map(|(k, values)| {
            let (level, code) = key_label(spec.basket, *k);
            IndexSeries {
                area: area.clone(),
                level,
                code,
                values: values.clone(),
                weight: tree.weight.get(k).copied().unwrap_or(0.0),
            }
        })
        .collect()
}

/// The inputs as read: codes on the versions the contract says (microdata
/// on the version in force each month; weights and groups on the version
/// in force in December of the base year).
#[derive(Clone, Debug)]
pub struct RawInputs {
    /// The products.
    pub basket: Basket,
    /// Weight rows by area.
    pub weights: crate::weights::Weights,
    /// The summed report lines.
    pub quantities: crate::quantities::QuantityAccumulator,
    /// Groups in file order: id and member codes.
    pub groups: Vec<(String, Vec<AreaCode>)>,
    /// The weight and quantity reference year.
    pub base_year: i32,
}

impl RawInputs {
    /// The version the weights and groups are stated on.
    pub fn weights_version(&self) -> congthuong_core::BoundaryVersion {
        congthuong_core::BoundaryVersion::in_force(Period::year_range(self.base_year).last)
    }

    /// Restates everything on `output` (merged provinces summed, group
    /// members that merged listed once) and compiles.
    pub fn compile(
        &self,
        output: congthuong_core::BoundaryVersion,
        geo: &congthuong_core::Geography,
    ) -> Result<Compilation, CompileError> {
        let from = self.weights_version();
        let not_statable = |what: String| CompileError::NotStatableOnPre2025 { what };
        if let Some(after) = self
            .quantities
            .periods()
            .into_iter()
            .find(|p| !output.can_state(*p))
        {
            return Err(not_statable(format!("microdata of {after}")));
        }
        let quantities = self
            .quantities
            .finish(geo, output)
            .ok_or(CompileError::NoMicrodata)?;
        let weights = self
            .weights
            .resolved_on(from, output, geo)
            .ok_or_else(|| not_statable(format!("weights of base year {}", self.base_year)))?;
        let groups = self
            .groups
            .iter()
            .map(|(id, codes)| {
                let mut members = Vec::new();
                for c in codes {
                    let m = geo
                        .restate(*c, from, output)
                        .ok_or_else(|| not_statable(format!("group {id}")))?;
                    if !members.contains(&m) {
                        members.push(m);
                    }
                }
                Ok(GroupSpec {
                    id: id.clone(),
                    members,
                })
            })
            .collect::<Result<Vec<_>, CompileError>>()?;
        compile(&CompileSpec {
            basket: &self.basket,
            quantities: &quantities,
            weights: &weights,
            groups: &groups,
            base_year: self.base_year,
        })
    }
}

/// Compiles every present area, every group and, when every unit of the
/// version is present, `VN`.
pub fn compile(spec: &CompileSpec) -> Result<Compilation, CompileError> {
    let q = spec.quantities;
    let range = q.range();
    let base = Period::year_range(spec.base_year);
    let covered = base.iter().filter(|p| range.contains(*p)).count();
    if covered == 0 {
        return Err(CompileError::BaseYearNotCovered {
            base_year: spec.base_year,
            range,
        });
    }
    let mut warnings = Vec::new();
    if covered < 12 {
        warnings.push(Warning {
            area: String::new(),
            code: String::new(),
            period: None,
            message: format!("the microdata covers only {covered} of the 12 months of base year {}; the others count as no production", spec.base_year),
        });
    }

    let present: Vec<(usize, AreaCode)> = q
        .areas()
        .iter()
        .enumerate()
        .filter(|(a, _)| q.is_present(*a))
        .map(|(a, c)| (a, *c))
        .collect();
    let trees: Vec<(AreaCode, Tree)> = present
        .par_iter()
        .map(|&(a, code)| (code, area_tree(spec, a, code)))
        .collect();
    let by_code: BTreeMap<AreaCode, &Tree> = trees.iter().map(|(c, t)| (*c, t)).collect();

    let mut groups: Vec<(AreaKey, Vec<AreaCode>)> = spec
        .groups
        .iter()
        .map(|g| (AreaKey::Group(g.id.clone()), g.members.clone()))
        .collect();
    if present.len() == q.areas().len() {
        groups.push((AreaKey::National, q.areas().to_vec()));
    }
    let group_trees: Vec<GroupTree> = groups
        .par_iter()
        .map(|(key, codes)| {
            let members: Vec<(AreaCode, &Tree)> = codes
                .iter()
                .filter_map(|c| Some((*c, *by_code.get(c)?)))
                .collect();
            let absent: Vec<AreaCode> = codes
                .iter()
                .filter(|c| !by_code.contains_key(c))
                .copied()
                .collect();
            (key.clone(), group_tree(key, &members, &absent), members)
        })
        .collect();

    let mut index = Vec::new();
    let mut output = Vec::new();
    let mut contribution_series = Vec::new();
    for (code, tree) in &trees {
        let key = AreaKey::Province(*code);
        index.extend(series_of(spec, &key, tree));
        output.extend(output_of(spec, &key, tree));
        warnings.extend(tree.warnings.iter().cloned());
    }
    let per_area: Vec<Vec<ContributionSeries>> = trees
        .par_iter()
        .map(|(code, tree)| tree_contributions(spec, &AreaKey::Province(*code), tree, &[]))
        .collect();
    contribution_series.extend(per_area.into_iter().flatten());
    for (key, tree, members) in &group_trees {
        index.extend(series_of(spec, key, tree));
        output.extend(output_of(spec, key, tree));
        warnings.extend(tree.warnings.iter().cloned());
        contribution_series.extend(tree_contributions(spec, key, tree, members));
    }
    warnings.sort();
    warnings.dedup();
    Ok(Compilation {
        range,
        index,
        contributions: contribution_series,
        warnings,
        output,
    })
}
