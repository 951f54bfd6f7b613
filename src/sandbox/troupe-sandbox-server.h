/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

#include "troupe-sandbox-faults.h"
#include "troupe-sandbox-limits.h"
#include "troupe-sandbox-listener.h"
#include "troupe-sandbox-request.h"
#include "troupe-sandbox-store.h"

G_BEGIN_DECLS

typedef struct _TroupeSandboxKnowledge TroupeSandboxKnowledge;

/* Handlers own nothing: the router keeps `request` alive for the call; an
 * asynchronous handler pauses the message and takes a reference. */
typedef void (*TroupeSandboxHandler) (TroupeSandboxRequest *request);

struct _TroupeSandboxServer
{
  SoupServer             *soup;
  TroupeSandboxListener  *listener;
  TroupeSandboxLimits     limits;
  TroupeSandboxStore     *store;
  TroupeSandboxFaults    *faults;
  TroupeSandboxKnowledge *knowledge;
  GHashTable             *routes;     /* "METHOD /path" -> handler */
  char                   *api_key;
  char                   *data_dir;
  char                   *base_url;
  guint16                 port;
  gint                    busy;       /* worker threads still running */
};

/* Opens the store in `data_dir`, listens on 127.0.0.1:`port` (0: any
 * free port) and registers every endpoint. */
TroupeSandboxServer *troupe_sandbox_server_new   (const char                 *data_dir,
                                                  const char                 *api_key,
                                                  guint16                     port,
                                                  const TroupeSandboxLimits  *limits,
                                                  TroupeSandboxFaults        *faults,
                                                  GError                    **error);
void                 troupe_sandbox_server_free  (TroupeSandboxServer  *self);

/* `path` ending in '/' matches every path below it. */
void                 troupe_sandbox_server_route (TroupeSandboxServer  *self,
                                                  const char           *method,
                                                  const char           *path,
                                                  TroupeSandboxHandler  handler);

/* g_task_run_in_thread(), counted: shutting down waits for these threads,
 * which use the store. */
void                 troupe_sandbox_server_run_in_thread (TroupeSandboxServer *self,
                                                          GTask               *task,
                                                          GTaskThreadFunc      func);

/* The uploaded-document folder, data-dir/kb. */
char                *troupe_sandbox_server_kb_dir (TroupeSandboxServer *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TroupeSandboxServer, troupe_sandbox_server_free)

G_END_DECLS
