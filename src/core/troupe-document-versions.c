/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "troupe-document-versions"

#include "config.h"

#include "troupe-document-versions.h"
#include "troupe-file-write.h"

#define GROUP "versions"

struct _TroupeDocumentVersions
{
  GObject       parent_instance;

  GFile        *file;
  GKeyFile     *keys;
  GCancellable *cancellable;
  gboolean      loaded;
  gboolean      writing;
  gboolean      write_again;  /* changed while a write ran */
};

G_DEFINE_FINAL_TYPE (TroupeDocumentVersions, troupe_document_versions, G_TYPE_OBJECT)

enum {
  SIGNAL_LOADED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void save (TroupeDocumentVersions *self);

static void
written_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(TroupeDocumentVersions) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!troupe_file_write_finish (G_FILE (source), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    /* Only a count is lost: the next version starts from what is shown. */
    g_warning ("Could not keep the document versions: %s", error->message);
  self->writing = FALSE;
  if (self->write_again)
    save (self);
}

/* One write at a time; changes meanwhile are written after it. */
static void
save (TroupeDocumentVersions *self)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize length;
  char *data;

  self->write_again = FALSE;
  if (self->file == NULL)
    return;
  if (self->writing)
    {
      self->write_again = TRUE;
      return;
    }
  data = g_key_file_to_data (self->keys, &length, NULL);
  bytes = g_bytes_new_take (data, length);
  self->writing = TRUE;
  troupe_file_write_async (self->file, bytes, self->cancellable, written_cb, g_object_ref (self));
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(TroupeDocumentVersions) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_load_contents_finish (G_FILE (source), result, &contents, &length, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
    }
  else
    {
      g_autoptr(GKeyFile) read = g_key_file_new ();
      g_auto(GStrv) ids = NULL;

      /* A damaged file loses the counts, nothing else. */
      if (g_key_file_load_from_data (read, contents, length, G_KEY_FILE_NONE, NULL)
          && (ids = g_key_file_get_keys (read, GROUP, NULL, NULL)) != NULL)
        for (guint i = 0; ids[i] != NULL; i++)
          {
            guint64 version = g_key_file_get_uint64 (read, GROUP, ids[i], NULL);

            /* What was counted since the start wins over the file. */
            if (version > 0 && !g_key_file_has_key (self->keys, GROUP, ids[i], NULL))
              g_key_file_set_uint64 (self->keys, GROUP, ids[i], version);
          }
    }
  self->loaded = TRUE;
  g_signal_emit (self, signals[SIGNAL_LOADED], 0);
}

TroupeDocumentVersions *
troupe_document_versions_new (GFile *file_or_null)
{
  TroupeDocumentVersions *self = g_object_new (TROUPE_TYPE_DOCUMENT_VERSIONS, NULL);

  self->file = file_or_null != NULL ? g_object_ref (file_or_null) : NULL;
  if (self->file == NULL)
    self->loaded = TRUE;
  else
    g_file_load_contents_async (self->file, self->cancellable, loaded_cb, g_object_ref (self));
  return self;
}

TroupeDocumentVersions *
troupe_document_versions_new_default (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "troupe", "document-versions.ini", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return troupe_document_versions_new (file);
}

gboolean
troupe_document_versions_get_loaded (TroupeDocumentVersions *self)
{
  g_return_val_if_fail (TROUPE_IS_DOCUMENT_VERSIONS (self), FALSE);
  return self->loaded;
}

guint
troupe_document_versions_get (TroupeDocumentVersions *self,
                              const char             *doc_id)
{
  g_return_val_if_fail (TROUPE_IS_DOCUMENT_VERSIONS (self), 0);
  return (guint) MIN (g_key_file_get_uint64 (self->keys, GROUP, doc_id, NULL), G_MAXUINT);
}

void
troupe_document_versions_set (TroupeDocumentVersions *self,
                              const char             *doc_id,
                              guint                   version)
{
  g_return_if_fail (TROUPE_IS_DOCUMENT_VERSIONS (self));

  if (troupe_document_versions_get (self, doc_id) == version)
    return;
  g_key_file_set_uint64 (self->keys, GROUP, doc_id, version);
  save (self);
}

void
troupe_document_versions_forget (TroupeDocumentVersions *self,
                                 const char             *doc_id)
{
  g_return_if_fail (TROUPE_IS_DOCUMENT_VERSIONS (self));

  if (g_key_file_remove_key (self->keys, GROUP, doc_id, NULL))
    save (self);
}

static void
troupe_document_versions_dispose (GObject *object)
{
  TroupeDocumentVersions *self = TROUPE_DOCUMENT_VERSIONS (object);

  g_cancellable_cancel (self->cancellable);
  G_OBJECT_CLASS (troupe_document_versions_parent_class)->dispose (object);
}

static void
troupe_document_versions_finalize (GObject *object)
{
  TroupeDocumentVersions *self = TROUPE_DOCUMENT_VERSIONS (object);

  g_clear_object (&self->file);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->keys, g_key_file_unref);
  G_OBJECT_CLASS (troupe_document_versions_parent_class)->finalize (object);
}

static void
troupe_document_versions_class_init (TroupeDocumentVersionsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = troupe_document_versions_dispose;
  object_class->finalize = troupe_document_versions_finalize;
  signals[SIGNAL_LOADED] =
    g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
troupe_document_versions_init (TroupeDocumentVersions *self)
{
  self->keys = g_key_file_new ();
  self->cancellable = g_cancellable_new ();
}
