/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A long JSON list decoded one element at a time. json-glib builds the
 * whole reply as one tree first: for the 10,000 sessions of a history that
 * is 11 MB of fresh memory, and on a virtual machine faulting it in took
 * most of the decoding (50-90 ms of it). Cut into its elements' texts, the
 * list is parsed element by element by one parser, each small tree freed
 * before the next, so the same few pages serve them all. Only the cutting
 * is done here; every element is still parsed by json-glib, and a text
 * this does not know to be a plain list goes to convai_json_parse() whole,
 * which decides as before (and says why it is not valid). */
#include "convai-json-private.h"

#include "convai-error.h"

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Where the element starting at @p ends: at the ',' or ']' after it, at
 * depth 0, outside strings. NULL if the text ends first, or if anything
 * but space follows a whole string, object or list before that: json-glib
 * takes "[1]{}" as [1], so an element must not hide a second value. The
 * brackets are only counted: the element's parser checks that they match. */
static const char *
element_end (const char *p,
             const char *end)
{
  guint depth = 0;
  gboolean in_string = FALSE;
  gboolean whole = FALSE;   /* a string, object or list ended at depth 0 */

  for (; p < end; p++)
    {
      char c = *p;

      if (in_string)
        {
          if (c == '\\')
            p++;
          else if (c == '"')
            {
              in_string = FALSE;
              whole = depth == 0;
            }
          continue;
        }
      if (depth == 0 && (c == ',' || c == ']' || c == '}'))
        return p;
      if (whole && !is_space (c))
        return NULL;
      if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        depth++;
      else if ((c == ']' || c == '}') && --depth == 0)
        whole = TRUE;
    }
  return NULL;
}

static const char *
skip_space (const char *p,
            const char *end)
{
  while (p < end && is_space (*p))
    p++;
  return p;
}

/* The elements of the list @data is, as (offset, length) pairs, or NULL if
 * it is not simply "[ {object}, ... ]" with nothing after: an object, an
 * element that is no object, a trailing comma, an unclosed list. Only
 * objects: json-glib reads a bare value differently at the root than in a
 * list ("." is 0.0 alone, an error in a list), while an object and its
 * members read the same in both (fuzz-models compares the two ways). */
static GArray *
split_list (const char *data,
            gsize       len)
{
  const char *end = data + len;
  const char *p = skip_space (data, end);
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (gsize));

  if (p == end || *p != '[')
    return NULL;
  p = skip_space (p + 1, end);
  if (p < end && *p == ']')
    return skip_space (p + 1, end) == end ? g_steal_pointer (&spans) : NULL;
  for (;;)
    {
      const char *stop = element_end (p, end);
      const char *last;
      gsize offset = p - data, length;

      if (p == end || *p != '{' || stop == NULL || *stop == '}')
        return NULL;
      for (last = stop; last > p && is_space (last[-1]); last--)
        ;
      if (last == p)
        return NULL;
      length = last - p;
      g_array_append_val (spans, offset);
      g_array_append_val (spans, length);
      if (*stop == ']')
        return skip_space (stop + 1, end) == end ? g_steal_pointer (&spans) : NULL;
      p = skip_space (stop + 1, end);
    }
}

GListModel *
convai_json_text_to_list_skipping (const char             *data,
                                   gsize                   len,
                                   const char             *what,
                                   GType                   item_type,
                                   ConvaiJsonTextItemFunc  new_item,
                                   guint                  *n_skipped,
                                   GError                **error)
{
  g_autoptr(GArray) spans = split_list (data, len);
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GListStore) store = NULL;
  guint skipped = 0;

  if (spans == NULL)
    {
      g_autoptr(JsonNode) root = convai_json_parse (data, len, error);
      JsonArray *array;

      if (root == NULL || (array = convai_json_node_array (root, what, error)) == NULL)
        return NULL;
      /* A list after all, in a form json-glib takes beyond plain JSON:
       * its elements as text are not at hand, so they keep their nodes. */
      items = g_ptr_array_new_full (json_array_get_length (array), g_object_unref);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autoptr(GError) item_error = NULL;
          gpointer item = new_item (json_array_get_element (array, i), NULL, 0, &item_error);

          if (item != NULL)
            g_ptr_array_add (items, item);
          else
            {
              g_debug ("Skipped element %u: %s", i, item_error->message);
              skipped++;
            }
        }
    }
  else
    {
      parser = json_parser_new_immutable ();
      items = g_ptr_array_new_full (spans->len / 2, g_object_unref);
    }
  for (guint i = 0; spans != NULL && i < spans->len; i += 2)
    {
      const char *text = data + g_array_index (spans, gsize, i);
      gsize length = g_array_index (spans, gsize, i + 1);
      g_autoptr(GError) parse_error = NULL;
      g_autoptr(GError) item_error = NULL;
      gpointer item;

      if (!json_parser_load_from_data (parser, text, length, &parse_error))
        {
          /* One broken element breaks the reply, as a whole parse would. */
          g_set_error (error, CONVAI_ERROR, CONVAI_ERROR_PROTOCOL,
                       "The server’s reply is not valid JSON: %s", parse_error->message);
          return NULL;
        }
      item = new_item (json_parser_get_root (parser), text, length, &item_error);
      if (item == NULL)
        {
          g_debug ("Skipped element %u: %s", i / 2, item_error->message);
          skipped++;
          continue;
        }
      g_ptr_array_add (items, item);
    }
  store = g_list_store_new (item_type);
  /* One splice: 10,000 appends would each announce a change nobody hears. */
  g_list_store_splice (store, 0, 0, items->pdata, items->len);
  convai_json_list_set_n_skipped (G_LIST_MODEL (store), skipped);
  if (n_skipped != NULL)
    *n_skipped = skipped;
  return G_LIST_MODEL (g_steal_pointer (&store));
}
