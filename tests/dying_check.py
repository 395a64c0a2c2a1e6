"""A check whose worker process dies once, for the Ray failure test.

Imported by the scan's own process (``python -c "import dying_check; ..."``),
it registers MT951; Ray ships it to the workers by value. On the first
document holding KILL_MARK it exits its process at once (no exception, no
cleanup: as an out-of-memory kill would), leaving a file behind so that the
retry, on a restarted actor, lives. It finds nothing.
"""

from __future__ import annotations

import os
from pathlib import Path

from mtcheck.checks.base import Check, Rule, register

KILL_MARK = "KILL-THE-WORKER"


@register
class DyingCheck(Check):
    name = "dying"
    rules = (Rule("MT951", "dying worker", "test", "Never reported.", "Never reported.", "None.", "None.",
                  "info"),)
    # Where the first death is recorded; set from the scan's environment when imported there.
    died_file = os.environ.get("MTCHECK_TEST_DIED_FILE", "")

    def check_document(self, document):
        if KILL_MARK in document.text and self.died_file and not Path(self.died_file).exists():
            Path(self.died_file).write_text(str(os.getpid()), encoding="utf-8")
            os._exit(1)
        return []
