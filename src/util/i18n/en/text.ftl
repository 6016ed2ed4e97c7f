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

## The theme (render/theme/). `$message` is Tera's own, in English.

e0501-theme-not-found = theme `{ $theme }` not found
    .hint = create `themes/{ $theme }/templates/` or remove `theme:` to use the default theme
e0502-template-error = template error: { $message }
    .hint = fix the template; see the Tera 2 documentation at https://keats.github.io/tera/
e0502-missing-parent = template error: `{ $template }` extends `{ $parent }`, which does not exist
    .hint = fix the template; see the Tera 2 documentation at https://keats.github.io/tera/
e0502-while-rendering = while rendering `{ $page }`
