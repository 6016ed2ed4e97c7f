# English messages: the command line, the summary line, serve and new: main.rs, cli.rs, serve/, new.rs, emit/.
#
# See util/i18n.rs. Message ids start with the diagnostic's code in lowercase (`e0111-…`).
