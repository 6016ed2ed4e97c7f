# English messages: links, fragments and section references: render/links.rs, verify/.
#
# See util/i18n.rs. Message ids start with the diagnostic's code in lowercase (`e0111-…`).
