//! Document versions: the numbers agreement files are named after, and where a version
//! stands on the build's date.

use std::cmp::Ordering;
use std::fmt;

/// A document version such as `1.0`, `1.10` or `2`, ordered numerically part by part.
#[derive(Debug, Clone, Eq)]
pub(crate) struct Version {
    parts: Vec<u32>,
    text: String,
}

impl Version {
    /// Parses `N(.N)*`; `None` for anything else (letters, empty parts, leading `+`).
    pub(crate) fn parse(text: &str) -> Option<Version> {
        let parts = text
            .split('.')
            .map(|p| {
                if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) || p.len() > 9 {
                    None
                } else {
                    p.parse().ok()
                }
            })
            .collect::<Option<Vec<u32>>>()?;
        Some(Version {
            parts,
            text: text.to_string(),
        })
    }

    /// The version as written in its file name.
    pub(crate) fn as_str(&self) -> &str {
        &self.text
    }

    /// The next minor version: `1.2` → `1.3`, `2` → `2.1`.
    pub(crate) fn next_minor(&self) -> Version {
        let mut parts = self.parts.clone();
        if parts.len() < 2 {
            parts.resize(2, 0);
        }
        parts.truncate(2);
        parts[1] += 1;
        Version::from_parts(parts)
    }

    /// The next major version: `1.2` → `2.0`.
    pub(crate) fn next_major(&self) -> Version {
        Version::from_parts(vec![self.parts[0] + 1, 0])
    }

    fn from_parts(parts: Vec<u32>) -> Version {
        let text = parts
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(".");
        Version { parts, text }
    }

    /// The parts without trailing zeros, so that `1`, `1.0` and `1.00` compare equal.
    fn significant(&self) -> &[u32] {
        let end = self
            .parts
            .iter()
            .rposition(|&p| p != 0)
            .map_or(0, |i| i + 1);
        &self.parts[..end]
    }
}

impl PartialEq for Version {
    fn eq(&self, other: &Self) -> bool {
        self.significant() == other.significant()
    }
}

impl Ord for Version {
    fn cmp(&self, other: &Self) -> Ordering {
        self.significant().cmp(other.significant())
    }
}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// Where a version stands on the build's date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum VersionStatus {
    /// The version in force: the highest published one already valid.
    Current,
    /// An older published version; a later one prevails.
    Superseded,
    /// Published, but it takes effect later (`valid_from` after the build date).
    Upcoming,
    /// A draft, not published (unless `--drafts`, where it is shown as a draft).
    Draft,
}

impl VersionStatus {
    /// The identifier templates see: `current`, `superseded`, `upcoming`, `draft`.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            VersionStatus::Current => "current",
            VersionStatus::Superseded => "superseded",
            VersionStatus::Upcoming => "upcoming",
            VersionStatus::Draft => "draft",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Version {
        Version::parse(s).unwrap()
    }

    #[test]
    fn versions_order_numerically() {
        assert!(v("1.10") > v("1.9"));
        assert!(v("2.0") > v("1.99"));
        assert_eq!(v("1"), v("1.0"));
        assert!(v("1.0.1") > v("1.0"));
    }

    #[test]
    fn rejects_bad_versions() {
        for bad in ["", "a", "1.", ".1", "1..2", "v1", "1.0-rc", "+1", "1 .0"] {
            assert!(Version::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn next_versions() {
        assert_eq!(v("1.2").next_minor().as_str(), "1.3");
        assert_eq!(v("1.9").next_minor().as_str(), "1.10");
        assert_eq!(v("2").next_minor().as_str(), "2.1");
        assert_eq!(v("1.2").next_major().as_str(), "2.0");
    }
}
