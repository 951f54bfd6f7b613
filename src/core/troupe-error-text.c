/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "troupe-error-text"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <convai.h>

#include "troupe-error-text.h"

static const char *
advice_for (const GError *error)
{
  if (error->domain != CONVAI_ERROR)
    return _("Try again.");

  switch ((ConvaiError) error->code)
    {
    case CONVAI_ERROR_UNAUTHORIZED:
      return _("Check the API key in Preferences; most of the Convai API also needs a Professional plan or higher.");
    case CONVAI_ERROR_FORBIDDEN:
      return _("Your Convai plan may not include this; most of the Convai API needs a Professional plan or higher.");
    case CONVAI_ERROR_NOT_FOUND:
      return _("It may have been deleted elsewhere; reload the list.");
    case CONVAI_ERROR_BAD_REQUEST:
      return _("Check what you entered and try again.");
    case CONVAI_ERROR_RATE_LIMITED:
      return _("Wait a moment, then try again.");
    case CONVAI_ERROR_SERVER:
      return _("The server had a problem; try again in a moment.");
    case CONVAI_ERROR_PROTOCOL:
      return _("The reply was not understood; check the API URL in Preferences.");
    case CONVAI_ERROR_NETWORK:
      return _("Check the connection, then try again.");
    default:
      return _("Try again.");
    }
}

char *
troupe_error_text (const char   *failed,
                   const GError *error)
{
  g_autofree char *words = NULL;

  g_return_val_if_fail (failed != NULL, NULL);
  g_return_val_if_fail (error != NULL, NULL);

  words = g_strstrip (g_strdup (error->message));
  if (*words == '\0')
    {
      g_free (words);
      words = g_strdup (_("No reason was given."));
    }
  else if (strchr (".!?", words[strlen (words) - 1]) == NULL)
    {
      char *sentence = g_strconcat (words, ".", NULL);

      g_free (words);
      words = sentence;
    }
  /* TRANSLATORS: what failed, the server's words, what to do. */
  return g_strdup_printf (_("%s: %s %s"), failed, words, advice_for (error));
}
