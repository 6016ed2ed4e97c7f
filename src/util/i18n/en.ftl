# English messages of infoportal (`--lang en`): diagnostics, hints and notes.
#
# Message ids start with the diagnostic's code in lowercase (`e0111-…`), so that each code's
# messages are found together; ids without a code are shared (the summary line).
# Arguments are values from the portal (`$key`, `$date`) and are shown in backticks where
# the message quotes what the editor wrote.

e0111-review-before-reviewed = `review_by` ({ $review_by }) is before `reviewed` ({ $reviewed })
    .hint = `review_by` is the day by which the page is to be checked again: a day after `reviewed`

w0102-due-for-review = `{ $title }` was due for review on { $due }
    .note = { $reviewed ->
        [none] the build's date is { $today }
       *[other] last reviewed { $reviewed }, the build's date is { $today }
    }
    .hint = check the page against the service as it is now, then set `reviewed:` to today and `review_by:` to the next check
