//! (ssr) What an app server keeps in memory under a version it reads from
//! the database with each request (the catalogue's product lists, guests'
//! pages): a map bounded in entries and in size, its oldest entries dropped
//! first to make room. An entry of an older version is never asked for
//! again and ages out, so nothing needs to be thrown away by hand.

use std::collections::{HashMap, VecDeque};
use std::hash::Hash;
use std::sync::{Mutex, MutexGuard};

pub struct Kept<K, V> {
    inner: Mutex<Inner<K, V>>,
    max_size: usize,
    max_entries: usize,
}

struct Inner<K, V> {
    /// Each value with the size it was kept at.
    entries: HashMap<K, (V, usize)>,
    order: VecDeque<K>,
    size: usize,
}

impl<K: Clone + Eq + Hash, V: Clone> Kept<K, V> {
    /// At most `max_entries`, together at most `max_size` in the caller's
    /// unit (ids, bytes).
    pub fn new(max_size: usize, max_entries: usize) -> Self {
        Kept {
            inner: Mutex::new(Inner {
                entries: HashMap::new(),
                order: VecDeque::new(),
                size: 0,
            }),
            max_size,
            max_entries,
        }
    }

    fn inner(&self) -> MutexGuard<'_, Inner<K, V>> {
        // Nothing panics while holding the lock; a poisoned one is still sound.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn get(&self, key: &K) -> Option<V> {
        self.inner()
            .entries
            .get(key)
            .map(|(value, _)| value.clone())
    }

    /// Keeps `value` of `size` under `key`, the oldest entries making room.
    /// A value larger than the whole bound is not kept; neither is a second
    /// one under a key already kept.
    pub fn put(&self, key: K, value: V, size: usize) {
        let mut inner = self.inner();
        if size > self.max_size || inner.entries.contains_key(&key) {
            return;
        }
        while inner.size + size > self.max_size || inner.entries.len() >= self.max_entries {
            let Some(oldest) = inner.order.pop_front() else {
                break;
            };
            if let Some((_, gone)) = inner.entries.remove(&oldest) {
                inner.size -= gone;
            }
        }
        inner.size += size;
        inner.order.push_back(key.clone());
        inner.entries.insert(key, (value, size));
    }

    /// How many entries are kept, and their size together.
    pub fn usage(&self) -> (usize, usize) {
        let inner = self.inner();
        (inner.entries.len(), inner.size)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_oldest_entries_make_room_so_the_size_kept_stays_under_the_bound() {
        let kept: Kept<i64, ()> = Kept::new(100, 10);
        kept.put(1, (), 50);
        kept.put(2, (), 50);
        kept.put(3, (), 10);
        assert_eq!(kept.usage(), (2, 60));
        assert!(kept.get(&1).is_none(), "the oldest went first");
        assert!(kept.get(&2).is_some() && kept.get(&3).is_some());
        // Larger than the bound: not kept at all, and nothing made room for it.
        kept.put(4, (), 101);
        assert!(kept.get(&4).is_none());
        assert_eq!(kept.usage(), (2, 60));
    }

    #[test]
    fn no_more_entries_than_the_bound_are_kept() {
        let kept: Kept<i64, ()> = Kept::new(usize::MAX, 10);
        for n in 0..15 {
            kept.put(n, (), 1);
        }
        assert_eq!(kept.usage(), (10, 10));
        assert!(kept.get(&14).is_some());
        assert!(kept.get(&4).is_none());
    }

    #[test]
    fn a_key_already_kept_keeps_its_first_value() {
        let kept: Kept<i64, &str> = Kept::new(100, 10);
        kept.put(1, "first", 1);
        kept.put(1, "second", 1);
        assert_eq!(kept.get(&1), Some("first"));
        assert_eq!(kept.usage(), (1, 1));
    }
}
