//! The Markdown source of a document version, a content page or a notice: the file as
//! read and where its body begins after the front matter.
//!
//! `load` makes one per file; the render stage renders the body, and `serve` puts a new
//! text in place when only the body changed. Which of the three kinds holds it, and
//! whether it is published, is the holder's own business: each kind decides that by its
//! own rules.
//!
//! A content page's body is needed by nothing but the render of that one page, so the
//! loader keeps only its front matter ([`Source::without_body`]) and the render stage
//! reads the body again when it renders the page ([`Source::with_text`]): a large
//! portal's pages are not all held in memory for the whole build (about 45 MB at 10,000
//! pages). Agreement versions and notices keep their bodies: terms, change views and
//! the checks of notices read them before and after their own pages are rendered.
//! See: issue 15.

use std::path::{Path, PathBuf};

use crate::util::diag::Location;
use crate::util::source::{Sha256, SourceFile, split_front_matter};

/// A Markdown file of the portal: front matter, then the body.
#[derive(Debug, Clone)]
pub(crate) struct Source {
    /// The whole file; only up to the body when the body was not kept.
    pub(crate) file: SourceFile,
    /// Byte offset of the Markdown body in the file's text.
    pub(crate) body_offset: usize,
    /// The SHA-256 of the whole file as read (for the manifest), worked out while the
    /// text is at hand.
    pub(crate) sha256: Sha256,
    /// Where to read the body from, when it was not kept.
    unread: Option<PathBuf>,
}

impl Source {
    /// The source of `file`, whose body starts at byte `body_offset`.
    pub(crate) fn new(file: SourceFile, body_offset: usize) -> Self {
        Source {
            sha256: file.sha256(),
            file,
            body_offset,
            unread: None,
        }
    }

    /// This source with its body dropped, to be read again from `path` (the file it was
    /// read from) when it is rendered.
    pub(crate) fn without_body(mut self, path: PathBuf) -> Self {
        self.file.text.truncate(self.body_offset);
        self.file.text.shrink_to_fit();
        self.unread = Some(path);
        self
    }

    /// The file to read the body from, when it was not kept.
    pub(crate) fn unread_body(&self) -> Option<&Path> {
        self.unread.as_deref()
    }

    /// This source whole, from `text`, the file read again: `None` when the file has
    /// changed since it was loaded in anything that the build has already used (the
    /// front matter and everything before the body).
    pub(crate) fn with_text(&self, text: String) -> Option<Source> {
        let file = SourceFile::markdown(self.file.rel_path.clone(), text);
        let same = file.bom == self.file.bom
            && file.text.get(..self.body_offset) == self.file.text.get(..self.body_offset);
        same.then(|| Source {
            file,
            body_offset: self.body_offset,
            sha256: self.sha256,
            unread: None,
        })
    }

    /// The Markdown body. A body that was not kept (see [`Source::unread_body`]) is
    /// read by the render stage alone; asking for it anywhere else is a mistake in the
    /// code, caught in debug builds (in release, the body reads as empty).
    pub(crate) fn body(&self) -> &str {
        debug_assert!(
            self.unread.is_none(),
            "the body of {} was not kept",
            self.file.rel_path
        );
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
        self.sha256 = new.sha256();
        self.file = new;
        self.unread = None;
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
    fn a_body_not_kept_is_taken_from_the_file_read_again() {
        let text = "---\ntitle: A\n---\nText\nmer\n";
        let kept = source(text);
        let s = source(text).without_body("content/a.md".into());
        assert_eq!(s.file.text, "---\ntitle: A\n---\n");
        assert_eq!(s.unread_body(), Some(Path::new("content/a.md")));
        // The digest is of the whole file, as read at first.
        assert_eq!(s.sha256, kept.sha256);
        let whole = s.with_text(text.to_string()).unwrap();
        assert_eq!(whole.body(), "Text\nmer\n");
        assert_eq!(whole.body_location(5).line, 5);
        assert_eq!(whole.unread_body(), None);
        // A new body is taken as it is now.
        let edited = s.with_text("---\ntitle: A\n---\nNy text\n".to_string());
        assert_eq!(edited.unwrap().body(), "Ny text\n");
    }

    #[test]
    fn a_file_whose_front_matter_changed_is_not_taken() {
        let s = source("---\ntitle: A\n---\nText\n").without_body("content/a.md".into());
        assert!(
            s.with_text("---\ntitle: B\n---\nText\n".to_string())
                .is_none()
        );
        assert!(s.with_text("---\ntitle: A\n".to_string()).is_none());
        assert!(
            s.with_text("\u{feff}---\ntitle: A\n---\nText\n".to_string())
                .is_none()
        );
        assert!(s.with_text(String::new()).is_none());
    }

    #[test]
    fn a_page_saved_in_serve_keeps_its_new_body() {
        let mut s = source("---\ntitle: A\n---\nText\n").without_body("content/a.md".into());
        let saved = SourceFile::markdown("content/a.md", "---\ntitle: A\n---\nNy\n".into());
        let digest = saved.sha256();
        assert!(s.replace_body(saved));
        assert_eq!(
            (s.body(), s.unread_body(), s.sha256),
            ("Ny\n", None, digest)
        );
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
