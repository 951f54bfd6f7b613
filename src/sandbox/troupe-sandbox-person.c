/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "troupe-sandbox-person.h"

#include <string.h>

typedef struct
{
  char *lead;    /* punctuation before the word */
  char *core;    /* the word itself */
  char *trail;   /* punctuation after it */
} Token;

static void
token_clear (Token *token)
{
  g_free (token->lead);
  g_free (token->core);
  g_free (token->trail);
}

static GArray *
tokenize (const char *sentence)
{
  g_auto(GStrv) parts = g_strsplit (sentence, " ", -1);
  GArray *tokens = g_array_new (FALSE, TRUE, sizeof (Token));

  g_array_set_clear_func (tokens, (GDestroyNotify) token_clear);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *p = parts[i];
      const char *start, *end;
      Token token;

      if (*p == '\0')
        continue;
      for (start = p; *start && !g_ascii_isalnum (*start); start++);
      for (end = p + strlen (p); end > start && !g_ascii_isalnum (end[-1]) && end[-1] != '\''; end--);
      token.lead = g_strndup (p, start - p);
      token.core = g_strndup (start, end - start);
      token.trail = g_strdup (end);
      g_array_append_val (tokens, token);
    }
  return tokens;
}

static gboolean
is_one_of (const char         *word,
           const char * const *list)
{
  for (guint i = 0; list[i] != NULL; i++)
    if (g_ascii_strcasecmp (word, list[i]) == 0)
      return TRUE;
  return FALSE;
}

static const char * const first_person[] = { "i", "i'm", "me", "my", "mine", "myself", "i've", "i'd", "i'll", NULL };
static const char * const clause_openers[] = {
  "and", "but", "then", "when", "because", "so", "that", "where", "while", "after",
  "before", "until", "since", "if", "although", "though", "now", NULL
};
static const char * const adverbs[] = {
  "often", "always", "never", "still", "also", "usually", "sometimes", "rarely",
  "once", "now", "even", "only", "already", "really", "secretly", NULL
};
/* After these, "her" is an object ("gave her the keys"), not "my". */
static const char * const object_followers[] = {
  "to", "in", "at", "on", "for", "with", "and", "from", "by", "about", "as", "into",
  "the", "a", "an", "some", "this", "that", "these", "those", NULL
};

static gboolean
is_subject_position (GArray *tokens,
                     guint   i)
{
  Token *previous;

  if (i == 0)
    return TRUE;
  previous = &g_array_index (tokens, Token, i - 1);
  return *previous->trail != '\0' || is_one_of (previous->core, clause_openers);
}

/* "lives" -> "live", "watches" -> "watch", "carries" -> "carry". */
static char *
base_form (const char *verb)
{
  gsize len = strlen (verb);

  if (strcmp (verb, "is") == 0)
    return g_strdup ("am");
  if (strcmp (verb, "has") == 0)
    return g_strdup ("have");
  if (strcmp (verb, "does") == 0)
    return g_strdup ("do");
  if (strcmp (verb, "isn't") == 0)
    return g_strdup ("am not");
  if (strcmp (verb, "doesn't") == 0)
    return g_strdup ("don't");
  if (strcmp (verb, "hasn't") == 0)
    return g_strdup ("haven't");
  if (len < 4 || verb[len - 1] != 's' || g_str_has_suffix (verb, "ss") ||
      g_str_has_suffix (verb, "us") || g_str_has_suffix (verb, "is") ||
      g_str_has_suffix (verb, "'s") || !g_ascii_islower (verb[0]))
    return NULL;
  if (g_str_has_suffix (verb, "ies"))
    return g_strdup_printf ("%.*sy", (int) len - 3, verb);
  if (g_str_has_suffix (verb, "ches") || g_str_has_suffix (verb, "shes") ||
      g_str_has_suffix (verb, "xes") || g_str_has_suffix (verb, "sses") ||
      g_str_has_suffix (verb, "oes") || g_str_has_suffix (verb, "zes"))
    return g_strndup (verb, len - 2);
  return g_strndup (verb, len - 1);
}

static const char * const object_openers[] = {
  "the", "a", "an", "his", "her", "their", "its", "to", "in", "with", "about", "by", "from",
  "on", "at", "up", "out", "every", "each", "over", "through", "into", "for", "all", NULL
};

/* "I trim the wick, wind the clock and log the weather": later verbs of
 * the clause agree too. Only a word followed by an article or preposition
 * counts as a verb, so lists of plural nouns are left alone. */
static void
agree_coordinated_verbs (GArray *tokens,
                         guint   verb)
{
  for (guint i = verb + 1; i + 1 < tokens->len; i++)
    {
      Token *previous = &g_array_index (tokens, Token, i - 1);
      Token *token = &g_array_index (tokens, Token, i);
      Token *next = &g_array_index (tokens, Token, i + 1);
      gboolean after_joint = g_str_equal (previous->trail, ",") ||
                             is_one_of (previous->core, (const char * const[]) { "and", "or", NULL });
      char *base;

      if (*previous->trail != '\0' && !g_str_equal (previous->trail, ","))
        return;   /* the clause ended */
      /* "keeps bees and sells honey": after "and", any continuation. */
      if (!after_joint || *token->lead != '\0' || *token->trail != '\0' ||
          (!is_one_of (next->core, object_openers) &&
           !is_one_of (previous->core, (const char * const[]) { "and", NULL })) ||
          is_one_of (next->core, (const char * const[]) { "and", "or", NULL }))
        continue;
      base = base_form (token->core);
      if (base != NULL && strcmp (token->core, "is") != 0 && strcmp (token->core, "has") != 0)
        {
          g_free (token->core);
          token->core = base;
        }
      else
        g_free (base);
    }
}

/* After a new "I", the verb agrees: skips one adverb. */
static void
agree_verb (GArray *tokens,
            guint   subject)
{
  for (guint i = subject + 1; i < tokens->len && i <= subject + 2; i++)
    {
      Token *token = &g_array_index (tokens, Token, i);
      char *base;

      if (*token->lead != '\0')
        return;
      if (is_one_of (token->core, adverbs) && *token->trail == '\0')
        continue;
      base = base_form (token->core);
      if (base != NULL)
        {
          g_free (token->core);
          token->core = base;
          agree_coordinated_verbs (tokens, i);
        }
      return;
    }
}

static void
set_core (Token      *token,
          const char *word)
{
  g_free (token->core);
  token->core = g_strdup (word);
}

static gboolean
matches_name (GArray     *tokens,
              guint       i,
              char      **name_words,
              guint      *consumed)
{
  guint n = g_strv_length (name_words);

  /* The full name, or the first name alone. */
  for (guint len = n; len >= 1; len = (len == n && n > 1) ? 1 : 0)
    {
      gboolean all = i + len <= tokens->len;

      for (guint k = 0; all && k < len; k++)
        {
          Token *token = &g_array_index (tokens, Token, i + k);
          const char *core = token->core;
          g_autofree char *stripped = g_str_has_suffix (core, "'s") ? g_strndup (core, strlen (core) - 2) : NULL;

          all = g_ascii_strcasecmp (stripped ? stripped : core, name_words[k]) == 0 &&
                (k == len - 1 || *token->trail == '\0');
        }
      if (all)
        {
          /* "Ada Marrow" when the character is just "Ada": a surname. */
          while (len == 1 && i + len < tokens->len &&
                 *g_array_index (tokens, Token, i + len - 1).trail == '\0' &&
                 g_ascii_isupper (g_array_index (tokens, Token, i + len).core[0]) &&
                 *g_array_index (tokens, Token, i + len).lead == '\0')
            len++;
          *consumed = len;
          return TRUE;
        }
    }
  return FALSE;
}

static void
replace_name (GArray *tokens,
              guint   i,
              guint   consumed)
{
  Token *first = &g_array_index (tokens, Token, i);
  Token *last = &g_array_index (tokens, Token, i + consumed - 1);
  gboolean possessive = g_str_has_suffix (last->core, "'s");
  gboolean subject = is_subject_position (tokens, i);
  char *trail = g_strdup (last->trail);

  g_free (first->trail);
  first->trail = trail;
  set_core (first, possessive ? "my" : subject ? "I" : "me");
  if (consumed > 1)
    g_array_remove_range (tokens, i + 1, consumed - 1);
  if (!possessive && subject)
    agree_verb (tokens, i);
}

static gboolean
has_first_person (GArray *tokens)
{
  for (guint i = 0; i < tokens->len; i++)
    if (is_one_of (g_array_index (tokens, Token, i).core, first_person))
      return TRUE;
  return FALSE;
}

/* Which third-person pronouns mean the character: "she" and "her" for a
 * woman, "he" and "him" for a man, both when unknown. */
static gboolean
refers_to_character (const char *core,
                     const char *gender)
{
  static const char * const male[] = { "he", "he's", "him", "his", "himself", NULL };
  static const char * const female[] = { "she", "she's", "her", "hers", "herself", NULL };

  if (is_one_of (core, male))
    return g_strcmp0 (gender, "FEMALE") != 0;
  if (is_one_of (core, female))
    return g_strcmp0 (gender, "MALE") != 0;
  return FALSE;
}

static void
replace_pronoun (GArray     *tokens,
                 guint       i,
                 const char *gender)
{
  Token *token = &g_array_index (tokens, Token, i);
  const char *core = token->core;
  Token *next = i + 1 < tokens->len ? &g_array_index (tokens, Token, i + 1) : NULL;

  if (!refers_to_character (core, gender))
    return;
  if (is_one_of (core, (const char * const[]) { "he", "she", NULL }))
    {
      set_core (token, "I");
      agree_verb (tokens, i);
    }
  else if (is_one_of (core, (const char * const[]) { "he's", "she's", NULL }))
    set_core (token, "I'm");
  else if (is_one_of (core, (const char * const[]) { "him", NULL }))
    set_core (token, "me");
  else if (is_one_of (core, (const char * const[]) { "his", NULL }))
    set_core (token, "my");
  else if (is_one_of (core, (const char * const[]) { "himself", "herself", NULL }))
    set_core (token, "myself");
  else if (is_one_of (core, (const char * const[]) { "her", NULL }))
    set_core (token, (next == NULL || *token->trail != '\0' || is_one_of (next->core, object_followers))
                     ? "me" : "my");
}

static char *
join (GArray *tokens)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < tokens->len; i++)
    {
      Token *token = &g_array_index (tokens, Token, i);

      if (i > 0)
        g_string_append_c (out, ' ');
      g_string_append_printf (out, "%s%s%s", token->lead, token->core, token->trail);
    }
  /* "my" or "me" may now open the sentence. */
  if (out->len > 0 && g_ascii_islower (out->str[0]))
    out->str[0] = g_ascii_toupper (out->str[0]);
  return g_string_free (out, FALSE);
}

static char **
name_words_of (const char *character_name)
{
  /* "Ada, the lighthouse keeper" is called Ada. */
  g_autofree char *name = g_strdup (character_name != NULL ? character_name : "");
  char *comma = strchr (name, ',');

  if (comma != NULL)
    *comma = '\0';
  return g_strsplit (g_strstrip (name), " ", -1);
}

char *
troupe_sandbox_first_person (const char *sentence,
                             const char *character_name,
                             const char *gender)
{
  g_autoptr(GArray) tokens = tokenize (sentence);
  g_auto(GStrv) name_words = name_words_of (character_name);

  if (has_first_person (tokens))
    return g_strdup (sentence);
  for (guint i = 0; i < tokens->len; i++)
    {
      guint consumed = 0;

      if (name_words[0] != NULL && *name_words[0] != '\0' &&
          matches_name (tokens, i, name_words, &consumed))
        replace_name (tokens, i, consumed);
      else
        replace_pronoun (tokens, i, gender);
    }
  return join (tokens);
}
