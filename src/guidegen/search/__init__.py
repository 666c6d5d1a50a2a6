"""Site search: what the index holds, and the Pagefind index built from it at build time."""
