/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libsoup sends a request body with g_output_stream_splice() from the body
 * stream into its SoupBodyOutputStream, which does not implement splice:
 * GOutputStream's default one copies 8 KiB at a time, one send(2) each,
 * 131,072 sends per GiB where curl makes 16,384. On loopback the kernel's
 * per-send work (and, in the sender's context, the receiver's) is most of
 * an upload's CPU. libsoup 3.2 has no knob for it, so the class's splice is
 * replaced by the same algorithm with a 64 KiB piece (curl's upload
 * buffer): every write still goes through libsoup's own write (its
 * Content-Length and chunked framing, its "wrote-data" progress), so
 * redirects, timeouts, caps, proxies and TLS stay libsoup's.
 *
 * The class is private to libsoup and registered on first use, so it is
 * caught as it initialises its GPollableOutputStream interface (a public
 * GType hook), and only patched while its splice is still GOutputStream's
 * default: a libsoup that brings its own is left alone. */
#include "convai-body-splice-private.h"

#include <gio/gio.h>
#include <string.h>

#define SOUP_BODY_OUTPUT_STREAM_NAME "SoupBodyOutputStream"
#define PIECE_SIZE                   (64 * 1024)

static gssize (*default_splice) (GOutputStream *, GInputStream *, GOutputStreamSpliceFlags,
                                 GCancellable *, GError **);

static gssize
body_splice (GOutputStream             *stream,
             GInputStream              *source,
             GOutputStreamSpliceFlags   flags,
             GCancellable              *cancellable,
             GError                   **error)
{
  GOutputStreamClass *klass = G_OUTPUT_STREAM_GET_CLASS (stream);
  g_autofree char *buffer = g_malloc (PIECE_SIZE);
  gsize copied = 0;
  gboolean ok = TRUE;

  while (ok)
    {
      gssize n_read = g_input_stream_read (source, buffer, PIECE_SIZE, cancellable, error);
      const char *p = buffer;

      if (n_read <= 0)
        {
          ok = n_read == 0;
          break;
        }
      while (n_read > 0)
        {
          /* Not g_output_stream_write(): the stream is marked pending by
           * the splice that called us, as GOutputStream's own splice does. */
          gssize n_written = klass->write_fn (stream, p, n_read, cancellable, error);

          if (n_written < 0)
            {
              ok = FALSE;
              break;
            }
          p += n_written;
          n_read -= n_written;
          copied = MIN (copied + n_written, G_MAXSSIZE);
        }
    }

  /* As GOutputStream's splice: the source's close errors do not matter,
   * the target's do, but never over an earlier error. */
  if (flags & G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE)
    g_input_stream_close (source, cancellable, NULL);
  if ((flags & G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET) && klass->close_fn != NULL
      && !klass->close_fn (stream, cancellable, ok ? error : NULL))
    ok = FALSE;
  return ok ? (gssize) copied : -1;
}

static void
patch_class (gpointer g_class)
{
  GOutputStreamClass *klass = g_class;

  if (klass->splice == default_splice)
    klass->splice = body_splice;
}

static void
interface_check (gpointer check_data,
                 gpointer g_iface)
{
  GTypeInterface *iface = g_iface;

  if (iface->g_type == G_TYPE_POLLABLE_OUTPUT_STREAM
      && strcmp (g_type_name (iface->g_instance_type), SOUP_BODY_OUTPUT_STREAM_NAME) == 0)
    {
      /* The class is initialising (its class_init has run): peek() does
       * not give it yet, a ref from inside its own initialisation does.
       * The reference is kept: libsoup's static type never goes away. */
      patch_class (g_type_class_ref (iface->g_instance_type));
    }
}

void
convai_body_splice_install (void)
{
  static gsize installed = 0;

  if (g_once_init_enter (&installed))
    {
      GOutputStreamClass *base = g_type_class_ref (G_TYPE_OUTPUT_STREAM);
      GType type;

      default_splice = base->splice;
      g_type_class_unref (base);
      type = g_type_from_name (SOUP_BODY_OUTPUT_STREAM_NAME);
      if (type != 0 && g_type_class_peek (type) != NULL)
        patch_class (g_type_class_peek (type));
      else
        g_type_add_interface_check (NULL, interface_check);
      g_once_init_leave (&installed, 1);
    }
}
