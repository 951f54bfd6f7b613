/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "troupe-history-index.h"

G_BEGIN_DECLS

/* Shared by the index's files (troupe-history-index.c: opening, writing;
 * troupe-history-index-search.c: reading back, searching). */
struct _TroupeHistoryIndex
{
  GObject  parent_instance;

  GFile   *file;
  GMutex   lock;   /* the connection is used by one worker at a time */
  sqlite3 *db;     /* opened by the first call */
  /* Searches have a connection of their own, so a search never waits for
   * a long transcript being written (WAL lets one read while the other
   * writes); one search at a time, and a cancelled one stops mid-query. */
  GMutex   search_lock;
  sqlite3 *search_db;
};

typedef struct
{
  char       *text;
  gboolean    is_trigger;
} Turn;

/* What a worker is asked to do. */
typedef struct
{
  char   *char_id;
  char   *char_name;
  char   *first_line;
  char   *transcript;   /* as troupe-cli's JSON export, for reading offline */
  char   *session_id;
  GPtrArray *items;     /* ConvaiInteraction, taken from the caller's model */
  char  **session_ids;  /* remove */
  gint64  date_us;
  GArray *turns;        /* Turn */
} Job;

void     troupe_history_index_job_free    (Job                 *job);
/* Opens the file, or makes it again when it is damaged or old; with the
 * lock held. */
gboolean troupe_history_index_ensure_open (TroupeHistoryIndex  *self,
                                           GError             **error);
gboolean troupe_history_index_exec        (sqlite3             *db,
                                           const char          *sql,
                                           GError             **error);

G_END_DECLS
