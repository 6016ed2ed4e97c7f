# English messages: Markdown bodies and the theme: render/ (markdown, terms, annotate, theme, changes, views).
#
# See util/i18n.rs. Message ids start with the diagnostic's code in lowercase (`e0111-…`).

## Headings and sections of a Markdown body (render/markdown/plan.rs, writer.rs).

e0304-section-used-twice = section number `{ $number }` is used twice
    .hint = renumber the sections so that each number is unique
e0307-id-given-twice = the heading id `{ $id }` is given twice
    .note = first given on line { $line }
    .hint = give each heading its own id, so that links to it are not ambiguous
# `$target`: `reference` when the id is that of a reference to the footnote in the text,
# `footnote` when it is the footnote's own.
e0307-footnote-id = { $target ->
        [reference] the heading id `{ $id }` is also the id of a reference to footnote `[^{ $label }]`
       *[footnote] the heading id `{ $id }` is also the id of footnote `[^{ $label }]`
    }
    .note = footnotes get the ids `fn-N` and `fnref-N` from their numbers
    .hint = give the heading another id, such as `{"{"}#{ $id }-rubrik{"}"}`, or remove `{"{"}#{ $id }{"}"}`
w0101-level-1-heading = a level-1 heading in the body
    .note = the page title is the page's only level-1 heading
    .hint = start body headings at `##`

# `$explicit`: `yes` when the author gave the id (`{"{"}#id{"}"}`), `no` when it was made
# from the heading's text.
e0307-theme-id = the heading id `{ $id }` is also used by the theme on this page
    .hint = { $explicit ->
        [yes] give the heading another id, such as `{"{"}#{ $id }-1{"}"}`, or remove `{"{"}#{ $id }{"}"}`
       *[no] give the heading an id of its own: `{"{"}#{ $id }-1{"}"}` after its text
    }

## Section references in the running text of an agreement document (render/annotate.rs).
## `$reference` is the reference as written, `punkten 5.4`.

# `$near`: `none` when the document has no numbered section at that level, `all` when
# `$numbers` are all of them, `some` when they are those nearest the number written.
e0305-no-such-section = `{ $reference }` refers to section { $number }, which this document does not have
    .hint = { $near ->
        [none] check the number against the document's numbered headings
        [all] sections at that level: { $numbers }
       *[some] sections near it at that level: { $numbers }
    }
# `$title`: the title written after the number, `$own_title` the section's own, and
# `$owner` the section whose title it is.
e0306-title-of-another-section = `punkten { $number } { $title }`: { $number } is `{ $own_title }`; the title belongs to { $owner }
    .hint = write `punkten { $owner }` or correct the title

## Defined terms (render/terms.rs).

w0302-defined-twice = the term `{ $term }` is defined twice
    .note = first defined as `{ $first }`
    .hint = keep one definition per term
# `$first` is the document whose definition prevails in agreement `$agreement`, `$second`
# the other.
w0301-defined-differently = `{ $term }` is defined differently in `{ $first }` and `{ $second }`
    .note = in `{ $agreement }` the definition of `{ $first }` prevails, being listed earlier
    .hint = give the term one definition, or use different terms

## The theme (render/theme/). `$message` is Tera's own, in English.

e0501-theme-not-found = theme `{ $theme }` not found
    .hint = create `themes/{ $theme }/templates/` or remove `theme:` to use the default theme
e0502-template-error = template error: { $message }
    .hint = fix the template; see the Tera 2 documentation at https://keats.github.io/tera/
e0502-missing-parent = template error: `{ $template }` extends `{ $parent }`, which does not exist
    .hint = fix the template; see the Tera 2 documentation at https://keats.github.io/tera/
e0502-while-rendering = while rendering `{ $page }`
