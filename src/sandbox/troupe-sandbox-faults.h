/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* Fault injection, switched on only from the command line, so tests can
 * see how a client copes with a slow, failing or rude server. */
typedef struct
{
  guint       delay_ms;          /* --fault-delay-ms: before every reply */
  GHashTable *status_always;     /* --fault-status: path -> HTTP status */
  GHashTable *status_once;       /* --fault-status-once: consumed on use */
  guint       retry_after;       /* --fault-retry-after, on 429/503 */
  int         cut_stream_after;  /* --fault-cut-stream: events, or -1 */
  int         malformed_word;    /* --fault-malformed-event: before this word of a reply, or -1 */
  GHashTable *garbage;           /* --fault-garbage: paths */
  guint       processing_ms;     /* --fault-processing-ms: a slow, strict knowledge bank */
  gboolean    partial_history;   /* --fault-partial-history: every third history entry malformed */
} TroupeSandboxFaults;

TroupeSandboxFaults *troupe_sandbox_faults_new        (void);
void                 troupe_sandbox_faults_free       (TroupeSandboxFaults *self);

/* Parses "PATH:CODE" (PATH with or without its leading slash). */
gboolean             troupe_sandbox_faults_add_status (TroupeSandboxFaults *self,
                                                       const char          *spec,
                                                       gboolean             once,
                                                       GError             **error);
void                 troupe_sandbox_faults_add_garbage (TroupeSandboxFaults *self,
                                                        const char          *path);

/* Answers the message with an injected status or garbage when one is set
 * for `path`; TRUE when it did. */
gboolean             troupe_sandbox_faults_answer     (TroupeSandboxFaults *self,
                                                       SoupServerMessage   *msg,
                                                       const char          *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TroupeSandboxFaults, troupe_sandbox_faults_free)

G_END_DECLS
