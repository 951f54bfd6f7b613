/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TROUPE_TYPE_SANDBOX_LAUNCHER (troupe_sandbox_launcher_get_type ())

G_DECLARE_FINAL_TYPE (TroupeSandboxLauncher, troupe_sandbox_launcher, TROUPE, SANDBOX_LAUNCHER, GObject)

/* Runs the offline sandbox, troupe-sandbox, as a child process: loopback,
 * a port it chooses and reports on its first stdout line
 * ("READY http://127.0.0.1:PORT"), a fresh random API key per launch, data
 * in @data_dir (NULL = $XDG_DATA_HOME/troupe/sandbox). The child is
 * stopped (SIGTERM) by _stop() or when this object goes, and the kernel
 * stops it if the app dies without either.
 *
 * Signal "exited" (const char *reason): the sandbox stopped by itself
 * after it was ready. */
TroupeSandboxLauncher *troupe_sandbox_launcher_new          (const char             *data_dir);

/* Where troupe-sandbox is: $TROUPE_SANDBOX_BIN (from @envp, or the
 * process's environment when NULL), next to the running program, BINDIR,
 * then PATH. The error says how to fix it. */
char                  *troupe_sandbox_launcher_find_binary  (const char * const     *envp,
                                                             GError                **error);

/* The environment $TROUPE_SANDBOX_BIN is read from; NULL (the default) is
 * the process's. */
void                   troupe_sandbox_launcher_set_environment (TroupeSandboxLauncher *self,
                                                                const char * const    *envp);

/* How long to wait for READY; 10 s unless set. */
void                   troupe_sandbox_launcher_set_ready_timeout (TroupeSandboxLauncher *self,
                                                                  guint                  milliseconds);

/* Spawns the sandbox and completes once it is ready (or failed: the error
 * says why, with what it printed on stderr). Once per launcher. */
void                   troupe_sandbox_launcher_start_async  (TroupeSandboxLauncher  *self,
                                                             GCancellable           *cancellable,
                                                             GAsyncReadyCallback     callback,
                                                             gpointer                user_data);
gboolean               troupe_sandbox_launcher_start_finish (TroupeSandboxLauncher  *self,
                                                             GAsyncResult           *result,
                                                             GError                **error);

gboolean               troupe_sandbox_launcher_is_running   (TroupeSandboxLauncher  *self);
const char            *troupe_sandbox_launcher_get_base_url (TroupeSandboxLauncher  *self);
const char            *troupe_sandbox_launcher_get_api_key  (TroupeSandboxLauncher  *self);
const char            *troupe_sandbox_launcher_get_data_dir (TroupeSandboxLauncher  *self);

/* Sends SIGTERM and forgets the child; it exits on its own, promptly. */
void                   troupe_sandbox_launcher_stop         (TroupeSandboxLauncher  *self);

G_END_DECLS
