/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "troupe-document"

#include "config.h"

#include <string.h>

#include "troupe-document.h"

struct _TroupeDocument
{
  GObject              parent_instance;

  ConvaiKnowledgeDoc  *doc;
  GDateTime           *uploaded;
  char                *error_message;
  TroupeDocumentState  state;
  guint                version;
  gboolean             stalled;
  GPtrArray           *connected_ids;  /* sorted, NULL-terminated; NULL: not known */
  GPtrArray           *pending_ids;    /* what the lists said while not all were read */
  char                *sort_key;       /* of the name, made once: collating is slow */
};

G_DEFINE_FINAL_TYPE (TroupeDocument, troupe_document, G_TYPE_OBJECT)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

char *
troupe_document_dup_processing_error (ConvaiKnowledgeDoc *doc)
{
  g_autoptr(JsonNode) node = NULL;
  JsonNode *member;

  /* A processed document has no reason to fail: skip the copy. */
  if (convai_knowledge_doc_get_is_available (doc))
    return NULL;
  node = convai_knowledge_doc_to_json (doc);
  member = json_object_get_member (json_node_get_object (node), "error");
  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (member));
}

/* "2024-09-17 20:51:09.216522", UTC as the API pages show it. */
static GDateTime *
parse_timestamp (const char *timestamp)
{
  g_autofree char *iso = NULL;
  char *space;

  if (timestamp == NULL || timestamp[0] == '\0')
    return NULL;
  iso = g_strdup (timestamp);
  if ((space = strchr (iso, ' ')) != NULL)
    *space = 'T';
  /* Without a zone it is UTC, not the local time GLib would assume. */
  if (strchr (iso + 10, 'Z') == NULL && strchr (iso + 10, '+') == NULL)
    {
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

      return g_date_time_new_from_iso8601 (iso, utc);
    }
  return g_date_time_new_from_iso8601 (iso, NULL);
}

static void
take_doc (TroupeDocument     *self,
          ConvaiKnowledgeDoc *doc)
{
  g_set_object (&self->doc, doc);
  g_clear_pointer (&self->sort_key, g_free);
  g_clear_pointer (&self->uploaded, g_date_time_unref);
  self->uploaded = parse_timestamp (convai_knowledge_doc_get_timestamp (doc));
  g_clear_pointer (&self->error_message, g_free);
  if (convai_knowledge_doc_get_is_available (doc))
    self->state = TROUPE_DOCUMENT_AVAILABLE;
  else if ((self->error_message = troupe_document_dup_processing_error (doc)) != NULL)
    self->state = TROUPE_DOCUMENT_FAILED;
  else
    self->state = TROUPE_DOCUMENT_PROCESSING;
  if (self->state != TROUPE_DOCUMENT_PROCESSING)
    self->stalled = FALSE;
}

TroupeDocument *
troupe_document_new (ConvaiKnowledgeDoc *doc)
{
  TroupeDocument *self;

  g_return_val_if_fail (CONVAI_IS_KNOWLEDGE_DOC (doc), NULL);

  self = g_object_new (TROUPE_TYPE_DOCUMENT, NULL);
  take_doc (self, doc);
  return self;
}

gboolean
troupe_document_update (TroupeDocument     *self,
                        ConvaiKnowledgeDoc *doc)
{
  ConvaiKnowledgeDoc *old;

  g_return_val_if_fail (TROUPE_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (CONVAI_IS_KNOWLEDGE_DOC (doc), FALSE);

  old = self->doc;
  if (old == doc)
    return FALSE;
  if (convai_knowledge_doc_get_is_available (old) == convai_knowledge_doc_get_is_available (doc)
      && convai_knowledge_doc_get_file_size (old) == convai_knowledge_doc_get_file_size (doc)
      && g_strcmp0 (convai_knowledge_doc_get_file_name (old), convai_knowledge_doc_get_file_name (doc)) == 0
      && g_strcmp0 (convai_knowledge_doc_get_timestamp (old), convai_knowledge_doc_get_timestamp (doc)) == 0)
    {
      g_autofree char *old_error = troupe_document_dup_processing_error (old);
      g_autofree char *new_error = troupe_document_dup_processing_error (doc);

      if (g_strcmp0 (old_error, new_error) == 0)
        return FALSE;
    }
  /* The update call keeps the id and stamps the new upload's time. */
  if (convai_knowledge_doc_get_timestamp (old) != NULL
      && g_strcmp0 (convai_knowledge_doc_get_timestamp (old), convai_knowledge_doc_get_timestamp (doc)) != 0)
    self->version++;
  take_doc (self, doc);
  return TRUE;
}

ConvaiKnowledgeDoc *
troupe_document_get_doc (TroupeDocument *self)
{
  g_return_val_if_fail (TROUPE_IS_DOCUMENT (self), NULL);
  return self->doc;
}

const char *
troupe_document_get_id (TroupeDocument *self)
{
  g_return_val_if_fail (TROUPE_IS_DOCUMENT (self), NULL);
  return convai_knowledge_doc_get_id (self->doc);
}

const char *
troupe_document_get_name (TroupeDocument *self)
{
  const char *name;

  g_return_val_if_fail (TROUPE_IS_DOCUMENT (self), NULL);
  name = convai_knowledge_doc_get_file_name (self->doc);
  return name != NULL && name[0] != '\0' ? name : convai_knowledge_doc_get_id (self->doc);
}

const char *
troupe_document_get_sort_key (TroupeDocument *self)
{
  g_return_val_if_fail (TROUPE_IS_DOCUMENT (self), NULL);

  if (self->sort_key == NULL)
    {
      g_autofree char *folded = g_utf8_casefold (troupe_document_get_name (self), -1);

      self->sort_key = g_utf8_collate_key_for_filename (folded, -1);
    }
  return self->sort_key;
}

guint64
troupe_document_get_file_size (TroupeDocument *self)
{
  g_return_val_if_fail (TROUPE_IS_DOCUMENT (self), 0);
  return convai_knowledge_doc_get_file_size (self->doc);
}

GDateTime *
troupe_document_get_uploaded (TroupeDocument *self)
{
  g_return_val_if_fail (TROUPE_IS_DOCUMENT (self), NULL);
  return self->uploaded;
}

TroupeDocumentState
troupe_document_get_state (TroupeDocument *self)
{
  g_return_val_if_fail (TROUPE_IS_DOCUMENT (self), TROUPE_DOCUMENT_PROCESSING);
  return self->state;
}

const char *
troupe_document_get_error_message (TroupeDocument *self)
{
  g_return_val_if_fail (TROUPE_IS_DOCUMENT (self), NULL);
  return self->error_message;
}

guint
troupe_document_get_version (TroupeDocument *self)
{
  g_return_val_if_fail (TROUPE_IS_DOCUMENT (self), 1);
  return self->version;
}

void
troupe_document_set_version (TroupeDocument *self,
                             guint           version)
{
  g_return_if_fail (TROUPE_IS_DOCUMENT (self));
  self->version = MAX (version, 1);
}

gboolean
troupe_document_get_stalled (TroupeDocument *self)
{
  g_return_val_if_fail (TROUPE_IS_DOCUMENT (self), FALSE);
  return self->stalled;
}

void
troupe_document_set_stalled (TroupeDocument *self,
                             gboolean        stalled)
{
  g_return_if_fail (TROUPE_IS_DOCUMENT (self));
  self->stalled = stalled && self->state == TROUPE_DOCUMENT_PROCESSING;
}

const char * const *
troupe_document_get_connected_ids (TroupeDocument *self)
{
  g_return_val_if_fail (TROUPE_IS_DOCUMENT (self), NULL);
  return self->connected_ids != NULL ? (const char * const *) self->connected_ids->pdata : NULL;
}

static gboolean
find_id (GPtrArray  *ids,
         const char *char_id,
         guint      *index)
{
  for (guint i = 0; ids != NULL && i + 1 < ids->len; i++)
    if (strcmp (g_ptr_array_index (ids, i), char_id) == 0)
      {
        *index = i;
        return TRUE;
      }
  return FALSE;
}

gboolean
troupe_document_is_connected_to (TroupeDocument *self,
                                 const char     *char_id)
{
  guint index;

  g_return_val_if_fail (TROUPE_IS_DOCUMENT (self), FALSE);
  return find_id (self->connected_ids, char_id, &index)
         || find_id (self->pending_ids, char_id, &index);
}

static GPtrArray *
new_ids (void)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (ids, NULL);
  return ids;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

static gboolean
set_in (GPtrArray  *ids,
        const char *char_id,
        gboolean    connected)
{
  guint index;
  gboolean found = find_id (ids, char_id, &index);

  if (found == connected)
    return FALSE;
  if (connected)
    {
      /* Before the terminating NULL, then in order again. */
      g_ptr_array_insert (ids, ids->len - 1, g_strdup (char_id));
      g_ptr_array_remove_index (ids, ids->len - 1);
      g_ptr_array_sort (ids, compare_ids);
      g_ptr_array_add (ids, NULL);
    }
  else
    g_ptr_array_remove_index (ids, index);
  return TRUE;
}

gboolean
troupe_document_set_connected (TroupeDocument *self,
                               const char     *char_id,
                               gboolean        connected)
{
  g_return_val_if_fail (TROUPE_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (char_id != NULL, FALSE);

  /* Until every list is read, what is known is kept aside: a partial
   * "Used by" would undercount. */
  if (self->connected_ids == NULL)
    {
      if (self->pending_ids == NULL)
        self->pending_ids = new_ids ();
      set_in (self->pending_ids, char_id, connected);
      return FALSE;
    }
  return set_in (self->connected_ids, char_id, connected);
}

void
troupe_document_set_connections_known (TroupeDocument *self)
{
  g_return_if_fail (TROUPE_IS_DOCUMENT (self));

  if (self->connected_ids != NULL)
    return;
  self->connected_ids = self->pending_ids != NULL ? g_steal_pointer (&self->pending_ids) : new_ids ();
}

void
troupe_document_changed (TroupeDocument *self)
{
  g_return_if_fail (TROUPE_IS_DOCUMENT (self));
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
troupe_document_finalize (GObject *object)
{
  TroupeDocument *self = TROUPE_DOCUMENT (object);

  g_clear_object (&self->doc);
  g_clear_pointer (&self->uploaded, g_date_time_unref);
  g_clear_pointer (&self->error_message, g_free);
  g_clear_pointer (&self->sort_key, g_free);
  g_clear_pointer (&self->connected_ids, g_ptr_array_unref);
  g_clear_pointer (&self->pending_ids, g_ptr_array_unref);
  G_OBJECT_CLASS (troupe_document_parent_class)->finalize (object);
}

static void
troupe_document_class_init (TroupeDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = troupe_document_finalize;
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
troupe_document_init (TroupeDocument *self)
{
  self->version = 1;
}
