# Svenska meddelanden: Markdown-texter och temat: render/ (markdown, terms, annotate, theme, changes, views).
#
# Se util/i18n.rs. Meddelandenas id börjar med diagnostikens kod med gemener (`e0111-…`).
