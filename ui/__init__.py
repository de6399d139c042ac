"""Crosscheck's Gradio web UI: a thin layer over checker.Checker."""
