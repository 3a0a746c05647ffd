"""The static public site: every public view as static pages in Chinese and English, their figures shipped beside them
as small JSON documents, published from the public warehouse alone (`python -m sinkboard publish`)."""
