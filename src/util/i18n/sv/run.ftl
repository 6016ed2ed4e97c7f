# Svenska meddelanden: kommandoraden, sammanfattningsraden, serve och new: main.rs, cli.rs, serve/, new.rs, emit/.
#
# Se util/i18n.rs. Meddelandenas id börjar med diagnostikens kod med gemener (`e0111-…`);
# texter som inte är diagnostik har id utan kod (`summary`, `serve-page-title`).

## Orden i varje rapport (util/diag.rs, util/diag/excerpt.rs, util/diag/ci.rs).

# Före en diagnostiks kod: `fel[E0301]`, `varning[W0101]`.
severity = { $severity ->
        [error] fel
       *[warning] varning
    }
# Före en diagnostiks upplysningar och tips: `= obs: …`, `= tips: …`.
label-note = obs
label-hint = tips
# Antalet efter diagnostiken, och sammanfattningen i CI: `2 fel, 1 varning`.
counts = { $errors ->
        [0] { $warnings ->
            [one] { $warnings } varning
           *[other] { $warnings } varningar
        }
       *[other] { $errors } fel{ $warnings ->
            [0] {""}
            [one] , { $warnings } varning
           *[other] , { $warnings } varningar
        }
    }
# Sägs efter antalet i GitHubs sammanfattning när GitHub bara visar en del av anteckningarna.
github-limit = GitHub visar de första { $limit } felen och { $limit } varningarna som anteckningar i koden: stegets logg har alla
# Den sista upplysningen på en varning som `--strict` rapporterar som fel.
strict-promoted = en varning som `--strict` gör till ett fel

## Det som `build`, `check` och `next-change` skriver ut (main.rs).

# Ett fel i kommandot eller vid läsning eller skrivning som stoppar körningen (slutkod 2).
run-error = fel: { $error }
# Sista raden från `build` och `check`: `$action` är `built` eller `checked`; `$when` är
# `none` eller nästa tidpunkt då webbplatsen ändras av sig själv, `$what` varför.
summary = { $action ->
        [built] Byggde
       *[checked] Kontrollerade
    } { $pages ->
        [one] { $pages } sida
       *[other] { $pages } sidor
    } på { $ms } ms{ $when ->
        [none] {""}
       *[other] ; nästa ändring { $when } ({ $what })
    }
next-change-none = Ingen ändring är schemalagd
next-change-at = Nästa ändring { $when } ({ $exact }):

## `serve`: raderna den skriver ut (main.rs) och dess sidor (serve/server.rs).

serve-serving = Förhandsvisningen finns på { $url } (avsluta med Ctrl-C)
serve-listening = obs: lyssnar på { $address }: andra datorer i nätverket kan se förhandsvisningen; öppna den med IP-adressen (andra namn än localhost avvisas)
# Vad som startade ett nytt bygge: `$changes` filer ändrades, och den ena är `$file`.
serve-after = { $changes ->
        [0] {""}
        [1] {" "}efter en ändring i { $file }
       *[other] {" "}efter ändringar i { $changes } filer
    }
serve-build-failed = Bygget misslyckades{ $after }: webbläsaren visar felen; den senaste fungerande webbplatsen visas tills de är rättade
serve-built = { $pages ->
        [one] Uppdaterade 1 sida på { $ms } ms{ $after }
       *[other] Byggde { $pages } sidor på { $ms } ms{ $after }
    }
serve-forbidden = Förhandsvisningen svarar bara på localhost och IP-adresser, så att andra webbplatser inte kan läsa den via ett eget domännamn. Öppna den på adressen som `infoportal serve` skrev ut.
serve-not-built = Webbplatsen är inte byggd än.
# Sidan som visas i stället för webbplatsen medan källfilerna har fel.
serve-page-title = Webbplatsen kunde inte byggas
serve-page-intro = Rätta felen nedan i filerna och spara igen. Sidan laddas om av sig själv när du sparar, och webbplatsen visas igen när felen är rättade.
serve-page-counts = { $warnings ->
        [0] { $errors } fel.
       *[other] { $errors ->
            [0] { $warnings ->
                [one] { $warnings } varning.
               *[other] { $warnings } varningar.
            }
           *[other] { $errors } fel och { $warnings ->
                [one] { $warnings } varning
               *[other] { $warnings } varningar
            }. Felen måste rättas; varningarna hindrar inte bygget.
        }
    }
serve-page-severity = { $severity ->
        [error] Fel
       *[warning] Varning
    }
serve-page-open = Öppna i VS Code
serve-page-note = Att veta:
serve-page-hint = Så rättar du:

e0001-cannot-build = portalen kan inte byggas: { $error }
    .hint = återställ filen eller mappen som nämns; förhandsvisningen kommer tillbaka nästa gång du sparar

## `infoportal new` (new.rs).

new-exists = `{ $path }` finns redan; infoportal new skriver aldrig över en fil
# `$problem` är det första felet, som `check` skriver det.
new-config-has-errors = { $file } har fel; kör `infoportal check` först: { $problem }
new-document-has-errors = `{ $id }` har fel; kör `infoportal check` först: { $problem }
new-needs-end = planerat underhåll behöver `--end`: ett underhållsfönster meddelas med sitt slut
new-end-before-start = `--end` är före `--start`
# En tid i `--start` eller `--end` (`$flag`) utan tidsskillnad mot UTC, som inte finns
# eller finns två gånger i portalens tidszon `$zone`; `$before` och `$after` är skillnaderna.
new-time-skipped = `{ $flag } { $local }` finns inte i { $zone }: klockan ställs fram den natten, från { $before } till { $after }, och hoppar över den tiden; skriv tiden med tidsskillnaden mot UTC, t.ex. `{ $same }`
new-time-twice = `{ $flag } { $local }` är tvetydig i { $zone }: klockan ställs tillbaka den natten och visar tiden två gånger, först med { $before } och sedan med { $after }; skriv tidsskillnaden du menar: `{ $first }` eller `{ $second }`
new-portal-zone = portalens tidszon
new-page-path-empty = ange sidans sökväg under content/, t.ex. `anslutning/testmiljo`
new-page-bad-name = `{ $segment }` kan inte användas i en webbadress; använd små bokstäver a-z, siffror, `-` och `_`, t.ex. `{ $slug }`
new-no-document = det finns inget avtalsdokument `{ $id }` (ingen mapp `{ $folder }`)
new-no-versions = `{ $id }` har inga versionsfiler att kopiera
# `$files` är utkasten, `$count` hur många de är.
new-drafts-pending = { $files } är redan { $count ->
        [one] ett utkast
       *[other] utkast
    } till nästa version av `{ $id }`: redigera { $count ->
        [one] det
       *[other] dem
    } och förhandsgranska med `--drafts`, eller använd `--force` för att skapa { $next } bredvid

## Utdatamappen som ett bygge ersätter (emit/output.rs, emit/output/guard.rs). `$out` är
## mappen som den angavs, och vart den leder när det är en annan mapp (`output-leads-to`).

output-as-given = `{ $out }`
output-leads-to = `{ $out }` (som leder till `{ $resolved }`)
output-holds-portal = skriver inte webbplatsen till { $out }: mappen innehåller portalen `{ $root }`, som bygget skulle radera; välj en mapp bara för webbplatsen, t.ex. `public`
output-is-source = skriver inte webbplatsen till { $out }: det är portalens mapp `{ $dir }/`, som bygget skulle radera; välj en mapp bara för webbplatsen, t.ex. `public`
output-inside-source = skriver inte webbplatsen till { $out }: mappen ligger i `{ $dir }/`, så nästa bygge skulle läsa den och publicera webbplatsen en gång till; välj en mapp utanför `agreements/`, `content/` och `themes/`, t.ex. `public`
output-holds-source = skriver inte webbplatsen till { $out }: mappen innehåller portalens `{ $dir }/` (`{ $source }`), som bygget skulle radera; välj en mapp bara för webbplatsen, t.ex. `public`
output-not-folder = { $out } finns och är inte en mapp; välj en mapp med `--out`
output-not-ours = ersätter inte { $out }: mappen är inte tom och är inte skapad av infoportal (den har ingen fil `{ $marker }`), så bygget skulle radera filer som kan vara dina; välj en ny eller tom mapp, eller radera den själv om den verkligen är en gammal webbplats från infoportal
output-dangling-link = `{ $link }` är en symbolisk länk till `{ $target }`, som inte finns; skapa mappen den pekar på eller välj en annan utdatamapp
output-no-name = utdatamappen `{ $out }` har inget namn
