/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "troupe-context"

#include "config.h"

#include "troupe-context.h"

struct _TroupeContext
{
  GObject               parent_instance;

  TroupeConnection     *connection;  /* followed unless a client was set */
  ConvaiClient         *client;
  TroupeCharacterStore *characters;
  TroupeDraftStore     *drafts;
  GSettings            *settings;
  TroupeUploadQueue    *uploads;     /* follows the client */
  TroupeUploadConnector *upload_connector; /* Upload and Add, beside the queue */
  TroupeDocumentStore  *documents;   /* has a client once a view used it */
};

G_DEFINE_FINAL_TYPE (TroupeContext, troupe_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLIENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What the queue uploaded is in the account now: every view shows it. */
static void
upload_done_cb (TroupeContext      *self,
                TroupeUpload       *upload,
                ConvaiKnowledgeDoc *doc)
{
  troupe_document_store_take_uploaded (self->documents, doc, troupe_upload_get_character_id (upload));
}

static void
set_uploads (TroupeContext     *self,
             TroupeUploadQueue *uploads)
{
  g_clear_object (&self->upload_connector);
  if (self->uploads != NULL)
    g_signal_handlers_disconnect_by_func (self->uploads, upload_done_cb, self);
  g_clear_object (&self->uploads);
  self->uploads = uploads;
  troupe_upload_queue_set_client (self->uploads, self->client);
  self->upload_connector = troupe_upload_connector_new (uploads);
  troupe_upload_connector_set_client (self->upload_connector, self->client);
  g_signal_connect_object (uploads, "upload-done", G_CALLBACK (upload_done_cb), self, G_CONNECT_SWAPPED);
}

static void
set_documents (TroupeContext          *self,
               TroupeDocumentVersions *versions)
{
  g_clear_object (&self->documents);
  self->documents = troupe_document_store_new (self->characters, versions);
}

TroupeContext *
troupe_context_new_with_stores (TroupeCharacterStore *characters,
                                TroupeDraftStore     *drafts)
{
  TroupeContext *self;

  g_return_val_if_fail (TROUPE_IS_CHARACTER_STORE (characters), NULL);
  g_return_val_if_fail (TROUPE_IS_DRAFT_STORE (drafts), NULL);

  self = g_object_new (TROUPE_TYPE_CONTEXT, NULL);
  self->characters = g_object_ref (characters);
  self->drafts = g_object_ref (drafts);
  self->client = troupe_character_store_get_client (characters);
  if (self->client != NULL)
    g_object_ref (self->client);
  {
    /* Counted in memory only: a test's versions are its own. */
    g_autoptr(TroupeDocumentVersions) versions = troupe_document_versions_new (NULL);

    set_documents (self, versions);
  }
  set_uploads (self, troupe_upload_queue_new ());
  return self;
}

TroupeContext *
troupe_context_new (void)
{
  g_autoptr(TroupeRecentCharacters) recent = troupe_recent_characters_new_default ();
  g_autoptr(TroupeCharacterStore) characters = troupe_character_store_new (recent);
  g_autoptr(TroupeDraftStore) drafts = troupe_draft_store_new_default ();
  TroupeContext *self = troupe_context_new_with_stores (characters, drafts);

  g_autoptr(TroupeDocumentVersions) versions = troupe_document_versions_new_default ();

  /* The app's own context keeps its unfinished uploads across restarts,
   * and the versions it counted. */
  set_uploads (self, troupe_upload_queue_new_default ());
  set_documents (self, versions);
  return self;
}

/* Views hear of the new client before the stores reload for it. */
static void
change_client (TroupeContext *self,
               ConvaiClient  *client)
{
  if (self->client == client)
    return;
  g_set_object (&self->client, client);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
  troupe_character_store_set_client (self->characters, client);
  troupe_upload_queue_set_client (self->uploads, client);
  troupe_upload_connector_set_client (self->upload_connector, client);
  /* Only once a view used it: until then it reads nothing. */
  if (troupe_store_get_client (TROUPE_STORE (self->documents)) != NULL)
    troupe_store_set_client (TROUPE_STORE (self->documents), client);
}

static void
connection_client_cb (TroupeContext *self)
{
  change_client (self, troupe_connection_get_client (self->connection));
}

static void
stop_following (TroupeContext *self)
{
  if (self->connection == NULL)
    return;
  g_signal_handlers_disconnect_by_func (self->connection, connection_client_cb, self);
  g_clear_object (&self->connection);
}

void
troupe_context_follow_connection (TroupeContext    *self,
                                  TroupeConnection *connection)
{
  g_return_if_fail (TROUPE_IS_CONTEXT (self));
  g_return_if_fail (TROUPE_IS_CONNECTION (connection));

  stop_following (self);
  self->connection = g_object_ref (connection);
  g_signal_connect_object (connection, "notify::client", G_CALLBACK (connection_client_cb),
                           self, G_CONNECT_SWAPPED);
  connection_client_cb (self);
}

void
troupe_context_set_client (TroupeContext *self,
                           ConvaiClient  *client)
{
  g_return_if_fail (TROUPE_IS_CONTEXT (self));
  g_return_if_fail (client == NULL || CONVAI_IS_CLIENT (client));

  stop_following (self);
  change_client (self, client);
}

TroupeConnection *
troupe_context_get_connection (TroupeContext *self)
{
  g_return_val_if_fail (TROUPE_IS_CONTEXT (self), NULL);
  return self->connection;
}

ConvaiClient *
troupe_context_get_client (TroupeContext *self)
{
  g_return_val_if_fail (TROUPE_IS_CONTEXT (self), NULL);
  return self->client;
}

TroupeCharacterStore *
troupe_context_get_characters (TroupeContext *self)
{
  g_return_val_if_fail (TROUPE_IS_CONTEXT (self), NULL);
  return self->characters;
}

TroupeDraftStore *
troupe_context_get_drafts (TroupeContext *self)
{
  g_return_val_if_fail (TROUPE_IS_CONTEXT (self), NULL);
  return self->drafts;
}

TroupeUploadQueue *
troupe_context_get_uploads (TroupeContext *self)
{
  g_return_val_if_fail (TROUPE_IS_CONTEXT (self), NULL);
  return self->uploads;
}

TroupeDocumentStore *
troupe_context_get_documents (TroupeContext *self)
{
  g_return_val_if_fail (TROUPE_IS_CONTEXT (self), NULL);
  return self->documents;
}

TroupeUploadConnector *
troupe_context_get_upload_connector (TroupeContext *self)
{
  g_return_val_if_fail (TROUPE_IS_CONTEXT (self), NULL);
  return self->upload_connector;
}

GSettings *
troupe_context_get_settings (TroupeContext *self)
{
  g_return_val_if_fail (TROUPE_IS_CONTEXT (self), NULL);
  return self->settings;
}

static void
troupe_context_dispose (GObject *object)
{
  TroupeContext *self = TROUPE_CONTEXT (object);

  stop_following (self);
  g_clear_object (&self->client);
  g_clear_object (&self->characters);
  g_clear_object (&self->drafts);
  g_clear_object (&self->upload_connector);
  g_clear_object (&self->documents);
  if (self->uploads != NULL)
    troupe_upload_queue_cancel_all (self->uploads);
  g_clear_object (&self->uploads);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (troupe_context_parent_class)->dispose (object);
}

static void
troupe_context_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TroupeContext *self = TROUPE_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_CLIENT: g_value_set_object (value, self->client); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
troupe_context_class_init (TroupeContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = troupe_context_dispose;
  object_class->get_property = troupe_context_get_property;

  properties[PROP_CLIENT] = g_param_spec_object ("client", NULL, NULL, CONVAI_TYPE_CLIENT,
                                                 G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
troupe_context_init (TroupeContext *self)
{
  self->settings = g_settings_new (APP_ID);
}
