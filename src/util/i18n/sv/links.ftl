# Svenska meddelanden: länkar, fragment och hänvisningar till punkter: render/links.rs, verify/.
#
# Se util/i18n.rs. Meddelandenas id börjar med diagnostikens kod med gemener (`e0111-…`).

## Länkar som inte leder någonstans (render/links.rs). `$dest` är länken som den är
## skriven, avkortad efter 80 tecken; ett tips som föreslår det närmaste målet är
## `e0301-did-you-mean`.

e0301-no-target = trasig länk `{ $dest }`: länken saknar mål
    .hint = skriv målet inom parentesen: `[text](mål)`
e0301-did-you-mean = menade du `{ $near }`?
e0301-no-document = trasig länk `{ $dest }`: det finns inget avtalsdokument `{ $id }`
    .hint = id:t är namnet på dokumentets mapp under `agreements/`
e0301-no-published-version = trasig länk `{ $dest }`: `{ $id }` har ingen publicerad version
    .hint = publicera en version (ta bort `draft: true`) eller bygg med `--drafts`
e0301-version-is-draft = trasig länk `{ $dest }`: version `{ $version }` av `{ $id }` är ett utkast och publiceras inte
    .hint = länka till en publicerad version, eller bygg med `--drafts` för att förhandsgranska
# `$versions`: de publicerade versionerna, `1.0`, `1.1`.
e0301-no-such-version = trasig länk `{ $dest }`: `{ $id }` har ingen version `{ $version }`
    .hint = publicerade versioner: { $versions }
# `$file`: Markdown-filen som länken pekar på, räknat från portalmappen.
e0301-no-such-file = trasig länk `{ $dest }`: `{ $file }` finns inte
    .hint = kontrollera filnamnet; en länk till en sida räknas från mappen där den här filen ligger
e0301-file-is-draft = trasig länk `{ $dest }`: `{ $file }` är ett utkast och publiceras inte
    .hint = publicera den (ta bort `draft: true`) eller bygg med `--drafts` för att förhandsgranska
# `$date`: när driftmeddelandet publiceras, `2027-01-20 08:00`.
e0301-file-is-scheduled = trasig länk `{ $dest }`: `{ $file }` är ett driftmeddelande som publiceras först { $date }
    .hint = länka till det från { $date }, eller ge det en tidigare `published`-tid
# `$path`: adressen på webbplatsen som länken leder till.
e0301-nothing-at-path = trasig länk `{ $dest }`: ingen sida eller fil publiceras på `{ $path }`
    .hint = kontrollera adressen; en sidas adress är sökvägen till dess Markdown-fil under `content/`, utan `.md`
# `$source`: Markdown-filen för sidan på `$with_slash`, skriven som en länk från den här
# filen, eller `none` när länken står i just den filen.
e0301-add-slash = { $source ->
        [none] skriv `{ $with_slash }` med ett snedstreck på slutet
       *[other] skriv `{ $with_slash }` med ett snedstreck på slutet, eller länka till sidans Markdown-fil: `{ $source }`
    }
# `$path`: den sida som ligger närmast adressen som skrevs; `$source`: dess Markdown-fil,
# skriven som en länk från den här filen.
e0301-near-page = menade du `{ $path }`? Eller länka till sidans Markdown-fil: `{ $source }`
e0301-page-is-draft = trasig länk `{ $dest }`: `{ $path }` är sidan för `{ $file }`, som är ett utkast
    .hint = publicera den (ta bort `draft: true`) eller bygg med `--drafts` för att förhandsgranska
e0301-page-is-scheduled = trasig länk `{ $dest }`: `{ $path }` är sidan för `{ $file }`, ett driftmeddelande som publiceras först { $date }
    .hint = länka till det från { $date }, eller ge det en tidigare `published`-tid

## Länkar som webbplatsen inte publicerar (render/links.rs).

e0308-external-image = extern bild `{ $dest }`: webbplatsens Content-Security-Policy låter sidorna visa bilder bara från webbplatsen själv
    .hint = kopiera bilden till `content/` och länka till den med dess sökväg, t.ex. `![Karta](karta.png)`
# `$kind`: `link` eller `image`; `$scheme`: det som adressen börjar med, t.ex. `javascript`.
# `$advice`: `image` för en bild, `file` för länkar som börjar med `data:` och `file:`,
# annars `other`.
e0308-unsafe-scheme = { $kind ->
        [image] osäker bild
       *[link] osäker länk
    } `{ $dest }`: adresser som börjar med `{ $scheme }:` är inte tillåtna
    .hint = { $advice ->
        [image] kopiera bilden till `content/` och länka till den med dess sökväg, t.ex. `![Karta](karta.png)`
        [file] kopiera filen till `content/` och länka till den med dess sökväg, t.ex. `[Blankett](blankett.pdf)`
       *[other] länkar får börja med `https:`, `http:`, `mailto:` och `tel:`; länka till portalens egna sidor med deras sökväg eller med `avtal:`
    }
# `$root`: `site` för en adress på webbplatsen, `portal` för en Markdown-fil.
e0309-above-root = trasig länk `{ $dest }`: den går upp ovanför { $root ->
        [site] webbplatsens rot
       *[portal] portalmappen
    }
    .hint = kontrollera antalet `../`, eller skriv sökvägen från webbplatsens rot, med `/` först

## Ankare (#…), kontrollerade på de färdiga sidorna (verify/fragments.rs,
## verify/fragments/future.rs). `$path` är sidan som länken leder till, `$fragment`
## det som står efter `#`.

e0302-no-fragment = trasig länk `{ $dest }`: `{ $path }` har inget ankare `#{ $fragment }`
    .hint = länka till en rubriks id: rubriker får id efter sin text, eller efter `{"{"}#id{"}"}` sist på rubrikraden
e0302-did-you-mean = menade du `#{ $near }`?
# Den `$date` börjar version `$version` av `$title` gälla och visas på sidan;
# `$pinned` är samma länk till den version som visas i dag.
w0303-gone-later = från { $date }, när { $title } { $version } börjar gälla, finns inte `{ $dest }` längre
    .note = `{ $path }` kommer att visa version { $version }, som saknar `#{ $fragment }`
    .hint = länka till rubrikens id i version { $version }, länka till den version du menar (`{ $pinned }`), eller behåll `#{ $fragment }` i version { $version }
# En länk till ett begrepp på begreppssidan `$path`: från `$date` definierar ingen
# gällande version `$term`; `$pinned` länkar till definitionen i
# den version som definierar begreppet i dag.
w0303-term-gone-later = från { $date }, när { $title } { $version } börjar gälla, finns inte `{ $dest }` längre
    .note = `{ $path }` visar begreppen i de versioner som gäller, och från den dagen definierar ingen av dem ”{ $term }”
    .hint = länka till definitionen i den version du menar (`{ $pinned }`), eller behåll ”{ $term }” i version { $version }

## Driftmeddelanden som ska publiceras senare (verify/scheduled.rs): ett problem på
## sidan för ett driftmeddelande som hålls tillbaka till `$date` (dess `published`,
## `ÅÅÅÅ-MM-DD TT:MM`), med rubriken `$title`. `$problem` är problemets eget meddelande;
## `$code` och `$severity` (`error` eller `warning`) vad det blir när meddelandet
## publiceras.
w0304-when-published = från { $date }, när driftmeddelandet ”{ $title }” publiceras: { $problem }
    .note = meddelandet publiceras inte förrän då; därefter är detta { $severity ->
        [error] ett fel ({ $code }) som stoppar varje bygge
       *[other] en varning ({ $code })
    }

## Länkarna mellan avtalens och dokumentens färdiga sidor (verify/hierarchy.rs).
## `$page` är sidan som saknar länken.

e0405-no-link-to-document = sidan för avtalet `{ $agreement }` länkar inte till dokumentet `{ $document }` (handling { $position })
    .note = sidan som saknar länken: { $page }
    .hint = mallen måste länka till varje dokument i `page.document.documents`
e0406-no-link-to-agreement = sidan för `{ $document }` länkar inte tillbaka till avtalet `{ $agreement }`, som har dokumentet i sin handlingsförteckning
    .note = sidan som saknar länken: { $page }
    .hint = mallen måste länka till varje avtal i `page.document.part_of`

## Anteckningar på felet i en fil som inte kunde läsas, om det som följer av det
## (verify/cascades.rs): länkar dit (E0301, E0302, W0303), menyval till den (E0303), rader
## i handlingsförteckningar som tar upp den (E0401, E0402) och dokument som inte hör till
## något avtal (W0401) rapporteras inte vart och ett för sig. `$what` är vad filen är:
## `page`, `notice`, `document` eller `list`; `$places` de första ställena, `fil:rad`, och
## `$more` hur många fler det finns (0 när det inte finns fler).

# `$pages`: hur många sidor som länkar; `$links`: hur många länkar de har, 0 när varje
# sida har en.
e0301-cascade-links = { $pages ->
        [one] { $pages } sida länkar
       *[other] { $pages } sidor länkar
    } till { $what ->
        [page] den här sidan
        [notice] det här driftmeddelandet
        [document] det här dokumentet
       *[list] den här förteckningen
    }{ $links ->
        [0] {""}
       *[other] {" "}({ $links } länkar)
    } och rapporteras inte separat: { $places }{ $more ->
        [0] {""}
       *[other] {" "}och { $more } till
    }
e0303-cascade-menus = { $entries ->
        [one] { $entries } menyval länkar
       *[other] { $entries } menyval länkar
    } till { $what ->
        [page] den här sidan
        [notice] det här driftmeddelandet
        [document] det här dokumentet
       *[list] den här förteckningen
    } och rapporteras inte separat: { $places }{ $more ->
        [0] {""}
       *[other] {" "}och { $more } till
    }
e0401-cascade-listings = { $entries ->
        [one] { $entries } rad i en handlingsförteckning tar
       *[other] { $entries } rader i handlingsförteckningar tar
    } upp { $what ->
        [page] den här sidan
        [notice] det här driftmeddelandet
        [document] det här dokumentet
       *[list] den här förteckningen
    } och rapporteras inte separat: { $places }{ $more ->
        [0] {""}
       *[other] {" "}och { $more } till
    }
# `$places` är dokument-id:n här.
w0401-cascade-unlisted = dokument som inte hör till något avtal rapporteras inte förrän den här filen kan läsas: { $places }{ $more ->
        [0] {""}
       *[other] {" "}och { $more } till
    }
