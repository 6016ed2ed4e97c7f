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

# `$explicit`: `yes` när författaren har gett id:t (`{"{"}#id{"}"}`), `no` när det är
# gjort av rubrikens text.
e0307-theme-id = rubrik-id:t `{ $id }` används också av temat på den här sidan
    .hint = { $explicit ->
        [yes] ge rubriken ett annat id, t.ex. `{"{"}#{ $id }-1{"}"}`, eller ta bort `{"{"}#{ $id }{"}"}`
       *[no] ge rubriken ett eget id: `{"{"}#{ $id }-1{"}"}` sist på rubrikraden
    }

## Hänvisningar till punkter i ett avtalsdokuments text (render/annotate.rs).
## `$reference` är hänvisningen som den är skriven, `punkten 5.4`.

# `$near`: `none` när dokumentet inte har någon numrerad punkt på den nivån, `all` när
# `$numbers` är alla, `some` när de är de som ligger närmast numret som skrevs.
e0305-no-such-section = `{ $reference }` hänvisar till punkt { $number }, som inte finns i det här dokumentet
    .hint = { $near ->
        [none] jämför numret med dokumentets numrerade rubriker
        [all] punkter på den nivån: { $numbers }
       *[some] punkter nära den på samma nivå: { $numbers }
    }
# `$title`: rubriken som står efter numret, `$own_title` punktens egen rubrik och
# `$owner` den punkt som rubriken hör till.
e0306-title-of-another-section = `punkten { $number } { $title }`: punkt { $number } heter `{ $own_title }`; rubriken hör till punkt { $owner }
    .hint = skriv `punkten { $owner }` eller rätta rubriken

## Begrepp som definieras (render/terms.rs).

w0302-defined-twice = begreppet `{ $term }` definieras två gånger
    .note = första gången definieras det som `{ $first }`
    .hint = behåll en definition per begrepp
# `$first` är dokumentet vars definition gäller i avtalet `$agreement`, `$second` det andra.
w0301-defined-differently = `{ $term }` definieras olika i `{ $first }` och `{ $second }`
    .note = i `{ $agreement }` gäller definitionen i `{ $first }`, som står före i handlingsförteckningen
    .hint = ge begreppet en enda definition, eller använd olika begrepp

## Temat (render/theme/). `$message` är Teras eget meddelande, på engelska.

e0501-theme-not-found = temat `{ $theme }` finns inte
    .hint = skapa `themes/{ $theme }/templates/` eller ta bort `theme:` för att använda standardtemat
e0502-template-error = fel i mallen: { $message }
    .hint = rätta mallen; se dokumentationen för Tera 2 på https://keats.github.io/tera/
e0502-missing-parent = fel i mallen: `{ $template }` bygger på `{ $parent }`, som inte finns
    .hint = rätta mallen; se dokumentationen för Tera 2 på https://keats.github.io/tera/
e0502-while-rendering = när sidan `{ $page }` skapades
