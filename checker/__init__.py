"""Crosscheck: claims → evidence → NLI → verdicts."""
