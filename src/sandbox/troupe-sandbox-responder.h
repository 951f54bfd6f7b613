/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "troupe-sandbox-store.h"

G_BEGIN_DECLS

/* The retrieval responder: answers a question with the most relevant
 * sentences (FTS5 bm25) of the character's backstory and of its connected,
 * available knowledge-bank documents, in the character's first person.
 * Deterministic: the same question over the same data gives the same
 * answer. It is a local stand-in, not a language model, and says so when
 * it has nothing relevant or is asked who it is. Thread-safe. */
char *troupe_sandbox_responder_reply (TroupeSandboxStore           *store,
                                      const TroupeSandboxCharacter *character,
                                      const char                   *question);

/* "Tell me more", "go on", "what else?" */
gboolean troupe_sandbox_responder_is_continuation (const char                   *text);

/* More on the session's last real question: its next most relevant
 * sentences that are not in `said` (what the character said since). */
char    *troupe_sandbox_responder_continue        (TroupeSandboxStore           *store,
                                                   const TroupeSandboxCharacter *character,
                                                   const char                   *previous_question,
                                                   const char                   *said);

G_END_DECLS
