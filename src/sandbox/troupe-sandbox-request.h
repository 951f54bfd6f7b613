/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct _TroupeSandboxServer TroupeSandboxServer;

/* One decoded request: its fields, whatever the body's encoding (JSON,
 * urlencoded form or multipart), and the uploaded file part if any. */
typedef struct
{
  TroupeSandboxServer *server;
  SoupServerMessage   *msg;
  char                *path;
  GHashTable          *fields;     /* name -> string, scalars only */
  JsonObject          *json;       /* the body, when it was JSON */
  GBytes              *file;       /* the "file" part, when multipart */
  char                *file_name;  /* its filename= parameter */
  char                *file_path;  /* or the part on disk, for uploads: removed
                                    * with the request unless taken */
  gint64               file_size;
} TroupeSandboxRequest;

/* Decodes the body (reference counted: asynchronous handlers keep it). FALSE, with a message for a 400, when it does not
 * parse. */
TroupeSandboxRequest *troupe_sandbox_request_new   (TroupeSandboxServer  *server,
                                                    SoupServerMessage    *msg,
                                                    const char           *path,
                                                    char                **error_message);
/* The decoding itself, from the parts of a message (`msg` may be NULL):
 * what request_new() does, and what the fuzzer drives. `body` is
 * NUL-terminated past its size, as soup_message_body_flatten() leaves it:
 * libsoup's multipart parser reads it as a string. */
TroupeSandboxRequest *troupe_sandbox_request_decode (TroupeSandboxServer  *server,
                                                     SoupServerMessage    *msg,
                                                     const char           *path,
                                                     SoupMessageHeaders   *headers,
                                                     const char           *query,
                                                     GBytes               *body,
                                                     char                **error_message);
/* A request from an upload parsed as it arrived (see the spool): takes
 * `fields`, `file_path` and `file_name`. */
TroupeSandboxRequest *troupe_sandbox_request_new_from_parts (TroupeSandboxServer *server,
                                                             SoupServerMessage   *msg,
                                                             const char          *path,
                                                             GHashTable          *fields,
                                                             char                *file_path,
                                                             char                *file_name,
                                                             gint64               file_size);
TroupeSandboxRequest *troupe_sandbox_request_ref   (TroupeSandboxRequest *request);
void                  troupe_sandbox_request_unref (TroupeSandboxRequest *request);

/* A field as a string (JSON numbers and booleans are rendered), NULL when
 * absent or empty. */
const char           *troupe_sandbox_request_field (TroupeSandboxRequest *request,
                                                    const char           *name);
/* "True"/"true"/"1" are true, as Python clients send them. */
gboolean              troupe_sandbox_request_flag  (TroupeSandboxRequest *request,
                                                    const char           *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TroupeSandboxRequest, troupe_sandbox_request_unref)

G_END_DECLS
