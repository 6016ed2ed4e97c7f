# Svenska meddelanden: portalen som helhet: analyze/ (routes, hierarchy, menus, review, schedule).
#
# Se util/i18n.rs. Meddelandenas id börjar med diagnostikens kod med gemener (`e0111-…`).

w0102-due-for-review = `{ $title }` skulle ha granskats senast { $due }
    .note = { $reviewed ->
        [none] byggets datum är { $today }
       *[other] senast granskad { $reviewed }, byggets datum är { $today }
    }
    .hint = kontrollera sidan mot hur tjänsten fungerar nu och sätt sedan `reviewed:` till dagens datum och `review_by:` till nästa granskning
