//! The Markdown source of a document version, a content page or a notice: the file as
//! read and where its body begins after the front matter.
//!
//! `load` makes one per file; the render stage renders the body, and `serve` puts a new
//! text in place when only the body changed. Which of the three kinds holds it, and
//! whether it is published, is the holder's own business: each kind decides that by its
//! own rules.

use crate::util::diag::Location;
use crate::util::source::{SourceFile, split_front_matter};

/// A Markdown file of the portal: front matter, then the body.
#[derive(Debug, Clone)]
pub(crate) struct Source {
    /// The whole file.
    pub(crate) file: SourceFile,
    /// Byte offset of the Markdown body in `file.text`.
    pub(crate) body_offset: usize,
}

impl Source {
    /// The source of `file`, whose body starts at byte `body_offset`.
    pub(crate) fn new(file: SourceFile, body_offset: usize) -> Self {
        Source { file, body_offset }
    }

    /// The Markdown body.
    pub(crate) fn body(&self) -> &str {
        &self.file.text[self.body_offset..]
    }

    /// The location of byte `offset` of the body, for a diagnostic.
    pub(crate) fn body_location(&self, offset: usize) -> Location {
        self.file.location(self.body_offset + offset)
    }

    /// Puts `new`, a new text of the same file, in place if its front matter is the
    /// same as before (so nothing but the body changed); otherwise leaves everything as
    /// it is and returns `false`.
    pub(crate) fn replace_body(&mut self, new: SourceFile) -> bool {
        let (Ok(old), Ok(fresh)) = (
            split_front_matter(&self.file.text),
            split_front_matter(&new.text),
        ) else {
            return false;
        };
        if old.yaml != fresh.yaml {
            return false;
        }
        self.body_offset = fresh.body_offset;
        self.file = new;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(text: &str) -> Source {
        let file = SourceFile::markdown("content/a.md", text.to_string());
        let offset = split_front_matter(&file.text).unwrap().body_offset;
        Source::new(file, offset)
    }

    #[test]
    fn the_body_and_its_locations_start_after_the_front_matter() {
        let s = source("---\ntitle: A\n---\nText\nmer\n");
        assert_eq!(s.body(), "Text\nmer\n");
        let at = s.body_location(5);
        assert_eq!((at.line, at.col), (5, 1));
    }

    #[test]
    fn only_a_new_body_is_put_in_place() {
        let mut s = source("---\ntitle: A\n---\nText\n");
        let same_front = SourceFile::markdown("content/a.md", "---\ntitle: A\n---\n\nNy\n".into());
        assert!(s.replace_body(same_front));
        assert_eq!(s.body(), "\nNy\n");
        let other_front = SourceFile::markdown("content/a.md", "---\ntitle: B\n---\nX\n".into());
        assert!(!s.replace_body(other_front));
        let broken = SourceFile::markdown("content/a.md", "title: B\nX\n".into());
        assert!(!s.replace_body(broken));
        assert_eq!(s.body(), "\nNy\n");
    }
}
