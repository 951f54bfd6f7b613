/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Type-checked access to server replies. A required field that is missing,
 * or any field of the wrong type, is a CONVAI_ERROR_PROTOCOL naming the
 * field: never a crash, never a silent zero. Optional fields may be missing
 * or null. */

void         convai_json_set_field_error (GError     **error,
                                          const char  *field,
                                          const char  *problem);
JsonNode    *convai_json_parse           (const char  *data,
                                          gssize       len,
                                          GError     **error);
JsonObject  *convai_json_node_object     (JsonNode    *node,
                                          const char  *what,
                                          GError     **error);
JsonArray   *convai_json_node_array      (JsonNode    *node,
                                          const char  *what,
                                          GError     **error);
const char  *convai_json_require_string  (JsonObject  *object,
                                          const char  *field,
                                          GError     **error);
gboolean     convai_json_optional_string (JsonObject  *object,
                                          const char  *field,
                                          const char **out,
                                          GError     **error);
gboolean     convai_json_optional_boolean (JsonObject *object,
                                          const char  *field,
                                          gboolean    *out,
                                          GError     **error);
gboolean     convai_json_optional_strv   (JsonObject  *object,
                                          const char  *field,
                                          char      ***out,
                                          GError     **error);
gboolean     convai_json_optional_uint64 (JsonObject  *object,
                                          const char  *field,
                                          guint64     *out,
                                          GError     **error);
JsonObject  *convai_json_object_without  (JsonObject  *object,
                                          const char * const *known);
void         convai_json_object_merge    (JsonObject  *into,
                                          JsonObject  *from);
JsonNode    *convai_json_strv_node       (const char * const *strv);
/* Builds one model object from a JSON node, or NULL and an error. */
typedef gpointer (*ConvaiJsonItemFunc) (JsonNode  *node,
                                        GError   **error);
/* Every element of @array through @new_item, in a GListStore of @item_type;
 * NULL and the first element's error if one does not decode. */
GListModel  *convai_json_array_to_list   (JsonArray          *array,
                                          GType               item_type,
                                          ConvaiJsonItemFunc  new_item,
                                          GError            **error);
/* The same, skipping the elements that do not decode: @n_skipped says
 * how many (the history browser shows what it can of a damaged reply). */
GListModel  *convai_json_array_to_list_skipping (JsonArray          *array,
                                                 GType               item_type,
                                                 ConvaiJsonItemFunc  new_item,
                                                 guint              *n_skipped);
/* How many elements a list from convai_json_array_to_list_skipping() lost. */
guint        convai_json_list_get_n_skipped     (GListModel         *list);
void         convai_json_list_set_n_skipped     (GListModel         *list,
                                                 guint               n_skipped);
/* Builds one model object from a JSON node and the text it was parsed
 * from (NULL if there is none), which the object may keep instead of the
 * node; or NULL and an error. */
typedef gpointer (*ConvaiJsonTextItemFunc) (JsonNode    *node,
                                            const char  *text,
                                            gsize        len,
                                            GError     **error);
/* convai_json_array_to_list_skipping() straight from a reply's text (see
 * convai-json-list.c): its elements are parsed one at a time. A reply that
 * is not a list, or not JSON, is an error naming @what as before. */
GListModel  *convai_json_text_to_list_skipping  (const char             *data,
                                                 gsize                   len,
                                                 const char             *what,
                                                 GType                   item_type,
                                                 ConvaiJsonTextItemFunc  new_item,
                                                 guint                  *n_skipped,
                                                 GError                **error);
/* A node holding @object (taken). */
JsonNode    *convai_json_object_node     (JsonObject  *object);
char        *convai_json_to_string       (JsonNode    *node);

G_END_DECLS
