/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "troupe-cli-output.h"

#include <stdio.h>
#include <string.h>

struct _TroupeCliTable
{
  GStrv      headers;
  guint      n_columns;
  guint     *max_widths;   /* 0 = unlimited */
  GPtrArray *rows;         /* of GStrv, each n_columns long */
};

TroupeCliTable *
troupe_cli_table_new (const char * const *headers)
{
  TroupeCliTable *table = g_new0 (TroupeCliTable, 1);

  g_return_val_if_fail (headers != NULL && headers[0] != NULL, NULL);

  table->headers = g_strdupv ((char **) headers);
  table->n_columns = g_strv_length (table->headers);
  table->max_widths = g_new0 (guint, table->n_columns);
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  return table;
}

void
troupe_cli_table_free (TroupeCliTable *table)
{
  if (table == NULL)
    return;
  g_strfreev (table->headers);
  g_free (table->max_widths);
  g_ptr_array_unref (table->rows);
  g_free (table);
}

void
troupe_cli_table_set_max_width (TroupeCliTable *table,
                                guint           column,
                                guint           max_width)
{
  g_return_if_fail (table != NULL);
  g_return_if_fail (column < table->n_columns);

  table->max_widths[column] = max_width;
}

/* A row shorter than the header is padded with empty cells; a NULL cell is
 * shown empty. */
void
troupe_cli_table_add_row (TroupeCliTable     *table,
                          const char * const *cells)
{
  char **row;

  g_return_if_fail (table != NULL);
  g_return_if_fail (cells != NULL);

  row = g_new0 (char *, table->n_columns + 1);
  for (guint i = 0; i < table->n_columns; i++)
    {
      const char *cell = cells[i];

      row[i] = g_strdup (cell != NULL ? cell : "");
      if (cell == NULL)
        {
          for (guint j = i + 1; j < table->n_columns; j++)
            row[j] = g_strdup ("");
          break;
        }
    }
  g_ptr_array_add (table->rows, row);
}

guint
troupe_cli_table_get_n_rows (TroupeCliTable *table)
{
  g_return_val_if_fail (table != NULL, 0);

  return table->rows->len;
}

/* Columns on a terminal: wide (CJK) characters take two, combining marks none. */
guint
troupe_cli_display_width (const char *text)
{
  guint width = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }
  return width;
}

/* One table cell: line breaks and tabs become spaces, invalid UTF-8 is
 * replaced, and text longer than max_width (0 = no limit) ends in "…". */
char *
troupe_cli_cell_text (const char *text,
                      guint       max_width)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  g_autoptr(GString) out = g_string_new (NULL);
  guint width = 0;

  g_strdelimit (valid, "\r\n\t", ' ');
  if (max_width == 0 || troupe_cli_display_width (valid) <= max_width)
    return g_steal_pointer (&valid);

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      guint w = g_unichar_iszerowidth (c) ? 0 : g_unichar_iswide (c) ? 2 : 1;

      /* Keep one column for the ellipsis. */
      if (width + w > max_width - 1)
        break;
      g_string_append_unichar (out, c);
      width += w;
    }
  g_string_append (out, "…");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
append_padded (GString    *out,
               const char *text,
               guint       width)
{
  g_string_append (out, text);
  for (guint w = troupe_cli_display_width (text); w < width; w++)
    g_string_append_c (out, ' ');
}

static void
append_row (GString       *out,
            char         **cells,
            const guint   *widths,
            guint          n_columns)
{
  for (guint i = 0; i < n_columns; i++)
    {
      /* The last column is not padded: no trailing blanks. */
      if (i + 1 == n_columns)
        g_string_append (out, cells[i]);
      else
        {
          append_padded (out, cells[i], widths[i]);
          g_string_append (out, "  ");
        }
    }
  /* An empty last cell would leave the padding before it. */
  while (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  g_string_append_c (out, '\n');
}

char *
troupe_cli_table_render (TroupeCliTable *table)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autofree guint *widths = NULL;
  GString *out;

  g_return_val_if_fail (table != NULL, NULL);

  widths = g_new0 (guint, table->n_columns);
  g_ptr_array_add (cells, g_strdupv (table->headers));
  for (guint r = 0; r < table->rows->len; r++)
    {
      char **row = g_ptr_array_index (table->rows, r);
      char **shown = g_new0 (char *, table->n_columns + 1);

      for (guint i = 0; i < table->n_columns; i++)
        shown[i] = troupe_cli_cell_text (row[i], table->max_widths[i]);
      g_ptr_array_add (cells, shown);
    }

  for (guint r = 0; r < cells->len; r++)
    {
      char **row = g_ptr_array_index (cells, r);

      for (guint i = 0; i < table->n_columns; i++)
        widths[i] = MAX (widths[i], troupe_cli_display_width (row[i]));
    }

  out = g_string_new (NULL);
  for (guint r = 0; r < cells->len; r++)
    append_row (out, g_ptr_array_index (cells, r), widths, table->n_columns);
  return g_string_free (out, FALSE);
}

void
troupe_cli_table_print (TroupeCliTable *table)
{
  g_autofree char *text = troupe_cli_table_render (table);

  fputs (text, stdout);
}

void
troupe_cli_table_print_or (TroupeCliTable *table,
                           const char     *when_empty)
{
  if (troupe_cli_table_get_n_rows (table) == 0)
    g_print ("%s\n", when_empty);
  else
    troupe_cli_table_print (table);
}

/* One line of a field block: the label (or blank) column, then the value;
 * no trailing blanks when the value is empty. */
static void
append_field_line (GString    *out,
                   const char *label,
                   guint       label_width,
                   const char *value)
{
  append_padded (out, label, label_width);
  if (value[0] != '\0')
    {
      g_string_append (out, "  ");
      g_string_append (out, value);
    }
  while (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  g_string_append_c (out, '\n');
}

char *
troupe_cli_render_fields (const char * const *labels_and_values,
                          guint               n_pairs)
{
  GString *out = g_string_new (NULL);
  guint label_width = 0;

  for (guint i = 0; i < n_pairs; i++)
    if (labels_and_values[2 * i + 1] != NULL)
      label_width = MAX (label_width, troupe_cli_display_width (labels_and_values[2 * i]) + 1);

  for (guint i = 0; i < n_pairs; i++)
    {
      const char *value = labels_and_values[2 * i + 1];
      g_autofree char *label = NULL;
      g_auto(GStrv) lines = NULL;

      if (value == NULL)
        continue;
      label = g_strconcat (labels_and_values[2 * i], ":", NULL);
      lines = g_strsplit (value, "\n", -1);
      if (lines[0] == NULL)
        append_field_line (out, label, label_width, "");
      for (guint l = 0; lines[l] != NULL; l++)
        append_field_line (out, l == 0 ? label : "", label_width, lines[l]);
    }
  return g_string_free (out, FALSE);
}

void
troupe_cli_print_fields (const char * const *labels_and_values,
                         guint               n_pairs)
{
  g_autofree char *text = troupe_cli_render_fields (labels_and_values, n_pairs);

  fputs (text, stdout);
}

char *
troupe_cli_format_size (guint64 bytes)
{
  /* IEC units, as the progress bar uses, so figures agree. */
  return g_format_size_full (bytes, G_FORMAT_SIZE_IEC_UNITS);
}

char *
troupe_cli_json_to_string (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  g_return_val_if_fail (node != NULL, NULL);

  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  return json_generator_to_data (generator, NULL);
}

void
troupe_cli_print_json (JsonNode *node)
{
  g_autofree char *text = troupe_cli_json_to_string (node);

  fputs (text, stdout);
  fputc ('\n', stdout);
}

JsonNode *
troupe_cli_list_to_json (GListModel      *model,
                         TroupeCliToJson  to_json)
{
  g_autoptr(JsonArray) array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      json_array_add_element (array, to_json (item));
    }
  json_node_set_array (node, array);
  return node;
}

void
troupe_cli_print_json_member (const char *key,
                              const char *value)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (object, key, value);
  json_node_set_object (node, object);
  troupe_cli_print_json (node);
}
