//! The product basket of a compilation: product codes and their classes.

use std::collections::HashMap;

use congthuong_core::Node;

/// One product: its code and the VSIC class it belongs to.
#[derive(Clone, Debug, PartialEq)]
pub struct ProductDef {
    /// The product code, as in `products.csv`.
    pub code: String,
    /// Its class (always [`Node::Class`]).
    pub class: Node,
}

/// The products of a compilation, indexed `0..len`.
#[derive(Clone, Debug, Default)]
pub struct Basket {
    products: Vec<ProductDef>,
    by_code: HashMap<String, usize>,
}

impl Basket {
    /// Builds a basket. Returns the position of the first repeated code as
    /// the error.
    pub fn new(products: Vec<ProductDef>) -> Result<Self, usize> {
        let mut by_code = HashMap::with_capacity(products.len());
        for (i, p) in products.iter().enumerate() {
            if by_code.insert(p.code.clone(), i).is_some() {
                return Err(i);
            }
        }
        Ok(Self { products, by_code })
    }

    /// Number of products.
    pub fn len(&self) -> usize {
        self.products.len()
    }

    /// True when the basket is empty.
    pub fn is_empty(&self) -> bool {
        self.products.is_empty()
    }

    /// The product at `i`.
    pub fn get(&self, i: usize) -> &ProductDef {
        &self.products[i]
    }

    /// All products in order.
    pub fn iter(&self) -> impl Iterator<Item = &ProductDef> {
        self.products.iter()
    }

    /// The index of a product code.
    pub fn index_of(&self, code: &str) -> Option<usize> {
        self.by_code.get(code).copied()
    }
}
