#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Prints 'N passed, N failed, N skipped' for meson testlog.json files, the
closing line CI reads (meson's own summary is not one). Each test that did not
pass is named above it with the log it came from and the tail of its output,
so a red CI says why without the full logs. Exits 1 on failures."""

import json
import sys

passed = failed = skipped = 0
for path in sys.argv[1:]:
    try:
        f = open(path, encoding='utf-8')
    except OSError as error:
        print(f'{path}: {error.strerror}: that run did not finish', file=sys.stderr)
        failed += 1
        continue
    with f:
        for line in f:
            if not line.strip():
                continue
            test = json.loads(line)
            result = test['result']
            if result in ('OK', 'EXPECTEDFAIL'):
                passed += 1
            elif result == 'SKIP':
                skipped += 1
            else:
                failed += 1
                output = (test.get('stdout') or '') + (test.get('stderr') or '')
                tail = '\n    '.join(output.strip().splitlines()[-15:])
                print(f'{result}: {test["name"]} ({path}, {test.get("duration", 0):.1f} s)\n'
                      f'    {tail}', file=sys.stderr)
print(f'{passed} passed, {failed} failed, {skipped} skipped')
sys.exit(1 if failed or passed == 0 else 0)
