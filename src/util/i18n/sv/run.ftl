# Svenska meddelanden: kommandoraden, sammanfattningsraden, serve och new: main.rs, cli.rs, serve/, new.rs, emit/.
#
# Se util/i18n.rs. Meddelandenas id börjar med diagnostikens kod med gemener (`e0111-…`).
