/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "convai-character-patch.h"

#include "convai-json-private.h"

struct _ConvaiCharacterPatch
{
  grefcount   ref_count;
  /* NULL = unchanged. */
  char       *name;
  char       *voice_type;
  char       *backstory;
  char      **actions;
  char      **language_codes;
  /* doc id -> "active" / "inactive", in the order they were set. */
  GPtrArray  *doc_ids;
  GHashTable *doc_status;
};

G_DEFINE_BOXED_TYPE (ConvaiCharacterPatch, convai_character_patch,
                     convai_character_patch_ref, convai_character_patch_unref)

ConvaiCharacterPatch *
convai_character_patch_new (void)
{
  ConvaiCharacterPatch *self = g_new0 (ConvaiCharacterPatch, 1);

  g_ref_count_init (&self->ref_count);
  self->doc_ids = g_ptr_array_new_with_free_func (g_free);
  self->doc_status = g_hash_table_new (g_str_hash, g_str_equal);
  return self;
}

ConvaiCharacterPatch *
convai_character_patch_ref (ConvaiCharacterPatch *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_ref_count_inc (&self->ref_count);
  return self;
}

void
convai_character_patch_unref (ConvaiCharacterPatch *self)
{
  g_return_if_fail (self != NULL);
  if (!g_ref_count_dec (&self->ref_count))
    return;
  g_free (self->name);
  g_free (self->voice_type);
  g_free (self->backstory);
  g_strfreev (self->actions);
  g_strfreev (self->language_codes);
  g_hash_table_unref (self->doc_status);
  g_ptr_array_unref (self->doc_ids);
  g_free (self);
}

void
convai_character_patch_set_name (ConvaiCharacterPatch *self,
                                 const char           *name)
{
  g_return_if_fail (self != NULL && name != NULL);
  g_free (self->name);
  self->name = g_strdup (name);
}

void
convai_character_patch_set_voice_type (ConvaiCharacterPatch *self,
                                       const char           *voice_type)
{
  g_return_if_fail (self != NULL && voice_type != NULL);
  g_free (self->voice_type);
  self->voice_type = g_strdup (voice_type);
}

void
convai_character_patch_set_backstory (ConvaiCharacterPatch *self,
                                      const char           *backstory)
{
  g_return_if_fail (self != NULL && backstory != NULL);
  g_free (self->backstory);
  self->backstory = g_strdup (backstory);
}

/* An empty list (or NULL) clears the actions: it is still a change. */
void
convai_character_patch_set_actions (ConvaiCharacterPatch *self,
                                    const char * const   *actions)
{
  const char *none[] = { NULL };

  g_return_if_fail (self != NULL);
  g_strfreev (self->actions);
  self->actions = g_strdupv ((char **) (actions ? actions : none));
}

void
convai_character_patch_set_language_codes (ConvaiCharacterPatch *self,
                                           const char * const   *codes)
{
  g_return_if_fail (self != NULL && codes != NULL);
  g_strfreev (self->language_codes);
  self->language_codes = g_strdupv ((char **) codes);
}

void
convai_character_patch_set_document_connected (ConvaiCharacterPatch *self,
                                               const char           *doc_id,
                                               gboolean              connected)
{
  char *key;

  g_return_if_fail (self != NULL && doc_id != NULL);
  key = g_hash_table_lookup (self->doc_status, doc_id) ? NULL : g_strdup (doc_id);
  if (key != NULL)
    g_ptr_array_add (self->doc_ids, key);
  else
    for (guint i = 0; i < self->doc_ids->len; i++)
      if (g_str_equal (self->doc_ids->pdata[i], doc_id))
        key = self->doc_ids->pdata[i];
  g_hash_table_insert (self->doc_status, key,
                       (gpointer) (connected ? "active" : "inactive"));
}

gboolean
convai_character_patch_is_empty (ConvaiCharacterPatch *self)
{
  g_return_val_if_fail (self != NULL, TRUE);
  return self->name == NULL && self->voice_type == NULL && self->backstory == NULL
         && self->actions == NULL && self->language_codes == NULL
         && self->doc_ids->len == 0;
}

static JsonNode *
docs_node (ConvaiCharacterPatch *self)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < self->doc_ids->len; i++)
    {
      const char *id = self->doc_ids->pdata[i];
      JsonObject *entry = json_object_new ();

      json_object_set_string_member (entry, "id", id);
      json_object_set_string_member (entry, "status", g_hash_table_lookup (self->doc_status, id));
      json_array_add_object_element (array, entry);
    }
  json_node_take_array (node, array);
  return node;
}

JsonNode *
convai_character_patch_to_json (ConvaiCharacterPatch *self,
                                const char           *char_id)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  g_return_val_if_fail (self != NULL && char_id != NULL, NULL);

  json_object_set_string_member (object, "charID", char_id);
  if (self->name != NULL)
    json_object_set_string_member (object, "charName", self->name);
  if (self->voice_type != NULL)
    json_object_set_string_member (object, "voiceType", self->voice_type);
  if (self->backstory != NULL)
    json_object_set_string_member (object, "backstory", self->backstory);
  if (self->actions != NULL)
    {
      /* update documents `action`, one comma-separated string. */
      g_autofree char *joined = g_strjoinv (", ", self->actions);
      json_object_set_string_member (object, "action", joined);
    }
  if (self->language_codes != NULL)
    json_object_set_member (object, "languageCodes",
                            convai_json_strv_node ((const char * const *) self->language_codes));
  if (self->doc_ids->len > 0)
    json_object_set_member (object, "docs", docs_node (self));
  json_node_take_object (node, object);
  return node;
}
