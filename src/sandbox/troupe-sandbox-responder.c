/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "troupe-sandbox-responder.h"

#include <string.h>

#include "troupe-sandbox-person.h"
#include "troupe-sandbox-text.h"
#include "troupe-sandbox-voices.h"

#define MAX_SENTENCES 3
#define MAX_WORDS     80
#define CANDIDATES    12
#define MIN_WORDS     4
#define RELEVANCE_RATIO 0.5

static const char * const greetings[] = { "hi", "hello", "hey", "greetings", "howdy", "morning", "evening", NULL };

static gboolean
has_word (GPtrArray  *words,
          const char *word)
{
  for (guint i = 0; i < words->len; i++)
    if (strcmp (g_ptr_array_index (words, i), word) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_greeting (GPtrArray *words)
{
  for (guint i = 0; greetings[i] != NULL; i++)
    if (has_word (words, greetings[i]))
      return TRUE;
  return FALSE;
}

/* Which pronouns the backstory uses for the character, by majority; the
 * voice's gender breaks a tie. */
static const char *
character_gender (const TroupeSandboxCharacter *character)
{
  static const char * const male[] = { "he", "him", "his", "himself", "he's", NULL };
  static const char * const female[] = { "she", "her", "hers", "herself", "she's", NULL };
  g_autoptr(GPtrArray) words = troupe_sandbox_text_words (character->backstory);
  int balance = 0;

  for (guint i = 0; i < words->len; i++)
    {
      const char *word = g_ptr_array_index (words, i);

      balance += g_strv_contains (female, word) - g_strv_contains (male, word);
    }
  if (balance != 0)
    return balance > 0 ? "FEMALE" : "MALE";
  return troupe_sandbox_voices_gender (character->voice_type);
}

static char *
short_name (const TroupeSandboxCharacter *character)
{
  const char *comma = strchr (character->name, ',');

  return comma ? g_strndup (character->name, comma - character->name) : g_strdup (character->name);
}

static char *
first_backstory_sentence (const TroupeSandboxCharacter *character)
{
  g_autoptr(GPtrArray) sentences = troupe_sandbox_text_sentences (character->backstory);

  if (sentences->len == 0)
    return g_strdup ("");
  return troupe_sandbox_first_person (g_ptr_array_index (sentences, 0), character->name,
                                      character_gender (character));
}

static void
append_stand_in_note (GString                      *reply,
                      const TroupeSandboxCharacter *character)
{
  g_autofree char *name = short_name (character);

  g_string_append_printf (reply,
                          " (I am a local stand-in for %s in the Troupe sandbox: I answer from my "
                          "backstory and knowledge bank, not with Convai's language model.)", name);
}

static char *
introduce (const TroupeSandboxCharacter *character,
           gboolean                      greeting)
{
  g_autofree char *name = short_name (character);
  g_autofree char *first = first_backstory_sentence (character);
  GString *reply = g_string_new (NULL);

  g_string_append_printf (reply, "%sI'm %s.", greeting ? "Hello! " : "", name);
  if (*first != '\0' && strstr (first, name) == NULL)
    g_string_append_printf (reply, " %s", first);
  append_stand_in_note (reply, character);
  return g_string_free (reply, FALSE);
}

static char *
admit_ignorance (const TroupeSandboxCharacter *character)
{
  g_autofree char *name = short_name (character);
  GString *reply = g_string_new (NULL);

  g_string_append_printf (reply, "I'm %s, and I'm afraid I don't know anything about that.", name);
  append_stand_in_note (reply, character);
  return g_string_free (reply, FALSE);
}

static guint
count_words (const char *text)
{
  g_autoptr(GPtrArray) words = troupe_sandbox_text_words (text);

  return words->len;
}

/* Backstory sentences speak as the character; knowledge-bank sentences
 * are what the character has read, introduced once. */
static void
append_hit (GString                      *reply,
            const TroupeSandboxCharacter *character,
            const TroupeSandboxHit       *hit,
            gboolean                     *introduced_kb)
{
  if (reply->len > 0)
    g_string_append_c (reply, ' ');
  if (g_str_has_prefix (hit->owner, "char:"))
    {
      g_autofree char *spoken = troupe_sandbox_first_person (hit->text, character->name,
                                          character_gender (character));

      g_string_append (reply, spoken);
      return;
    }
  if (!*introduced_kb)
    g_string_append (reply, "From what I know: ");
  *introduced_kb = TRUE;
  g_string_append (reply, hit->text);
}

/* Whether the character already said this sentence, as it or in its own
 * voice, in `said`. */
static gboolean
already_said (const TroupeSandboxCharacter *character,
              const TroupeSandboxHit       *hit,
              const char                   *said)
{
  g_autofree char *spoken = NULL;

  if (said == NULL)
    return FALSE;
  if (strstr (said, hit->text) != NULL)
    return TRUE;
  spoken = troupe_sandbox_first_person (hit->text, character->name,
                                          character_gender (character));
  return strstr (said, spoken) != NULL;
}

static char *
answer_from_hits (const TroupeSandboxCharacter *character,
                  GPtrArray                    *hits,
                  const char                   *said)
{
  g_autoptr(GHashTable) used = g_hash_table_new (g_str_hash, g_str_equal);
  GString *reply = g_string_new (NULL);
  gboolean introduced_kb = FALSE;
  guint sentences = 0;
  guint words = 0;
  double best = 0;

  for (guint i = 0; i < hits->len; i++)
    {
      TroupeSandboxHit *hit = g_ptr_array_index (hits, i);

      if (already_said (character, hit, said))
        g_hash_table_add (used, hit->text);
      else if (best == 0 && count_words (hit->text) >= MIN_WORDS)
        best = hit->score;
    }

  for (guint i = 0; i < hits->len && sentences < MAX_SENTENCES; i++)
    {
      TroupeSandboxHit *hit = g_ptr_array_index (hits, i);
      guint length = count_words (hit->text);

      /* Headings ("The lamp.") say nothing on their own; much weaker
       * matches than the best (bm25 is negative, lower is better) drift
       * off the question. */
      if (length < MIN_WORDS || (sentences > 0 && hit->score > best * RELEVANCE_RATIO) || !g_hash_table_add (used, hit->text) ||
          (sentences > 0 && words + length > MAX_WORDS))
        continue;
      append_hit (reply, character, hit, &introduced_kb);
      sentences++;
      words += length;
    }
  return g_string_free (reply, FALSE);
}

char *
troupe_sandbox_responder_reply (TroupeSandboxStore           *store,
                                const TroupeSandboxCharacter *character,
                                const char                   *question)
{
  g_autoptr(GPtrArray) words = troupe_sandbox_text_words (question != NULL ? question : "");
  g_autofree char *query = troupe_sandbox_text_fts_query (question != NULL ? question : "");
  g_autoptr(GPtrArray) hits = NULL;
  g_autofree char *name = short_name (character);

  if (words->len == 0)
    return g_strdup ("I'm sorry, I didn't catch that. Could you say it again?");
  if (has_word (words, "name") && (has_word (words, "your") || has_word (words, "you")))
    return g_strdup_printf ("My name is %s.", name);
  if (has_word (words, "who") && has_word (words, "you") && has_word (words, "are"))
    return introduce (character, FALSE);
  if (query == NULL || (words->len <= 3 && is_greeting (words)))
    return is_greeting (words) ? introduce (character, TRUE) : admit_ignorance (character);
  hits = troupe_sandbox_store_search (store, character->id, query, CANDIDATES);
  if (hits->len == 0)
    return admit_ignorance (character);
  return answer_from_hits (character, hits, NULL);
}

static const char * const continuation_words[] = {
  "tell", "me", "more", "go", "on", "continue", "and", "what", "else", "then", "please", "keep",
  "going", "anything", "about", "that", "it", "yes", "really", "oh", "so", NULL
};
static const char * const continuation_cues[] = { "more", "else", "continue", "on", "going", NULL };

gboolean
troupe_sandbox_responder_is_continuation (const char *text)
{
  g_autoptr(GPtrArray) words = troupe_sandbox_text_words (text != NULL ? text : "");
  gboolean cue = FALSE;

  for (guint i = 0; i < words->len; i++)
    {
      const char *word = g_ptr_array_index (words, i);

      if (!g_strv_contains (continuation_words, word))
        return FALSE;
      cue |= g_strv_contains (continuation_cues, word);
    }
  return cue;
}

char *
troupe_sandbox_responder_continue (TroupeSandboxStore           *store,
                                   const TroupeSandboxCharacter *character,
                                   const char                   *previous_question,
                                   const char                   *said)
{
  g_autofree char *query = troupe_sandbox_text_fts_query (previous_question != NULL ? previous_question : "");
  g_autoptr(GPtrArray) hits = NULL;
  g_autofree char *reply = NULL;

  if (query == NULL)
    return g_strdup ("What would you like to hear more about?");
  hits = troupe_sandbox_store_search (store, character->id, query, CANDIDATES * 2);
  reply = answer_from_hits (character, hits, said);
  if (*reply == '\0')
    return g_strdup ("That is all I can tell you about that.");
  return g_steal_pointer (&reply);
}
