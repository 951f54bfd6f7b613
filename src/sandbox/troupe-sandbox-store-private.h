/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "troupe-sandbox-store.h"

G_BEGIN_DECLS

/* Shared by the store's files: one connection, one lock held by every
 * public call. */
struct _TroupeSandboxStore
{
  GMutex   lock;
  sqlite3 *db;
};

/* Small SQLite helpers; callers hold the lock. */
sqlite3_stmt *store_prepare     (TroupeSandboxStore *self,
                                 const char         *sql);
void          store_bind_text   (sqlite3_stmt       *stmt,
                                 int                 index,
                                 const char         *value);
char         *store_column_text (sqlite3_stmt       *stmt,
                                 int                 index);
gboolean      store_step_done   (TroupeSandboxStore *self,
                                 sqlite3_stmt       *stmt,
                                 GError            **error);
void          store_exec        (TroupeSandboxStore *self,
                                 const char         *sql);
/* Replaces the indexed sentences of `owner` ("char:<id>" or "doc:<id>"). */
void          store_index_text  (TroupeSandboxStore *self,
                                 const char         *owner,
                                 GPtrArray          *sentences);

G_END_DECLS
