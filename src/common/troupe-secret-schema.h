/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsecret/secret.h>

G_BEGIN_DECLS

/* The keyring entry the API key is stored under, one per base URL (attribute
 * "base-url", spelled as troupe_api_url_normalize() gives it). The app writes
 * it and troupe-cli reads it. Its name and attributes are what finds keys
 * already stored: changing them loses every user's key. */
#define TROUPE_SECRET_SCHEMA_NAME "io.github.troupe.Troupe.ApiKey"
#define TROUPE_SECRET_SCHEMA      (troupe_secret_schema ())

const SecretSchema *troupe_secret_schema (void);

G_END_DECLS
