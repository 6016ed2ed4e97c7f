# English messages: links, fragments and section references: render/links.rs, verify/.
#
# See util/i18n.rs. Message ids start with the diagnostic's code in lowercase (`e0111-…`).

## Links that lead nowhere (render/links.rs). `$dest` is the link as written, cut after
## 80 characters; a hint that names the closest target is `e0301-did-you-mean`.

e0301-no-target = broken link `{ $dest }`: the link has no target
    .hint = write the target between the parentheses: `[text](target)`
e0301-did-you-mean = did you mean `{ $near }`?
e0301-no-document = broken link `{ $dest }`: there is no agreement document `{ $id }`
    .hint = the id is the folder name under `agreements/`
e0301-no-published-version = broken link `{ $dest }`: `{ $id }` has no published version
    .hint = publish a version (remove `draft: true`) or build with `--drafts`
e0301-version-is-draft = broken link `{ $dest }`: version `{ $version }` of `{ $id }` is a draft and is not published
    .hint = link to a published version, or build with `--drafts` to preview
# `$versions`: the published versions, `1.0`, `1.1`.
e0301-no-such-version = broken link `{ $dest }`: `{ $id }` has no version `{ $version }`
    .hint = published versions: { $versions }
# `$file`: the Markdown file the link names, from the portal folder.
e0301-no-such-file = broken link `{ $dest }`: `{ $file }` does not exist
    .hint = check the file name; links to pages are relative to this file
e0301-file-is-draft = broken link `{ $dest }`: `{ $file }` is a draft and is not published
    .hint = publish it (remove `draft: true`) or build with `--drafts` to preview
# `$date`: when the notice is published, `2027-01-20 08:00`.
e0301-file-is-scheduled = broken link `{ $dest }`: `{ $file }` is a notice published only from { $date }
    .hint = link to it from { $date } on, or give it an earlier `published` time
# `$path`: the path on the site the link leads to.
e0301-nothing-at-path = broken link `{ $dest }`: no page or file is published at `{ $path }`
    .hint = check the path; a page's path is the path of its Markdown file under `content/`, without `.md`
# `$source`: the Markdown file of the page at `$with_slash`, as a link from this file
# reaches it, or `none` when the link is in that file itself.
e0301-add-slash = { $source ->
        [none] write `{ $with_slash }` with a trailing slash
       *[other] write `{ $with_slash }` with a trailing slash, or link to its Markdown file: `{ $source }`
    }
# `$path`: the page nearest to the path written; `$source`: its Markdown file, as a link
# from this file reaches it.
e0301-near-page = did you mean `{ $path }`? Or link to its Markdown file: `{ $source }`
e0301-page-is-draft = broken link `{ $dest }`: `{ $path }` is the page of `{ $file }`, which is a draft
    .hint = publish it (remove `draft: true`) or build with `--drafts` to preview
e0301-page-is-scheduled = broken link `{ $dest }`: `{ $path }` is the page of `{ $file }`, a notice published only from { $date }
    .hint = link to it from { $date } on, or give it an earlier `published` time

## Links the site does not publish (render/links.rs).

e0308-external-image = external image `{ $dest }`: the site's Content-Security-Policy only lets pages show images from the site itself
    .hint = copy the image under `content/` and link it by its path, e.g. `![Karta](karta.png)`
# `$kind`: `link` or `image`; `$scheme`: what the address starts with, `javascript`.
# `$advice`: `image` for an image, `file` for `data:` and `file:` links, `other` else.
e0308-unsafe-scheme = { $kind ->
        [image] unsafe image
       *[link] unsafe link
    } `{ $dest }`: the scheme `{ $scheme }:` is not allowed
    .hint = { $advice ->
        [image] copy the image under `content/` and link it by its path, e.g. `![Karta](karta.png)`
        [file] copy the file under `content/` and link it by its path, e.g. `[Blankett](blankett.pdf)`
       *[other] links may use `https:`, `http:`, `mailto:` and `tel:`; link to the portal's own pages by their path or with `avtal:`
    }
# `$root`: `site` for a path on the site, `portal` for a Markdown file.
e0309-above-root = broken link `{ $dest }`: it climbs above { $root ->
        [site] the site's root
       *[portal] the portal folder
    }
    .hint = check the number of `../`, or write the path from the site root, starting with `/`

## Fragments, checked on the rendered pages (verify/fragments.rs, verify/fragments/future.rs).
## `$path` is the page the link leads to, `$fragment` the part after `#`.

e0302-no-fragment = broken link `{ $dest }`: `{ $path }` has no `#{ $fragment }`
    .hint = link to a heading's id: headings get ids from their text, or `{"{"}#id{"}"}` after the heading
e0302-did-you-mean = did you mean `#{ $near }`?
# On `$date` version `$version` of `$title` takes effect and the page shows it;
# `$pinned` is the same link to the version shown today.
w0303-gone-later = from { $date }, when { $title } { $version } takes effect, `{ $dest }` no longer exists
    .note = `{ $path }` will show version { $version }, which has no `#{ $fragment }`
    .hint = link to the section's id in version { $version }, link to the version meant (`{ $pinned }`), or keep `#{ $fragment }` in version { $version }
# A link to a term on the glossary page `$path`: from `$date` no version in force
# defines `$term`; `$pinned` links its definition in the version
# that defines it today.
w0303-term-gone-later = from { $date }, when { $title } { $version } takes effect, `{ $dest }` no longer exists
    .note = `{ $path }` lists the terms of the versions in force, and from then on none defines “{ $term }”
    .hint = link to the definition in the version meant (`{ $pinned }`), or keep “{ $term }” in version { $version }

## Notices scheduled for later publication (verify/scheduled.rs): a problem of the page
## of a notice held back until `$date` (its `published` time, `YYYY-MM-DD HH:MM`),
## titled `$title`. `$problem` is the problem's own message; `$code` and `$severity`
## (`error` or `warning`) what it will be once the notice is published.
w0304-when-published = from { $date }, when the notice “{ $title }” is published, { $problem }
    .note = the notice is not published until then; from then on this is { $severity ->
        [error] an error ({ $code }) that stops every build
       *[other] a warning ({ $code })
    }

## Links between the rendered pages of agreements and their documents (verify/hierarchy.rs).
## `$page` is the page that lacks the link.

e0405-no-link-to-document = the page of agreement `{ $agreement }` does not link to its document `{ $document }` (handling { $position })
    .note = rendered page: { $page }
    .hint = the template must link every document of `page.document.documents`
e0406-no-link-to-agreement = the page of `{ $document }` does not link back to agreement `{ $agreement }`, which lists it
    .note = rendered page: { $page }
    .hint = the template must link every agreement of `page.document.part_of`

## Notes on the error of a file that failed to load, about what follows from it
## (verify/cascades.rs): links to it (E0301, E0302, W0303), menu entries for it (E0303),
## Handlingsförteckning entries naming it (E0401, E0402) and documents left in no
## agreement (W0401) are not reported one by one. `$what` is what the file is: `page`,
## `notice`, `document` or `list`; `$places` the first few places, `file:line`, and
## `$more` how many more there are (0 for none).

# `$pages`: how many pages link; `$links`: how many links they have, 0 when one each.
e0301-cascade-links = { $pages ->
        [one] { $pages } page links
       *[other] { $pages } pages link
    } to this { $what }{ $links ->
        [0] {""}
       *[other] {" "}({ $links } links)
    }, not reported separately: { $places }{ $more ->
        [0] {""}
       *[other] {" "}and { $more } more
    }
e0303-cascade-menus = { $entries ->
        [one] { $entries } menu entry links
       *[other] { $entries } menu entries link
    } to this { $what }, not reported separately: { $places }{ $more ->
        [0] {""}
       *[other] {" "}and { $more } more
    }
e0401-cascade-listings = { $entries ->
        [one] { $entries } entry lists
       *[other] { $entries } entries list
    } this { $what } in a Handlingsförteckning, not reported separately: { $places }{ $more ->
        [0] {""}
       *[other] {" "}and { $more } more
    }
# `$places` are document ids here.
w0401-cascade-unlisted = until this file loads, documents that no agreement lists are not reported: { $places }{ $more ->
        [0] {""}
       *[other] {" "}and { $more } more
    }
