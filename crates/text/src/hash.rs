//! A stable, fast 64-bit hash.
//!
//! `std`'s `DefaultHasher` is randomly seeded per process, which would make signatures and
//! output order differ between runs; storyline promises deterministic output, and MinHash
//! signatures must be comparable across processes (and Spark executors).

/// FNV-1a over bytes, finished with a SplitMix64 avalanche so that low bits are usable too.
pub fn hash_str(s: &str) -> u64 {
    let mut h = StableHasher::default();
    h.write(s.as_bytes());
    h.finish()
}

/// SplitMix64 finaliser: a bijective mixing of 64 bits.
pub fn mix64(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Incremental form of [`hash_str`], for hashing several words as one shingle without joining.
#[derive(Debug, Clone, Copy)]
pub struct StableHasher(u64);

impl Default for StableHasher {
    fn default() -> Self {
        StableHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl StableHasher {
    pub fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
    /// Separates parts so that ("ab","c") and ("a","bc") hash differently.
    pub fn write_sep(&mut self) {
        self.write(&[0xff]);
    }
    pub fn finish(&self) -> u64 {
        mix64(self.0)
    }
}

impl std::hash::Hasher for StableHasher {
    fn write(&mut self, bytes: &[u8]) {
        StableHasher::write(self, bytes);
    }
    /// Integer keys (term ids, hashes) take one multiply instead of one per byte.
    fn write_u64(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    fn write_u32(&mut self, x: u32) {
        self.write_u64(u64::from(x));
    }
    fn write_usize(&mut self, x: usize) {
        self.write_u64(x as u64);
    }
    fn finish(&self) -> u64 {
        StableHasher::finish(self)
    }
}

/// A `HashMap` with the stable hasher: faster than SipHash on short keys, and never iterated
/// into output by convention (lookups only), so its order does not matter.
pub type FastMap<K, V> =
    std::collections::HashMap<K, V, std::hash::BuildHasherDefault<StableHasher>>;

/// The set counterpart of [`FastMap`], under the same convention.
pub type FastSet<K> = std::collections::HashSet<K, std::hash::BuildHasherDefault<StableHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_across_calls_and_sensitive_to_boundaries() {
        assert_eq!(hash_str("river"), hash_str("river"));
        assert_ne!(hash_str("river"), hash_str("rivers"));
        let mut a = StableHasher::default();
        a.write(b"ab");
        a.write_sep();
        a.write(b"c");
        let mut b = StableHasher::default();
        b.write(b"a");
        b.write_sep();
        b.write(b"bc");
        assert_ne!(a.finish(), b.finish());
    }
}
