//! The message catalogue: what the build tells editors, in Swedish and in English.
//!
//! Messages live in Project Fluent files beside this module, one per area of the code
//! in each language (`i18n/sv/*.ftl`, `i18n/en/*.ftl`), not in strings spread through
//! the code: a translator reads one file, Fluent's selectors handle plurals and optional
//! values, and a test checks that both languages have every message the code uses, with
//! the same arguments and attributes.
//!
//! Diagnostics are rendered in both languages when they are made (they are few, and it
//! keeps `Diagnostic` plain data that any thread can make and any printer can show); the
//! printer picks the language: the portal's `language`, or `--lang`.
//!
//! A message is written `msg!("e0111-review-before-reviewed", review_by = day, …)`. Its id
//! starts with the diagnostic's code; its `.hint` and `.note` attributes, when it has them,
//! become the diagnostic's hint and note. Texts that are not diagnostics (the summary
//! line, `serve`'s pages, the refusals of `new` and of the output folder) have ids
//! without a code (`summary`, `serve-page-title`); a refusal travels as a [`TextError`]
//! inside an `anyhow::Error`, and `main` shows it in the run's language.
//!
//! `fluent-bundle` is used here only.

use std::fmt;
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// A language messages are shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Swedish, the portals' language and the default.
    #[default]
    Sv,
    /// English, for developers' own logs (`--lang en`).
    En,
}

impl Lang {
    /// The language of a tag such as `sv`, `sv-SE` or `en-GB`; `None` for others.
    pub fn parse(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "sv" => Some(Lang::Sv),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language's tag, for `lang="…"`: `sv` or `en`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }
}

/// The catalogue's files, one per area of the code, in each language: (name, Swedish,
/// English). An area's messages are easier to translate and review together.
const FILES: &[(&str, &str, &str)] = &[
    (
        "files",
        include_str!("i18n/sv/files.ftl"),
        include_str!("i18n/en/files.ftl"),
    ),
    (
        "structure",
        include_str!("i18n/sv/structure.ftl"),
        include_str!("i18n/en/structure.ftl"),
    ),
    (
        "links",
        include_str!("i18n/sv/links.ftl"),
        include_str!("i18n/en/links.ftl"),
    ),
    (
        "text",
        include_str!("i18n/sv/text.ftl"),
        include_str!("i18n/en/text.ftl"),
    ),
    (
        "run",
        include_str!("i18n/sv/run.ftl"),
        include_str!("i18n/en/run.ftl"),
    ),
];

struct Catalogue {
    sv: FluentBundle<FluentResource>,
    en: FluentBundle<FluentResource>,
}

/// Both bundles, parsed on first use. The files are part of the program and a test
/// parses them, so a syntax error cannot reach a user; were one to, the entries Fluent
/// could read are still used and the rest show their ids.
static CATALOGUE: LazyLock<Catalogue> = LazyLock::new(|| Catalogue {
    sv: bundle("sv", FILES.iter().map(|(_, sv, _)| *sv)),
    en: bundle("en", FILES.iter().map(|(_, _, en)| *en)),
});

fn bundle<'f>(tag: &str, files: impl Iterator<Item = &'f str>) -> FluentBundle<FluentResource> {
    let lang = tag.parse().into_iter().collect();
    let mut bundle = FluentBundle::new_concurrent(lang);
    // Fluent wraps arguments in bidi isolation marks for right-to-left scripts; in a
    // terminal or a log they are stray invisible characters.
    bundle.set_use_isolating(false);
    for ftl in files {
        let resource =
            FluentResource::try_new(ftl.to_string()).unwrap_or_else(|(partial, _)| partial);
        // An id given twice keeps its first entry; the test reports it.
        let _ = bundle.add_resource(resource);
    }
    bundle
}

/// A text in both languages.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Text {
    sv: String,
    en: String,
}

impl Text {
    /// A text made of a Swedish and an English one, each rendered by other means (a
    /// diagnostic shown in each language inside a message).
    pub(crate) fn new(sv: String, en: String) -> Text {
        Text { sv, en }
    }

    /// `a`, `a and b`, `a, b and c` in each language.
    pub(crate) fn list(items: impl IntoIterator<Item = Text>) -> Text {
        let items: Vec<Text> = items.into_iter().collect();
        let join = |lang: Lang, and: &str| {
            let words: Vec<&str> = items.iter().map(|t| t.get(lang)).collect();
            match words.as_slice() {
                [] => String::new(),
                [one] => (*one).to_string(),
                [rest @ .., last] => format!("{} {and} {last}", rest.join(", ")),
            }
        };
        Text {
            sv: join(Lang::Sv, "och"),
            en: join(Lang::En, "and"),
        }
    }

    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Sv => &self.sv,
            Lang::En => &self.en,
        }
    }

    /// The texts joined by `separator`, a punctuation mark both languages write alike
    /// (`; `): `a; b; c`.
    pub(crate) fn join(items: impl IntoIterator<Item = Text>, separator: &str) -> Text {
        let (sv, en): (Vec<String>, Vec<String>) =
            items.into_iter().map(|text| (text.sv, text.en)).unzip();
        Text {
            sv: sv.join(separator),
            en: en.join(separator),
        }
    }
}

/// Text that is not in the catalogue yet is the same in both languages.
impl From<String> for Text {
    fn from(text: String) -> Self {
        Text {
            sv: text.clone(),
            en: text,
        }
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Self {
        Text::from(text.to_string())
    }
}

impl From<Msg> for Text {
    fn from(msg: Msg) -> Self {
        msg.render(None)
    }
}

/// Shown in English: in `Debug` output and tests.
impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.en)
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.en, f)
    }
}

/// The English text, so that tests and code that read a message as `&str` keep working.
impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.en
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.en == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.en == *other
    }
}

/// A message of the catalogue with its arguments, not yet rendered: see [`msg!`].
#[derive(Debug, Clone)]
pub struct Msg {
    id: &'static str,
    args: Vec<(&'static str, ArgValue)>,
}

impl Msg {
    /// The message `id` with `args`; use [`msg!`].
    pub fn new(id: &'static str, args: Vec<(&'static str, ArgValue)>) -> Self {
        Msg { id, args }
    }

    /// The message's id.
    pub(crate) fn id(&self) -> &'static str {
        self.id
    }

    /// The message's value (`attribute` `None`) or one of its attributes, in both
    /// languages; `None` if the message has no such attribute.
    fn render_part(&self, attribute: Option<&str>) -> Option<Text> {
        let one = |bundle: &FluentBundle<FluentResource>, lang: Lang| -> Option<String> {
            let mut args = FluentArgs::with_capacity(self.args.len());
            for (name, value) in &self.args {
                let value = match value {
                    ArgValue::Same(value) => value.clone(),
                    ArgValue::Text(text) => FluentValue::from(text.get(lang).to_string()),
                };
                args.set(*name, value);
            }
            let message = bundle.get_message(self.id)?;
            let pattern = match attribute {
                None => message.value()?,
                Some(name) => message.get_attribute(name)?.value(),
            };
            let mut errors = Vec::new();
            Some(
                bundle
                    .format_pattern(pattern, Some(&args), &mut errors)
                    .into_owned(),
            )
        };
        let catalogue = &*CATALOGUE;
        match (one(&catalogue.sv, Lang::Sv), one(&catalogue.en, Lang::En)) {
            (None, None) => None,
            (sv, en) => {
                // A message missing from one language shows the other (the test forbids it).
                let fallback = || sv.clone().or(en.clone()).unwrap_or_default();
                Some(Text {
                    sv: sv.clone().unwrap_or_else(fallback),
                    en: en.clone().unwrap_or_else(fallback),
                })
            }
        }
    }

    /// The message's value in both languages (its id when the catalogue lacks it).
    fn render(&self, attribute: Option<&str>) -> Text {
        self.render_part(attribute)
            .unwrap_or_else(|| Text::from(self.id))
    }

    /// The message's value in `lang`.
    pub fn in_lang(&self, lang: Lang) -> String {
        self.render(None).get(lang).to_string()
    }

    /// The `.hint` attribute, if the message has one.
    pub(crate) fn hint(&self) -> Option<Text> {
        self.render_part(Some("hint"))
    }

    /// The `.note` attribute, if the message has one.
    pub(crate) fn note(&self) -> Option<Text> {
        self.render_part(Some("note"))
    }
}

/// An argument of a message: the same in both languages (a value from the portal, a
/// number), or a text that is itself translated.
#[derive(Debug, Clone)]
pub enum ArgValue {
    /// Shown as it is.
    Same(FluentValue<'static>),
    /// Shown in the message's language.
    Text(Text),
}

/// A value a message can show: text as it is, numbers for Fluent's plural rules, or a
/// [`Text`] (for example a list made with [`Text::list`]).
pub trait Arg {
    /// The value for Fluent.
    fn value(self) -> ArgValue;
}

impl Arg for &str {
    fn value(self) -> ArgValue {
        ArgValue::Same(FluentValue::from(self.to_string()))
    }
}

impl Arg for String {
    fn value(self) -> ArgValue {
        ArgValue::Same(FluentValue::from(self))
    }
}

impl Arg for &String {
    fn value(self) -> ArgValue {
        ArgValue::Same(FluentValue::from(self.clone()))
    }
}

impl Arg for Text {
    fn value(self) -> ArgValue {
        ArgValue::Text(self)
    }
}

impl Arg for Msg {
    fn value(self) -> ArgValue {
        ArgValue::Text(Text::from(self))
    }
}

macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl Arg for $t {
            fn value(self) -> ArgValue {
                ArgValue::Same(FluentValue::from(self))
            }
        }
    )*};
}
number_arg!(usize, u32, u64, i64);

/// A message of the catalogue: `msg!("w0102-due-for-review", title = &page.title, due =
/// due.to_string())`. Arguments are `&str`, `String` or numbers (for plurals).
///
/// Exported (as `infoportal::msg!`) for the binary's own texts: the summary line, the
/// lines `serve` prints.
#[macro_export]
#[doc(hidden)]
macro_rules! msg {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::util::i18n::Msg::new(
            $id,
            vec![$((stringify!($name), $crate::util::i18n::Arg::value($value))),*],
        )
    };
}

pub use msg;

/// An error for people whose text is in the catalogue: a refusal such as an output
/// folder that holds the portal, or a mistake in what `infoportal new` was asked to do.
/// `main` shows it in the run's language ([`error_chain`]); its `Display` is English.
///
/// Failures of the environment (a file that cannot be read, a port in use) stay plain
/// English `anyhow` errors: their cause comes from the operating system in English
/// anyway, and they are for whoever runs the machine.
#[derive(Debug)]
pub struct TextError(pub Text);

impl From<Msg> for TextError {
    fn from(msg: Msg) -> Self {
        TextError(Text::from(msg))
    }
}

impl fmt::Display for TextError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl std::error::Error for TextError {}

/// An error and its causes joined by `: `, as `{:#}` shows them, with every
/// [`TextError`] among them in `lang`.
pub fn error_chain(error: &anyhow::Error, lang: Lang) -> String {
    let parts: Vec<String> = error
        .chain()
        .map(|cause| match cause.downcast_ref::<TextError>() {
            Some(text) => text.0.get(lang).to_string(),
            None => cause.to_string(),
        })
        .collect();
    parts.join(": ")
}

#[cfg(test)]
mod tests;
