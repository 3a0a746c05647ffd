"""Figures and sentences derived from query results without Streamlit: summaries, narrative, the rules of subsidies and trading, project look-ups."""
