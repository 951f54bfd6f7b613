/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "convai.h"

G_BEGIN_DECLS

/* Two exchanges, the second a trigger whose user message is empty: the
 * transcript tests of the common export and of the CLI's terminal view
 * read the same session. */
GListModel *troupe_test_sample_interactions (void);

G_END_DECLS
