/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "troupe-sandbox-starters.h"

#include <string.h>

#include "troupe-sandbox-reply.h"
#include "troupe-sandbox-sse.h"
#include "troupe-sandbox-text.h"

#define TOPIC_SENTENCES 300
#define SUGGESTIONS 3
#define BACKSTORY_INTERVAL_MS 5

typedef struct
{
  char  *phrase;
  guint  count;
  guint  first_seen;
  gboolean proper;
} Topic;

static void
topic_free (Topic *topic)
{
  g_free (topic->phrase);
  g_free (topic);
}

static void
count_topic (GHashTable *topics,
             const char *phrase,
             gboolean    proper,
             guint       position)
{
  g_autofree char *key = g_ascii_strdown (phrase, -1);
  Topic *topic = g_hash_table_lookup (topics, key);

  if (topic == NULL)
    {
      topic = g_new0 (Topic, 1);
      topic->phrase = g_strdup (phrase);
      topic->first_seen = position;
      topic->proper = proper;
      g_hash_table_insert (topics, g_steal_pointer (&key), topic);
    }
  /* A name counts more than a common word. */
  topic->count += proper ? 2 : 1;
}

/* Frequent words that are no topic of conversation. */
static const char * const not_topics[] = {
  "every", "comes", "since", "without", "cannot", "there", "their", "which", "first",
  "three", "eleven", "twelve", "hundred", "thirty", "fifteen", "twenty", "seconds",
  "until", "whose", "other", "another", "always", "never", "often", "still", "years",
  "thing", "things", "something", "nothing", "makes", "made", "because", "while",
  "where", "keeps", "knows", "stayed", "turns", "passes", "handed", "called", "against",
  "within", "between", "around", "along", "across", "being", "having", "could",
  "would", "should", "might", "these", "those", "through", "again", "night", "times", NULL
};

static gboolean
is_not_topic (const char *word)
{
  for (guint i = 0; not_topics[i] != NULL; i++)
    if (strcmp (not_topics[i], word) == 0)
      return TRUE;
  return troupe_sandbox_text_is_stopword (word) || g_str_has_suffix (word, "ly") ||
         g_str_has_suffix (word, "ed") || g_str_has_suffix (word, "ing");
}

static gboolean
in_name (const char *word,
         const char *character_name)
{
  g_autoptr(GPtrArray) name = troupe_sandbox_text_words (character_name);

  for (guint i = 0; i < name->len; i++)
    if (g_ascii_strcasecmp (g_ptr_array_index (name, i), word) == 0)
      return TRUE;
  return FALSE;
}

/* Capitalised runs not at the start of the sentence are names ("Skerry
 * Point"); other long content words are common topics. */
static void
collect_from_sentence (GHashTable *topics,
                       const char *sentence,
                       const char *character_name,
                       guint      *position)
{
  g_auto(GStrv) raw = g_strsplit (sentence, " ", -1);
  GString *name = g_string_new (NULL);

  for (guint i = 0; raw[i] != NULL; i++, (*position)++)
    {
      g_autoptr(GPtrArray) parts = troupe_sandbox_text_words (raw[i]);
      const char *word = parts->len == 1 ? g_ptr_array_index (parts, 0) : NULL;
      gboolean capital = g_ascii_isupper (raw[i][0]) && i > 0;
      gboolean ends = strpbrk (raw[i], ",.;:!?)\"") != NULL;

      if (word != NULL && capital && !in_name (word, character_name) && !troupe_sandbox_text_is_stopword (word))
        {
          g_autofree char *clean = g_strndup (raw[i], strcspn (raw[i], ",.;:!?)\"'"));

          g_string_append_printf (name, "%s%s", name->len ? " " : "", clean);
        }
      else if (word != NULL && !capital && strlen (word) >= 4 && g_ascii_isalpha (word[0]) &&
               strchr (word, '\'') == NULL && !is_not_topic (word) && !in_name (word, character_name))
        count_topic (topics, word, FALSE, *position);
      if ((!capital || ends || word == NULL) && name->len > 0)
        {
          count_topic (topics, name->str, TRUE, *position);
          g_string_truncate (name, 0);
        }
    }
  if (name->len > 0)
    count_topic (topics, name->str, TRUE, *position);
  g_string_free (name, TRUE);
}

static int
compare_topics (gconstpointer a,
                gconstpointer b)
{
  const Topic *ta = *(Topic **) a;
  const Topic *tb = *(Topic **) b;

  if (ta->count != tb->count)
    return ta->count > tb->count ? -1 : 1;
  return ta->first_seen < tb->first_seen ? -1 : ta->first_seen > tb->first_seen;
}

GPtrArray *
troupe_sandbox_topics (GPtrArray  *sentences,
                       const char *character_name,
                       guint       max_topics)
{
  g_autoptr(GHashTable) topics = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) topic_free);
  g_autoptr(GPtrArray) ranked = g_ptr_array_new ();
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer value;
  guint position = 0;

  for (guint i = 0; i < sentences->len; i++)
    collect_from_sentence (topics, g_ptr_array_index (sentences, i), character_name, &position);
  g_hash_table_iter_init (&iter, topics);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (ranked, value);
  g_ptr_array_sort (ranked, compare_topics);
  for (guint i = 0; i < ranked->len && out->len < max_topics; i++)
    {
      Topic *topic = g_ptr_array_index (ranked, i);

      g_ptr_array_add (out, topic->proper ? g_strdup (topic->phrase)
                                          : g_strconcat ("the ", topic->phrase, NULL));
    }
  return out;
}

/* Each template is split around its topic: {before, after}. */
static const char * const opening_templates[][2] = {
  { "Tell me about ", "." },
  { "What do you think of ", "?" },
  { "How did ", " shape your life?" },
};

static const char * const follow_up_templates[][2] = {
  { "Can you tell me more about ", "?" },
  { "Why does ", " matter so much to you?" },
  { "What happened next with ", "?" },
};

static GPtrArray *
sentences_for_session (TroupeSandboxStore *store,
                       const char         *character_id,
                       const char         *session_id)
{
  g_autoptr(GPtrArray) interactions = troupe_sandbox_store_list_interactions (store, character_id, session_id);
  TroupeSandboxInteraction *last;

  if (interactions->len == 0)
    return NULL;
  last = g_ptr_array_index (interactions, interactions->len - 1);
  return troupe_sandbox_text_sentences (last->character_text);
}

static GPtrArray *
suggestions_for (TroupeSandboxServer          *server,
                 const TroupeSandboxCharacter *character,
                 const char                   *session_id)
{
  gboolean follow_up = session_id != NULL && strcmp (session_id, "-1") != 0;
  g_autoptr(GPtrArray) sentences = follow_up ? sentences_for_session (server->store, character->id, session_id) : NULL;
  g_autoptr(GPtrArray) topics = NULL;
  const char * const (*templates)[2] = follow_up && sentences ? follow_up_templates : opening_templates;
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  if (sentences == NULL)
    sentences = troupe_sandbox_store_sentences (server->store, character->id, TOPIC_SENTENCES);
  topics = troupe_sandbox_topics (sentences, character->name, SUGGESTIONS);
  for (guint i = 0; i < topics->len; i++)
    g_ptr_array_add (out, g_strconcat (templates[i][0], (char *) g_ptr_array_index (topics, i),
                                       templates[i][1], NULL));
  if (out->len < SUGGESTIONS)
    g_ptr_array_add (out, g_strdup ("Who are you?"));
  if (out->len < SUGGESTIONS)
    g_ptr_array_add (out, g_strdup ("What does a normal day look like for you?"));
  return out;
}

static void
handle_starters (TroupeSandboxRequest *request)
{
  TroupeSandboxServer *server = request->server;
  const char *id = troupe_sandbox_request_field (request, "charId");
  g_autoptr(TroupeSandboxCharacter) character = NULL;
  g_autoptr(GPtrArray) suggestions = NULL;
  g_autoptr(TroupeSandboxSse) sse = NULL;

  if (id == NULL)
    id = troupe_sandbox_request_field (request, "charID");
  if (id == NULL || (character = troupe_sandbox_store_get_character (server->store, id)) == NULL)
    {
      g_autofree char *message = g_strdup_printf ("Character %s not found.", id ? id : "(none)");

      troupe_sandbox_reply_message (request->msg, id ? SOUP_STATUS_NOT_FOUND : SOUP_STATUS_BAD_REQUEST,
                                    "ERROR", message);
      return;
    }
  suggestions = suggestions_for (server, character, troupe_sandbox_request_field (request, "sessionId"));
  sse = troupe_sandbox_sse_new (request->msg, 0, server->faults->cut_stream_after);
  for (guint i = 0; i < suggestions->len; i++)
    troupe_sandbox_sse_queue (sse, g_ptr_array_index (suggestions, i));
  troupe_sandbox_sse_queue_end (sse);
}

/* Not a language model: it arranges the author's notes into a backstory
 * the responder can use, and says so. */
static char *
draft_backstory (const char *name,
                 const char *notes)
{
  g_autoptr(GPtrArray) sentences = troupe_sandbox_text_sentences (notes);
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "%s is a character in their own story.", name);
  for (guint i = 0; i < sentences->len; i++)
    {
      const char *sentence = g_ptr_array_index (sentences, i);
      gsize len = strlen (sentence);

      g_string_append_printf (out, " %s", sentence);
      if (len > 0 && strchr (".!?", sentence[len - 1]) == NULL)
        g_string_append_c (out, '.');
    }
  g_string_append_printf (out, " %s answers in the first person and stays in character. "
                               "(Drafted offline by the Troupe sandbox from your notes; edit it freely.)",
                          name);
  return g_string_free (out, FALSE);
}

static void
handle_backstory (TroupeSandboxRequest *request)
{
  const char *notes = troupe_sandbox_request_field (request, "inputText");
  const char *name = troupe_sandbox_request_field (request, "charName");
  g_autofree char *draft = NULL;
  g_auto(GStrv) words = NULL;
  g_autoptr(TroupeSandboxSse) sse = NULL;

  if (notes == NULL || name == NULL)
    {
      troupe_sandbox_reply_message (request->msg, SOUP_STATUS_BAD_REQUEST, "ERROR",
                                    "inputText and charName are required.");
      return;
    }
  draft = draft_backstory (name, notes);
  words = g_strsplit (draft, " ", -1);
  sse = troupe_sandbox_sse_new (request->msg, BACKSTORY_INTERVAL_MS, request->server->faults->cut_stream_after);
  /* Concatenating the payloads gives the text back: spaces travel with
   * the word before them. */
  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *chunk = words[i + 1] != NULL ? g_strconcat (words[i], " ", NULL) : g_strdup (words[i]);

      troupe_sandbox_sse_queue (sse, chunk);
    }
  troupe_sandbox_sse_queue_end (sse);
}

void
troupe_sandbox_starters_register (TroupeSandboxServer *server)
{
  troupe_sandbox_server_route (server, "POST", "/character/generate-starter-conversation", handle_starters);
  troupe_sandbox_server_route (server, "POST", "/character/generate-backstory", handle_backstory);
}
