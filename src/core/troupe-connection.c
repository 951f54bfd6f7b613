/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "troupe-connection"

#include "config.h"

#include <glib/gi18n.h>

#include "troupe-api-url.h"
#include "troupe-connection.h"
#include "troupe-sandbox-launcher.h"
#include "troupe-secret-store.h"

struct _TroupeConnection
{
  GObject                 parent_instance;

  GSettings              *settings;
  TroupeSandboxLauncher  *launcher;
  GCancellable           *cancellable;   /* the attempt in flight */

  TroupeConnectionMode    mode;
  TroupeConnectionState   state;
  char                   *base_url;
  char                   *error_message;
  ConvaiClient           *client;
  const char             *env_source;    /* static string, NULL without override */
  char                  **environment;   /* NULL: the process's */
};

enum {
  PROP_0,
  PROP_MODE,
  PROP_STATE,
  PROP_BASE_URL,
  PROP_CLIENT,
  PROP_ERROR_MESSAGE,
  PROP_ENV_OVERRIDE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (TroupeConnection, troupe_connection, G_TYPE_OBJECT)

GType
troupe_connection_mode_get_type (void)
{
  static gsize type_id;
  static const GEnumValue values[] = {
    { TROUPE_CONNECTION_MODE_CONVAI, "TROUPE_CONNECTION_MODE_CONVAI", "convai" },
    { TROUPE_CONNECTION_MODE_SANDBOX, "TROUPE_CONNECTION_MODE_SANDBOX", "sandbox" },
    { 0, NULL, NULL }
  };

  if (g_once_init_enter (&type_id))
    g_once_init_leave (&type_id, g_enum_register_static ("TroupeConnectionMode", values));
  return type_id;
}

GType
troupe_connection_state_get_type (void)
{
  static gsize type_id;
  static const GEnumValue values[] = {
    { TROUPE_CONNECTION_STATE_CONNECTING, "TROUPE_CONNECTION_STATE_CONNECTING", "connecting" },
    { TROUPE_CONNECTION_STATE_READY, "TROUPE_CONNECTION_STATE_READY", "ready" },
    { TROUPE_CONNECTION_STATE_FAILED, "TROUPE_CONNECTION_STATE_FAILED", "failed" },
    { 0, NULL, NULL }
  };

  if (g_once_init_enter (&type_id))
    g_once_init_leave (&type_id, g_enum_register_static ("TroupeConnectionState", values));
  return type_id;
}

/* ---- publishing the state: every change goes through here ---- */

/* g_set_str() is GLib 2.76. */
static gboolean
replace_str (char       **field,
             const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static void
set_mode (TroupeConnection     *self,
          TroupeConnectionMode  mode)
{
  if (self->mode == mode)
    return;
  self->mode = mode;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODE]);
}

static void
set_base_url (TroupeConnection *self,
              const char       *base_url)
{
  if (replace_str (&self->base_url, base_url))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_URL]);
}

static void
set_env_source (TroupeConnection *self,
                const char       *env_source)
{
  if (g_strcmp0 (self->env_source, env_source) == 0)
    return;
  self->env_source = env_source;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENV_OVERRIDE]);
}

/* @client NULL unless READY; @error_message only when FAILED. */
static void
set_state (TroupeConnection      *self,
           TroupeConnectionState  state,
           ConvaiClient          *client,
           const char            *error_message)
{
  g_object_freeze_notify (G_OBJECT (self));
  if (g_set_object (&self->client, client))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
  if (replace_str (&self->error_message, error_message))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
  g_object_thaw_notify (G_OBJECT (self));

  if (state == TROUPE_CONNECTION_STATE_FAILED)
    g_debug ("connection failed: %s", error_message);
}

static void
fail (TroupeConnection *self,
      const char       *error_message)
{
  set_state (self, TROUPE_CONNECTION_STATE_FAILED, NULL, error_message);
}

/* ---- Convai mode ---- */

static void
stop_sandbox (TroupeConnection *self)
{
  if (self->launcher == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->launcher, self);
  troupe_sandbox_launcher_stop (self->launcher);
  g_clear_object (&self->launcher);
}

static void
use_convai (TroupeConnection *self,
            const char       *base_url,
            const char       *api_key)
{
  g_autoptr(ConvaiClient) client = NULL;

  /* Same endpoint and key: keep the client, so views do not reload for nothing. */
  if (self->mode == TROUPE_CONNECTION_MODE_CONVAI &&
      self->state == TROUPE_CONNECTION_STATE_READY &&
      g_strcmp0 (convai_client_get_base_url (self->client), base_url) == 0 &&
      g_strcmp0 (convai_client_get_api_key (self->client), api_key) == 0)
    return;

  stop_sandbox (self);
  client = convai_client_new (base_url, api_key);
  g_object_freeze_notify (G_OBJECT (self));
  set_mode (self, TROUPE_CONNECTION_MODE_CONVAI);
  set_base_url (self, base_url);
  set_state (self, TROUPE_CONNECTION_STATE_READY, client, NULL);
  g_object_thaw_notify (G_OBJECT (self));
}

/* ---- Sandbox mode ---- */

static void
sandbox_exited_cb (TroupeConnection      *self,
                   const char            *how,
                   TroupeSandboxLauncher *launcher)
{
  g_autofree char *message = NULL;

  if (launcher != self->launcher)
    return;
  message = g_strdup_printf (_("The offline sandbox stopped unexpectedly (%s). "
                               "Retry to start it again."), how);
  g_clear_object (&self->launcher);
  fail (self, message);
}

static void
sandbox_started_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(TroupeConnection) self = user_data;
  TroupeSandboxLauncher *launcher = TROUPE_SANDBOX_LAUNCHER (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(ConvaiClient) client = NULL;

  if (!troupe_sandbox_launcher_start_finish (launcher, result, &error))
    {
      if (launcher == self->launcher)
        {
          g_clear_object (&self->launcher);
          fail (self, error->message);
        }
      return;
    }
  if (launcher != self->launcher)
    return;

  client = convai_client_new (troupe_sandbox_launcher_get_base_url (launcher),
                              troupe_sandbox_launcher_get_api_key (launcher));
  g_object_freeze_notify (G_OBJECT (self));
  set_base_url (self, troupe_sandbox_launcher_get_base_url (launcher));
  set_state (self, TROUPE_CONNECTION_STATE_READY, client, NULL);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
use_sandbox (TroupeConnection *self)
{
  if (self->launcher != NULL && self->mode == TROUPE_CONNECTION_MODE_SANDBOX)
    return; /* running or starting already */

  g_object_freeze_notify (G_OBJECT (self));
  set_mode (self, TROUPE_CONNECTION_MODE_SANDBOX);
  set_base_url (self, NULL);
  set_state (self, TROUPE_CONNECTION_STATE_CONNECTING, NULL, NULL);
  g_object_thaw_notify (G_OBJECT (self));

  stop_sandbox (self);
  self->launcher = troupe_sandbox_launcher_new (NULL);
  troupe_sandbox_launcher_set_environment (self->launcher, (const char * const *) self->environment);
  g_signal_connect_object (self->launcher, "exited",
                           G_CALLBACK (sandbox_exited_cb), self,
                           G_CONNECT_SWAPPED);
  /* Not the attempt's cancellable: a later reconnect that keeps the
   * sandbox must not kill it; stop_sandbox() does that when needed. */
  troupe_sandbox_launcher_start_async (self->launcher, NULL,
                                       sandbox_started_cb, g_object_ref (self));
}

/* ---- Reading the configuration ---- */

static const char *
getenv_nonempty (TroupeConnection *self,
                 const char       *name)
{
  const char *value = self->environment != NULL ? g_environ_getenv (self->environment, name)
                                                : g_getenv (name);

  return value != NULL && *value != '\0' ? value : NULL;
}

static char *
configured_base_url (TroupeConnection *self)
{
  g_autofree char *stored = g_settings_get_string (self->settings, "base-url");
  g_autofree char *url = troupe_api_url_normalize (stored);

  if (*url == '\0')
    return g_strdup (CONVAI_DEFAULT_BASE_URL);
  return g_steal_pointer (&url);
}

/* Convai mode, failed: the bar names the server it could not use. */
static void
fail_convai (TroupeConnection *self,
             const char       *base_url,
             const char       *error_message)
{
  stop_sandbox (self);
  g_object_freeze_notify (G_OBJECT (self));
  set_mode (self, TROUPE_CONNECTION_MODE_CONVAI);
  set_base_url (self, base_url);
  fail (self, error_message);
  g_object_thaw_notify (G_OBJECT (self));
}

/* Switches to Convai mode unless the URL may not carry a key. */
static void
use_convai_checked (TroupeConnection *self,
                    const char       *base_url,
                    const char       *api_key)
{
  g_autoptr(GError) error = NULL;

  if (!troupe_api_url_check (base_url, &error))
    {
      fail_convai (self, base_url, error->message);
      return;
    }
  use_convai (self, base_url, api_key);
}

typedef struct
{
  TroupeConnection *self;
  char             *base_url;
} KeyLookup;

static void
key_lookup_free (KeyLookup *lookup)
{
  g_object_unref (lookup->self);
  g_free (lookup->base_url);
  g_free (lookup);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KeyLookup, key_lookup_free)

static void
key_looked_up_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(KeyLookup) lookup = user_data;
  TroupeConnection *self = lookup->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *api_key = troupe_secret_store_lookup_finish (result, &error);
  g_autofree char *message = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (api_key != NULL && *api_key != '\0')
    use_convai_checked (self, lookup->base_url, api_key);
  else if (self->env_source != NULL)
    {
      message = g_strdup_printf (_("CONVAI_API_URL is set but there is no API key for %s: "
                                   "set CONVAI_API_KEY too, or store a key for this address "
                                   "in Preferences › Connection.%s%s"),
                                 lookup->base_url,
                                 error != NULL ? " " : "", error != NULL ? error->message : "");
      fail_convai (self, lookup->base_url, message);
    }
  else if (error != NULL)
    {
      message = g_strdup_printf (_("%s. Unlock the keyring and retry, or switch to the "
                                   "offline sandbox in Preferences › Connection."),
                                 error->message);
      fail_convai (self, lookup->base_url, message);
    }
  else
    {
      /* No key configured: the offline sandbox, so a first launch is useful. */
      g_debug ("no API key stored for %s: using the offline sandbox", lookup->base_url);
      use_sandbox (self);
    }
}

static void
look_up_key (TroupeConnection *self,
             const char       *base_url)
{
  KeyLookup *lookup = g_new0 (KeyLookup, 1);

  lookup->self = g_object_ref (self);
  lookup->base_url = g_strdup (base_url);
  troupe_secret_store_lookup_async (base_url, self->cancellable, key_looked_up_cb, lookup);
}

void
troupe_connection_set_environment (TroupeConnection   *self,
                                   const char * const *envp)
{
  g_return_if_fail (TROUPE_IS_CONNECTION (self));

  g_strfreev (self->environment);
  self->environment = g_strdupv ((char **) envp);
}

void
troupe_connection_reconnect (TroupeConnection *self)
{
  const char *env_key;
  const char *env_url;
  g_autofree char *base_url = NULL;

  g_return_if_fail (TROUPE_IS_CONNECTION (self));

  env_key = getenv_nonempty (self, "CONVAI_API_KEY");
  env_url = getenv_nonempty (self, "CONVAI_API_URL");
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (env_key != NULL && env_url != NULL)
    set_env_source (self, "CONVAI_API_KEY / CONVAI_API_URL");
  else if (env_key != NULL)
    set_env_source (self, "CONVAI_API_KEY");
  else if (env_url != NULL)
    set_env_source (self, "CONVAI_API_URL");
  else
    set_env_source (self, NULL);

  base_url = env_url != NULL ? troupe_api_url_normalize (env_url) : configured_base_url (self);

  if (env_key != NULL)
    use_convai_checked (self, base_url, env_key);
  else if (env_url != NULL ||
           g_settings_get_enum (self->settings, "connection-mode") == TROUPE_CONNECTION_MODE_CONVAI)
    look_up_key (self, base_url);
  else
    use_sandbox (self);
}

void
troupe_connection_shutdown (TroupeConnection *self)
{
  g_return_if_fail (TROUPE_IS_CONNECTION (self));

  g_cancellable_cancel (self->cancellable);
  stop_sandbox (self);
}

char *
troupe_connection_describe (TroupeConnection *self)
{
  g_autofree char *host = NULL;

  g_return_val_if_fail (TROUPE_IS_CONNECTION (self), NULL);

  if (self->base_url != NULL)
    host = troupe_api_url_describe_host (self->base_url);

  /* TRANSLATORS: the connection's mode and the server it talks to, e.g. "Offline sandbox · 127.0.0.1:41234". */
  if (self->mode == TROUPE_CONNECTION_MODE_SANDBOX)
    return host != NULL ? g_strdup_printf (_("Offline sandbox · %s"), host)
                        : g_strdup (_("Offline sandbox"));
  return host != NULL ? g_strdup_printf (_("Convai · %s"), host)
                      : g_strdup (_("Convai"));
}

/* ---- Getters ---- */

ConvaiClient *
troupe_connection_get_client (TroupeConnection *self)
{
  g_return_val_if_fail (TROUPE_IS_CONNECTION (self), NULL);

  return self->client;
}

TroupeConnectionMode
troupe_connection_get_mode (TroupeConnection *self)
{
  g_return_val_if_fail (TROUPE_IS_CONNECTION (self), TROUPE_CONNECTION_MODE_SANDBOX);

  return self->mode;
}

TroupeConnectionState
troupe_connection_get_state (TroupeConnection *self)
{
  g_return_val_if_fail (TROUPE_IS_CONNECTION (self), TROUPE_CONNECTION_STATE_FAILED);

  return self->state;
}

const char *
troupe_connection_get_base_url (TroupeConnection *self)
{
  g_return_val_if_fail (TROUPE_IS_CONNECTION (self), NULL);

  return self->base_url;
}

const char *
troupe_connection_get_error_message (TroupeConnection *self)
{
  g_return_val_if_fail (TROUPE_IS_CONNECTION (self), NULL);

  return self->error_message;
}

gboolean
troupe_connection_get_env_override (TroupeConnection *self)
{
  g_return_val_if_fail (TROUPE_IS_CONNECTION (self), FALSE);

  return self->env_source != NULL;
}

const char *
troupe_connection_get_sandbox_data_dir (TroupeConnection *self)
{
  g_return_val_if_fail (TROUPE_IS_CONNECTION (self), NULL);

  if (self->mode != TROUPE_CONNECTION_MODE_SANDBOX || self->launcher == NULL)
    return NULL;
  return troupe_sandbox_launcher_get_data_dir (self->launcher);
}

const char *
troupe_connection_get_env_source (TroupeConnection *self)
{
  g_return_val_if_fail (TROUPE_IS_CONNECTION (self), NULL);

  return self->env_source;
}

/* ---- GObject ---- */

static void
settings_changed_cb (TroupeConnection *self)
{
  troupe_connection_reconnect (self);
}

static void
troupe_connection_dispose (GObject *object)
{
  TroupeConnection *self = TROUPE_CONNECTION (object);

  troupe_connection_shutdown (self);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (troupe_connection_parent_class)->dispose (object);
}

static void
troupe_connection_finalize (GObject *object)
{
  TroupeConnection *self = TROUPE_CONNECTION (object);

  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->error_message, g_free);
  g_clear_pointer (&self->environment, g_strfreev);

  G_OBJECT_CLASS (troupe_connection_parent_class)->finalize (object);
}

static void
troupe_connection_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TroupeConnection *self = TROUPE_CONNECTION (object);

  switch (prop_id)
    {
    case PROP_MODE:
      g_value_set_enum (value, self->mode);
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;

    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;

    case PROP_ENV_OVERRIDE:
      g_value_set_boolean (value, self->env_source != NULL);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
troupe_connection_class_init (TroupeConnectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = troupe_connection_dispose;
  object_class->finalize = troupe_connection_finalize;
  object_class->get_property = troupe_connection_get_property;

  properties[PROP_MODE] =
    g_param_spec_enum ("mode", NULL, NULL,
                       TROUPE_TYPE_CONNECTION_MODE, TROUPE_CONNECTION_MODE_SANDBOX,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       TROUPE_TYPE_CONNECTION_STATE, TROUPE_CONNECTION_STATE_CONNECTING,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         CONVAI_TYPE_CLIENT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR_MESSAGE] =
    g_param_spec_string ("error-message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ENV_OVERRIDE] =
    g_param_spec_boolean ("env-override", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
troupe_connection_init (TroupeConnection *self)
{
  self->mode = TROUPE_CONNECTION_MODE_SANDBOX;
  self->state = TROUPE_CONNECTION_STATE_CONNECTING;
  self->cancellable = g_cancellable_new ();
}

/* Does not connect yet: call troupe_connection_reconnect() once the
 * caller follows the properties. */
TroupeConnection *
troupe_connection_new (GSettings *settings)
{
  TroupeConnection *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (TROUPE_TYPE_CONNECTION, NULL);
  self->settings = g_object_ref (settings);
  g_signal_connect_object (settings, "changed::connection-mode",
                           G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::base-url",
                           G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);
  return self;
}
