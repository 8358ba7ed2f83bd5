"""How many examples the property tests run.

Each property test asks for ``examples(n)``: ``n`` normally, so the suite stays fast,
and ``n`` times ``FACTLINT_EXAMPLES_SCALE`` when that is set, to hunt for crashes:

    FACTLINT_EXAMPLES_SCALE=20 pytest tests/extract/test_quantity_properties.py \\
        tests/extract/test_claim_properties.py tests/ingest/test_ingest_properties.py \\
        --hypothesis-show-statistics
"""

from __future__ import annotations

import os


def scale() -> float:
    try:
        return max(0.01, float(os.environ.get("FACTLINT_EXAMPLES_SCALE", "1")))
    except ValueError:
        return 1.0


def examples(n: int) -> int:
    return max(1, round(n * scale()))
