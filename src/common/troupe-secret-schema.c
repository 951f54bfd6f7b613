/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "troupe-secret-schema"

#include "config.h"

#include "troupe-secret-schema.h"

const SecretSchema *
troupe_secret_schema (void)
{
  static const SecretSchema schema = {
    TROUPE_SECRET_SCHEMA_NAME, SECRET_SCHEMA_NONE,
    {
      { "base-url", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}
