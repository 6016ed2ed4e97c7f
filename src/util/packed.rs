//! A few strings held in one allocation.
//!
//! Values kept for every link or every search result of a site until the end of the
//! build (100,000 of them and more at 50,000 pages) take about half the memory this way
//! that they take as a `String` each: one allocation instead of several, and 16 bytes of
//! offsets instead of 24 bytes a string.

/// `N` strings, one after another in one allocation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Packed<const N: usize> {
    text: Box<str>,
    /// Where each string ends in `text`.
    ends: [u32; N],
}

impl<const N: usize> Default for Packed<N> {
    fn default() -> Self {
        Packed {
            text: Box::default(),
            ends: [0; N],
        }
    }
}

impl<const N: usize> Packed<N> {
    pub(crate) fn new(parts: [&str; N]) -> Self {
        let text = parts.concat();
        let mut ends = [0; N];
        let mut end = 0;
        for (slot, part) in ends.iter_mut().zip(parts) {
            end += part.len();
            // A few strings of one link or result are far below 4 GiB; past that, the
            // parts read as empty (see `get`) rather than wrong.
            *slot = u32::try_from(end).unwrap_or(u32::MAX);
        }
        Packed {
            text: text.into(),
            ends,
        }
    }

    /// The `i`th string; empty past the last.
    pub(crate) fn get(&self, i: usize) -> &str {
        let start = i
            .checked_sub(1)
            .map_or(Some(0), |j| self.ends.get(j).copied());
        let end = self.ends.get(i).copied();
        match (start, end) {
            (Some(start), Some(end)) => self.text.get(start as usize..end as usize),
            _ => None,
        }
        .unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_string_comes_back_as_it_went_in() {
        let packed = Packed::new(["/avtal/", "", "punkt-5.3", "åäö"]);
        let parts: Vec<&str> = (0..4).map(|i| packed.get(i)).collect();
        assert_eq!(parts, ["/avtal/", "", "punkt-5.3", "åäö"]);
        assert_eq!(packed.get(4), "");
        assert_eq!(Packed::<3>::default().get(1), "");
        assert_eq!(Packed::<2>::default(), Packed::new(["", ""]));
    }
}
