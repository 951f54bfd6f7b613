/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Plain-text helpers shared by indexing, retrieval and topics. Pure. */

/* Splits text into sentences, paragraph by paragraph: blank lines end a
 * paragraph, and `.`, `!`, `?` followed by a space end a sentence. Each
 * sentence is trimmed, with inner whitespace folded to single spaces. */
GPtrArray *troupe_sandbox_text_sentences  (const char *text);

/* Lower-case words (letters, digits, apostrophes), in order. */
GPtrArray *troupe_sandbox_text_words      (const char *text);

gboolean   troupe_sandbox_text_is_stopword (const char *word);

/* An FTS5 MATCH expression OR-ing the question's content words, each
 * quoted, or NULL when the question has none. */
char      *troupe_sandbox_text_fts_query  (const char *question);

/* The text of a Markdown or CSV document as plain prose: markup stripped,
 * CSV rows turned into "header: value" sentences. */
char      *troupe_sandbox_text_from_markdown (const char *markdown);
char      *troupe_sandbox_text_from_csv      (const char *csv);

G_END_DECLS
