"""mtcheck: find the damage machine translation leaves in English news articles.

    import mtcheck
    results = mtcheck.scan(["articles/"])        # one DocumentResult per article
    result = mtcheck.check_text("Voldimi Zelensky met the press on Monday.")
    print(result.verdict, [(f.code, f.text, f.suggestions) for f in result.findings])

Both read the config file found upward from the working directory (or
``config_file=``) and take its settings as keywords (``fail_on="warning"``,
``accepted_names=["Zelenskyy"]``), and apply the policy as `mtcheck scan`
does. ``mtcheck.session`` opens a session to scan many times with one
model; ``mtcheck.scanner.Scanner`` is the engine without policy.
"""

from __future__ import annotations

from mtcheck.version import __version__

__all__ = ["__version__", "check_text", "scan"]


def scan(paths, config_file=None, **settings):
    """Scan files, directories and JSONL files; one result per document."""
    from mtcheck.session import scan as scan_paths  # imported here: `import mtcheck` stays light

    return scan_paths(paths, config_file, **settings)


def check_text(text, input_format="txt", config_file=None, **settings):
    """Check one article held in memory (``input_format``: txt, md or html)."""
    from mtcheck.session import check_text as check

    return check(text, input_format, config_file, **settings)
