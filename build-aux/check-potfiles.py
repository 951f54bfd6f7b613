#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails when a source or UI file with translatable strings is missing from
po/POTFILES.in, when POTFILES.in is unsorted or names a missing file, and
when the .pot template does not build from it."""

import os
import re
import subprocess
import sys
import tempfile

root = sys.argv[1]
potfiles = os.path.join(root, 'po', 'POTFILES.in')

def listed():
    with open(potfiles, encoding='utf-8') as f:
        return [l.strip() for l in f if l.strip() and not l.startswith('#')]

def translatable(path):
    with open(os.path.join(root, path), encoding='utf-8', errors='replace') as f:
        text = f.read()
    if path.endswith('.ui'):
        return 'translatable="yes"' in text
    if path.endswith('.c'):
        return re.search(r'(?<![A-Za-z0-9_])(_|N_|C_|NC_|g_dngettext|ngettext)\s*\(', text) is not None
    if path.endswith(('.in', '.xml')):
        return False
    return False

def candidates():
    for sub in ('src',):
        for dirpath, _, files in os.walk(os.path.join(root, sub)):
            for name in files:
                if name.endswith(('.c', '.ui')):
                    yield os.path.relpath(os.path.join(dirpath, name), root)

errors = []
names = listed()
if names != sorted(names):
    errors.append('po/POTFILES.in is not sorted')
for name in names:
    if not os.path.exists(os.path.join(root, name)):
        errors.append(f'po/POTFILES.in names {name}, which does not exist')
# The CLI and the sandbox speak plain English to terminals and logs.
skip = ('src/cli/', 'src/sandbox/', 'src/convai/')
for path in sorted(candidates()):
    if path.startswith(skip):
        continue
    if translatable(path) and path not in names:
        errors.append(f'{path} has translatable strings but is not in po/POTFILES.in')

with tempfile.TemporaryDirectory() as tmp:
    pot = os.path.join(tmp, 'troupe.pot')
    # The same keywords as meson's 'glib' gettext preset.
    cmd = ['xgettext', '--package-name=troupe', '--from-code=UTF-8',
           '--add-comments', '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2',
           '--keyword=NC_:1c,2', '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3',
           '--keyword=g_dpgettext2:2c,3', '--flag=N_:1:pass-c-format',
           '--flag=C_:2:pass-c-format', '--flag=NC_:2:pass-c-format',
           '--flag=g_dngettext:2:pass-c-format', '--flag=g_strdup_printf:1:c-format',
           '--flag=g_string_printf:2:c-format', '--flag=g_string_append_printf:2:c-format',
           '--flag=g_error_new:3:c-format', '--flag=g_set_error:4:c-format',
           '--directory=' + root, '--files-from=' + potfiles, '-o', pot]
    result = subprocess.run(cmd, capture_output=True, text=True)
    if result.returncode != 0:
        errors.append('xgettext failed: ' + result.stderr.strip())
    elif 'msgid "Troupe"' not in open(pot, encoding='utf-8').read():
        errors.append('the .pot built but lacks the app name: POTFILES.in misses the shell')

print('1..1')
if errors:
    for e in errors:
        print('# ' + e)
    print('not ok 1 - po/POTFILES.in is complete and the .pot builds')
    sys.exit(1)
print(f'ok 1 - po/POTFILES.in lists {len(names)} files and the .pot builds')
