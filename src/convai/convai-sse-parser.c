/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "convai-sse-parser.h"

#include <string.h>

/* Follows the WHATWG "event stream interpretation": an event is dispatched
 * by its blank line, and one the stream ends inside of is discarded. That
 * end is what a cut connection looks like, so _finish() says so. */
struct _ConvaiSseParser
{
  ConvaiSseEventFunc  func;
  gpointer            user_data;
  GString            *line;        /* a line split across feeds */
  GString            *data;        /* the event's data lines, each + "\n" */
  GString            *event_type;
  char               *last_event_id;
  gboolean            has_data;
  gboolean            after_cr;    /* a "\r" ended the last feed: skip one "\n" */
  gboolean            first_line;  /* a UTF-8 BOM may start it */
};

ConvaiSseParser *
convai_sse_parser_new (ConvaiSseEventFunc func,
                       gpointer           user_data)
{
  ConvaiSseParser *self = g_new0 (ConvaiSseParser, 1);

  g_return_val_if_fail (func != NULL, NULL);
  self->func = func;
  self->user_data = user_data;
  self->line = g_string_sized_new (256);
  self->data = g_string_sized_new (256);
  self->event_type = g_string_new (NULL);
  self->first_line = TRUE;
  return self;
}

void
convai_sse_parser_free (ConvaiSseParser *self)
{
  if (self == NULL)
    return;
  g_string_free (self->line, TRUE);
  g_string_free (self->data, TRUE);
  g_string_free (self->event_type, TRUE);
  g_free (self->last_event_id);
  g_free (self);
}

gsize
convai_sse_parser_get_pending_bytes (ConvaiSseParser *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->line->len + self->data->len + self->event_type->len;
}

const char *
convai_sse_parser_get_last_event_id (ConvaiSseParser *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->last_event_id;
}

static void
dispatch (ConvaiSseParser *self)
{
  if (self->has_data)
    {
      /* Drop the "\n" that followed the last data line. */
      g_string_truncate (self->data, self->data->len - 1);
      self->func (self->event_type->len ? self->event_type->str : "message",
                  self->data->str, self->data->len, self->user_data);
    }
  g_string_truncate (self->data, 0);
  g_string_truncate (self->event_type, 0);
  self->has_data = FALSE;
}

static void
process_field (ConvaiSseParser *self,
               const char      *field,
               gsize            field_len,
               const char      *value,
               gsize            value_len)
{
#define FIELD_IS(name) (field_len == sizeof (name) - 1 && memcmp (field, name, field_len) == 0)
  if (FIELD_IS ("data"))
    {
      g_string_append_len (self->data, value, value_len);
      g_string_append_c (self->data, '\n');
      self->has_data = TRUE;
    }
  else if (FIELD_IS ("event"))
    {
      g_string_truncate (self->event_type, 0);
      g_string_append_len (self->event_type, value, value_len);
    }
  else if (FIELD_IS ("id") && memchr (value, '\0', value_len) == NULL)
    {
      g_free (self->last_event_id);
      self->last_event_id = g_strndup (value, value_len);
    }
  /* "retry" and unknown fields are ignored: we do not reconnect. */
#undef FIELD_IS
}

static void
process_line (ConvaiSseParser *self,
              const char      *line,
              gsize            len)
{
  const char *colon;

  if (self->first_line)
    {
      self->first_line = FALSE;
      if (len >= 3 && memcmp (line, "\xEF\xBB\xBF", 3) == 0)
        line += 3, len -= 3;
    }
  if (len == 0)
    {
      dispatch (self);
      return;
    }
  if (line[0] == ':')
    return;
  colon = memchr (line, ':', len);
  if (colon == NULL)
    {
      process_field (self, line, len, "", 0);
      return;
    }
  {
    const char *value = colon + 1;
    gsize value_len = len - (value - line);

    if (value_len > 0 && *value == ' ')
      value++, value_len--;
    process_field (self, line, colon - line, value, value_len);
  }
}

/* A complete line [start, eol): joined with the carried part if any. */
static void
complete_line (ConvaiSseParser *self,
               const char      *start,
               const char      *eol)
{
  if (self->line->len == 0)
    {
      process_line (self, start, eol - start);
      return;
    }
  g_string_append_len (self->line, start, eol - start);
  process_line (self, self->line->str, self->line->len);
  g_string_truncate (self->line, 0);
}

static const char *
find_or_end (const char *p,
             const char *end,
             char        c)
{
  const char *found = memchr (p, c, end - p);

  return found ? found : end;
}

void
convai_sse_parser_feed (ConvaiSseParser *self,
                        const char      *data,
                        gsize            len)
{
  const char *p = data, *end = data + len;
  const char *next_lf, *next_cr;

  g_return_if_fail (self != NULL);
  g_return_if_fail (data != NULL || len == 0);

  if (len == 0)
    return;
  if (self->after_cr && *p == '\n')
    p++;
  self->after_cr = FALSE;

  /* Remember both next positions: rescanning for "\r" on every line would
   * make a stream without any "\r" quadratic. */
  next_lf = find_or_end (p, end, '\n');
  next_cr = find_or_end (p, end, '\r');
  while (p < end)
    {
      const char *eol = MIN (next_lf, next_cr);

      if (eol == end)
        {
          g_string_append_len (self->line, p, end - p);
          return;
        }
      complete_line (self, p, eol);
      p = eol + 1;
      if (*eol == '\r')
        {
          if (p == end)
            self->after_cr = TRUE;
          else if (*p == '\n')
            p++;
        }
      if (next_lf < p)
        next_lf = find_or_end (p, end, '\n');
      if (next_cr < p)
        next_cr = find_or_end (p, end, '\r');
    }
}

gboolean
convai_sse_parser_finish (ConvaiSseParser *self)
{
  gboolean clean;

  g_return_val_if_fail (self != NULL, FALSE);

  clean = self->line->len == 0 && !self->has_data && self->event_type->len == 0;
  g_string_truncate (self->line, 0);
  g_string_truncate (self->data, 0);
  g_string_truncate (self->event_type, 0);
  self->has_data = FALSE;
  self->after_cr = FALSE;
  self->first_line = TRUE;
  return clean;
}
