# English messages: the portal as a whole: analyze/ (routes, hierarchy, menus, review, schedule).
#
# See util/i18n.rs. Message ids start with the diagnostic's code in lowercase (`e0111-…`).

w0102-due-for-review = `{ $title }` was due for review on { $due }
    .note = { $reviewed ->
        [none] the build's date is { $today }
       *[other] last reviewed { $reviewed }, the build's date is { $today }
    }
    .hint = check the page against the service as it is now, then set `reviewed:` to today and `review_by:` to the next check
