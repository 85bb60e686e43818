//! A small open-addressing table from code bytes to an index, for the
//! per-line lookup of product codes (no allocation, no SipHash).

/// Maps byte strings to `u32` indices.
#[derive(Clone, Debug)]
pub struct CodeTable {
    mask: usize,
    slots: Vec<Option<(u64, u32)>>,
    keys: Vec<Vec<u8>>,
}

#[inline]
fn hash(b: &[u8]) -> u64 {
    // FNV-1a, 64 bit.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &c in b {
        h ^= u64::from(c);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

impl CodeTable {
    /// A table of `keys`, index = position.
    pub fn new<'a>(keys: impl IntoIterator<Item = &'a [u8]>) -> Self {
        let keys: Vec<Vec<u8>> = keys.into_iter().map(<[u8]>::to_vec).collect();
        let size = (keys.len() * 4).next_power_of_two().max(16);
        let mut table = Self {
            mask: size - 1,
            slots: vec![None; size],
            keys: Vec::new(),
        };
        for (i, k) in keys.iter().enumerate() {
            let h = hash(k);
            let mut s = h as usize & table.mask;
            while table.slots[s].is_some() {
                s = (s + 1) & table.mask;
            }
            table.slots[s] = Some((h, i as u32));
        }
        table.keys = keys;
        table
    }

    /// The index of `key`.
    #[inline]
    pub fn get(&self, key: &[u8]) -> Option<u32> {
        let h = hash(key);
        let mut s = h as usize & self.mask;
        while let Some((kh, i)) = self.slots[s] {
            if kh == h && self.keys[i as usize] == key {
                return Some(i);
            }
            s = (s + 1) & self.mask;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_key_and_nothing_else() {
        let keys: Vec<String> = (0..500).map(|i| format!("P{i}")).collect();
        let t = CodeTable::new(keys.iter().map(|k| k.as_bytes()));
        for (i, k) in keys.iter().enumerate() {
            assert_eq!(t.get(k.as_bytes()), Some(i as u32));
        }
        assert_eq!(t.get(b"P500"), None);
        assert_eq!(t.get(b""), None);
    }
}
