/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What every sandbox fuzz target shares. */
#include <glib.h>

int LLVMFuzzerInitialize (int *argc, char ***argv);

/* A critical warning is a bug found, as in the sandbox's own tests. */
int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}
