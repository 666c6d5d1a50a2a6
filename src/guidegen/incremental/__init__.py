"""Incremental building: the cache, page keys, output planning, the up-to-date check, parallel rendering.

The pipeline does not need to be read through this folder to be understood: the phases
are pure functions of their inputs, and ask earlier builds one question through
`guidegen.memo.Memo` ("what did this make before, from the same input?"), which
cache.BuildCache answers.

"Has it changed?" is answered by digests: a page is rendered again only when its key
(keys.py: the digest of its context, the templates it uses, site.yaml and the build date)
changes. Stats only ever decide when a file need not be read again: the up-to-date check
(uptodate.py) and a server's texts (cache.BuildCache.read), both trusting a stat only when
it is older than the clock's granularity. One fingerprint of the code (fingerprint.py)
invalidates both the cache and the up-to-date snapshot.

  fingerprint.py  guidegen's files, the Python, and the libraries that shape output
  cache.py        .guidegen-cache/: parsed sources, recalled analyses, page scans, output state
  converted.py    each page's converted Markdown, in shards, for renders that change no text
  words.py        each Markdown body's words for the search records, in shards, by its digest
  reuse.py        Memo.reuse: pages a server's plan makes again from the very same objects
  keys.py         one key per page, derived from what the page's context holds
  plan.py         which output files a build renders, takes unchanged or deletes
  parallel.py     rendering in forked workers (never forked while another thread runs)
  uptodate.py     `guidegen build` with nothing to do, answered before loading the rest

Plugging in, without editing this folder:
- A new content kind or source format (CSV or JSON programs, say): read it in the read
  phase through the memo (memo.parse), and put the objects in the context of the pages that
  show them. Page keys digest whatever a context holds, field by field (dataclasses and
  pydantic models), and a content object the cache parsed counts by its source's digest.
  Its origins (content.site.Origin) are what the cache slims and restores; a file of many
  records gives each an `identity()` and a `content()`, so that an edit changes only that
  record's pages. A large file can be read in parts (memo.parse(part=...), as a YAML catalog
  is): each part is remembered under a name of its own, with whatever else it depends on
  (where it starts in the file) as its variant.
- A new page kind or data file: add its context class and plan it; nothing is listed for
  the cache. A data file is `DataFile(make=f, args=...)`: its key is the digest of args.
- Work worth remembering (a template check, image analysis): `memo.recall(kind, name,
  text, make)` keyed on the input's text; for binary input, put its digest in `text`.
  Work done while rendering, in the workers (converting Markdown), is reported back with
  each page's result and kept per page (converted.py).
- Templates or static files from another place (a theme in the package, overridden by the
  site's): the renderer digests every template it checks, and static files are keyed on
  their bytes; a folder outside the project that a build reads must also be in the code
  fingerprint (files in the package are) or in uptodate.INPUT_FOLDERS.
"""
