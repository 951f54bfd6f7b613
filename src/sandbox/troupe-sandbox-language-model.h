/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A small bigram language model (ARPA text format) built from the
 * character's own sentences plus everyday question patterns, so the
 * recogniser expects "tell me about the lighthouse" from a lighthouse
 * keeper. Words outside `dictionary` (the recogniser's pronouncing
 * dictionary) are left out. Pure. */
char *troupe_sandbox_language_model_build (GPtrArray  *sentences,
                                           GHashTable *dictionary);

G_END_DECLS
