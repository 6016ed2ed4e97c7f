# English messages: the portal as a whole: analyze/ (routes, hierarchy, menus, review, schedule).
#
# See util/i18n.rs. Message ids start with the diagnostic's code in lowercase (`e0111-…`).

w0102-due-for-review = `{ $title }` was due for review on { $due }
    .note = { $reviewed ->
        [none] the build's date is { $today }
       *[other] last reviewed { $reviewed }, the build's date is { $today }
    }
    .hint = check the page against the service as it is now, then set `reviewed:` to today and `review_by:` to the next check

## The menus of portal.yaml (analyze/menus.rs).

e0303-not-a-page = { $key ->
        [menu] menu entry `{ $path }`
       *[other] `{ $key }` `{ $path }`
    } is not a published page
e0303-add-slash = write `{ $path }`
e0303-use-site-path = use the site path of a page, e.g. `/anslutning/` for `content/anslutning/_index.md`

## The hierarchy as upcoming versions will make it (analyze/hierarchy/future.rs): on
## `$date`, version `$version` of `$title` takes effect and brings the problem.

w0402-not-in-force = from { $date }, when { $title } { $version } takes effect, `{ $id }` is listed but has no version in force
    .hint = publish a version of `{ $id }` that applies by { $date }, or list it only in a version of the agreement that applies when it does
w0402-cycle = from { $date }, when { $title } { $version } takes effect, the document hierarchy has a cycle: { $cycle }
    .hint = an agreement cannot be one of its own documents, directly or through another agreement; remove one of the entries
w0402-orphan = from { $date }, when { $title } { $version } takes effect, `{ $id }` belongs to no agreement
    .hint = keep `{ $id }` in the `documents:` list of an agreement version that applies from { $date }

## The footer a Swedish public-sector site must have (analyze/menus.rs).

w0103-footer-lacks = the footer lacks { $whats }, which a Swedish public-sector site must show on every page
    .note = the accessibility statement is required by lagen (2018:1937) om tillgänglighet till digital offentlig service; `contact` and `accessibility_statement` take a site path or a web address, `contact` also `mailto:` or `tel:`
w0103-what = { $key ->
        [accessibility_statement] an accessibility statement (`accessibility_statement`)
        [contact] contact details (`contact`)
       *[publisher] who runs the site (`publisher`)
    }
w0103-example-line = { $key ->
        [accessibility_statement] `accessibility_statement: /tillganglighetsredogorelse/`
        [contact] `contact: /kontakt/`
       *[publisher] `publisher: Myndighetens namn`
    }
w0103-add-keys = add to `portal.yaml`: { $lines }
