# English messages: reading files and their front matter: load/ (frontmatter, yaml, config, walk, agreements, pages, notices, datalist, versions).
#
# See util/i18n.rs. Message ids start with the diagnostic's code in lowercase (`e0111-…`).

e0111-review-before-reviewed = `review_by` ({ $review_by }) is before `reviewed` ({ $reviewed })
    .hint = `review_by` is the day by which the page is to be checked again: a day after `reviewed`

