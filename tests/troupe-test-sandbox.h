/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A real troupe-sandbox on loopback for one test: its own data folder, a
 * fresh API key, a port the sandbox chose. Extra arguments (fault
 * injection, --demo) are passed through. */
typedef struct
{
  GSubprocess *process;
  char        *base_url;
  char        *api_key;
  char        *data_dir;
  guint16      port;
} TroupeTestSandbox;

TroupeTestSandbox *troupe_test_sandbox_start (const char * const *extra_args);
/* The same, spawned by `launcher` (its environment, a child setup). */
TroupeTestSandbox *troupe_test_sandbox_start_with (GSubprocessLauncher *launcher,
                                                   const char * const  *extra_args);
void               troupe_test_sandbox_stop  (TroupeTestSandbox  *sandbox);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TroupeTestSandbox, troupe_test_sandbox_stop)

G_END_DECLS
