/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "troupe-sandbox-language-model.h"

#include <math.h>
#include <string.h>

#include "troupe-sandbox-text.h"

/* Absolute discounting: each seen bigram gives this much mass to unseen
 * continuations, which back off to the unigram. */
#define DISCOUNT 0.5

/* How people open a question or a greeting, so the model knows the words
 * around the character's own. */
static const char question_patterns[] =
  "Tell me about the lamp. Tell me more. What is your name. Who are you. Where do you live. "
  "How old are you. What do you do. What is the name of your friend. How far does it go. "
  "When does it come. Why do you do that. What do you think of the sea. How do you keep it. "
  "Can you tell me about your work. What happened in the storm. Do you like it. "
  "Have you ever seen one. What is it like. How long have you been there. Where is it. "
  "Who is that. What does it look like. Is it true. What are you doing. Hello. Hi there. "
  "Good morning. Good evening. Thank you. Goodbye. What can you tell me about them. "
  "How many are there. How much is it. When did you start. What do you know about it.";

typedef struct
{
  GHashTable *unigrams;   /* word -> count */
  GHashTable *bigrams;    /* "history word" -> count */
  guint       total;
} Counts;

static void
count (GHashTable *table,
       const char *key)
{
  gpointer old = NULL;
  g_autofree char *owned = g_strdup (key);

  if (g_hash_table_lookup_extended (table, key, NULL, &old))
    g_hash_table_replace (table, g_steal_pointer (&owned), GUINT_TO_POINTER (GPOINTER_TO_UINT (old) + 1));
  else
    g_hash_table_insert (table, g_steal_pointer (&owned), GUINT_TO_POINTER (1));
}

static guint
lookup_count (GHashTable *table,
              const char *key)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (table, key));
}

static void
count_sentence (Counts     *counts,
                const char *sentence,
                GHashTable *dictionary)
{
  g_autoptr(GPtrArray) words = troupe_sandbox_text_words (sentence);
  const char *previous = "<s>";
  gpointer stable = NULL;
  guint kept = 0;

  for (guint i = 0; i <= words->len; i++)
    {
      const char *word = i < words->len ? g_ptr_array_index (words, i) : "</s>";
      g_autofree char *pair = NULL;

      if (i < words->len && !g_hash_table_contains (dictionary, word))
        continue;
      if (i == words->len && kept == 0)
        return;
      pair = g_strconcat (previous, " ", word, NULL);
      count (counts->bigrams, pair);
      count (counts->unigrams, word);
      counts->total++;
      /* The table's own copy outlives this word. */
      g_hash_table_lookup_extended (counts->unigrams, word, &stable, NULL);
      previous = stable;
      kept++;
    }
}

static double
unigram_probability (Counts     *counts,
                     const char *word)
{
  guint vocabulary = g_hash_table_size (counts->unigrams) + 1;

  return (lookup_count (counts->unigrams, word) + 1.0) / (counts->total + vocabulary);
}

/* Per history: how many bigrams start with it, the discounted mass they
 * keep, and the unigram mass of their continuations. One pass. */
typedef struct
{
  double total;
  double seen_unigram;
  guint  distinct;
} History;

static GHashTable *
summarize_histories (Counts *counts)
{
  GHashTable *histories = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, counts->bigrams);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *space = strchr (key, ' ');
      g_autofree char *name = g_strndup (key, space - (char *) key);
      History *history = g_hash_table_lookup (histories, name);

      if (history == NULL)
        {
          history = g_new0 (History, 1);
          g_hash_table_insert (histories, g_steal_pointer (&name), history);
        }
      history->total += GPOINTER_TO_UINT (value);
      history->seen_unigram += unigram_probability (counts, space + 1);
      history->distinct++;
    }
  return histories;
}

/* Mass left for unseen continuations, spread like the unigram. */
static double
backoff_weight (GHashTable *histories,
                const char *name)
{
  History *history = g_hash_table_lookup (histories, name);
  double seen;

  if (history == NULL)
    return 1.0;
  seen = (history->total - DISCOUNT * history->distinct) / history->total;
  return (1.0 - seen) / MAX (1e-6, 1.0 - history->seen_unigram);
}

static void
write_model (GString *out,
             Counts  *counts)
{
  g_autoptr(GHashTable) histories = summarize_histories (counts);
  GHashTableIter iter;
  gpointer key, value;

  g_string_append_printf (out, "\\data\\\nngram 1=%u\nngram 2=%u\n\n\\1-grams:\n",
                          g_hash_table_size (counts->unigrams) + 1, g_hash_table_size (counts->bigrams));
  g_string_append_printf (out, "-99.0000 <s> %.4f\n", log10 (backoff_weight (histories, "<s>")));
  g_hash_table_iter_init (&iter, counts->unigrams);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_string_append_printf (out, "%.4f %s %.4f\n", log10 (unigram_probability (counts, key)), (char *) key,
                            log10 (backoff_weight (histories, key)));
  g_string_append (out, "\n\\2-grams:\n");
  g_hash_table_iter_init (&iter, counts->bigrams);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *space = strchr (key, ' ');
      g_autofree char *name = g_strndup (key, space - (char *) key);
      History *history = g_hash_table_lookup (histories, name);

      g_string_append_printf (out, "%.4f %s\n", log10 ((GPOINTER_TO_UINT (value) - DISCOUNT) / history->total),
                              (char *) key);
    }
  g_string_append (out, "\n\\end\\\n");
}

char *
troupe_sandbox_language_model_build (GPtrArray  *sentences,
                                     GHashTable *dictionary)
{
  Counts counts = {
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
    0,
  };
  g_autoptr(GPtrArray) patterns = troupe_sandbox_text_sentences (question_patterns);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < patterns->len; i++)
    count_sentence (&counts, g_ptr_array_index (patterns, i), dictionary);
  for (guint i = 0; i < sentences->len; i++)
    count_sentence (&counts, g_ptr_array_index (sentences, i), dictionary);
  write_model (out, &counts);
  g_hash_table_unref (counts.unigrams);
  g_hash_table_unref (counts.bigrams);
  return g_string_free (out, FALSE);
}
