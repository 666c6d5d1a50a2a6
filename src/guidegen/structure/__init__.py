"""The site's structure: where pages live, cross-references, and one typed context per page."""
