/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "troupe-character-draft"

#include "config.h"

#include "troupe-character-draft.h"

#define DRAFT_VERSION 1

G_DEFINE_BOXED_TYPE (TroupeCharacterDraft, troupe_character_draft,
                     troupe_character_draft_copy, troupe_character_draft_free)

static const char * const empty_strv[] = { NULL };

/* A NULL list and an empty one mean the same to the server. */
static const char * const *
strv_or_empty (const char * const *strv)
{
  return strv != NULL ? strv : empty_strv;
}

TroupeCharacterDraft *
troupe_character_draft_new (void)
{
  TroupeCharacterDraft *self = g_new0 (TroupeCharacterDraft, 1);

  self->name = g_strdup ("");
  self->voice_type = g_strdup ("");
  self->backstory = g_strdup ("");
  self->language_codes = g_new0 (char *, 1);
  self->actions = g_new0 (char *, 1);
  return self;
}

TroupeCharacterDraft *
troupe_character_draft_new_from_character (ConvaiCharacter *character)
{
  TroupeCharacterDraft *self;

  g_return_val_if_fail (CONVAI_IS_CHARACTER (character), NULL);

  self = g_new0 (TroupeCharacterDraft, 1);
  self->name = g_strdup (convai_character_get_name (character) ?: "");
  self->voice_type = g_strdup (convai_character_get_voice_type (character) ?: "");
  self->backstory = g_strdup (convai_character_get_backstory (character) ?: "");
  self->language_codes = g_strdupv ((char **) strv_or_empty (convai_character_get_language_codes (character)));
  self->actions = g_strdupv ((char **) strv_or_empty (convai_character_get_actions (character)));
  return self;
}

TroupeCharacterDraft *
troupe_character_draft_copy (const TroupeCharacterDraft *self)
{
  TroupeCharacterDraft *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (TroupeCharacterDraft, 1);
  copy->name = g_strdup (self->name);
  copy->voice_type = g_strdup (self->voice_type);
  copy->backstory = g_strdup (self->backstory);
  copy->language_codes = g_strdupv (self->language_codes);
  copy->actions = g_strdupv (self->actions);
  return copy;
}

void
troupe_character_draft_free (TroupeCharacterDraft *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self->voice_type);
  g_free (self->backstory);
  g_strfreev (self->language_codes);
  g_strfreev (self->actions);
  g_free (self);
}

static gboolean
str_differs (const char *draft,
             const char *saved)
{
  return g_strcmp0 (draft, saved != NULL ? saved : "") != 0;
}

static gboolean
strv_differs (char               **draft,
              const char * const  *saved)
{
  return !g_strv_equal ((const char * const *) draft, strv_or_empty (saved));
}

ConvaiCharacterPatch *
troupe_character_draft_make_patch (const TroupeCharacterDraft *self,
                                   ConvaiCharacter            *saved)
{
  ConvaiCharacterPatch *patch;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (CONVAI_IS_CHARACTER (saved), NULL);

  patch = convai_character_patch_new ();
  if (str_differs (self->name, convai_character_get_name (saved)))
    convai_character_patch_set_name (patch, self->name);
  if (str_differs (self->voice_type, convai_character_get_voice_type (saved)))
    convai_character_patch_set_voice_type (patch, self->voice_type);
  if (str_differs (self->backstory, convai_character_get_backstory (saved)))
    convai_character_patch_set_backstory (patch, self->backstory);
  if (strv_differs (self->language_codes, convai_character_get_language_codes (saved)))
    convai_character_patch_set_language_codes (patch, (const char * const *) self->language_codes);
  if (strv_differs (self->actions, convai_character_get_actions (saved)))
    convai_character_patch_set_actions (patch, (const char * const *) self->actions);
  return patch;
}

gboolean
troupe_character_draft_differs (const TroupeCharacterDraft *self,
                                ConvaiCharacter            *saved)
{
  g_autoptr(ConvaiCharacterPatch) patch = troupe_character_draft_make_patch (self, saved);

  return !convai_character_patch_is_empty (patch);
}

void
troupe_character_draft_apply (const TroupeCharacterDraft *self,
                              ConvaiCharacter            *character)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (CONVAI_IS_CHARACTER (character));

  /* Setting an unchanged list would still mark the actions as rewritten, so
   * only what differs is set. */
  if (str_differs (self->name, convai_character_get_name (character)))
    convai_character_set_name (character, self->name);
  if (str_differs (self->voice_type, convai_character_get_voice_type (character)))
    convai_character_set_voice_type (character, self->voice_type);
  if (str_differs (self->backstory, convai_character_get_backstory (character)))
    convai_character_set_backstory (character, self->backstory);
  if (strv_differs (self->language_codes, convai_character_get_language_codes (character)))
    convai_character_set_language_codes (character, (const char * const *) self->language_codes);
  if (strv_differs (self->actions, convai_character_get_actions (character)))
    convai_character_set_actions (character, (const char * const *) self->actions);
}

static gboolean
rebase_str (char       **field,
            const char  *saved,
            const char  *server)
{
  if (str_differs (*field, saved) || !str_differs (*field, server))
    return FALSE;
  g_free (*field);
  *field = g_strdup (server);
  return TRUE;
}

static gboolean
rebase_strv (char               ***field,
             const char * const   *saved,
             char                **server)
{
  if (strv_differs (*field, saved) || !strv_differs (*field, (const char * const *) server))
    return FALSE;
  g_strfreev (*field);
  *field = g_strdupv (server);
  return TRUE;
}

gboolean
troupe_character_draft_rebase (TroupeCharacterDraft       *self,
                               ConvaiCharacter            *saved,
                               const TroupeCharacterDraft *server)
{
  gboolean changed = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (CONVAI_IS_CHARACTER (saved), FALSE);
  g_return_val_if_fail (server != NULL, FALSE);

  changed |= rebase_str (&self->name, convai_character_get_name (saved), server->name);
  changed |= rebase_str (&self->voice_type, convai_character_get_voice_type (saved), server->voice_type);
  changed |= rebase_str (&self->backstory, convai_character_get_backstory (saved), server->backstory);
  changed |= rebase_strv (&self->language_codes, convai_character_get_language_codes (saved),
                          server->language_codes);
  changed |= rebase_strv (&self->actions, convai_character_get_actions (saved), server->actions);
  return changed;
}

static JsonNode *
strv_to_node (char **strv)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; strv[i] != NULL; i++)
    json_array_add_string_element (array, strv[i]);
  json_node_take_array (node, array);
  return node;
}

JsonNode *
troupe_character_draft_to_json (const TroupeCharacterDraft *self,
                                const char                 *char_id)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *saved_at = g_date_time_format_iso8601 (now);
  JsonObject *root = json_object_new ();
  JsonObject *fields = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (char_id != NULL, NULL);

  json_object_set_string_member (fields, "name", self->name);
  json_object_set_string_member (fields, "voiceType", self->voice_type);
  json_object_set_string_member (fields, "backstory", self->backstory);
  json_object_set_member (fields, "languageCodes", strv_to_node (self->language_codes));
  json_object_set_member (fields, "actions", strv_to_node (self->actions));

  json_object_set_int_member (root, "version", DRAFT_VERSION);
  json_object_set_string_member (root, "charID", char_id);
  json_object_set_string_member (root, "savedAt", saved_at);
  json_object_set_object_member (root, "fields", fields);
  json_node_take_object (node, root);
  return node;
}

static gboolean
set_invalid (GError     **error,
             const char  *field)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               "The draft's “%s” is missing or of the wrong type", field);
  return FALSE;
}

static gboolean
read_string (JsonObject  *object,
             const char  *field,
             char       **out,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, field);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return set_invalid (error, field);
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

static gboolean
read_strv (JsonObject   *object,
           const char   *field,
           char       ***out,
           GError      **error)
{
  JsonNode *node = json_object_get_member (object, field);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return set_invalid (error, field);
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        return set_invalid (error, field);
      g_strv_builder_add (builder, json_node_get_string (element));
    }
  *out = g_strv_builder_end (builder);
  return TRUE;
}

TroupeCharacterDraft *
troupe_character_draft_new_from_json (JsonNode  *node,
                                      char     **char_id,
                                      GError   **error)
{
  g_autoptr(TroupeCharacterDraft) self = g_new0 (TroupeCharacterDraft, 1);
  g_autofree char *id = NULL;
  JsonObject *root, *fields;

  g_return_val_if_fail (node != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return set_invalid (error, "root"), NULL;
  root = json_node_get_object (node);
  if (json_object_get_int_member_with_default (root, "version", 0) != DRAFT_VERSION)
    return set_invalid (error, "version"), NULL;
  if (!read_string (root, "charID", &id, error))
    return NULL;
  if (!json_object_has_member (root, "fields") ||
      !JSON_NODE_HOLDS_OBJECT (json_object_get_member (root, "fields")))
    return set_invalid (error, "fields"), NULL;
  fields = json_object_get_object_member (root, "fields");
  if (!read_string (fields, "name", &self->name, error) ||
      !read_string (fields, "voiceType", &self->voice_type, error) ||
      !read_string (fields, "backstory", &self->backstory, error) ||
      !read_strv (fields, "languageCodes", &self->language_codes, error) ||
      !read_strv (fields, "actions", &self->actions, error))
    return NULL;
  if (char_id != NULL)
    *char_id = g_steal_pointer (&id);
  return g_steal_pointer (&self);
}
