//! Agreement documents: `agreements/<id>/<version>.md` → [`DocVersion`]s, grouped into
//! [`Document`]s by the caller.

use std::path::Path;

use anyhow::Result;
use serde::Deserialize;

use crate::load::frontmatter;
use crate::load::walk::{read_source, rel_path, walk_files};
use crate::model::document::{DocVersion, Document, ListedDocument};
use crate::model::paths::AGREEMENTS_DIR;
use crate::model::source::Source;
use crate::model::time::Date;
use crate::model::version::{Version, VersionStatus};
use crate::util::diag::{Diagnostic, Diagnostics, Location};
use crate::util::i18n::msg;
use crate::util::slug::{is_slug, slugify};
use crate::util::source::SourceFile;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAgreement {
    // Required text is read as `Option` so that YAML's null (`title: ~`) is no value
    // rather than the text `~`; `YamlSource::required` makes it an error.
    title: Option<String>,
    description: Option<String>,
    version: Option<String>,
    date: Option<String>,
    author: Option<String>,
    comment: Option<String>,
    valid_from: Option<String>,
    draft: Option<bool>,
    parties: Option<Vec<String>>,
    documents: Option<Vec<String>>,
    aliases: Option<Vec<String>>,
}

/// The version files of one agreement document, read, typed and sorted as the build
/// does, with statuses on `today` (drafts unpublished); the first problem in path
/// order if a file has one. For `new version`.
pub(crate) fn load_document(
    root: &Path,
    id: &str,
    today: Date,
) -> Result<Result<Document, Diagnostic>> {
    let mut versions = Vec::new();
    for path in walk_files(root, &root.join(AGREEMENTS_DIR).join(id))?.files {
        match load_agreement_file(root, &path)? {
            Ok((_, version)) => versions.push(version),
            Err(d) => return Ok(Err(d)),
        }
    }
    Ok(Ok(Document::new(id.to_string(), versions, today, false)))
}

/// The document id and the version as the file names it, of
/// `agreements/<id>/<version>.md`; `None` for any other path. The one reading of a
/// version file's path, for loading it and for naming it when it fails to load.
pub(super) fn version_file(rel: &str) -> Option<(&str, &str)> {
    let mut parts = rel.split('/');
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(AGREEMENTS_DIR), Some(id), Some(file), None) => Some((id, file.strip_suffix(".md")?)),
        _ => None,
    }
}

pub(super) fn load_agreement_file(
    root: &Path,
    path: &Path,
) -> Result<Result<(String, DocVersion), Diagnostic>> {
    let rel = rel_path(root, path);
    let Some((id, stem)) = version_file(&rel) else {
        let message = msg!("e0202-not-an-agreement-path", path = &rel);
        return Ok(Err(
            Diagnostic::error("E0202", message).at(Location::file(rel.clone()))
        ));
    };
    let (id, name) = (id.to_string(), format!("{stem}.md"));
    if !is_slug(&id) {
        let message = msg!(
            "e0202-document-id-not-in-url",
            id = &id,
            slug = slugify(&id)
        );
        return Ok(Err(
            Diagnostic::error("E0202", message).at(Location::file(rel))
        ));
    }
    // Only the one `.md` stripped: `1.1.md.md` is not version 1.1.
    let Some(file_version) = Version::parse(stem) else {
        let message = msg!("e0108-name-not-a-version", name = name);
        return Ok(Err(
            Diagnostic::error("E0108", message).at(Location::file(rel))
        ));
    };
    let file = match read_source(root, path)? {
        Ok(file) => file,
        Err(d) => return Ok(Err(d)),
    };
    Ok(parse_agreement(file, file_version).map(|v| (id, v)))
}

fn parse_agreement(file: SourceFile, file_version: Version) -> Result<DocVersion, Diagnostic> {
    let (front, body_offset) = frontmatter::split(&file)?;
    let raw: RawAgreement = front.parse()?;
    let title = front.required("title", raw.title)?;
    let declared = front.required("version", raw.version)?;
    // The text must match, not only the number: `version: 1.0` in `1.md` is a mismatch.
    if declared != file_version.as_str() {
        let message = msg!(
            "e0108-version-does-not-match",
            declared = &declared,
            version = file_version.as_str(),
        );
        return Err(Diagnostic::error("E0108", message).at(front.key("version")));
    }
    let date = front.date("date", &front.required("date", raw.date)?)?;
    let valid_from = match &raw.valid_from {
        Some(text) => front.date("valid_from", text)?,
        None => date,
    };
    let author = front.required("author", raw.author)?;
    let documents = raw
        .documents
        .unwrap_or_default()
        .into_iter()
        .enumerate()
        .map(|(i, id)| ListedDocument {
            id: id.trim().to_string(),
            location: front.item("documents", i),
        })
        .collect();
    Ok(DocVersion {
        version: file_version,
        title,
        description: frontmatter::optional_text(raw.description),
        date,
        author,
        comment: frontmatter::optional_text(raw.comment),
        valid_from,
        draft: raw.draft.unwrap_or(false),
        parties: raw.parties.unwrap_or_default(),
        documents,
        aliases: raw.aliases.unwrap_or_default(),
        source: Source::new(file, body_offset),
        status: VersionStatus::Draft,
        published: false,
    })
}

/// Two files that are one version (`1.md` and `1.0.md`). `Document::new` sorts the
/// versions stably and they arrive in path order, so equal versions are neighbours,
/// the first in path order first.
pub(super) fn check_duplicate_versions(document: &Document, diagnostics: &mut Diagnostics) {
    for pair in document.versions.windows(2) {
        if pair[0].version == pair[1].version {
            let message = msg!(
                "e0108-same-version",
                first = pair[0].version.as_str(),
                second = pair[1].version.as_str(),
                path = &pair[0].source.file.rel_path,
            );
            diagnostics.push(
                Diagnostic::error("E0108", message)
                    .at(Location::file(pair[1].source.file.rel_path.clone())),
            );
        }
    }
}
