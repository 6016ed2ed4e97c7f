//! The Atom 1.0 (RFC 4287) writer shared by the site's feeds: the operations notices
//! (`/driftinformation/atom.xml`) and the agreement versions (`/avtal/atom.xml`).
//!
//! A feed is plain data ([`Feed`], [`Entry`]); this module only knows how to write it,
//! so the notices and the agreement documents never learn about XML. Times are written
//! in UTC, which every reader converts to local time correctly, daylight saving
//! included. Nothing here reads the clock: the feed's `updated` is its newest entry's,
//! so the same sources give the same bytes.

use std::fmt::Write as _;

use jiff::Timestamp;

use crate::util::html::{escape_attr, escape_text};
use crate::util::source::is_forbidden_in_text;

/// A whole feed.
#[derive(Debug, Clone)]
pub(crate) struct Feed<'a> {
    /// The feed's title.
    pub(crate) title: String,
    /// The absolute URL of the feed itself: its `id` and its `self` link.
    pub(crate) url: String,
    /// The absolute URL of the HTML page the feed follows.
    pub(crate) page_url: String,
    /// The feed's author (the portal's name).
    pub(crate) author: &'a str,
    /// The entries, in the order they are written (newest first, by convention).
    pub(crate) entries: Vec<Entry>,
}

/// One entry of a feed.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    /// The entry's title.
    pub(crate) title: String,
    /// A permanent, unique identifier (an absolute URL that never changes).
    pub(crate) id: String,
    /// `alternate` first (the entry's page), then any others.
    pub(crate) links: Vec<Link>,
    /// When the entry was first published.
    pub(crate) published: Timestamp,
    /// When it last changed in a way readers should notice.
    pub(crate) updated: Timestamp,
    /// The entry's own author, if it differs from the feed's.
    pub(crate) author: Option<String>,
    /// A category: (term, label).
    pub(crate) category: Option<(String, String)>,
    /// One paragraph of plain text.
    pub(crate) summary: String,
}

/// A link of an entry.
#[derive(Debug, Clone)]
pub(crate) struct Link {
    /// `alternate`, `related`, …
    pub(crate) rel: &'static str,
    /// An absolute URL.
    pub(crate) href: String,
    /// What the link leads to, if it needs saying.
    pub(crate) title: Option<String>,
}

impl Link {
    /// The entry's own HTML page.
    pub(crate) fn alternate(href: String) -> Link {
        Link {
            rel: "alternate",
            href,
            title: None,
        }
    }
}

/// The feed as an XML document. Its `updated` is the latest of the entries' (the Unix
/// epoch for a feed without entries), never the build's time.
pub(crate) fn write(feed: &Feed<'_>) -> String {
    let updated = feed
        .entries
        .iter()
        .map(|e| e.updated)
        .max()
        .unwrap_or(Timestamp::UNIX_EPOCH);
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"sv\">\n");
    let _ = writeln!(xml, "  <title>{}</title>", xml_text(&feed.title));
    let _ = writeln!(xml, "  <id>{}</id>", xml_text(&feed.url));
    let _ = writeln!(
        xml,
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        xml_attr(&feed.url)
    );
    let _ = writeln!(
        xml,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        xml_attr(&feed.page_url)
    );
    let _ = writeln!(xml, "  <updated>{}</updated>", utc(updated));
    let _ = writeln!(
        xml,
        "  <author><name>{}</name></author>",
        xml_text(feed.author)
    );
    for entry in &feed.entries {
        write_entry(&mut xml, entry);
    }
    xml.push_str("</feed>\n");
    xml
}

fn write_entry(xml: &mut String, entry: &Entry) {
    xml.push_str("  <entry>\n");
    let _ = writeln!(xml, "    <title>{}</title>", xml_text(&entry.title));
    let _ = writeln!(xml, "    <id>{}</id>", xml_text(&entry.id));
    for link in &entry.links {
        let _ = write!(
            xml,
            "    <link rel=\"{}\" type=\"text/html\" href=\"{}\"",
            link.rel,
            xml_attr(&link.href)
        );
        if let Some(title) = &link.title {
            let _ = write!(xml, " title=\"{}\"", xml_attr(title));
        }
        xml.push_str("/>\n");
    }
    let _ = writeln!(xml, "    <published>{}</published>", utc(entry.published));
    let _ = writeln!(xml, "    <updated>{}</updated>", utc(entry.updated));
    if let Some(author) = &entry.author {
        let _ = writeln!(
            xml,
            "    <author><name>{}</name></author>",
            xml_text(author)
        );
    }
    if let Some((term, label)) = &entry.category {
        let _ = writeln!(
            xml,
            "    <category term=\"{}\" label=\"{}\"/>",
            xml_attr(term),
            xml_attr(label)
        );
    }
    let _ = writeln!(xml, "    <summary>{}</summary>", xml_text(&entry.summary));
    xml.push_str("  </entry>\n");
}

/// UTC for Atom: `2021-09-12T04:00:00Z`.
fn utc(t: Timestamp) -> String {
    t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// `text` escaped for XML character data. Characters XML 1.0 forbids (most C0
/// controls, U+FFFE, U+FFFF) are left out, so no title can make a feed ill-formed;
/// the loader refuses them in front matter already (E0110). See: issue 10, item 6.
pub(crate) fn xml_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_text(&mut out, &xml_chars(text));
    out
}

/// `text` escaped for a double-quoted XML attribute, as [`xml_text`].
pub(crate) fn xml_attr(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_attr(&mut out, &xml_chars(text));
    out
}

/// `text` without the characters XML 1.0 forbids.
fn xml_chars(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().any(is_forbidden_in_text) {
        text.chars().filter(|&c| !is_forbidden_in_text(c)).collect()
    } else {
        text.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn times_are_utc() {
        assert_eq!(utc(t("2021-09-12T06:00:00+02:00")), "2021-09-12T04:00:00Z");
    }

    #[test]
    fn updated_is_the_newest_entry_and_links_carry_their_titles() {
        let entry = |id: &str, updated: &str| Entry {
            title: format!("Post {id}"),
            id: format!("https://example.se/{id}/"),
            links: vec![
                Link::alternate(format!("https://example.se/{id}/")),
                Link {
                    rel: "related",
                    href: format!("https://example.se/{id}/andringar/"),
                    title: Some("Ändringar \"sedan\" 1.0".into()),
                },
            ],
            published: t(updated),
            updated: t(updated),
            author: Some("Förvaltningen".into()),
            category: Some(("a&b".into(), "A & B".into())),
            summary: "Text <med> tecken.".into(),
        };
        let feed = Feed {
            title: "Flöde".into(),
            url: "https://example.se/atom.xml".into(),
            page_url: "https://example.se/".into(),
            author: "Portal",
            entries: vec![
                entry("a", "2021-01-01T00:00:00Z"),
                entry("b", "2023-01-01T00:00:00Z"),
            ],
        };
        let xml = write(&feed);
        let doc = roxmltree::Document::parse(&xml).expect("well-formed");
        let root = doc.root_element();
        let updated = root
            .children()
            .find(|n| n.has_tag_name("updated"))
            .and_then(|n| n.text());
        assert_eq!(updated, Some("2023-01-01T00:00:00Z"));
        let related = doc
            .descendants()
            .find(|n| n.attribute("rel") == Some("related"))
            .unwrap();
        assert_eq!(related.attribute("title"), Some("Ändringar \"sedan\" 1.0"));
        let empty = write(&Feed {
            entries: Vec::new(),
            ..feed
        });
        assert!(empty.contains("<updated>1970-01-01T00:00:00Z</updated>"));
    }
}
