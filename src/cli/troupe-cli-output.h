/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Readable output: aligned tables and "label: value" blocks. The formatting
 * is pure (strings in, string out) so it is unit tested; printing is a thin
 * layer on top. */

typedef struct _TroupeCliTable TroupeCliTable;

TroupeCliTable *troupe_cli_table_new           (const char * const *headers);
void            troupe_cli_table_free          (TroupeCliTable     *table);
void            troupe_cli_table_set_max_width (TroupeCliTable     *table,
                                                guint               column,
                                                guint               max_width);
void            troupe_cli_table_add_row       (TroupeCliTable     *table,
                                                const char * const *cells);
guint           troupe_cli_table_get_n_rows    (TroupeCliTable     *table);
char           *troupe_cli_table_render        (TroupeCliTable     *table);
void            troupe_cli_table_print         (TroupeCliTable     *table);
/* The table, or @when_empty alone on a line when it has no rows. */
void            troupe_cli_table_print_or      (TroupeCliTable     *table,
                                                const char         *when_empty);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TroupeCliTable, troupe_cli_table_free)

guint  troupe_cli_display_width (const char *text);
char  *troupe_cli_cell_text     (const char *text,
                                 guint       max_width);

/* "Label:  value" lines with the values aligned; a value with several lines
 * keeps its line breaks, indented under the first. Pairs of strings, NULL
 * value skipped. */
char  *troupe_cli_render_fields (const char * const *labels_and_values,
                                 guint               n_pairs);
void   troupe_cli_print_fields  (const char * const *labels_and_values,
                                 guint               n_pairs);

char  *troupe_cli_format_size   (guint64     bytes);

/* --json output: pretty-printed, one document per call, then a newline. */
char  *troupe_cli_json_to_string (JsonNode  *node);
void   troupe_cli_print_json     (JsonNode  *node);

G_END_DECLS

G_BEGIN_DECLS

/* A list of model objects as one JSON array, each through @to_json. */
typedef JsonNode *(*TroupeCliToJson) (gpointer item);
JsonNode *troupe_cli_list_to_json (GListModel      *model,
                                   TroupeCliToJson  to_json);

/* {"key": "value"}: the small replies (a new id, a status). */
void      troupe_cli_print_json_member (const char *key,
                                        const char *value);

G_END_DECLS
