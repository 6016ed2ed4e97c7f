# English messages: the command line, the summary line, serve and new: main.rs, cli.rs, serve/, new.rs, emit/.
#
# See util/i18n.rs. Message ids start with the diagnostic's code in lowercase (`e0111-…`);
# texts that are not diagnostics have ids without a code (`summary`, `serve-page-title`).

## The words of every report (util/diag.rs, util/diag/excerpt.rs, util/diag/ci.rs).

# Before a diagnostic's code: `error[E0301]`, `warning[W0101]`.
severity = { $severity ->
        [error] error
       *[warning] warning
    }
# Before a diagnostic's notes and hint: `= note: …`, `= hint: …`.
label-note = note
label-hint = hint
# The count after the diagnostics, and the summary in CI: `2 errors, 1 warning`.
counts = { $errors ->
        [0] { $warnings ->
            [one] { $warnings } warning
           *[other] { $warnings } warnings
        }
        [one] { $errors } error{ $warnings ->
            [0] {""}
            [one] , { $warnings } warning
           *[other] , { $warnings } warnings
        }
       *[other] { $errors } errors{ $warnings ->
            [0] {""}
            [one] , { $warnings } warning
           *[other] , { $warnings } warnings
        }
    }
# Said after the counts in GitHub's summary when GitHub shows only some annotations.
github-limit = GitHub shows the first { $limit } errors and { $limit } warnings as annotations: the step's log lists all
# The last note of a warning that `--strict` reports as an error.
strict-promoted = a warning, made an error by `--strict`

## What `build`, `check` and `next-change` print (main.rs).

# A usage or I/O error that stops the run (exit code 2).
run-error = error: { $error }
# The last line of `build` and `check`: `$action` is `built` or `checked`; `$when` is
# `none` or the next moment the site changes by time alone, `$what` why.
summary = { $action ->
        [built] Built
       *[checked] Checked
    } { $pages ->
        [one] { $pages } page
       *[other] { $pages } pages
    } in { $ms } ms{ $when ->
        [none] {""}
       *[other] ; next change { $when } ({ $what })
    }
next-change-none = No change scheduled
next-change-at = Next change { $when } ({ $exact }):

## `serve`: the lines it prints (main.rs) and its pages (serve/server.rs).

serve-serving = Serving { $url } (Ctrl-C to stop)
serve-listening = note: listening on { $address }: other machines on the network can see the preview; open it by IP address (names other than localhost are refused)
# What set a rebuild off: `$changes` files changed, the one being `$file`.
serve-after = { $changes ->
        [0] {""}
        [1] {" "}after a change to { $file }
       *[other] {" "}after changes to { $changes } files
    }
serve-build-failed = Build failed{ $after }: the browser shows the errors; the last good site is kept
serve-built = { $pages ->
        [one] Updated 1 page in { $ms } ms{ $after }
       *[other] Built { $pages } pages in { $ms } ms{ $after }
    }
serve-forbidden = This preview answers only to localhost and IP addresses, so that other web sites cannot read it through a domain name of their own. Open it at the address `infoportal serve` printed.
serve-not-built = The site has not been built yet.
# The page shown instead of the site while the sources have errors.
serve-page-title = The site could not be built
serve-page-intro = Correct the errors below in the files and save again. The page reloads by itself when you save, and the site is shown again once the errors are corrected.
serve-page-counts = { $warnings ->
        [0] { $errors ->
            [one] { $errors } error.
           *[other] { $errors } errors.
        }
       *[other] { $errors ->
            [0] { $warnings ->
                [one] { $warnings } warning.
               *[other] { $warnings } warnings.
            }
            [one] { $errors } error and { $warnings ->
                [one] { $warnings } warning
               *[other] { $warnings } warnings
            }. The error must be corrected; the warnings do not stop the build.
           *[other] { $errors } errors and { $warnings ->
                [one] { $warnings } warning
               *[other] { $warnings } warnings
            }. The errors must be corrected; the warnings do not stop the build.
        }
    }
serve-page-severity = { $severity ->
        [error] Error
       *[warning] Warning
    }
serve-page-open = Open in VS Code
serve-page-note = Note:
serve-page-hint = To fix it:

e0001-cannot-build = the portal cannot be built: { $error }
    .hint = restore the file or folder named; the preview comes back on the next save

## `infoportal new` (new.rs).

new-exists = `{ $path }` already exists; infoportal new never overwrites a file
# `$problem` is the first problem, as `check` prints it.
new-config-has-errors = { $file } has errors; run `infoportal check` first: { $problem }
new-document-has-errors = `{ $id }` has errors; run `infoportal check` first: { $problem }
new-needs-end = planned maintenance needs `--end`: a maintenance window is announced with its end
new-end-before-start = `--end` is before `--start`
# A time of `--start` or `--end` (`$flag`) without an offset that the clocks skip or
# show twice in the portal's time zone `$zone`; `$before` and `$after` are the offsets.
new-time-skipped = `{ $flag } { $local }` does not exist in { $zone }: the clocks go forward that night, from { $before } to { $after }, and skip it; write the time with an offset, e.g. `{ $same }`
new-time-twice = `{ $flag } { $local }` is ambiguous in { $zone }: the clocks go back that night and show it twice, first at { $before } and then at { $after }; write the offset you mean: `{ $first }` or `{ $second }`
new-portal-zone = the portal's time zone
new-page-path-empty = give the page's path under content/, e.g. `anslutning/testmiljo`
new-page-bad-name = `{ $segment }` cannot be used in a URL; use lowercase letters a-z, digits, `-` and `_`, e.g. `{ $slug }`
new-no-document = there is no agreement document `{ $id }` (no folder `{ $folder }`)
new-no-versions = `{ $id }` has no version files to copy
# `$files` are the drafts, `$count` how many.
new-drafts-pending = { $files } { $count ->
        [one] is already a draft
       *[other] are already drafts
    } of the next version of `{ $id }`: edit it and preview it with `--drafts`, or pass `--force` to create { $next } beside it

## The output folder a build replaces (emit/output.rs, emit/output/guard.rs). `$out` is
## the folder as given, with where it leads when that differs (`output-leads-to`).

output-as-given = `{ $out }`
output-leads-to = `{ $out }` (which leads to `{ $resolved }`)
output-holds-portal = refusing to write the site to { $out }: it holds the portal `{ $root }`, which the build would delete; choose a folder for the output alone, such as `public`
output-is-source = refusing to write the site to { $out }: it is the portal's `{ $dir }/` folder, which the build would delete; choose a folder for the output alone, such as `public`
output-inside-source = refusing to write the site to { $out }: it is inside `{ $dir }/`, so the next build would read it and publish the output again; choose a folder outside `agreements/`, `content/` and `themes/`, such as `public`
output-holds-source = refusing to write the site to { $out }: it holds the portal's `{ $dir }/` (`{ $source }`), which the build would delete; choose a folder for the output alone, such as `public`
output-not-folder = output { $out } exists and is not a folder; choose a folder with `--out`
output-not-ours = refusing to replace { $out }: it is not empty and not an output of infoportal (it has no `{ $marker }` file), so the build would delete files that may be yours; choose a new or empty folder, or delete it yourself if it really is an old output
output-dangling-link = `{ $link }` is a symbolic link to `{ $target }`, which does not exist; create the folder it points to or choose another output
output-no-name = output folder `{ $out }` has no name
