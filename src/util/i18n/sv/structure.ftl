# Svenska meddelanden: portalen som helhet: analyze/ (routes, hierarchy, menus, review, schedule).
#
# Se util/i18n.rs. Meddelandenas id börjar med diagnostikens kod med gemener (`e0111-…`).

w0102-due-for-review = `{ $title }` skulle ha granskats senast { $due }
    .note = { $reviewed ->
        [none] byggets datum är { $today }
       *[other] senast granskad { $reviewed }, byggets datum är { $today }
    }
    .hint = kontrollera sidan mot hur tjänsten fungerar nu och sätt sedan `reviewed:` till dagens datum och `review_by:` till nästa granskning

## Menyerna i portal.yaml (analyze/menus.rs).

e0303-not-a-page = { $key ->
        [menu] menyvalet `{ $path }`
       *[other] `{ $key }` `{ $path }`
    } är inte en publicerad sida
e0303-add-slash = skriv `{ $path }`
e0303-use-site-path = använd sidans adress på webbplatsen, t.ex. `/anslutning/` för `content/anslutning/_index.md`

## Hierarkin som kommande versioner gör den (analyze/hierarchy/future.rs): den
## `$date` börjar version `$version` av `$title` gälla och för med sig problemet.

w0402-not-in-force = från { $date }, när { $title } { $version } börjar gälla, finns `{ $id }` med i listan men har ingen version som gäller
    .hint = publicera en version av `{ $id }` som gäller senast { $date }, eller ta bara med dokumentet i en version av avtalet som börjar gälla samtidigt som dokumentet
w0402-cycle = från { $date }, när { $title } { $version } börjar gälla, går dokumenthierarkin i en cirkel: { $cycle }
    .hint = ett avtal kan inte vara ett av sina egna dokument, varken direkt eller via ett annat avtal; ta bort ett av dokumenten ur listan
w0402-orphan = från { $date }, när { $title } { $version } börjar gälla, hör `{ $id }` inte till något avtal
    .hint = behåll `{ $id }` i listan `documents:` i en avtalsversion som gäller från { $date }

## Sidfoten som en svensk offentlig webbplats måste ha (analyze/menus.rs).

w0103-footer-lacks = sidfoten saknar { $whats }, som en svensk offentlig webbplats måste visa på varje sida
    .note = tillgänglighetsredogörelsen krävs av lagen (2018:1937) om tillgänglighet till digital offentlig service; `contact` och `accessibility_statement` tar en adress på webbplatsen eller en webbadress, `contact` även `mailto:` eller `tel:`; ett val i `footer_menu` som heter Tillgänglighetsredogörelse eller Kontakt (eller leder till en sida med det namnet) räknas också
w0103-what = { $key ->
        [accessibility_statement] en tillgänglighetsredogörelse (`accessibility_statement`)
        [contact] kontaktuppgifter (`contact`)
       *[publisher] vem som driver webbplatsen (`publisher`)
    }
w0103-example-line = { $key ->
        [accessibility_statement] `accessibility_statement: /tillganglighetsredogorelse/`
        [contact] `contact: /kontakt/`
       *[publisher] `publisher: Myndighetens namn`
    }
w0103-add-keys = lägg till i `portal.yaml`: { $lines }

## Var sidorna publiceras (analyze/routes.rs).

# `$owner`: `source` när källfilen `$first` också publiceras på `$path`, `page` när
# portalen själv gör en sida på `$path`, `file` när den gör filen `$file` där.
e0201-same-url = två källor publiceras på samma adress `{ $path }`
    .note = { $owner ->
        [source] `{ $first }` publiceras också på `{ $path }`
        [page] `{ $path }` är en sida som portalen själv gör
       *[file] `{ $file }` görs av portalen själv
    }
    .hint = byt namn på en av dem eller ta bort den

## Handlingsförteckningen (`documents:`) i varje avtalsversion (analyze/hierarchy.rs).

e0404-listed-twice = `{ $id }` finns två gånger i handlingsförteckningen
    .note = första gången på rad { $line }
    .hint = ta med varje dokument en gång, på sin plats i rangordningen
e0401-no-such-document = handlingsförteckningen tar upp `{ $id }`, som inte finns
e0401-did-you-mean = menade du `{ $near }`?
e0401-add-document = lägg till `agreements/{ $id }/<version>.md`, eller rätta id:t (mappens namn under `agreements/`)
# `$when`: `today` när `$date` är byggets datum, `later` när det är dagen då den här
# versionen av avtalet börjar gälla.
e0402-not-in-force = `{ $id }` finns med i listan men har ingen version som gäller { $when ->
        [today] den { $date }
       *[later] den { $date }, då den här versionen av avtalet börjar gälla
    }
    .hint = publicera en version som gäller senast då, eller ta bort dokumentet ur listan tills det har en
e0403-cycle = dokumenthierarkin går i en cirkel: { $cycle }
    .hint = ett avtal kan inte vara ett av sina egna dokument, varken direkt eller via ett annat avtal; ta bort ett av dokumenten ur listan
w0401-orphan = `{ $id }` hör inte till något avtal
    .hint = lägg till dess id i listan `documents:` i det avtal som dokumentet hör till

## Varför ett dokument i listan inte har någon version som gäller: anmärkningen till E0402 och W0402.

e0402-no-versions = `{ $id }` har inga versioner
# `$versions`: ett `e0402-version` per version, åtskilda av `; `.
e0402-versions = versioner av `{ $id }`: { $versions }
# `$state`: `upcoming` (den gäller från `$date`), `draft` eller `other`.
e0402-version = { $state ->
        [upcoming] { $version } gäller från { $date }
        [draft] { $version } är ett utkast
       *[other] { $version }
    }

## Nästa ändring, i sammanfattningsraden och i det `next-change` skriver ut
## (analyze/schedule.rs). Inte diagnostik: deras id har ingen kod.

# `$superseded`: `yes` när en senare version redan gäller den dag den här börjar gälla.
next-change-takes-effect = { $superseded ->
        [yes] { $title } { $version } börjar gälla, men har redan ersatts av en senare version
       *[no] { $title } { $version } börjar gälla
    }
# `$event`: vad som händer då med driftmeddelandet som heter `$title`.
next-change-notice = { $event ->
        [published] { $title } publiceras
        [begins] { $title } börjar
        [ends] { $title } slutar
       *[resolved] { $title } åtgärdas
    }
# Den första av flera orsaker, och hur många fler det är.
next-change-and-more = { $first } och { $more } till
