/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The sandbox's state: one SQLite database (WAL) in the data folder. Every
 * call is safe from any thread: the main loop and the worker threads
 * (KB processing, replies) share one connection behind a mutex. */
typedef struct _TroupeSandboxStore TroupeSandboxStore;

typedef struct
{
  char  *id;
  char  *name;
  char  *voice_type;
  char  *backstory;
  char  *actions;          /* comma-separated, as the wire carries it */
  char **language_codes;
  char  *timestamp;
} TroupeSandboxCharacter;

typedef struct
{
  char    *id;
  char    *file_name;
  char    *timestamp;
  char    *error;           /* why processing failed, or NULL */
  gint64   file_size;
  gboolean is_available;
  gboolean connected;       /* to the character the list was asked for */
} TroupeSandboxDoc;

typedef struct
{
  char  *text;
  char  *owner;             /* "char:<id>" (backstory) or "doc:<id>" */
  double score;             /* bm25: lower is more relevant */
} TroupeSandboxHit;

typedef struct
{
  char    *id;
  gint64   created_us;      /* wall clock, microseconds */
  gboolean is_added_to_memory;
} TroupeSandboxSession;

typedef struct
{
  char    *timestamp;
  char    *user_text;
  char    *character_text;
  gboolean is_trigger;
} TroupeSandboxInteraction;

TroupeSandboxStore     *troupe_sandbox_store_open              (const char          *path,
                                                                GError             **error);
void                    troupe_sandbox_store_free              (TroupeSandboxStore  *self);

TroupeSandboxCharacter *troupe_sandbox_character_new           (void);
void                    troupe_sandbox_character_free          (TroupeSandboxCharacter *character);
void                    troupe_sandbox_doc_free                (TroupeSandboxDoc    *doc);
void                    troupe_sandbox_hit_free                (TroupeSandboxHit    *hit);
void                    troupe_sandbox_session_free            (TroupeSandboxSession *session);
void                    troupe_sandbox_interaction_free        (TroupeSandboxInteraction *interaction);

/* Characters. `save` inserts or replaces the whole row and re-indexes the
 * backstory sentences. */
gboolean                troupe_sandbox_store_save_character    (TroupeSandboxStore  *self,
                                                                const TroupeSandboxCharacter *character,
                                                                GError             **error);
TroupeSandboxCharacter *troupe_sandbox_store_get_character     (TroupeSandboxStore  *self,
                                                                const char          *id);
TroupeSandboxCharacter *troupe_sandbox_store_find_character    (TroupeSandboxStore  *self,
                                                                const char          *name);
GPtrArray              *troupe_sandbox_store_list_characters   (TroupeSandboxStore  *self);
gboolean                troupe_sandbox_store_delete_character  (TroupeSandboxStore  *self,
                                                                const char          *id);
guint                   troupe_sandbox_store_count_characters  (TroupeSandboxStore  *self);

/* Knowledge-bank documents and their connections to characters. */
gboolean                troupe_sandbox_store_save_doc          (TroupeSandboxStore  *self,
                                                                const TroupeSandboxDoc *doc,
                                                                GError             **error);
TroupeSandboxDoc       *troupe_sandbox_store_get_doc           (TroupeSandboxStore  *self,
                                                                const char          *id,
                                                                const char          *for_character);
GPtrArray              *troupe_sandbox_store_list_docs         (TroupeSandboxStore  *self,
                                                                const char          *for_character);
gboolean                troupe_sandbox_store_delete_doc        (TroupeSandboxStore  *self,
                                                                const char          *id);
void                    troupe_sandbox_store_connect_doc       (TroupeSandboxStore  *self,
                                                                const char          *character_id,
                                                                const char          *doc_id,
                                                                gboolean             connected);
void                    troupe_sandbox_store_copy_connections  (TroupeSandboxStore  *self,
                                                                const char          *from_character,
                                                                const char          *to_character);
/* Replaces the document's indexed sentences and marks it available, in one
 * transaction, unless the document was deleted or replaced meanwhile
 * (`generation` no longer matches). */
gboolean                troupe_sandbox_store_finish_doc        (TroupeSandboxStore  *self,
                                                                const char          *doc_id,
                                                                const char          *timestamp,
                                                                GPtrArray           *sentences,
                                                                const char          *error_message);

/* Retrieval: the most relevant indexed sentences (bm25) among the
 * character's backstory and its connected, available documents. */
GPtrArray              *troupe_sandbox_store_search            (TroupeSandboxStore  *self,
                                                                const char          *character_id,
                                                                const char          *fts_query,
                                                                guint                limit);
/* All indexed sentences of the character's backstory and connected,
 * available documents, in document order (for topics). */
GPtrArray              *troupe_sandbox_store_sentences         (TroupeSandboxStore  *self,
                                                                const char          *character_id,
                                                                guint                limit);

/* Chat history. */
gboolean                troupe_sandbox_store_add_interaction   (TroupeSandboxStore  *self,
                                                                const char          *character_id,
                                                                const char          *session_id,
                                                                const char          *user_text,
                                                                const char          *character_text,
                                                                gboolean             is_trigger);
GPtrArray              *troupe_sandbox_store_list_sessions     (TroupeSandboxStore  *self,
                                                                const char          *character_id,
                                                                int                  limit);
GPtrArray              *troupe_sandbox_store_list_interactions (TroupeSandboxStore  *self,
                                                                const char          *character_id,
                                                                const char          *session_id);
gboolean                troupe_sandbox_store_seed_sessions     (TroupeSandboxStore  *self,
                                                                const char          *character_id,
                                                                guint                n_sessions,
                                                                guint                n_turns,
                                                                gint64               newest_us,
                                                                guint                minutes_apart,
                                                                const char * const  *topics,
                                                                guint                n_topics,
                                                                GError             **error);
gboolean                troupe_sandbox_store_has_session       (TroupeSandboxStore  *self,
                                                                const char          *character_id,
                                                                const char          *session_id);
guint                   troupe_sandbox_store_delete_sessions   (TroupeSandboxStore  *self,
                                                                const char          *character_id,
                                                                const char * const  *session_ids);
guint                   troupe_sandbox_store_count_interactions (TroupeSandboxStore *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TroupeSandboxStore, troupe_sandbox_store_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TroupeSandboxCharacter, troupe_sandbox_character_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TroupeSandboxDoc, troupe_sandbox_doc_free)

G_END_DECLS
