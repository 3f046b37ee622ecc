"""Talenta: an open system for the development of Indonesia's civil servants (ASN)."""

__version__ = "0.1.0"
