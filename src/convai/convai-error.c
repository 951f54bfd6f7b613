/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "convai-error.h"
#include "convai-error-private.h"

typedef struct
{
  guint    status;
  guint    attempts;
  gboolean retry_safe;
  gboolean timed_out;
  gboolean cut;
} ConvaiErrorPrivate;

static void
convai_error_private_init (ConvaiErrorPrivate *priv)
{
}

static void
convai_error_private_copy (const ConvaiErrorPrivate *src,
                           ConvaiErrorPrivate       *dest)
{
  *dest = *src;
}

static void
convai_error_private_clear (ConvaiErrorPrivate *priv)
{
}

/* An extended domain, so the details travel with g_error_copy (). */
G_DEFINE_EXTENDED_ERROR (ConvaiError, convai_error)

static ConvaiErrorPrivate *
get_private (const GError *error)
{
  return error != NULL && error->domain == CONVAI_ERROR ? convai_error_get_private (error) : NULL;
}

guint
convai_error_get_status (const GError *error)
{
  ConvaiErrorPrivate *priv = get_private (error);

  return priv ? priv->status : 0;
}

guint
convai_error_get_attempts (const GError *error)
{
  ConvaiErrorPrivate *priv = get_private (error);

  return priv ? priv->attempts : 0;
}

gboolean
convai_error_get_retry_safe (const GError *error)
{
  ConvaiErrorPrivate *priv = get_private (error);

  return priv ? priv->retry_safe : FALSE;
}

gboolean
convai_error_is_timeout (const GError *error)
{
  ConvaiErrorPrivate *priv = get_private (error);

  return priv ? priv->timed_out : FALSE;
}

gboolean
convai_error_is_cut (const GError *error)
{
  ConvaiErrorPrivate *priv = get_private (error);

  return priv ? priv->cut : FALSE;
}

void
convai_error_set_status (GError *error,
                         guint   status)
{
  ConvaiErrorPrivate *priv = get_private (error);

  if (priv != NULL)
    priv->status = status;
}

void
convai_error_set_attempts (GError   *error,
                           guint     attempts,
                           gboolean  retry_safe)
{
  ConvaiErrorPrivate *priv = get_private (error);

  if (priv != NULL)
    {
      priv->attempts = attempts;
      priv->retry_safe = retry_safe;
    }
}

void
convai_error_set_timed_out (GError *error)
{
  ConvaiErrorPrivate *priv = get_private (error);

  if (priv != NULL)
    priv->timed_out = TRUE;
}

GError *
convai_error_new_cut (const char *detail)
{
  GError *error;

  if (detail != NULL)
    error = g_error_new (CONVAI_ERROR, CONVAI_ERROR_NETWORK,
                         "The connection was cut before the reply ended (%s)", detail);
  else
    error = g_error_new_literal (CONVAI_ERROR, CONVAI_ERROR_NETWORK,
                                 "The connection was cut before the reply ended");
  get_private (error)->cut = TRUE;
  return error;
}
