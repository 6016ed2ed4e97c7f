# Svenska meddelanden: att läsa filer och deras front matter: load/ (frontmatter, yaml, config, walk, agreements, pages, notices, datalist, versions).
#
# Se util/i18n.rs. Meddelandenas id börjar med diagnostikens kod med gemener (`e0111-…`).

e0111-review-before-reviewed = `review_by` ({ $review_by }) är före `reviewed` ({ $reviewed })
    .hint = `review_by` är dagen då sidan senast ska granskas igen: en dag efter `reviewed`


## Front matter och YAML-filer (load/frontmatter.rs). `$source` är `front-matter` för
## YAML-blocket överst i en Markdown-fil och `file` för en hel YAML-fil som heter `$file`
## (`portal.yaml`, `personuppgifter.yaml`); `$path` är var i YAML-texten felet finns,
## skrivet `menu[0].path`, eller `none` på översta nivån.

e0107-no-front-matter = filen saknar front matter
    .hint = börja filen med front matter, blocket med nycklar överst i filen: en rad `---`, nycklarna (minst `title:`) och en rad `---` till
e0107-front-matter-not-closed = front matter är inte avslutad
    .hint = avsluta front matter med en rad som bara innehåller `---`
e0102-unknown-key = { $path ->
        [none] okänd nyckel `{ $key }`
       *[other] okänd nyckel `{ $key }` i `{ $path }`
    }
e0102-did-you-mean = menade du `{ $near }`? Kända nycklar: { $known }
e0102-remove-it = ta bort den; kända nycklar: { $known }
e0103-missing-key = { $path ->
        [none] den obligatoriska nyckeln `{ $key }` saknas
       *[other] den obligatoriska nyckeln `{ $key }` saknas i `{ $path }`
    }
    .hint = { $path ->
        [none] { $source ->
            [front-matter] lägg till en rad `{ $key }: …` i front matter, blocket med nycklar överst i filen
           *[file] lägg till en rad `{ $key }: …` i `{ $file }`
        }
       *[other] lägg till en rad `{ $key }: …` under `{ $path }`
    }
e0103-empty-value = `{ $key }` har inget värde
    .hint = ge `{ $key }` ett värde; vill du skriva ordet null eller ~, sätt det inom citattecken: `{ $key }: "null"`
e0101-duplicate-key = { $path ->
        [none] nyckeln `{ $key }` finns två gånger
       *[other] nyckeln `{ $key }` finns två gånger i `{ $path }`
    }
    .hint = behåll en av dem
e0104-wrong-type = { $source ->
        [front-matter] ogiltig front matter: { $message }
       *[file] ogiltigt innehåll i `{ $file }`: { $message }
    }
    .hint = kontrollera att värdet är av rätt slag: text, tal, true/false eller en lista
e0110-control-character = { $path ->
        [none] { $source ->
            [front-matter] styrtecknet U+{ $code } i front matter
           *[file] styrtecknet U+{ $code } i `{ $file }`
        }
       *[other] styrtecknet U+{ $code } i `{ $path }`
    }
    .note = ingen sida kan visa det, och flödena och webbplatskartan vore inte giltig XML med det
    .hint = ta bort det; det har troligen följt med när text klistrades in
e0101-invalid-yaml = { $source ->
        [front-matter] ogiltig front matter: { $message }
       *[file] ogiltigt innehåll i `{ $file }`: { $message }
    }
    .hint = kontrollera YAML-skrivsättet: `nyckel: värde` på varje rad, listor som `- värde`, och citattecken kring värden som innehåller `: ` eller börjar med ett specialtecken
e0109-too-large = { $source ->
        [front-matter] front matter är { $size }; högst { $limit } läses
       *[file] `{ $file }` är { $size }; högst { $limit } läses
    }
    .hint = { $source ->
        [front-matter] lägg lång text i brödtexten, under front matter
       *[file] dela upp filen, eller kontrollera att det är rätt fil
    }
# En storlek på `$whole` mebibyte och `$tenth` tiondelar (`$unit` är `mib`), eller `$whole` kibibyte (`kib`).
e0109-size = { $unit ->
        [mib] { $whole },{ $tenth } MiB
       *[kib] { $whole } KiB
    }
e0109-too-many-aliases = { $source ->
        [front-matter] front matter har fler än { $limit } YAML-alias (`*namn`)
       *[file] `{ $file }` har fler än { $limit } YAML-alias (`*namn`)
    }
    .note = varje alias upprepar värdet från sitt ankare (`&namn`), så en fil av den här storleken får ha högst så många
    .hint = skriv ut värdena i stället för att upprepa dem med alias
e0109-too-deep = { $source ->
        [front-matter] front matter har listor och nycklar i mer än { $depth } { $depth ->
            [one] nivå
           *[other] nivåer
        }
       *[file] `{ $file }` har listor och nycklar i mer än { $depth } { $depth ->
            [one] nivå
           *[other] nivåer
        }
    }
    .hint = inget värde i en portal har så många nivåer: kontrollera hakparenteserna `[`, klammerparenteserna `{"{"}` och indragen
e0105-not-a-date = `{ $key }` är inte ett giltigt datum: `{ $text }`
    .hint = skriv datum som ÅÅÅÅ-MM-DD, t.ex. `2021-07-01`

## Sidor (load/pages.rs).

e0202-name-not-in-url = `{ $segment }` i `{ $path }` kan inte användas i en webbadress
    .hint = byt namn till små bokstäver a-z (utan å, ä och ö), siffror, `-` och `_`, t.ex. `{ $slug }`

## Avtalsdokument (load/agreements.rs).

e0202-not-an-agreement-path = `{ $path }` ligger inte där avtalsdokument ska ligga
    .hint = avtalsdokument ligger i `agreements/<id>/<version>.md`, t.ex. `agreements/driftsavtal/1.0.md`
e0202-document-id-not-in-url = dokument-id:t `{ $id }` kan inte användas i en webbadress
    .hint = byt namn på mappen till små bokstäver a-z (utan å, ä och ö), siffror, `-` och `_`, t.ex. `{ $slug }`
e0108-name-not-a-version = filnamnet `{ $name }` är inte ett versionsnummer
    .hint = ge varje versionsfil samma namn som versionen, t.ex. `1.0.md` eller `2.1.md`
e0108-version-does-not-match = `version: { $declared }` stämmer inte med filnamnet `{ $version }.md`
    .hint = filnamnet är versionen: skriv `version: "{ $version }"` eller byt namn på filen
e0108-same-version = versionerna `{ $first }` och `{ $second }` är samma version
    .note = den andra filen är `{ $path }`
    .hint = ta bort en av filerna eller ge den ett annat versionsnummer

## Ett dokuments versioner (load/versions.rs).

w0403-identical-version = version { $version } är likadan som { $previous }
    .note = texten, titeln, parterna, dokumenten och aliasen är desamma som i `{ $previous_path }`; läsarna skulle se en ny version som inte ändrar något
    .hint = gör de ändringar som versionen är till för, eller ta bort `{ $path }`
# `$comment`: `empty` när nyckeln finns men saknar värde, `missing` när den inte finns.
w0404-no-comment = { $comment ->
        [empty] version { $version } har en tom `comment`
       *[missing] version { $version } saknar `comment`
    }
    .note = versionshistoriken visar kommentaren till varje version: vad som har ändrats sedan { $previous } och varför
    .hint = skriv vad som har ändrats och i vilka punkter, t.ex. `comment: Ny eskaleringsordning (11.1)`
# `$version` (gäller från `$valid_from`) är högre än `$overtaken` (i `$overtaken_path`),
# som ska gälla från `$overtaken_from`, en dag som inte är tidigare.
w0405-overtakes = version { $version }, som gäller från { $valid_from }, går före { $overtaken } innan den börjar gälla
    .note = { $overtaken } ska gälla från { $overtaken_from }, men från { $valid_from } gäller den högre versionen { $version }, så { $overtaken } kommer aldrig att gälla och dess ändringar visas aldrig som gällande
    .hint = ge version { $version } ett `valid_from` efter { $overtaken_from } (en version som kopierats från { $overtaken } behåller dess ändringar), eller ta bort `{ $overtaken_path }` om den inte ska gälla

## Driftmeddelanden (load/notices.rs).

e0605-maintenance-without-end = planerat underhåll saknar `end`
    .hint = ett underhållsfönster meddelas med sitt slut: lägg till `end:` med tiden då underhållet är klart
e0602-unknown-kind = okänd typ av driftmeddelande `{ $kind }`
e0602-did-you-mean = menade du `{ $near }`? Typer: { $kinds }
e0602-use-one-of = använd en av: { $kinds }
e0603-unknown-environment = okänd miljö `{ $name }`
e0603-did-you-mean = menade du `{ $near }`? Miljöer: produktion, test
e0603-use-one-of = använd `produktion` eller `test`
e0103-no-environments = `environments` är tom
    .hint = ange vilka miljöer som berörs: `[produktion]`, `[test]` eller båda
e0601-before-start = `{ $key }: { $text }` är före `start: { $start }`
    .hint = `{ $key }` måste vara samtidigt med eller efter `start`; kontrollera datum, klockslag och tidszon
e0604-no-offset = `{ $key }: { $text }` saknar tidszon
    .hint = skriv tidszonen så att tiden blir entydig, t.ex. `{ $example }+01:00` på vintern eller `+02:00` på sommaren
e0105-not-a-time = `{ $key }` är inte en giltig tidpunkt: `{ $text }`
    .hint = skriv tidpunkter som ÅÅÅÅ-MM-DDTtt:mm:ss med tidszon, t.ex. `2021-09-12T06:00:00+02:00`
w0601-placeholder = driftmeddelandet har fortfarande platshållartexten från `infoportal new notice`
    .note = läsarna skulle se ”{ $placeholder } …”
    .hint = ersätt raden med det läsarna behöver veta: vad som berörs, vad de ska göra och när de får veta mer

## Förteckningen över personuppgifter (load/datalist.rs). `$entry` är `provider` eller `data-type`.

e0702-bad-org-number = { $problem ->
        [check-digit] organisationsnumret `{ $number }` har fel kontrollsiffra (den sista siffran)
       *[shape] organisationsnumret `{ $number }` ska skrivas NNNNNN-NNNN, tio siffror med bindestreck efter den sjätte
    }
    .hint = kopiera numret från organisationens egna handlingar, t.ex. `202100-5521`
e0703-until-before-since = `until` ({ $until }) är före `since` ({ $since })
    .hint = `until` är sista dagen uppgiftstypen lämnas; den kan inte vara före `since`
e0701-id-used-twice = id:t `{ $id }` används två gånger
    .note = det används först på rad { $line }
    .hint = varje informationsleverantör och uppgiftstyp behöver ett eget id
e0103-entry-without-key = { $entry ->
        [provider] informationsleverantören saknar `{ $key }`
       *[data-type] uppgiftstypen saknar `{ $key }`
    }
    .hint = { $entry ->
        [provider] lägg till `{ $key }:` för den här informationsleverantören
       *[data-type] lägg till `{ $key }:` för den här uppgiftstypen
    }

## Filer som inte läses (load/walk.rs).

e0106-not-utf8 = filen är inte giltig UTF-8-text
    .hint = spara filen som UTF-8 (de flesta redigerare har det under ”Spara med teckenkodning”)

w0201-not-published = { $why ->
        [hidden] `{ $path }` är dold (namnet börjar med `.`) och publiceras inte
        [link] `{ $path }` är en symbolisk länk och publiceras inte
       *[special] `{ $path }` är ingen vanlig fil och publiceras inte
    }
    .hint = { $why ->
        [hidden] byt namn utan den inledande `.` för att publicera den, eller flytta den ut ur portalmappen
        [link] lägg själva filen eller mappen här i stället för en länk till den
       *[special] ta bort den, eller lägg en vanlig fil på dess plats
    }

## portal.yaml (load/config.rs). `$file` är `portal.yaml`.

# `$top`: `list` när filen innehåller en lista (`- title: …`), `value` när den innehåller ett enda värde.
e0104-not-settings = { $top ->
        [list] `{ $file }` är en lista, men filen ska innehålla inställningar, en `nyckel: värde` per rad
       *[value] `{ $file }` innehåller ett enda värde, men filen ska innehålla inställningar, en `nyckel: värde` per rad
    }
    .hint = { $top ->
        [list] ta bort `- ` före varje inställning, t.ex. `title: Informationsportal`
       *[value] skriv varje inställning som `nyckel: värde`, t.ex. `title: Informationsportal` och `base_url: https://www.example.se/`
    }
# `$problem` är vad som är fel med adressen: `e0104-base-url` eller `e0104-base-url-invalid`.
e0104-invalid-base-url = ogiltigt värde för `base_url`: { $problem }
    .hint = skriv adressen där portalen publiceras, t.ex. `https://www.example.se/ssbtek/`
e0104-base-url-from-flag = värdet kommer från `--base-url`
# Vad som är fel med adressen `$text` (model/config.rs); sägs också om `--base-url`.
e0104-base-url = { $problem ->
        [not-absolute] `{ $text }` är inte en fullständig webbadress
        [bad-port] `{ $text }` har ett ogiltigt portnummer; en port är 1 till 65535
        [port-zero] `{ $text }` har portnummer 0; en port är 1 till 65535
        [scheme] `{ $text }` måste börja med `https://` eller `http://`
        [credentials] `{ $text }` får inte innehålla användarnamn eller lösenord
        [query] `{ $text }` får inte innehålla en frågedel (`?…`) eller ett ankare (`#…`)
        [percent] `{ $text }` har ett `%` som inte följs av två hexadecimala siffror; skriv `%25` för ett `%`
       *[no-host] `{ $text }` saknar värdnamn
    }
# URL-standarden kan inte läsa `$text`. `$error`: `empty-host`, `domain` (ett värdnamn
# med ett tecken som inte får finnas i det), `ip` (en IPv4- eller IPv6-adress som inte
# går att läsa) eller `other`; `$detail` är samma sak med `url`-biblioteket egna ord (på engelska).
e0104-base-url-invalid = `{ $text }` är inte en giltig webbadress: { $error ->
        [empty-host] värdnamnet saknas
        [domain] värdnamnet innehåller tecken som inte är tillåtna
        [ip] IP-adressen är ogiltig
       *[other] { $detail }
    }
e0104-unknown-timezone = okänd tidszon `{ $name }` i `timezone`
    .hint = använd namnet på en tidszon i IANA:s tidszonsdatabas, t.ex. `Europe/Stockholm`
e0104-bad-theme-name = ogiltigt temanamn `{ $name }`
    .hint = ett tema är en mapp under `themes/`, och namnet får bara innehålla små bokstäver a-z (utan å, ä och ö), siffror, `-` och `_`
# En länk i `portal.yaml`: `$key` är `menu` för ett menyval i `menu` eller `footer_menu`,
# annars nyckeln (`contact`, `accessibility_statement`); `$path` är det som länkas till.
e0104-menu-path-not-absolute = { $key ->
        [menu] menyvalets adress `{ $path }` måste börja med `/`
       *[other] adressen `{ $path }` i `{ $key }` måste börja med `/`
    }
    .hint = skriv sidans adress på webbplatsen, t.ex. { $key ->
        [contact] `/kontakt/` eller `mailto:info@example.se`
        [accessibility_statement] `/tillganglighetsredogorelse/`
       *[menu] `/anslutning/`
    }
e0308-unsafe-menu-link = { $key ->
        [menu] menyvalet `{ $path }` är inte tillåtet
       *[other] adressen `{ $path }` i `{ $key }` är inte tillåten
    }: schemat `{ $scheme }:` får inte användas
    .hint = skriv adressen till en sida på webbplatsen, t.ex. { $key ->
        [contact] `/kontakt/` eller `mailto:info@example.se`
        [accessibility_statement] `/tillganglighetsredogorelse/`
       *[menu] `/anslutning/`
    }

## Portalmappen (load/mod.rs). `$dir` är `content` eller `agreements`.

e0203-not-a-folder = `{ $dir }` är en fil, men det måste vara en mapp: inget i den publiceras
    .hint = byt namn på filen `{ $dir }` eller ta bort den, och lägg portalens filer i en mapp som heter `{ $dir }`

## En innehållssidas fil som läses igen när sidan byggs (render/mod.rs).

e0204-changed-while-building = filen ändrades, eller gick inte längre att läsa, medan webbplatsen byggdes
    .hint = bygg igen när inget längre skriver till filen; händer det i CI, se till att inget annat steg ändrar källfilerna medan bygget pågår

## En körning som inte kan börja (load/config.rs): inget fel i innehållet, så ingen kod.

config-not-found = `{ $path }` finns inte: kör infoportal i portalens mapp eller ange den med `--root MAPP`

## Ett värde av fel slag (load/yaml/mod.rs), som visas inuti `e0104-wrong-type`.
## `$path`: nyckeln, t.ex. `menu[0].path`, eller `none` på översta nivån; `$expected`: vad
## nyckeln tar (`integer`, `number`, `boolean`, `list`, `text`, `mapping`, annars `other`
## med serde_yamls engelska ord i `$expected_words`); `$found`: vad som står (`text` med
## `$value`, `number`, `boolean`, `list`, `mapping`, `empty`, `other`).

e0104-wrong-kind = { $path ->
        [none] värdet
       *[other] `{ $path }`
    } ska vara { $expected ->
        [integer] ett heltal
        [number] ett tal
        [boolean] `true` eller `false`
        [list] en lista, ett `- värde` per rad
        [text] text
        [mapping] nycklar med värden, en `nyckel: värde` per rad
       *[other] { $expected_words }
    }, inte { $found ->
        [text] texten `{ $value }`
        [number] ett tal
        [boolean] `true` eller `false`
        [list] en lista
        [mapping] nycklar med värden
        [empty] tomt
       *[other] det som står
    }

## Ett syntaxfel i YAML (load/yaml/mod.rs `syntax_kind`), som visas inuti `e0101-invalid-yaml`.
## `$problem` är felets slag enligt libyamls ord; `$message` de engelska orden, för `other`.

e0101-yaml-syntax = { $problem ->
        [colon] ett värde innehåller `: `, eller en rad är indragen under ett värde; sätt ett värde med `: ` inom citattecken, t.ex. `title: "Avtal: bilaga 1"`, och ställ nycklar på samma nivå rakt under varandra
        [quote] ett citattecken stängs aldrig; avsluta värdet med samma tecken som det börjar med
        [bracket] en `[` eller `{"{"}` stängs aldrig; stäng den på samma rad, eller skriv listan med ett `- värde` per rad
        [reserved] ett värde börjar med ett tecken som YAML reserverar (som `@`, `` ` `` eller `%`); sätt värdet inom citattecken
        [tab] en tabb där YAML kräver mellanslag; dra in med mellanslag
        [indent] en rad är inte indragen som raderna runt den, eller saknar sitt `nyckel: `; ställ nycklar på samma nivå rakt under varandra
        [alias] `*namn` hänvisar inte till något `&namn`; sätt ett värde som börjar med `*` inom citattecken
       *[other] { $message }
    }
