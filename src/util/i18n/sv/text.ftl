# Svenska meddelanden: Markdown-texter och temat: render/ (markdown, terms, annotate, theme, changes, views).
#
# Se util/i18n.rs. Meddelandenas id börjar med diagnostikens kod med gemener (`e0111-…`).

## Rubriker och punkter i en Markdown-text (render/markdown/plan.rs, writer.rs).

e0304-section-used-twice = punktnumret `{ $number }` används två gånger
    .hint = numrera om punkterna så att varje nummer bara används en gång
e0307-id-given-twice = rubrik-id:t `{ $id }` anges två gånger
    .note = det anges första gången på rad { $line }
    .hint = ge varje rubrik ett eget id, så att länkar till rubrikerna blir entydiga
# `$target`: `reference` när id:t är det som en hänvisning i texten till fotnoten har,
# `footnote` när det är fotnotens eget.
e0307-footnote-id = { $target ->
        [reference] rubrik-id:t `{ $id }` är också id för en hänvisning till fotnoten `[^{ $label }]`
       *[footnote] rubrik-id:t `{ $id }` är också id för fotnoten `[^{ $label }]`
    }
    .note = fotnoter får id:na `fn-N` och `fnref-N` efter sina nummer
    .hint = ge rubriken ett annat id, t.ex. `{"{"}#{ $id }-rubrik{"}"}`, eller ta bort `{"{"}#{ $id }{"}"}`
w0101-level-1-heading = en rubrik på nivå 1 i texten
    .note = sidans titel är sidans enda rubrik på nivå 1
    .hint = börja rubrikerna i texten med `##`

## Temat (render/theme/). `$message` är Teras eget meddelande, på engelska.

e0501-theme-not-found = temat `{ $theme }` finns inte
    .hint = skapa `themes/{ $theme }/templates/` eller ta bort `theme:` för att använda standardtemat
e0502-template-error = fel i mallen: { $message }
    .hint = rätta mallen; se dokumentationen för Tera 2 på https://keats.github.io/tera/
e0502-missing-parent = fel i mallen: `{ $template }` bygger på `{ $parent }`, som inte finns
    .hint = rätta mallen; se dokumentationen för Tera 2 på https://keats.github.io/tera/
e0502-while-rendering = när sidan `{ $page }` skapades
