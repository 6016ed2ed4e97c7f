# Svenska meddelanden: länkar, fragment och hänvisningar till punkter: render/links.rs, verify/.
#
# Se util/i18n.rs. Meddelandenas id börjar med diagnostikens kod med gemener (`e0111-…`).
