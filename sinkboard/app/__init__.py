"""The Streamlit side: widgets, the sidebar, the list of pages, address parameters, and the server."""
