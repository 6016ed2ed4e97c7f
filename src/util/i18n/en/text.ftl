# English messages: Markdown bodies and the theme: render/ (markdown, terms, annotate, theme, changes, views).
#
# See util/i18n.rs. Message ids start with the diagnostic's code in lowercase (`e0111-…`).
