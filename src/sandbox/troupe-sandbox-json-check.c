/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "troupe-sandbox-json-check.h"

typedef struct
{
  guint    depth;
  guint    values;     /* top-level values begun */
  gboolean in_string;
  gboolean escaped;
  gboolean in_word;    /* inside a bare number or literal */
} Scan;

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void
scan_string_char (Scan *scan,
                  char  c)
{
  if (scan->escaped)
    scan->escaped = FALSE;
  else if (c == '\\')
    scan->escaped = TRUE;
  else if (c == '"')
    scan->in_string = FALSE;
}

/* FALSE when `c` begins a second top-level value. */
static gboolean
scan_char (Scan *scan,
           char  c)
{
  gboolean begins = !scan->in_word || c == '"' || c == '{' || c == '[';

  if (scan->depth == 0 && begins && c != '}' && c != ']' && c != ',' && c != ':' &&
      scan->values++ > 0)
    return FALSE;
  scan->in_word = FALSE;
  switch (c)
    {
    case '"':
      scan->in_string = TRUE;
      break;
    case '{':
    case '[':
      scan->depth++;
      break;
    case '}':
    case ']':
      if (scan->depth > 0)
        scan->depth--;
      break;
    case ',':
    case ':':
      break;
    default:
      scan->in_word = TRUE;
    }
  return TRUE;
}

gboolean
troupe_sandbox_json_check (const char  *data,
                           gsize        len,
                           char       **error_message)
{
  Scan scan = { 0 };

  for (gsize i = 0; i < len; i++)
    {
      if (scan.in_string)
        scan_string_char (&scan, data[i]);
      else if (is_space (data[i]))
        scan.in_word = FALSE;
      else if (!scan_char (&scan, data[i]))
        {
          *error_message = g_strdup ("Request body is not valid JSON: more than one value.");
          return FALSE;
        }
      else if (scan.depth > TROUPE_SANDBOX_JSON_MAX_DEPTH)
        {
          *error_message = g_strdup_printf ("Request body is not valid JSON: nested deeper than %d levels.",
                                            TROUPE_SANDBOX_JSON_MAX_DEPTH);
          return FALSE;
        }
    }
  return TRUE;
}
