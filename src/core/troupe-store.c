/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "troupe-store"

#include "config.h"

#include <glib/gi18n.h>

#include "troupe-error-text.h"
#include "troupe-store.h"

typedef struct
{
  ConvaiClient     *client;
  GCancellable     *cancellable;  /* of the current client's loads */
  char             *error_message;
  guint             generation;   /* of the load whose reply is awaited */
  gboolean          loading;
  gboolean          loaded;
  TroupeStoreState  state;        /* as last notified */
} TroupeStorePrivate;

G_DEFINE_ENUM_TYPE (TroupeStoreState, troupe_store_state,
                    G_DEFINE_ENUM_VALUE (TROUPE_STORE_IDLE, "idle"),
                    G_DEFINE_ENUM_VALUE (TROUPE_STORE_LOADING, "loading"),
                    G_DEFINE_ENUM_VALUE (TROUPE_STORE_LOADED, "loaded"),
                    G_DEFINE_ENUM_VALUE (TROUPE_STORE_ERROR, "error"))

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (TroupeStore, troupe_store, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_STATE,
  PROP_LOADING,
  PROP_LOADED,
  PROP_ERROR_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A reply names the load it answers: one that a reload, a stop or another
 * client overtook is dropped even if it arrived before the cancellation. */
typedef struct
{
  TroupeStore *self;
  guint        generation;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->self);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadData, load_data_free)

/* "state" follows the flags once an operation has set them all, so it
 * never passes through a state that was not meant (idle between a failed
 * load's end and its message). */
static TroupeStoreState
compute_state (TroupeStorePrivate *priv)
{
  if (priv->loading)
    return TROUPE_STORE_LOADING;
  if (priv->error_message != NULL)
    return TROUPE_STORE_ERROR;
  return priv->loaded ? TROUPE_STORE_LOADED : TROUPE_STORE_IDLE;
}

static void
update_state (TroupeStore *self)
{
  TroupeStorePrivate *priv = troupe_store_get_instance_private (self);
  TroupeStoreState state = compute_state (priv);

  if (priv->state == state)
    return;
  priv->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_loading (TroupeStore *self,
             gboolean     loading)
{
  TroupeStorePrivate *priv = troupe_store_get_instance_private (self);

  if (priv->loading == loading)
    return;
  priv->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
set_loaded (TroupeStore *self,
            gboolean     loaded)
{
  TroupeStorePrivate *priv = troupe_store_get_instance_private (self);

  if (priv->loaded == loaded)
    return;
  priv->loaded = loaded;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
}

static void
set_error_message (TroupeStore *self,
                   const char  *message)
{
  TroupeStorePrivate *priv = troupe_store_get_instance_private (self);

  if (g_strcmp0 (priv->error_message, message) == 0)
    return;
  g_free (priv->error_message);
  priv->error_message = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
}

static void
restart_cancellable (TroupeStore *self)
{
  TroupeStorePrivate *priv = troupe_store_get_instance_private (self);

  priv->generation++;
  g_cancellable_cancel (priv->cancellable);
  g_clear_object (&priv->cancellable);
  priv->cancellable = g_cancellable_new ();
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(LoadData) data = user_data;
  TroupeStore *self = data->self;
  TroupeStorePrivate *priv = troupe_store_get_instance_private (self);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (data->generation != priv->generation)
    return;
  ok = TROUPE_STORE_GET_CLASS (self)->load_finish (self, result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_loading (self, FALSE);
  if (!ok)
    {
      const char *failed = TROUPE_STORE_GET_CLASS (self)->load_failed_text;
      g_autofree char *text = troupe_error_text (_(failed), error);

      set_error_message (self, text);
    }
  else
    {
      set_error_message (self, NULL);
      set_loaded (self, TRUE);
    }
  update_state (self);
}

void
troupe_store_reload (TroupeStore *self)
{
  TroupeStorePrivate *priv;
  LoadData *data;

  g_return_if_fail (TROUPE_IS_STORE (self));
  g_return_if_fail (TROUPE_STORE_GET_CLASS (self)->load != NULL);

  priv = troupe_store_get_instance_private (self);
  restart_cancellable (self);
  set_error_message (self, NULL);
  if (priv->client == NULL)
    {
      set_loading (self, FALSE);
      update_state (self);
      return;
    }
  set_loading (self, TRUE);
  update_state (self);
  data = g_new0 (LoadData, 1);
  data->self = g_object_ref (self);
  data->generation = priv->generation;
  TROUPE_STORE_GET_CLASS (self)->load (self, priv->client, priv->cancellable, load_cb, data);
}

void
troupe_store_cancel_load (TroupeStore *self)
{
  TroupeStorePrivate *priv;

  g_return_if_fail (TROUPE_IS_STORE (self));

  priv = troupe_store_get_instance_private (self);
  if (!priv->loading)
    return;
  restart_cancellable (self);
  set_loading (self, FALSE);
  set_error_message (self, _(TROUPE_STORE_GET_CLASS (self)->load_stopped_text));
  update_state (self);
}

void
troupe_store_set_client (TroupeStore  *self,
                         ConvaiClient *client)
{
  TroupeStorePrivate *priv;

  g_return_if_fail (TROUPE_IS_STORE (self));
  g_return_if_fail (client == NULL || CONVAI_IS_CLIENT (client));

  priv = troupe_store_get_instance_private (self);
  if (!g_set_object (&priv->client, client))
    return;
  /* Another account or server: nothing of the old one is valid. */
  TROUPE_STORE_GET_CLASS (self)->clear (self);
  set_loaded (self, FALSE);
  troupe_store_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
}

ConvaiClient *
troupe_store_get_client (TroupeStore *self)
{
  TroupeStorePrivate *priv = troupe_store_get_instance_private (self);

  g_return_val_if_fail (TROUPE_IS_STORE (self), NULL);
  return priv->client;
}

GCancellable *
troupe_store_get_cancellable (TroupeStore *self)
{
  TroupeStorePrivate *priv = troupe_store_get_instance_private (self);

  g_return_val_if_fail (TROUPE_IS_STORE (self), NULL);
  return priv->cancellable;
}

TroupeStoreState
troupe_store_get_state (TroupeStore *self)
{
  TroupeStorePrivate *priv = troupe_store_get_instance_private (self);

  g_return_val_if_fail (TROUPE_IS_STORE (self), TROUPE_STORE_IDLE);
  return priv->state;
}

gboolean
troupe_store_get_loading (TroupeStore *self)
{
  TroupeStorePrivate *priv = troupe_store_get_instance_private (self);

  g_return_val_if_fail (TROUPE_IS_STORE (self), FALSE);
  return priv->loading;
}

gboolean
troupe_store_get_loaded (TroupeStore *self)
{
  TroupeStorePrivate *priv = troupe_store_get_instance_private (self);

  g_return_val_if_fail (TROUPE_IS_STORE (self), FALSE);
  return priv->loaded;
}

const char *
troupe_store_get_error_message (TroupeStore *self)
{
  TroupeStorePrivate *priv = troupe_store_get_instance_private (self);

  g_return_val_if_fail (TROUPE_IS_STORE (self), NULL);
  return priv->error_message;
}

static void
troupe_store_real_clear (TroupeStore *self)
{
}

static void
troupe_store_dispose (GObject *object)
{
  TroupeStore *self = TROUPE_STORE (object);
  TroupeStorePrivate *priv = troupe_store_get_instance_private (self);

  g_cancellable_cancel (priv->cancellable);
  g_clear_object (&priv->client);

  G_OBJECT_CLASS (troupe_store_parent_class)->dispose (object);
}

static void
troupe_store_finalize (GObject *object)
{
  TroupeStore *self = TROUPE_STORE (object);
  TroupeStorePrivate *priv = troupe_store_get_instance_private (self);

  g_clear_object (&priv->cancellable);
  g_clear_pointer (&priv->error_message, g_free);

  G_OBJECT_CLASS (troupe_store_parent_class)->finalize (object);
}

static void
troupe_store_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TroupeStore *self = TROUPE_STORE (object);
  TroupeStorePrivate *priv = troupe_store_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_CLIENT: g_value_set_object (value, priv->client); break;
    case PROP_STATE: g_value_set_enum (value, priv->state); break;
    case PROP_LOADING: g_value_set_boolean (value, priv->loading); break;
    case PROP_LOADED: g_value_set_boolean (value, priv->loaded); break;
    case PROP_ERROR_MESSAGE: g_value_set_string (value, priv->error_message); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
troupe_store_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  TroupeStore *self = TROUPE_STORE (object);

  switch (prop_id)
    {
    case PROP_CLIENT: troupe_store_set_client (self, g_value_get_object (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
troupe_store_class_init (TroupeStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = troupe_store_dispose;
  object_class->finalize = troupe_store_finalize;
  object_class->get_property = troupe_store_get_property;
  object_class->set_property = troupe_store_set_property;

  klass->clear = troupe_store_real_clear;
  klass->load_failed_text = N_("Could not load the list");
  klass->load_stopped_text = N_("Loading was stopped. Try again when the server is back.");

  properties[PROP_CLIENT] = g_param_spec_object ("client", NULL, NULL, CONVAI_TYPE_CLIENT,
                                                 G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, TROUPE_TYPE_STORE_STATE,
                                              TROUPE_STORE_IDLE, ro);
  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE, ro);
  properties[PROP_LOADED] = g_param_spec_boolean ("loaded", NULL, NULL, FALSE, ro);
  properties[PROP_ERROR_MESSAGE] = g_param_spec_string ("error-message", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
troupe_store_init (TroupeStore *self)
{
  TroupeStorePrivate *priv = troupe_store_get_instance_private (self);

  priv->cancellable = g_cancellable_new ();
}
