/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "convai-character.h"
#include "convai-character-patch.h"
#include "convai-chat-reply.h"
#include "convai-chat-request.h"
#include "convai-chat-stream.h"
#include "convai-knowledge-doc.h"
#include "convai-text-stream.h"
#include "convai-usage.h"

G_BEGIN_DECLS

#define CONVAI_DEFAULT_BASE_URL "https://api.convai.com"

#define CONVAI_TYPE_CLIENT (convai_client_get_type ())
G_DECLARE_FINAL_TYPE (ConvaiClient, convai_client, CONVAI, CLIENT, GObject)

/* The Convai REST API: one SoupSession, one _async/_finish pair per
 * endpoint, results as model objects. Properties "base-url" (NULL = the
 * real Convai) and "api-key". Errors are CONVAI_ERROR (the server's words),
 * or G_IO_ERROR_CANCELLED. Calls that are safe to repeat (lists, gets,
 * voices, languages, history, usage) are retried on 429/503 with
 * exponential backoff honouring Retry-After; nothing else is retried.
 * Before each retry the signal "retrying" (const char *path, guint status,
 * guint next_attempt, guint max_attempts, guint delay_s) tells how long the
 * wait is, so a caller can say why nothing happens meanwhile. Redirects are
 * never followed: a 3xx is a CONVAI_ERROR_PROTOCOL naming where it pointed. */
ConvaiClient *convai_client_new          (const char   *base_url,
                                           const char   *api_key);
const char   *convai_client_get_base_url (ConvaiClient *self);
void          convai_client_set_base_url (ConvaiClient *self,
                                           const char   *base_url);
const char   *convai_client_get_api_key  (ConvaiClient *self);
void          convai_client_set_api_key  (ConvaiClient *self,
                                           const char   *api_key);
/* How long a request may wait on a silent server (connecting, or between
 * bytes), in seconds; 0 never gives up. Default 180: a server transcribing
 * a long question says nothing for a while. */
guint         convai_client_get_timeout  (ConvaiClient *self);
void          convai_client_set_timeout  (ConvaiClient *self,
                                           guint         seconds);

/* Streaming: the returned object sends nothing until it is started. */
ConvaiChatStream *convai_client_stream_response  (ConvaiClient            *self,
                                                   const ConvaiChatRequest *request,
                                                   GCancellable            *cancellable);
ConvaiTextStream *convai_client_stream_starters  (ConvaiClient            *self,
                                                   const char              *char_id,
                                                   const char              *session_id,
                                                   GCancellable            *cancellable);
ConvaiTextStream *convai_client_stream_backstory (ConvaiClient            *self,
                                                   const char              *input_text,
                                                   const char              *char_name,
                                                   GCancellable            *cancellable);

/* list characters: GListModel of ConvaiCharacter. */
void convai_client_list_characters_async (ConvaiClient            *self,
                                          GCancellable            *cancellable,
                                          GAsyncReadyCallback     callback,
                                          gpointer                user_data);
GListModel *convai_client_list_characters_finish (ConvaiClient            *self,
                                                  GAsyncResult            *result,
                                                  GError                  **error);

void convai_client_get_character_async (ConvaiClient            *self,
                                        const char              *char_id,
                                        GCancellable            *cancellable,
                                        GAsyncReadyCallback     callback,
                                        gpointer                user_data);
ConvaiCharacter *convai_client_get_character_finish (ConvaiClient            *self,
                                                     GAsyncResult            *result,
                                                     GError                  **error);

void convai_client_get_character_by_name_async (ConvaiClient            *self,
                                                const char              *name,
                                                GCancellable            *cancellable,
                                                GAsyncReadyCallback     callback,
                                                gpointer                user_data);
ConvaiCharacter *convai_client_get_character_by_name_finish (ConvaiClient            *self,
                                                             GAsyncResult            *result,
                                                             GError                  **error);

/* create character: the new character id; @actions may be NULL. */
void convai_client_create_character_async (ConvaiClient            *self,
                                           const char              *name,
                                           const char              *voice_type,
                                           const char              *backstory,
                                           const char * const      *actions,
                                           GCancellable            *cancellable,
                                           GAsyncReadyCallback     callback,
                                           gpointer                user_data);
char *convai_client_create_character_finish (ConvaiClient            *self,
                                             GAsyncResult            *result,
                                             GError                  **error);

void convai_client_update_character_async (ConvaiClient            *self,
                                           const char              *char_id,
                                           ConvaiCharacterPatch    *patch,
                                           GCancellable            *cancellable,
                                           GAsyncReadyCallback     callback,
                                           gpointer                user_data);
gboolean convai_client_update_character_finish (ConvaiClient            *self,
                                                GAsyncResult            *result,
                                                GError                  **error);

/* clone character: the clone's id. */
void convai_client_clone_character_async (ConvaiClient            *self,
                                          const char              *char_id,
                                          gboolean                with_kb,
                                          GCancellable            *cancellable,
                                          GAsyncReadyCallback     callback,
                                          gpointer                user_data);
char *convai_client_clone_character_finish (ConvaiClient            *self,
                                            GAsyncResult            *result,
                                            GError                  **error);

void convai_client_delete_character_async (ConvaiClient            *self,
                                           const char              *char_id,
                                           GCancellable            *cancellable,
                                           GAsyncReadyCallback     callback,
                                           gpointer                user_data);
gboolean convai_client_delete_character_finish (ConvaiClient            *self,
                                                GAsyncResult            *result,
                                                GError                  **error);

/* list voices: GListModel of ConvaiVoice (all of them: filter with convai_voice_is_production()). */
void convai_client_list_voices_async (ConvaiClient            *self,
                                      GCancellable            *cancellable,
                                      GAsyncReadyCallback     callback,
                                      gpointer                user_data);
GListModel *convai_client_list_voices_finish (ConvaiClient            *self,
                                              GAsyncResult            *result,
                                              GError                  **error);

/* list languages: GListModel of ConvaiLanguage. */
void convai_client_list_languages_async (ConvaiClient            *self,
                                         GCancellable            *cancellable,
                                         GAsyncReadyCallback     callback,
                                         gpointer                user_data);
GListModel *convai_client_list_languages_finish (ConvaiClient            *self,
                                                 GAsyncResult            *result,
                                                 GError                  **error);

/* get response: not streamed; see convai_client_stream_response(). */
void convai_client_get_response_async (ConvaiClient            *self,
                                       const ConvaiChatRequest *request,
                                       GCancellable            *cancellable,
                                       GAsyncReadyCallback     callback,
                                       gpointer                user_data);
ConvaiChatReply *convai_client_get_response_finish (ConvaiClient            *self,
                                                    GAsyncResult            *result,
                                                    GError                  **error);

/* generate starters: the suggestions (GStrv); @session_id NULL or "-1" for opening ones. */
void convai_client_generate_starters_async (ConvaiClient            *self,
                                            const char              *char_id,
                                            const char              *session_id,
                                            GCancellable            *cancellable,
                                            GAsyncReadyCallback     callback,
                                            gpointer                user_data);
char **convai_client_generate_starters_finish (ConvaiClient            *self,
                                               GAsyncResult            *result,
                                               GError                  **error);

/* generate backstory: the generated backstory. */
void convai_client_generate_backstory_async (ConvaiClient            *self,
                                             const char              *input_text,
                                             const char              *char_name,
                                             GCancellable            *cancellable,
                                             GAsyncReadyCallback     callback,
                                             gpointer                user_data);
char *convai_client_generate_backstory_finish (ConvaiClient            *self,
                                               GAsyncResult            *result,
                                               GError                  **error);

/* list sessions: GListModel of ConvaiSessionSummary; @limit -1 = all. */
void convai_client_list_sessions_async (ConvaiClient            *self,
                                        const char              *char_id,
                                        int                     limit,
                                        GCancellable            *cancellable,
                                        GAsyncReadyCallback     callback,
                                        gpointer                user_data);
GListModel *convai_client_list_sessions_finish (ConvaiClient            *self,
                                                GAsyncResult            *result,
                                                GError                  **error);

/* get session: GListModel of ConvaiInteraction. */
void convai_client_get_session_async (ConvaiClient            *self,
                                      const char              *char_id,
                                      const char              *session_id,
                                      GCancellable            *cancellable,
                                      GAsyncReadyCallback     callback,
                                      gpointer                user_data);
GListModel *convai_client_get_session_finish (ConvaiClient            *self,
                                              GAsyncResult            *result,
                                              GError                  **error);

void convai_client_delete_sessions_async (ConvaiClient            *self,
                                          const char              *char_id,
                                          const char * const      *session_ids,
                                          GCancellable            *cancellable,
                                          GAsyncReadyCallback     callback,
                                          gpointer                user_data);
gboolean convai_client_delete_sessions_finish (ConvaiClient            *self,
                                               GAsyncResult            *result,
                                               GError                  **error);

/* upload document: streamed from disk; @file_name NULL = the file's basename. */
void convai_client_upload_document_async (ConvaiClient            *self,
                                          GFile                   *file,
                                          const char              *file_name,
                                          GFileProgressCallback   progress,
                                          gpointer                progress_data,
                                          GCancellable            *cancellable,
                                          GAsyncReadyCallback     callback,
                                          gpointer                user_data);
ConvaiKnowledgeDoc *convai_client_upload_document_finish (ConvaiClient            *self,
                                                          GAsyncResult            *result,
                                                          GError                  **error);

/* update document: a new version of the document. */
void convai_client_update_document_async (ConvaiClient            *self,
                                          const char              *doc_id,
                                          GFile                   *file,
                                          GFileProgressCallback   progress,
                                          gpointer                progress_data,
                                          GCancellable            *cancellable,
                                          GAsyncReadyCallback     callback,
                                          gpointer                user_data);
ConvaiKnowledgeDoc *convai_client_update_document_finish (ConvaiClient            *self,
                                                          GAsyncResult            *result,
                                                          GError                  **error);

/* list documents: GListModel of ConvaiKnowledgeDoc. */
void convai_client_list_documents_async (ConvaiClient            *self,
                                         const char              *char_id,
                                         GCancellable            *cancellable,
                                         GAsyncReadyCallback     callback,
                                         gpointer                user_data);
GListModel *convai_client_list_documents_finish (ConvaiClient            *self,
                                                 GAsyncResult            *result,
                                                 GError                  **error);

/* delete document: removes it from every character. */
void convai_client_delete_document_async (ConvaiClient            *self,
                                          const char              *doc_id,
                                          GCancellable            *cancellable,
                                          GAsyncReadyCallback     callback,
                                          gpointer                user_data);
gboolean convai_client_delete_document_finish (ConvaiClient            *self,
                                               GAsyncResult            *result,
                                               GError                  **error);

/* set document connected: through character/update `docs`. */
void convai_client_set_document_connected_async (ConvaiClient            *self,
                                                 const char              *char_id,
                                                 const char              *doc_id,
                                                 gboolean                connected,
                                                 GCancellable            *cancellable,
                                                 GAsyncReadyCallback     callback,
                                                 gpointer                user_data);
gboolean convai_client_set_document_connected_finish (ConvaiClient            *self,
                                                      GAsyncResult            *result,
                                                      GError                  **error);

void convai_client_get_usage_async (ConvaiClient            *self,
                                    GCancellable            *cancellable,
                                    GAsyncReadyCallback     callback,
                                    gpointer                user_data);
ConvaiUsage *convai_client_get_usage_finish (ConvaiClient            *self,
                                             GAsyncResult            *result,
                                             GError                  **error);

G_END_DECLS
