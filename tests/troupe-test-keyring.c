/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "troupe-test-keyring.h"

/* Ready once the login keyring exists and is the default collection. */
static gboolean
default_collection_exists (GDBusConnection *bus)
{
  g_autoptr(GVariant) reply = g_dbus_connection_call_sync (bus, "org.freedesktop.secrets", "/org/freedesktop/secrets",
                                                           "org.freedesktop.Secret.Service", "ReadAlias",
                                                           g_variant_new ("(s)", "default"), G_VARIANT_TYPE ("(o)"),
                                                           G_DBUS_CALL_FLAGS_NO_AUTO_START, 1000, NULL, NULL);
  const char *path = "/";

  if (reply != NULL)
    g_variant_get (reply, "(&o)", &path);
  return !g_str_equal (path, "/");
}

/* A connection of our own, closed when done: a private bus can only go
 * down once nobody holds one. */
static gboolean
wait_for_default_collection (void)
{
  g_autoptr(GDBusConnection) bus = NULL;
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  gboolean ready;

  bus = g_dbus_connection_new_for_address_sync (g_getenv ("DBUS_SESSION_BUS_ADDRESS"),
                                                G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT
                                                | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                NULL, NULL, NULL);
  if (bus == NULL)
    return FALSE;
  while (!(ready = default_collection_exists (bus)) && g_get_monotonic_time () < deadline)
    g_usleep (50 * 1000);
  g_dbus_connection_close_sync (bus, NULL, NULL);
  return ready;
}

/* gnome-keyring-daemon --unlock with an empty password (one newline on
 * stdin; no line at all unlocks nothing) creates an unlocked login keyring
 * in a temporary home, which becomes the default collection. */
GSubprocess *
troupe_test_keyring_start (void)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE
                                                                       | G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_autoptr(GError) error = NULL;
  g_autofree char *home = g_dir_make_tmp ("troupe-keyring-XXXXXX", &error);
  g_autofree char *data = NULL;
  g_autofree char *program = g_find_program_in_path ("gnome-keyring-daemon");
  g_autoptr(GSubprocess) daemon = NULL;

  if (home == NULL || program == NULL)
    {
      g_printerr ("# no private keyring: %s\n", home == NULL ? error->message : "no gnome-keyring-daemon");
      return NULL;
    }
  data = g_build_filename (home, "data", NULL);
  g_subprocess_launcher_setenv (launcher, "HOME", home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_RUNTIME_DIR", home, TRUE);
  daemon = g_subprocess_launcher_spawn (launcher, &error, program, "--foreground",
                                        "--unlock", "--components=secrets", NULL);
  if (daemon == NULL)
    {
      g_printerr ("# no private keyring: %s\n", error->message);
      return NULL;
    }
  g_output_stream_write_all (g_subprocess_get_stdin_pipe (daemon), "\n", 1, NULL, NULL, NULL);
  g_output_stream_close (g_subprocess_get_stdin_pipe (daemon), NULL, NULL);

  if (!wait_for_default_collection ())
    {
      g_printerr ("# no private keyring: gnome-keyring-daemon made no default collection\n");
      g_subprocess_force_exit (daemon);
      return NULL;
    }
  return g_steal_pointer (&daemon);
}
