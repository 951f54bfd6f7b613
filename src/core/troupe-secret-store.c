/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "troupe-secret-store"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "troupe-secret-schema.h"
#include "troupe-secret-store.h"

/* libsecret's messages ("Cannot autolaunch D-Bus without X11 $DISPLAY")
 * do not say what was being done; say it, and keep theirs. */
static GError *
explain_keyring_error (const GError *error,
                       const char   *what)
{
  return g_error_new (error->domain, error->code,
                      _("%s (Secret Service keyring): %s"),
                      what, error->message);
}

static void
lookup_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char *password = secret_password_lookup_finish (result, &error);

  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_task_return_error (task, explain_keyring_error (error, _("Could not read the API key")));
  else if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, password, (GDestroyNotify) secret_password_free);
}

void
troupe_secret_store_lookup_async (const char          *base_url,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (base_url != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, troupe_secret_store_lookup_async);
  secret_password_lookup (TROUPE_SECRET_SCHEMA, cancellable, lookup_cb, g_steal_pointer (&task),
                          "base-url", base_url,
                          NULL);
}

char *
troupe_secret_store_lookup_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
save_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  gboolean removing = GPOINTER_TO_INT (g_task_get_task_data (task));

  if (removing)
    secret_password_clear_finish (result, &error);
  else
    secret_password_store_finish (result, &error);

  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_task_return_error (task, explain_keyring_error (error, removing
                                                      ? _("Could not remove the API key")
                                                      : _("Could not store the API key")));
  else if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
troupe_secret_store_save_async (const char          *base_url,
                                const char          *api_key,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *label = NULL;
  gboolean removing = api_key == NULL || *api_key == '\0';

  g_return_if_fail (base_url != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, troupe_secret_store_save_async);
  g_task_set_task_data (task, GINT_TO_POINTER (removing), NULL);

  if (removing)
    {
      secret_password_clear (TROUPE_SECRET_SCHEMA, cancellable, save_cb, g_steal_pointer (&task),
                             "base-url", base_url,
                             NULL);
      return;
    }

  /* TRANSLATORS: the keyring item's label, as seen in Passwords and Keys. */
  label = g_strdup_printf (_("Convai API key for %s"), base_url);
  secret_password_store (TROUPE_SECRET_SCHEMA, SECRET_COLLECTION_DEFAULT, label, api_key,
                         cancellable, save_cb, g_steal_pointer (&task),
                         "base-url", base_url,
                         NULL);
}

gboolean
troupe_secret_store_save_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
