# Svenska meddelanden från infoportal (standard när portalens `language` är `sv`):
# diagnostiker, tips och anmärkningar.
#
# Meddelandenas id börjar med diagnostikens kod med gemener (`e0111-…`) så att varje kods
# meddelanden står tillsammans. Argumenten är värden ur portalen (`$key`, `$date`).

e0111-review-before-reviewed = `review_by` ({ $review_by }) är före `reviewed` ({ $reviewed })
    .hint = `review_by` är dagen då sidan senast ska granskas igen: en dag efter `reviewed`

w0102-due-for-review = `{ $title }` skulle ha granskats senast { $due }
    .note = { $reviewed ->
        [none] byggets datum är { $today }
       *[other] senast granskad { $reviewed }, byggets datum är { $today }
    }
    .hint = kontrollera sidan mot hur tjänsten fungerar nu och sätt sedan `reviewed:` till dagens datum och `review_by:` till nästa granskning
