# English messages: reading files and their front matter: load/ (frontmatter, yaml, config, walk, agreements, pages, notices, datalist, versions).
#
# See util/i18n.rs. Message ids start with the diagnostic's code in lowercase (`e0111-…`).

e0111-review-before-reviewed = `review_by` ({ $review_by }) is before `reviewed` ({ $reviewed })
    .hint = `review_by` is the day by which the page is to be checked again: a day after `reviewed`


## Front matter and YAML files (load/frontmatter.rs). `$source` is `front-matter` for the
## YAML at the top of a Markdown file and `file` for a whole YAML file named `$file`
## (`portal.yaml`, `personuppgifter.yaml`); `$path` is where in the YAML the problem is,
## in the notation `menu[0].path`, or `none` at the top.

e0107-no-front-matter = the file has no front matter
    .hint = start the file with a line `---`, the YAML keys (at least `title:`), and another `---`
e0107-front-matter-not-closed = the front matter is not closed
    .hint = end the front matter with a line containing only `---`
e0102-unknown-key = { $path ->
        [none] unknown key `{ $key }`
       *[other] unknown key `{ $key }` in `{ $path }`
    }
e0102-did-you-mean = did you mean `{ $near }`? Known keys: { $known }
e0102-remove-it = remove it; known keys: { $known }
e0103-missing-key = { $path ->
        [none] missing required key `{ $key }`
       *[other] missing required key `{ $key }` in `{ $path }`
    }
    .hint = { $path ->
        [none] { $source ->
            [front-matter] add a line `{ $key }: …` to the front matter
           *[file] add a line `{ $key }: …` to `{ $file }`
        }
       *[other] add a line `{ $key }: …` to `{ $path }`
    }
e0103-empty-value = `{ $key }` is empty
    .hint = give `{ $key }` a value; to write the word null or ~, quote it: `{ $key }: "null"`
e0101-duplicate-key = { $path ->
        [none] key `{ $key }` is given twice
       *[other] key `{ $key }` is given twice in `{ $path }`
    }
    .hint = keep one of them
e0104-wrong-type = { $source ->
        [front-matter] invalid front matter: { $message }
       *[file] invalid `{ $file }`: { $message }
    }
    .hint = check the value's type: text, number, true/false or a list
e0110-control-character = { $path ->
        [none] { $source ->
            [front-matter] control character U+{ $code } in the front matter
           *[file] control character U+{ $code } in `{ $file }`
        }
       *[other] control character U+{ $code } in `{ $path }`
    }
    .note = no page can show it, and feeds and the sitemap would not be valid XML with it
    .hint = remove it; it most likely came with pasted text
e0101-invalid-yaml = { $source ->
        [front-matter] invalid front matter: { $message }
       *[file] invalid `{ $file }`: { $message }
    }
    .hint = check the YAML syntax: `key: value` per line, lists as `- item`, quote values that contain `: ` or start with a special character
e0109-too-large = { $source ->
        [front-matter] the front matter is { $size }; at most { $limit } is read
       *[file] `{ $file }` is { $size }; at most { $limit } is read
    }
    .hint = { $source ->
        [front-matter] keep long text in the body, below the front matter
       *[file] split the file, or check that it is the file you meant
    }
# A size of `$whole` mebibytes and `$tenth` tenths (`$unit` is `mib`), or `$whole` kibibytes (`kib`).
e0109-size = { $unit ->
        [mib] { $whole }.{ $tenth } MiB
       *[kib] { $whole } KiB
    }
e0109-too-many-aliases = { $source ->
        [front-matter] the front matter has more than { $limit } YAML { $limit ->
            [one] alias
           *[other] aliases
        } (`*name`)
       *[file] `{ $file }` has more than { $limit } YAML { $limit ->
            [one] alias
           *[other] aliases
        } (`*name`)
    }
    .note = each alias repeats the value of its anchor (`&name`), so a file of this size may have at most that many
    .hint = write the values out instead of repeating them with aliases
e0109-too-deep = { $source ->
        [front-matter] the front matter nests lists and mappings more than { $depth } levels deep
       *[file] `{ $file }` nests lists and mappings more than { $depth } levels deep
    }
    .hint = no value of a portal nests that deep: check the brackets `[`, `{"{"}` and the indentation
e0105-not-a-date = `{ $key }` is not a valid date: `{ $text }`
    .hint = write dates as YYYY-MM-DD, e.g. `2021-07-01`

## Pages (load/pages.rs).

e0202-name-not-in-url = `{ $segment }` in `{ $path }` cannot be used in a URL
    .hint = rename it to lowercase letters a-z, digits, `-` and `_`, e.g. `{ $slug }`

## Agreement documents (load/agreements.rs).

e0202-not-an-agreement-path = `{ $path }` is not where agreement documents go
    .hint = agreement documents are `agreements/<id>/<version>.md`, e.g. `agreements/driftsavtal/1.0.md`
e0202-document-id-not-in-url = document id `{ $id }` cannot be used in a URL
    .hint = rename the folder to lowercase letters a-z, digits, `-` and `_`, e.g. `{ $slug }`
e0108-name-not-a-version = file name `{ $name }` is not a version number
    .hint = name each version file after its version, e.g. `1.0.md` or `2.1.md`
e0108-version-does-not-match = `version: { $declared }` does not match the file name `{ $version }.md`
    .hint = the file name is the version: write `version: "{ $version }"` or rename the file
e0108-same-version = versions `{ $first }` and `{ $second }` are the same version
    .note = also `{ $path }`
    .hint = remove or renumber one of the files

## The versions of a document (load/versions.rs).

w0403-identical-version = version { $version } is identical to { $previous }
    .note = its text, title, parties, documents and aliases are those of `{ $previous_path }`; readers would see a new version that changes nothing
    .hint = make the changes this version is for, or remove `{ $path }`
# `$comment`: `empty` when the key is there without a value, `missing` when it is not there.
w0404-no-comment = { $comment ->
        [empty] version { $version } has an empty `comment`
       *[missing] version { $version } has no `comment`
    }
    .note = the revision history shows the comment of every version: what changed since { $previous } and why
    .hint = say what changed, with the sections concerned, e.g. `comment: Ny eskaleringsordning (11.1)`
# `$version` (valid from `$valid_from`) is higher than `$overtaken` (in `$overtaken_path`),
# which is to apply from `$overtaken_from`, a day no earlier.
w0405-overtakes = version { $version }, valid from { $valid_from }, overtakes { $overtaken } before it applies
    .note = { $overtaken } is to apply from { $overtaken_from }, but from { $valid_from } the higher version { $version } is in force, so { $overtaken } never will be and its changes are never shown as in force
    .hint = give version { $version } a `valid_from` after { $overtaken_from } (a version copied from { $overtaken } keeps its changes), or remove `{ $overtaken_path }` if it is not to apply

## Operations notices (load/notices.rs).

e0605-maintenance-without-end = planned maintenance has no `end`
    .hint = a maintenance window is announced with its end: add `end:` with the time it is over
e0602-unknown-kind = unknown notice kind `{ $kind }`
e0602-did-you-mean = did you mean `{ $near }`? Kinds: { $kinds }
e0602-use-one-of = use one of: { $kinds }
e0603-unknown-environment = unknown environment `{ $name }`
e0603-did-you-mean = did you mean `{ $near }`? Environments: produktion, test
e0603-use-one-of = use `produktion` or `test`
e0103-no-environments = `environments` is empty
    .hint = name the affected environments: `[produktion]`, `[test]` or both
e0601-before-start = `{ $key }: { $text }` is before `start: { $start }`
    .hint = `{ $key }` must be at or after `start`; check the date, the time and the offset
e0604-no-offset = `{ $key }: { $text }` has no time zone offset
    .hint = write the offset so the time is unambiguous, e.g. `{ $example }+01:00` in winter or `+02:00` in summer
e0105-not-a-time = `{ $key }` is not a valid time: `{ $text }`
    .hint = write times as RFC 3339 with an offset, e.g. `2021-09-12T06:00:00+02:00`
w0601-placeholder = the notice still has the placeholder text of `infoportal new notice`
    .note = readers would see "{ $placeholder } …"
    .hint = replace the line with what readers need to know: what is affected, what they should do and when they hear more

## The personal-data list (load/datalist.rs). `$entry` is `provider` or `data-type`.

e0702-bad-org-number = { $problem ->
        [check-digit] organisation number `{ $number }` has the wrong check digit (the last digit)
       *[shape] organisation number `{ $number }` must be written NNNNNN-NNNN, ten digits with a hyphen after the sixth
    }
    .hint = copy the number from the organisation's own documents, e.g. `202100-5521`
e0703-until-before-since = `until` ({ $until }) is before `since` ({ $since })
    .hint = `until` is the last date the data type is supplied; it cannot be before `since`
e0701-id-used-twice = id `{ $id }` is used twice
    .note = first used at line { $line }
    .hint = every provider and data type needs its own id
e0103-entry-without-key = { $entry ->
        [provider] the provider has no `{ $key }`
       *[data-type] the data type has no `{ $key }`
    }
    .hint = { $entry ->
        [provider] add `{ $key }:` to this provider
       *[data-type] add `{ $key }:` to this data type
    }

## Files that are not read (load/walk.rs).

e0106-not-utf8 = the file is not valid UTF-8 text
    .hint = save the file as UTF-8 (most editors offer it under "Save with encoding")

w0201-not-published = { $why ->
        [hidden] `{ $path }` is hidden (its name starts with `.`) and is not published
        [link] `{ $path }` is a symbolic link and is not published
       *[special] `{ $path }` is not a regular file and is not published
    }
    .hint = { $why ->
        [hidden] rename it without the leading `.` to publish it, or move it out of the portal folder
        [link] put the file or folder itself here instead of a link to it
       *[special] remove it, or put a regular file in its place
    }

## portal.yaml (load/config.rs). `$file` is `portal.yaml`.

# `$top`: `list` when the file holds a list (`- title: …`), `value` when it holds one value.
e0104-not-settings = { $top ->
        [list] `{ $file }` is a list, but it must hold settings, one `key: value` per line
       *[value] `{ $file }` holds a single value, but it must hold settings, one `key: value` per line
    }
    .hint = { $top ->
        [list] remove the `- ` before each setting, e.g. `title: Informationsportal`
       *[value] write each setting as `key: value`, e.g. `title: Informationsportal` and `base_url: https://www.example.se/`
    }
# `$problem` is what is wrong with the address: `e0104-base-url` or `e0104-base-url-invalid`.
e0104-invalid-base-url = invalid `base_url`: { $problem }
    .hint = write the published address, e.g. `https://www.example.se/ssbtek/`
e0104-base-url-from-flag = the value comes from `--base-url`
# What is wrong with the address `$text` (model/config.rs); also said of `--base-url`.
e0104-base-url = { $problem ->
        [not-absolute] `{ $text }` is not an absolute URL
        [bad-port] `{ $text }` has an invalid port; a port is 1 to 65535
        [port-zero] `{ $text }` has port 0; a port is 1 to 65535
        [scheme] `{ $text }` must start with `https://` or `http://`
        [credentials] `{ $text }` must not contain a user name or password
        [query] `{ $text }` must not contain a query (`?…`) or a fragment (`#…`)
        [percent] `{ $text }` has a `%` that is not followed by two hex digits; write `%25` for a `%`
       *[no-host] `{ $text }` has no host name
    }
# The URL standard cannot read `$text`. `$error`: `empty-host`, `domain` (a host name
# with a character it cannot have), `ip` (an IPv4 or IPv6 address it cannot read) or
# `other`; `$detail` is the same in the words of the `url` crate (English).
e0104-base-url-invalid = `{ $text }` is not a valid URL: { $error ->
        [empty-host] empty host
       *[other] { $detail }
    }
e0104-unknown-timezone = unknown time zone `{ $name }` in `timezone`
    .hint = use an IANA time zone name such as `Europe/Stockholm`
e0104-bad-theme-name = invalid theme name `{ $name }`
    .hint = a theme is a folder name under `themes/`: lowercase letters a-z, digits, `-` and `_`
# A link of `portal.yaml`: `$key` is `menu` for an entry of `menu` or `footer_menu`,
# else the key (`contact`, `accessibility_statement`); `$path` is what it links to.
e0104-menu-path-not-absolute = { $key ->
        [menu] menu path
       *[other] { $key }
    } `{ $path }` must start with `/`
    .hint = write the site path of the page, e.g. { $key ->
        [contact] `/kontakt/` or `mailto:info@example.se`
        [accessibility_statement] `/tillganglighetsredogorelse/`
       *[menu] `/anslutning/`
    }
e0308-unsafe-menu-link = unsafe { $key ->
        [menu] menu path
       *[other] { $key }
    } `{ $path }`: the scheme `{ $scheme }:` is not allowed
    .hint = write the site path of a page, e.g. { $key ->
        [contact] `/kontakt/` or `mailto:info@example.se`
        [accessibility_statement] `/tillganglighetsredogorelse/`
       *[menu] `/anslutning/`
    }

## The portal folder (load/mod.rs). `$dir` is `content` or `agreements`.

e0203-not-a-folder = `{ $dir }` is a file, but it must be a folder: nothing in it is published
    .hint = rename or remove the file `{ $dir }`, and put the portal's files in a folder named `{ $dir }`

## A content page's file read again when the page is rendered (render/mod.rs).

e0204-changed-while-building = the file changed, or could no longer be read, while the site was being built
    .hint = build again once nothing writes to the file; if this happens in CI, make sure no other step changes the sources during the build

## A run that cannot start (load/config.rs): not a diagnostic, so no code.

config-not-found = `{ $path }` not found: run infoportal in a portal folder or pass `--root DIR`

## A value of the wrong kind (load/yaml/mod.rs), shown inside `e0104-wrong-type`.
## `$path`: the key, such as `menu[0].path`, or `none` at the top; `$expected`: what
## the key takes (`integer`, `number`, `boolean`, `list`, `text`, `mapping`, else
## `other` with serde_yaml's words in `$expected_words`); `$found`: what was written
## (`text` with `$value`, `number`, `boolean`, `list`, `mapping`, `empty`, `other`).

e0104-wrong-kind = { $path ->
        [none] the value
       *[other] `{ $path }`
    } must be { $expected ->
        [integer] a whole number
        [number] a number
        [boolean] `true` or `false`
        [list] a list, one `- value` a line
        [text] text
        [mapping] keys with values, one `key: value` a line
       *[other] { $expected_words }
    }, not { $found ->
        [text] the text `{ $value }`
        [number] a number
        [boolean] `true` or `false`
        [list] a list
        [mapping] keys with values
        [empty] empty
       *[other] what is written
    }

## A YAML syntax error (load/yaml/mod.rs `syntax_kind`), shown inside `e0101-invalid-yaml`.
## `$problem` is the kind read from libyaml's words; `$message` those words, for `other`.

e0101-yaml-syntax = { $problem ->
        [colon] a value contains `: `, or a line is indented under a value; put a value with `: ` in quotes, e.g. `title: "Avtal: bilaga 1"`, and line up the keys of one level under each other
        [quote] a quotation mark is never closed; end the value with the same mark it starts with
        [bracket] a `[` or `{"{"}` is never closed; close it on the same line, or write the list with one `- value` a line
        [reserved] a value starts with a character YAML reserves (such as `@`, `` ` `` or `%`); put the value in quotes
        [tab] a tab where YAML needs spaces; indent with spaces
        [indent] a line is not indented like the lines around it, or lacks its `key: `; line up keys of one level under each other
        [alias] `*name` refers to no `&name`; put a value starting with `*` in quotes
       *[other] { $message }
    }
