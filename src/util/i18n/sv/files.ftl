# Svenska meddelanden: att läsa filer och deras front matter: load/ (frontmatter, yaml, config, walk, agreements, pages, notices, datalist, versions).
#
# Se util/i18n.rs. Meddelandenas id börjar med diagnostikens kod med gemener (`e0111-…`).

e0111-review-before-reviewed = `review_by` ({ $review_by }) är före `reviewed` ({ $reviewed })
    .hint = `review_by` är dagen då sidan senast ska granskas igen: en dag efter `reviewed`

