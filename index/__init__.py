"""Crosscheck's evidence index: ingest, chunk, embed, FAISS + SQLite, search."""
