/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "troupe-sandbox-launcher"

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "troupe-api-url.h"
#include "troupe-sandbox-launcher.h"

#define SANDBOX_NAME             "troupe-sandbox"
#define DEFAULT_READY_TIMEOUT_MS 10000
#define STDERR_TAIL_LINES        4

struct _TroupeSandboxLauncher
{
  GObject           parent_instance;

  char             *data_dir;
  char             *api_key;
  char             *base_url;
  guint             ready_timeout_ms;
  char            **environment;    /* NULL: the process's */

  GSubprocess      *process;
  GCancellable     *io_cancellable;
  GTask            *start_task;     /* pending until READY or failure */
  GCancellable     *start_cancellable;
  gulong            cancelled_id;
  guint             timeout_id;
  GQueue            stderr_tail;    /* the last lines it printed, for errors */
  char             *exit_status;    /* set once it exited, until reported */
  gboolean          stderr_closed;
  gboolean          started;
  gboolean          stopping;
};

enum {
  EXITED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (TroupeSandboxLauncher, troupe_sandbox_launcher, G_TYPE_OBJECT)

static gboolean
is_executable_file (const char *path)
{
  return g_file_test (path, G_FILE_TEST_IS_REGULAR) && g_access (path, X_OK) == 0;
}

/* In the build tree the app is src/troupe and the sandbox
 * src/sandbox/troupe-sandbox; installed, they share a bin folder. */
static char *
find_beside_running_program (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = NULL;
  g_autofree char *sibling = NULL;
  g_autofree char *in_build_tree = NULL;

  if (exe == NULL)
    return NULL;
  dir = g_path_get_dirname (exe);
  sibling = g_build_filename (dir, SANDBOX_NAME, NULL);
  if (is_executable_file (sibling))
    return g_steal_pointer (&sibling);
  in_build_tree = g_build_filename (dir, "sandbox", SANDBOX_NAME, NULL);
  if (is_executable_file (in_build_tree))
    return g_steal_pointer (&in_build_tree);
  return NULL;
}

char *
troupe_sandbox_launcher_find_binary (const char * const  *envp,
                                     GError             **error)
{
  const char *from_env = envp != NULL ? g_environ_getenv ((char **) envp, "TROUPE_SANDBOX_BIN")
                                      : g_getenv ("TROUPE_SANDBOX_BIN");
  g_autofree char *in_bindir = g_build_filename (BINDIR, SANDBOX_NAME, NULL);
  char *found;

  if (from_env != NULL && *from_env != '\0')
    {
      if (is_executable_file (from_env))
        return g_strdup (from_env);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("TROUPE_SANDBOX_BIN is set to “%s”, which is not an executable file. "
                     "Point it at a built troupe-sandbox, or unset it."),
                   from_env);
      return NULL;
    }

  if ((found = find_beside_running_program ()) != NULL)
    return found;
  if (is_executable_file (in_bindir))
    return g_steal_pointer (&in_bindir);
  if ((found = g_find_program_in_path (SANDBOX_NAME)) != NULL)
    return found;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
               _("troupe-sandbox was not found (next to Troupe, in %s or on PATH). "
                 "Build it with the README’s setup command (build-aux/run), "
                 "or set TROUPE_SANDBOX_BIN to its path."),
               BINDIR);
  return NULL;
}

/* A key nobody can guess, so other local users cannot use the sandbox. */
static char *
generate_api_key (GError **error)
{
  guint8 bytes[24];
  GString *key;

  if (getrandom (bytes, sizeof bytes, 0) != (ssize_t) sizeof bytes)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not make a key for the offline sandbox: %s"),
                   g_strerror (saved_errno));
      return NULL;
    }
  key = g_string_sized_new (2 * sizeof bytes);
  for (gsize i = 0; i < sizeof bytes; i++)
    g_string_append_printf (key, "%02x", bytes[i]);
  return g_string_free (key, FALSE);
}

/* Runs in the child between fork and exec: if the app dies, even by a
 * crash, the kernel sends the sandbox SIGTERM. Only async-signal-safe calls. */
static void
die_with_parent (gpointer user_data)
{
  pid_t parent = (pid_t) GPOINTER_TO_INT (user_data);

  prctl (PR_SET_PDEATHSIG, SIGTERM);
  /* The parent may have died before prctl(): then nobody would signal us. */
  if (getppid () != parent)
    _exit (1);
}

static char *
describe_stderr_tail (TroupeSandboxLauncher *self)
{
  GString *text = g_string_new (NULL);

  for (GList *l = self->stderr_tail.head; l != NULL; l = l->next)
    {
      if (text->len > 0)
        g_string_append (text, " ");
      g_string_append (text, l->data);
    }
  return g_string_free (text, FALSE);
}

/* Returns the start task's result once, whatever comes first: READY,
 * an early exit, a timeout, cancellation. */
static void
complete_start (TroupeSandboxLauncher *self,
                GError                *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->start_task);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->start_cancellable != NULL)
    g_clear_signal_handler (&self->cancelled_id, self->start_cancellable);
  g_clear_object (&self->start_cancellable);
  if (task == NULL)
    {
      g_clear_error (&error);
      return;
    }
  if (error != NULL)
    {
      troupe_sandbox_launcher_stop (self);
      g_task_return_error (task, error);
    }
  else
    g_task_return_boolean (task, TRUE);
}

static gboolean
handle_ready_line (TroupeSandboxLauncher *self,
                   const char            *line)
{
  const char *url;
  g_autoptr(GError) error = NULL;

  if (!g_str_has_prefix (line, "READY "))
    return FALSE;
  url = line + strlen ("READY ");
  if (!troupe_api_url_check (url, &error))
    {
      complete_start (self, g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED,
                                         _("troupe-sandbox reported an unusable address: %s"),
                                         error->message));
      return TRUE;
    }
  self->base_url = g_strdup (url);
  g_debug ("troupe-sandbox is ready at %s", self->base_url);
  complete_start (self, NULL);
  return TRUE;
}

static void read_stdout (TroupeSandboxLauncher *self, GDataInputStream *stream);

/* Keeps reading after READY too: a child whose pipe fills up would block. */
static void
stdout_line_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TroupeSandboxLauncher) self = user_data;
  GDataInputStream *stream = G_DATA_INPUT_STREAM (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *line = g_data_input_stream_read_line_finish_utf8 (stream, result, NULL, &error);

  if (error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      complete_start (self, g_steal_pointer (&error));
      return;
    }
  if (line == NULL)
    return; /* closed: the exit watch reports why */
  if (self->base_url == NULL && handle_ready_line (self, line))
    ;
  else
    g_debug ("troupe-sandbox: %s", line);
  read_stdout (self, stream);
}

static void
read_stdout (TroupeSandboxLauncher *self,
             GDataInputStream      *stream)
{
  g_data_input_stream_read_line_async (stream, G_PRIORITY_DEFAULT, self->io_cancellable,
                                       stdout_line_cb, g_object_ref (self));
}

static void read_stderr (TroupeSandboxLauncher *self, GDataInputStream *stream);
static void report_exit_once_complete (TroupeSandboxLauncher *self);

static void
stderr_line_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TroupeSandboxLauncher) self = user_data;
  GDataInputStream *stream = G_DATA_INPUT_STREAM (source);
  char *line = g_data_input_stream_read_line_finish_utf8 (stream, result, NULL, NULL);

  if (line == NULL)
    {
      self->stderr_closed = TRUE;
      report_exit_once_complete (self);
      return;
    }
  g_debug ("troupe-sandbox (stderr): %s", line);
  g_queue_push_tail (&self->stderr_tail, line);
  while (self->stderr_tail.length > STDERR_TAIL_LINES)
    g_free (g_queue_pop_head (&self->stderr_tail));
  read_stderr (self, stream);
}

static void
read_stderr (TroupeSandboxLauncher *self,
             GDataInputStream      *stream)
{
  g_data_input_stream_read_line_async (stream, G_PRIORITY_DEFAULT, self->io_cancellable,
                                       stderr_line_cb, g_object_ref (self));
}

/* The exit status and the end of stderr arrive in either order; the
 * report needs both, so that it can quote the last words. */
static void
report_exit_once_complete (TroupeSandboxLauncher *self)
{
  g_autofree char *how = NULL;
  g_autofree char *tail = NULL;

  if (self->exit_status == NULL || !self->stderr_closed || self->stopping)
    return;

  tail = describe_stderr_tail (self);
  how = *tail != '\0' ? g_strdup_printf ("%s: %s", self->exit_status, tail)
                      : g_strdup (self->exit_status);
  g_clear_pointer (&self->exit_status, g_free);
  if (self->start_task != NULL)
    {
      complete_start (self, g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED,
                                         _("troupe-sandbox stopped before it was ready (%s)."),
                                         how));
      return;
    }
  g_signal_emit (self, signals[EXITED], 0, how);
}

static void
process_exited_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(TroupeSandboxLauncher) self = user_data;
  GSubprocess *process = G_SUBPROCESS (source);

  if (!g_subprocess_wait_finish (process, result, NULL) || process != self->process || self->stopping)
    return;

  if (g_subprocess_get_if_signaled (process))
    self->exit_status = g_strdup_printf (_("killed by signal %d"), g_subprocess_get_term_sig (process));
  else
    self->exit_status = g_strdup_printf (_("exit status %d"), g_subprocess_get_exit_status (process));
  g_clear_object (&self->process);
  report_exit_once_complete (self);
}

static gboolean
ready_timeout_cb (gpointer user_data)
{
  TroupeSandboxLauncher *self = user_data;
  g_autofree char *tail = describe_stderr_tail (self);

  self->timeout_id = 0;
  complete_start (self, g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                                     _("troupe-sandbox did not report that it was ready within "
                                       "%u seconds%s%s. Try again; if it keeps happening, run "
                                       "troupe-sandbox --port=0 --api-key test in a terminal to "
                                       "see what it does."),
                                     self->ready_timeout_ms / 1000,
                                     *tail != '\0' ? ": " : "", tail));
  return G_SOURCE_REMOVE;
}

static GSubprocess *
spawn_sandbox (TroupeSandboxLauncher  *self,
               const char             *binary,
               GError                **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  const char *argv[] = {
    binary, "--port=0", "--data-dir", self->data_dir, "--demo", NULL
  };

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  /* In the environment, not on the command line, where every user on the
   * machine could read it in /proc/PID/cmdline. */
  g_subprocess_launcher_setenv (launcher, "TROUPE_SANDBOX_API_KEY", self->api_key, TRUE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent,
                                         GINT_TO_POINTER ((int) getpid ()), NULL);
  return g_subprocess_launcher_spawnv (launcher, argv, error);
}

static void
watch_process (TroupeSandboxLauncher *self)
{
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GDataInputStream) err = NULL;

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (self->process));
  err = g_data_input_stream_new (g_subprocess_get_stderr_pipe (self->process));
  read_stdout (self, out);
  read_stderr (self, err);
  g_subprocess_wait_async (self->process, self->io_cancellable,
                           process_exited_cb, g_object_ref (self));
}

static gboolean
prepare_data_dir (TroupeSandboxLauncher  *self,
                  GError                **error)
{
  if (g_mkdir_with_parents (self->data_dir, 0700) == 0)
    return TRUE;

  {
    int saved_errno = errno;

    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                 _("Could not create the offline sandbox’s folder %s: %s"),
                 self->data_dir, g_strerror (saved_errno));
  }
  return FALSE;
}

void
troupe_sandbox_launcher_set_environment (TroupeSandboxLauncher *self,
                                         const char * const    *envp)
{
  g_return_if_fail (TROUPE_IS_SANDBOX_LAUNCHER (self));

  g_strfreev (self->environment);
  self->environment = g_strdupv ((char **) envp);
}

void
troupe_sandbox_launcher_start_async (TroupeSandboxLauncher *self,
                                     GCancellable          *cancellable,
                                     GAsyncReadyCallback    callback,
                                     gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *binary = NULL;

  g_return_if_fail (TROUPE_IS_SANDBOX_LAUNCHER (self));
  g_return_if_fail (!self->started);

  self->started = TRUE;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, troupe_sandbox_launcher_start_async);

  if (g_task_return_error_if_cancelled (task))
    return;
  if ((binary = troupe_sandbox_launcher_find_binary ((const char * const *) self->environment,
                                                      &error)) == NULL ||
      !prepare_data_dir (self, &error) ||
      (self->api_key = generate_api_key (&error)) == NULL ||
      (self->process = spawn_sandbox (self, binary, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_debug ("started %s (pid %s), data in %s", binary,
           g_subprocess_get_identifier (self->process), self->data_dir);
  self->start_task = g_steal_pointer (&task);
  if (cancellable != NULL)
    {
      self->start_cancellable = g_object_ref (cancellable);
      self->cancelled_id = g_signal_connect_object (cancellable, "cancelled",
                                                    G_CALLBACK (troupe_sandbox_launcher_stop), self,
                                                    G_CONNECT_SWAPPED);
    }
  self->timeout_id = g_timeout_add (self->ready_timeout_ms, ready_timeout_cb, self);
  watch_process (self);
}

gboolean
troupe_sandbox_launcher_start_finish (TroupeSandboxLauncher  *self,
                                      GAsyncResult           *result,
                                      GError                **error)
{
  g_return_val_if_fail (TROUPE_IS_SANDBOX_LAUNCHER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
troupe_sandbox_launcher_stop (TroupeSandboxLauncher *self)
{
  g_return_if_fail (TROUPE_IS_SANDBOX_LAUNCHER (self));

  if (self->process == NULL)
    return;
  self->stopping = TRUE;
  g_debug ("stopping troupe-sandbox (pid %s)", g_subprocess_get_identifier (self->process));
  g_subprocess_send_signal (self->process, SIGTERM);
  g_clear_object (&self->process);
  g_cancellable_cancel (self->io_cancellable);
  complete_start (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                             _("The offline sandbox was stopped before it was ready.")));
}

gboolean
troupe_sandbox_launcher_is_running (TroupeSandboxLauncher *self)
{
  g_return_val_if_fail (TROUPE_IS_SANDBOX_LAUNCHER (self), FALSE);

  return self->process != NULL && self->base_url != NULL;
}

const char *
troupe_sandbox_launcher_get_base_url (TroupeSandboxLauncher *self)
{
  g_return_val_if_fail (TROUPE_IS_SANDBOX_LAUNCHER (self), NULL);

  return self->base_url;
}

const char *
troupe_sandbox_launcher_get_api_key (TroupeSandboxLauncher *self)
{
  g_return_val_if_fail (TROUPE_IS_SANDBOX_LAUNCHER (self), NULL);

  return self->api_key;
}

const char *
troupe_sandbox_launcher_get_data_dir (TroupeSandboxLauncher *self)
{
  g_return_val_if_fail (TROUPE_IS_SANDBOX_LAUNCHER (self), NULL);

  return self->data_dir;
}

void
troupe_sandbox_launcher_set_ready_timeout (TroupeSandboxLauncher *self,
                                           guint                  milliseconds)
{
  g_return_if_fail (TROUPE_IS_SANDBOX_LAUNCHER (self));
  g_return_if_fail (milliseconds > 0);

  self->ready_timeout_ms = milliseconds;
}

static void
troupe_sandbox_launcher_dispose (GObject *object)
{
  TroupeSandboxLauncher *self = TROUPE_SANDBOX_LAUNCHER (object);

  troupe_sandbox_launcher_stop (self);
  g_clear_handle_id (&self->timeout_id, g_source_remove);

  G_OBJECT_CLASS (troupe_sandbox_launcher_parent_class)->dispose (object);
}

static void
troupe_sandbox_launcher_finalize (GObject *object)
{
  TroupeSandboxLauncher *self = TROUPE_SANDBOX_LAUNCHER (object);

  g_queue_clear_full (&self->stderr_tail, g_free);
  g_clear_object (&self->io_cancellable);
  g_clear_pointer (&self->data_dir, g_free);
  g_clear_pointer (&self->api_key, g_free);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->exit_status, g_free);
  g_clear_pointer (&self->environment, g_strfreev);

  G_OBJECT_CLASS (troupe_sandbox_launcher_parent_class)->finalize (object);
}

static void
troupe_sandbox_launcher_class_init (TroupeSandboxLauncherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = troupe_sandbox_launcher_dispose;
  object_class->finalize = troupe_sandbox_launcher_finalize;

  signals[EXITED] =
    g_signal_new ("exited",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
troupe_sandbox_launcher_init (TroupeSandboxLauncher *self)
{
  self->ready_timeout_ms = DEFAULT_READY_TIMEOUT_MS;
  self->io_cancellable = g_cancellable_new ();
  g_queue_init (&self->stderr_tail);
}

TroupeSandboxLauncher *
troupe_sandbox_launcher_new (const char *data_dir)
{
  TroupeSandboxLauncher *self = g_object_new (TROUPE_TYPE_SANDBOX_LAUNCHER, NULL);

  self->data_dir = data_dir != NULL
    ? g_strdup (data_dir)
    : g_build_filename (g_get_user_data_dir (), "troupe", "sandbox", NULL);
  return self;
}
