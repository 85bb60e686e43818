//! Builds engine inputs from small literal cases, the way the file reader
//! does, and reads figures back out of a compilation.

#![allow(dead_code)]

use congthuong_core::{AreaCode, BoundaryVersion, Geography, Node, Period};
use congthuong_engine::growth::growth;
use congthuong_engine::{
    Basket, Comparison, Compilation, ProductDef, QuantityAccumulator, RawInputs, Weights,
};

/// A compilation input written as literal rows (the contract's files).
#[derive(Clone, Debug, Default)]
pub struct Case {
    pub products: Vec<(String, String)>,
    pub lines: Vec<(String, String, String, f64)>,
    pub industry: Vec<(String, String, f64)>,
    pub product_weights: Vec<(String, String, f64)>,
    pub groups: Vec<(String, Vec<String>)>,
    pub base_year: i32,
}

pub fn s(x: &str) -> String {
    x.to_owned()
}

impl Case {
    pub fn new(base_year: i32) -> Self {
        Self {
            base_year,
            ..Self::default()
        }
    }
    pub fn product(mut self, code: &str, class: &str) -> Self {
        self.products.push((s(code), s(class)));
        self
    }
    pub fn line(mut self, period: &str, area: &str, product: &str, q: f64) -> Self {
        self.lines.push((s(period), s(area), s(product), q));
        self
    }
    /// The same quantity in every month of a year.
    pub fn year_of(mut self, year: i32, area: &str, product: &str, q: f64) -> Self {
        for p in Period::year_range(year).iter() {
            self.lines.push((p.to_string(), s(area), s(product), q));
        }
        self
    }
    pub fn va(mut self, area: &str, node: &str, v: f64) -> Self {
        self.industry.push((s(area), s(node), v));
        self
    }
    pub fn ov(mut self, area: &str, product: &str, v: f64) -> Self {
        self.product_weights.push((s(area), s(product), v));
        self
    }
    pub fn group(mut self, id: &str, members: &[&str]) -> Self {
        self.groups
            .push((s(id), members.iter().map(|m| s(m)).collect()));
        self
    }

    pub fn raw(&self) -> RawInputs {
        let basket = Basket::new(
            self.products
                .iter()
                .map(|(c, k)| ProductDef {
                    code: c.clone(),
                    class: Node::parse_class(k).unwrap(),
                })
                .collect(),
        )
        .unwrap();
        let mut weights = Weights::default();
        for (a, n, v) in &self.industry {
            weights
                .areas
                .entry(AreaCode::parse(a).unwrap())
                .or_default()
                .set_node(Node::parse(n).unwrap(), *v);
        }
        for (a, p, v) in &self.product_weights {
            weights
                .areas
                .entry(AreaCode::parse(a).unwrap())
                .or_default()
                .products
                .insert(basket.index_of(p).unwrap(), *v);
        }
        let mut quantities = QuantityAccumulator::new(basket.len());
        for (p, a, j, q) in &self.lines {
            quantities.add_float(
                p.parse().unwrap(),
                AreaCode::parse(a).unwrap(),
                basket.index_of(j).unwrap(),
                *q,
            );
        }
        let groups = self
            .groups
            .iter()
            .map(|(id, m)| {
                (
                    id.clone(),
                    m.iter().map(|c| AreaCode::parse(c).unwrap()).collect(),
                )
            })
            .collect();
        RawInputs {
            basket,
            weights,
            quantities,
            groups,
            base_year: self.base_year,
        }
    }

    pub fn compile(&self, output: BoundaryVersion) -> Compilation {
        self.raw()
            .compile(output, Geography::embedded())
            .expect("compiles")
    }
}

fn t_of(c: &Compilation, period: &str) -> usize {
    c.range.first.months_until(period.parse().unwrap()) as usize
}

/// The index of `code` in `area` at `period`, if the compilation has it.
pub fn index(c: &Compilation, area: &str, code: &str, period: &str) -> Option<f64> {
    let t = t_of(c, period);
    c.index
        .iter()
        .find(|s| s.area.to_string() == area && s.code == code)
        .map(|s| s.values[t])
}

pub fn growth_of(
    c: &Compilation,
    area: &str,
    code: &str,
    period: &str,
    cmp: Comparison,
) -> Option<f64> {
    let t = t_of(c, period);
    let s = c
        .index
        .iter()
        .find(|s| s.area.to_string() == area && s.code == code)?;
    growth(&s.values, c.range.first, t, cmp)
}

pub fn contribution(
    c: &Compilation,
    area: &str,
    period: &str,
    cmp: Comparison,
    parent: &str,
    child: &str,
) -> Option<f64> {
    let t = t_of(c, period);
    c.contributions
        .iter()
        .find(|s| {
            s.area.to_string() == area
                && s.comparison == cmp
                && s.parent == parent
                && s.child == child
        })
        .and_then(|s| s.values[t])
}

pub fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}
