/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "convai-error.h"

G_DEFINE_QUARK (convai-error-quark, convai_error)
