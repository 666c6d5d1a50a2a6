"""The JSON files the browser tools read: salary tables, the program index, the Matcher's facets."""
