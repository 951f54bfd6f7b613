/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target for ConvaiSseParser. Besides crashes, it checks the
 * parser's promise: the events, and whether the stream ended cleanly or was
 * cut, do not depend on how the bytes are split.
 * The first input byte picks the split points. */
#include <convai.h>

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static void
record_cb (const char *event_type,
           const char *event_data,
           gsize       len,
           gpointer    user_data)
{
  GString *events = user_data;

  if (strlen (event_data) > len)
    abort ();
  g_string_append (events, event_type);
  g_string_append_c (events, '\0');
  g_string_append_len (events, event_data, len);
  g_string_append_c (events, '\0');
}

static GString *
parse (const char *text,
       gsize       len,
       guint       step)
{
  GString *events = g_string_new (NULL);
  ConvaiSseParser *parser = convai_sse_parser_new (record_cb, events);

  for (gsize offset = 0; offset < len; offset += step)
    convai_sse_parser_feed (parser, text + offset, MIN (step, len - offset));
  g_string_append (events, convai_sse_parser_finish (parser) ? "clean" : "cut");
  convai_sse_parser_free (parser);
  return events;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  GString *whole, *split;
  guint step;

  if (size < 1)
    return 0;
  step = 1 + data[0] % 17;
  whole = parse ((const char *) data + 1, size - 1, G_MAXUINT);
  split = parse ((const char *) data + 1, size - 1, step);
  if (whole->len != split->len || memcmp (whole->str, split->str, whole->len) != 0)
    abort ();
  g_string_free (whole, TRUE);
  g_string_free (split, TRUE);
  return 0;
}
