#!/bin/sh
# The publishing logic of infoportal's CI definitions (github-actions.yml, gitlab-ci.yml),
# kept in one POSIX shell script so both do exactly the same thing. Copy it into the
# portal's repository as ci/publish.sh. Needs jq (and curl to fetch, rsync to upload).
#
#   publish.sh slot MINUTES [EPOCH]
#       The start of the current slot of MINUTES minutes, in UTC with offset, for
#       `--now`: 2026-12-10T17:45:00+00:00. A rerun of the same slot builds the same site.
#   publish.sh due PUBLISHED NEXT_CHANGE_JSON
#       "due" when the published site (PUBLISHED: its manifest.json, a URL or a file) was
#       built from other sources than `infoportal next-change --format json --now SLOT`
#       read (NEXT_CHANGE_JSON, a file; `sources_sha256` in both), as after a push whose
#       build or upload failed, or when its next change differs from the one worked out
#       now: a change has come since it was built (or nothing is published yet). Else
#       "not-due".
#   publish.sh decide always|if-changed PUBLISHED NEW_MANIFEST
#       "publish" or "skip": always (a push to the main branch), or only when the new
#       manifest differs from the published one (a scheduled or manual build).
#   publish.sh upload DIR DESTINATION
#       Uploads the built site with rsync, manifest.json last, so an interrupted upload
#       leaves the old manifest and the next run publishes again.
#
# Answers go to standard output, one word; reasons to standard error. Exit 0 with an
# answer, 2 on a usage error or a missing tool.

set -eu

usage() {
    echo "usage: publish.sh slot MINUTES [EPOCH] | due PUBLISHED NEXT_CHANGE_JSON |" >&2
    echo "       decide always|if-changed PUBLISHED NEW_MANIFEST | upload DIR DESTINATION" >&2
    exit 2
}

need() {
    command -v "$1" >/dev/null 2>&1 || {
        echo "publish.sh: $1 is not installed" >&2
        exit 2
    }
}

# fetch SOURCE FILE: a URL (no caches in between) or a file; fails if it cannot be had.
fetch() {
    case $1 in
    http://* | https://*)
        need curl
        curl --fail --silent --show-error --location --retry 3 \
            --header 'Cache-Control: no-cache' --output "$2" "$1"
        ;;
    *) cp "$1" "$2" ;;
    esac
}

# published SOURCE FILE: the published manifest, if there is one that is JSON.
published() {
    if fetch "$1" "$2" 2>/dev/null && jq -e 'type == "object"' "$2" >/dev/null 2>&1; then
        return 0
    fi
    echo "publish.sh: no published manifest at $1" >&2
    return 1
}

slot() {
    case ${1:-} in '' | *[!0-9]* | 0) usage ;; esac
    case ${2:-0} in *[!0-9]*) usage ;; esac
    jq -nr --argjson minutes "$1" --argjson epoch "${2:-0}" '
        (if $epoch > 0 then $epoch else now | floor end) as $t
        | ($t - $t % ($minutes * 60))
        | strftime("%Y-%m-%dT%H:%M:%S+00:00")'
}

# readable FILE: the file exists, or a usage error.
readable() {
    [ -f "$1" ] || {
        echo "publish.sh: no file $1" >&2
        exit 2
    }
}

due() {
    [ $# -eq 2 ] || usage
    readable "$2"
    tmp=$(mktemp)
    if ! published "$1" "$tmp"; then
        rm -f "$tmp"
        echo due
        return
    fi
    was=$(jq -cS '.next_change // null' "$tmp")
    was_sources=$(jq -r '.sources_sha256 // "none"' "$tmp")
    rm -f "$tmp"
    now=$(jq -cS '.next_change // null' "$2")
    now_sources=$(jq -r '.sources_sha256 // "none"' "$2")
    # Sources first: a published site that is not the one these sources make (an upload
    # that failed, a push whose build failed) is repaired by the next scheduled run.
    if [ "$was_sources" != "$now_sources" ]; then
        echo "publish.sh: the published site was built from other sources (published: $was_sources; now: $now_sources)" >&2
        echo due
    elif [ "$was" = "$now" ]; then
        echo "publish.sh: nothing has changed since it was published (next change: $was)" >&2
        echo not-due
    else
        echo "publish.sh: a change has come (published: $was; now: $now)" >&2
        echo due
    fi
}

decide() {
    [ $# -eq 3 ] || usage
    case $1 in
    always)
        echo "publish.sh: published on every push to the main branch" >&2
        echo publish
        return
        ;;
    if-changed) readable "$3" ;;
    *) usage ;;
    esac
    tmp=$(mktemp)
    if ! published "$2" "$tmp"; then
        rm -f "$tmp"
        echo publish
        return
    fi
    # The manifest holds no build time: equal manifests mean an equal site but for the
    # build time the pages show (README, "In CI"). Compared as JSON, so formatting and
    # key order do not count.
    if [ "$(jq -cS . "$tmp")" = "$(jq -cS . "$3")" ]; then
        echo "publish.sh: the new site is the published one" >&2
        echo skip
    else
        echo "publish.sh: the site changed" >&2
        echo publish
    fi
    rm -f "$tmp"
}

upload() {
    [ $# -eq 2 ] || usage
    [ -f "$1/manifest.json" ] || {
        echo "publish.sh: $1 is not a built site (no manifest.json)" >&2
        exit 2
    }
    need rsync
    rsync --recursive --links --times --checksum --delete-after \
        --exclude /manifest.json "$1/" "$2"
    rsync --times --checksum "$1/manifest.json" "$2"
}

need jq
command=${1:-}
[ $# -gt 0 ] && shift
case $command in
slot) slot "$@" ;;
due) due "$@" ;;
decide) decide "$@" ;;
upload) upload "$@" ;;
*) usage ;;
esac
