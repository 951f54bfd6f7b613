/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A hostile or strict stand-in server on 127.0.0.1, for what troupe-sandbox
 * will not do: redirect, cut a chunked body mid-event, answer garbage. It
 * runs in a thread of its own, so a test may block on a troupe-cli child
 * meanwhile. Every request gets the same raw reply (status line, headers,
 * body, exactly as given), then the connection is closed. Requests are
 * kept, head and body, for the test to look at. */
typedef struct _TroupeTestStub TroupeTestStub;

TroupeTestStub *troupe_test_stub_new          (const char     *raw_reply,
                                               gssize          len);
void            troupe_test_stub_free         (TroupeTestStub *self);
/* What the requests from now on are answered with. */
void            troupe_test_stub_set_reply    (TroupeTestStub *self,
                                               const char     *raw_reply,
                                               gssize          len);
/* "http://127.0.0.1:PORT" */
const char     *troupe_test_stub_get_url      (TroupeTestStub *self);
guint           troupe_test_stub_count_requests (TroupeTestStub *self);
/* Request @index as received: request line and headers, a blank line, the
 * body. */
char           *troupe_test_stub_dup_request  (TroupeTestStub *self,
                                               guint           index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TroupeTestStub, troupe_test_stub_free)

G_END_DECLS
