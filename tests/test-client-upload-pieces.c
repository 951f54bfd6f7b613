/* SPDX-License-Identifier: GPL-3.0-or-later */
/* How many send(2) calls a large upload costs. On loopback the kernel's
 * per-send work is most of an upload's CPU: GIO's generic splice sends 8 KiB
 * at a time (8,192 sends for 64 MiB), libconvai means 64 KiB pieces, as
 * curl's. The sends are counted by this binary's own send(), which the
 * dynamic linker prefers over libc's for GIO's calls: no strace, no private
 * header, and it sees every piece whatever the receiver's pace. */
#include "convai-test-util.h"

#include <libsoup/soup.h>

#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#define BODY_SIZE  (64 * 1024 * 1024)
#define GIO_PIECE  8192

static gint sends;       /* send() calls while counting */
static gint big_sends;   /* those asked to send more than GIO's 8 KiB */
static gint counting;

/* Every send of the process comes here; only the counters are this test's. */
ssize_t
send (int         fd,
      const void *buffer,
      size_t      length,
      int         flags)
{
  if (g_atomic_int_get (&counting))
    {
      g_atomic_int_inc (&sends);
      if (length > GIO_PIECE)
        g_atomic_int_inc (&big_sends);
    }
  return syscall (SYS_sendto, fd, buffer, length, flags, NULL, 0);
}

/* A body sent by plain libsoup, before any ConvaiClient exists: libsoup's
 * body stream class is then ready before libconvai looks for it. */
static void
send_body_with_libsoup (TroupeTestSandbox *sandbox)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strdup_printf ("%s/character/list", sandbox->base_url);
  g_autoptr(SoupMessage) message = soup_message_new ("POST", url);
  g_autoptr(GBytes) body = g_bytes_new_static ("a=b", 3);
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_set_request_body_from_bytes (message, "application/x-www-form-urlencoded", body);
  reply = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);
}

/* In a process of its own: which of libsoup and libconvai comes first is
 * decided once per process. */
static void
upload_and_count (gboolean libsoup_first)
{
  /* The sandbox's default upload cap is 256 MiB: room for this. */
  g_autoptr(TroupeTestSandbox) sandbox = troupe_test_sandbox_start (NULL);
  g_autoptr(ConvaiClient) client = NULL;
  g_autofree char *content = g_malloc (BODY_SIZE);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ConvaiKnowledgeDoc) doc = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;

  if (libsoup_first)
    send_body_with_libsoup (sandbox);
  client = convai_test_client_new (sandbox);
  for (gsize i = 0; i < BODY_SIZE; i++)
    content[i] = i % 64 == 63 ? '\n' : 'a' + i % 26;
  file = convai_test_write_file ("pieces.txt", content, BODY_SIZE);

  g_atomic_int_set (&counting, TRUE);
  convai_client_upload_document_async (client, file, NULL, NULL, NULL, NULL, convai_test_result_cb, &slot);
  result = convai_test_await (&slot);
  g_atomic_int_set (&counting, FALSE);
  doc = convai_client_upload_document_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (convai_knowledge_doc_get_file_size (doc), ==, BODY_SIZE);

  g_test_message ("%d sends for %d MiB, %d of them above %d bytes",
                  sends, BODY_SIZE >> 20, big_sends, GIO_PIECE);
  /* 64 KiB pieces are 1,024 sends; a send the socket takes only part of
   * adds one for the rest. GIO's 8 KiB would be 8,192, none of them big. */
  g_assert_cmpint (sends, <=, BODY_SIZE / GIO_PIECE / 4);
  g_assert_cmpint (big_sends, >=, BODY_SIZE / (64 * 1024) / 2);
}

static void
test_upload_pieces (gconstpointer data)
{
  gboolean libsoup_first = GPOINTER_TO_INT (data);

  if (g_test_subprocess ())
    {
      upload_and_count (libsoup_first);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_data_func ("/troupe/client-upload-pieces/64-mib", GINT_TO_POINTER (FALSE), test_upload_pieces);
  g_test_add_data_func ("/troupe/client-upload-pieces/64-mib-after-libsoup", GINT_TO_POINTER (TRUE),
                        test_upload_pieces);
  return g_test_run ();
}
