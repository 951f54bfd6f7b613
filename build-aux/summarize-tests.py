#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Prints 'N passed, N failed, N skipped' for meson testlog.json files, the
closing line CI reads (meson's own summary is not one). Exits 1 on failures."""

import json
import sys

passed = failed = skipped = 0
for path in sys.argv[1:]:
    with open(path, encoding='utf-8') as f:
        for line in f:
            if not line.strip():
                continue
            result = json.loads(line)['result']
            if result in ('OK', 'EXPECTEDFAIL'):
                passed += 1
            elif result == 'SKIP':
                skipped += 1
            else:
                failed += 1
print(f'{passed} passed, {failed} failed, {skipped} skipped')
sys.exit(1 if failed or passed == 0 else 0)
