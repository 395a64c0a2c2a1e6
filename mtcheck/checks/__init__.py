"""The checks: each turns documents into paragraph scores and findings."""
