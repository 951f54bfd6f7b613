/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target for knowledge-bank text extraction: Markdown and CSV to
 * prose, then sentences, words and the FTS5 query, as indexing and
 * retrieval use them. The first byte picks the kind of document. */
#include <stdlib.h>
#include <string.h>

#include "troupe-sandbox-text.h"

/* Criticals are fatal: see fuzz-sandbox-init.c. */
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static void
index_text (const char *text)
{
  GPtrArray *sentences = troupe_sandbox_text_sentences (text);

  for (guint i = 0; i < sentences->len; i++)
    {
      const char *sentence = g_ptr_array_index (sentences, i);
      GPtrArray *words = troupe_sandbox_text_words (sentence);
      char *query = troupe_sandbox_text_fts_query (sentence);

      if (*sentence == '\0')
        abort ();
      for (guint j = 0; j < words->len; j++)
        troupe_sandbox_text_is_stopword (g_ptr_array_index (words, j));
      g_free (query);
      g_ptr_array_unref (words);
    }
  g_ptr_array_unref (sentences);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  char *text;
  char *prose = NULL;

  if (size < 1)
    return 0;
  /* Documents are read as UTF-8 text, up to the first NUL, as the sandbox does. */
  text = g_strndup ((const char *) data + 1, size - 1);
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_free (text);
      return 0;
    }
  switch (data[0] % 3)
    {
    case 0:
      prose = troupe_sandbox_text_from_markdown (text);
      break;
    case 1:
      prose = troupe_sandbox_text_from_csv (text);
      break;
    default:
      prose = g_strdup (text);
    }
  if (prose == NULL)
    abort ();
  index_text (prose);
  g_free (prose);
  g_free (text);
  return 0;
}
