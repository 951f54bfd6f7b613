/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "troupe-sandbox-text.h"

#include <string.h>

static const char * const stopwords[] = {
  "a", "about", "after", "again", "all", "also", "am", "an", "and", "any", "are",
  "as", "at", "be", "because", "been", "before", "being", "both", "but", "by",
  "can", "could", "did", "do", "does", "doing", "don't", "down", "during",
  "each", "ever", "few", "for", "from", "further", "had", "has", "have",
  "having", "he", "her", "here", "hers", "herself", "him", "himself", "his",
  "how", "i", "i'm", "if", "in", "into", "is", "it", "it's", "its", "itself",
  "just", "know", "let", "like", "me", "more", "most", "much", "my", "myself",
  "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other",
  "our", "ours", "out", "over", "own", "please", "really", "said", "same",
  "say", "she", "should", "so", "some", "such", "tell", "than", "that",
  "that's", "the", "their", "theirs", "them", "then", "there", "these",
  "they", "thing", "things", "this", "those", "through", "to", "too", "under",
  "until", "up", "us", "very", "was", "we", "were", "what", "what's", "when",
  "where", "which", "while", "who", "whom", "why", "will", "with", "would",
  "you", "you're", "your", "yours", "yourself",
};

gboolean
troupe_sandbox_text_is_stopword (const char *word)
{
  static GHashTable *set;

  if (g_once_init_enter (&set))
    {
      GHashTable *table = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; i < G_N_ELEMENTS (stopwords); i++)
        g_hash_table_add (table, (gpointer) stopwords[i]);
      g_once_init_leave (&set, table);
    }
  return strlen (word) < 2 || g_hash_table_contains (set, word);
}

static char *
fold_whitespace (const char *start,
                 gsize       len)
{
  GString *out = g_string_sized_new (len);
  gboolean space = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      if (g_ascii_isspace (start[i]))
        space = out->len > 0;
      else
        {
          if (space)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_c (out, start[i]);
        }
    }
  return g_string_free (out, FALSE);
}

/* Where the sentence that ends at `p` stops, closing quotes included, or
 * NULL when `p` does not end a sentence. */
static const char *
sentence_end (const char *p)
{
  const char *end = p + 1;

  if (*p != '.' && *p != '!' && *p != '?')
    return NULL;
  while (*end == '"' || *end == ')' || *end == '\'')
    end++;
  return (*end == '\0' || g_ascii_isspace (*end)) ? end : NULL;
}

static void
add_sentence (GPtrArray  *out,
              const char *start,
              const char *end)
{
  char *sentence = fold_whitespace (start, end - start);

  if (*sentence != '\0')
    g_ptr_array_add (out, sentence);
  else
    g_free (sentence);
}

static void
add_sentences_of_paragraph (GPtrArray  *out,
                            const char *paragraph)
{
  const char *start = paragraph;
  const char *p;

  for (p = paragraph; *p != '\0'; p++)
    {
      const char *end = sentence_end (p);

      if (end != NULL)
        {
          add_sentence (out, start, end);
          start = end;
          p = end - 1;
        }
    }
  add_sentence (out, start, p);
}

/* A blank line (only whitespace) ends a paragraph. Linear: documents can
 * be large, and GRegex splitting is quadratic on them. */
static const char *
paragraph_end (const char *p,
               const char **next)
{
  for (; *p != '\0'; p++)
    {
      const char *q;

      if (*p != '\n')
        continue;
      for (q = p + 1; *q == ' ' || *q == '\t' || *q == '\r'; q++);
      if (*q == '\n')
        {
          *next = q + 1;
          return p;
        }
    }
  *next = p;
  return p;
}

GPtrArray *
troupe_sandbox_text_sentences (const char *text)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  const char *p = text;

  while (p != NULL && *p != '\0')
    {
      const char *next;
      const char *end = paragraph_end (p, &next);
      g_autofree char *paragraph = g_strndup (p, end - p);

      add_sentences_of_paragraph (out, paragraph);
      p = next;
    }
  return out;
}

GPtrArray *
troupe_sandbox_text_words (const char *text)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  GString *word = g_string_new (NULL);

  for (const char *p = text; p != NULL; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c) || (c == '\'' && word->len > 0))
        g_string_append_unichar (word, g_unichar_tolower (c));
      else if (word->len > 0)
        {
          while (word->len > 0 && word->str[word->len - 1] == '\'')
            g_string_truncate (word, word->len - 1);
          if (word->len > 0)
            g_ptr_array_add (out, g_strdup (word->str));
          g_string_truncate (word, 0);
        }
      if (c == 0)
        break;
    }
  g_string_free (word, TRUE);
  return out;
}

char *
troupe_sandbox_text_fts_query (const char *question)
{
  g_autoptr(GPtrArray) words = troupe_sandbox_text_words (question);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GString *query = g_string_new (NULL);

  for (guint i = 0; i < words->len; i++)
    {
      const char *word = g_ptr_array_index (words, i);

      /* Quoting each word keeps FTS5 operators and apostrophes inert. */
      if (troupe_sandbox_text_is_stopword (word) || strchr (word, '"') != NULL ||
          !g_hash_table_add (seen, (gpointer) word))
        continue;
      if (query->len > 0)
        g_string_append (query, " OR ");
      g_string_append_printf (query, "\"%s\"", word);
    }
  if (query->len == 0)
    {
      g_string_free (query, TRUE);
      return NULL;
    }
  return g_string_free (query, FALSE);
}

static char *
strip_inline_markup (const char *line)
{
  static GRegex *links, *marks;

  if (g_once_init_enter (&marks))
    {
      links = g_regex_new ("!?\\[([^\\]]*)\\]\\([^)]*\\)", G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&marks, g_regex_new ("[*_`|]+", G_REGEX_OPTIMIZE, 0, NULL));
    }
  {
    g_autofree char *unlinked = g_regex_replace (links, line, -1, 0, "\\1", 0, NULL);
    return g_regex_replace_literal (marks, unlinked, -1, 0, " ", 0, NULL);
  }
}

char *
troupe_sandbox_text_from_markdown (const char *markdown)
{
  g_auto(GStrv) lines = g_strsplit (markdown, "\n", -1);
  GString *out = g_string_new (NULL);
  gboolean in_code = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *line = g_strstrip (g_strdup (lines[i]));
      g_autofree char *plain = NULL;
      gboolean heading = *line == '#';
      gboolean item = (*line == '-' || *line == '*' || *line == '+') && line[1] == ' ';
      const char *p = line;

      if (g_str_has_prefix (p, "```"))
        in_code = !in_code;
      if (in_code || g_str_has_prefix (p, "```") || g_str_has_prefix (p, "---") ||
          g_str_has_prefix (p, "|-") || g_str_has_prefix (p, "| -"))
        continue;
      while (*p == '#' || *p == '>' || *p == ' ' || (item && (*p == '-' || *p == '*' || *p == '+')))
        p++;
      plain = strip_inline_markup (p);
      g_string_append (out, plain);
      /* Headings and list items are sentences of their own. */
      if ((heading || item) && *plain != '\0' && sentence_end (plain + strlen (plain) - 1) == NULL)
        g_string_append_c (out, '.');
      g_string_append (out, heading ? "\n\n" : "\n");
    }
  return g_string_free (out, FALSE);
}

static GPtrArray *
split_csv_line (const char *line)
{
  GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (const char *p = line; ; p++)
    {
      if (quoted && *p == '"' && p[1] == '"')
        g_string_append_c (field, *p++);
      else if (*p == '"')
        quoted = !quoted;
      else if ((*p == ',' && !quoted) || *p == '\0' || *p == '\r')
        {
          g_ptr_array_add (fields, g_strstrip (g_string_free (field, FALSE)));
          if (*p != ',')
            break;
          field = g_string_new (NULL);
        }
      else
        g_string_append_c (field, *p);
    }
  return fields;
}

char *
troupe_sandbox_text_from_csv (const char *csv)
{
  g_auto(GStrv) lines = g_strsplit (csv, "\n", -1);
  g_autoptr(GPtrArray) header = NULL;
  GString *out = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) fields = split_csv_line (lines[i]);
      gboolean first_cell = TRUE;

      if (fields->len == 1 && *(char *) g_ptr_array_index (fields, 0) == '\0')
        continue;
      if (header == NULL)
        {
          header = g_steal_pointer (&fields);
          continue;
        }
      /* One row is one sentence, "column: value; column: value.", so a
       * question naming one cell finds the others. */
      for (guint f = 0; f < fields->len; f++)
        {
          const char *value = g_ptr_array_index (fields, f);
          const char *name = f < header->len ? g_ptr_array_index (header, f) : "";
          gsize before = out->len;

          if (*value == '\0')
            continue;
          g_string_append_printf (out, "%s%s%s%s", first_cell ? "" : "; ", name,
                                  *name != '\0' ? ": " : "", value);
          first_cell = first_cell && out->len == before;
        }
      g_string_append (out, ".\n\n");
    }
  return g_string_free (out, FALSE);
}
