"""Printable documents: the supervision letters as PDF and DOCX, and their default wording."""
