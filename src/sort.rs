//! One sort for the core and the site. The standard library's `sort_by_key` is generic over the element and
//! the key, so every call site was its own 3–4 KB copy of driftsort in the wasm build (13 copies, 57 KB raw
//! before these helpers). Here the elements are ordered through their indices with the comparison behind
//! `&dyn`: one copy of the sorting code, and a small per-type loop that moves the elements into place.
//! Stable: equal elements keep their order (ties are broken by index).

use std::cmp::Ordering;

/// Sorts `v` by `cmp`, stably (like `slice::sort_by`).
pub fn sort_by<T>(v: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let order = order(v.len(), &|a, b| cmp(&v[a], &v[b]));
    permute(v, order);
}

/// Sorts `v` by a key, stably (like `slice::sort_by_key`).
pub fn sort_by_key<T, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` in ascending order, stably (like `slice::sort`).
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// The indices `0..n` in the order `cmp` (on indices) puts them, equal ones by index.
fn order(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..n).collect();
    idx.sort_unstable_by(|&a, &b| cmp(a, b).then(a.cmp(&b)));
    idx
}

/// Puts `v[order[k]]` at position `k` for every `k`, following each cycle of the permutation with swaps.
fn permute<T>(v: &mut [T], mut order: Vec<usize>) {
    const DONE: usize = usize::MAX;
    for start in 0..order.len() {
        let mut k = start;
        loop {
            let src = std::mem::replace(&mut order[k], DONE);
            if src == DONE || src == start {
                break;
            }
            v.swap(k, src);
            k = src;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_library_and_stays_stable() {
        // Pairs sorted by their first half only: the second half shows the order equal keys kept.
        let mut seed = 0x2545_f491_u32;
        for len in [0, 1, 2, 3, 7, 20, 33, 200, 1000] {
            let v: Vec<(u8, u32)> = (0..len)
                .map(|i| {
                    seed ^= seed << 13;
                    seed ^= seed >> 17;
                    seed ^= seed << 5;
                    ((seed % 7) as u8, i)
                })
                .collect();
            let mut ours = v.clone();
            let mut std = v.clone();
            sort_by_key(&mut ours, |p| p.0);
            std.sort_by_key(|p| p.0);
            assert_eq!(ours, std, "len {len}");
            let mut ours = v.clone();
            let mut std = v;
            sort_by(&mut ours, |a, b| b.0.cmp(&a.0));
            std.sort_by_key(|b| std::cmp::Reverse(b.0));
            assert_eq!(ours, std, "len {len}, descending");
        }
        let mut words = vec!["pear", "apple", "fig", "apple"];
        sort(&mut words);
        assert_eq!(words, ["apple", "apple", "fig", "pear"]);
    }
}
