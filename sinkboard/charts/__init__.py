"""Charts as pure functions: a DataFrame in, an Altair chart or a pydeck Deck out, for the page, the PNG and the slides.

One module per subject (progress, maps, trading, ...); pages import the one they draw from."""
