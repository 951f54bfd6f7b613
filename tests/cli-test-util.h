/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "troupe-test-sandbox.h"

G_BEGIN_DECLS

/* troupe-cli as a child process: what it printed and how it exited. */
typedef struct
{
  int   status;
  char *out;
  char *err;
} CliRun;

void      cli_run_clear (CliRun *run);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliRun, cli_run_clear)

/* Runs troupe-cli with @args against @url with @key in the environment
 * (CONVAI_API_URL, CONVAI_API_KEY), feeding @input on stdin. No keyring,
 * no proxy. Output that is not UTF-8 is kept byte for byte. */
void      run_cli_at    (CliRun             *run,
                         const char         *url,
                         const char         *key,
                         const char         *input,
                         const char * const *args);
/* The same against @sandbox (NULL: a loopback port nobody serves, and no
 * key unless @key), with @key or the sandbox's. */
void      run_cli_full  (CliRun             *run,
                         TroupeTestSandbox  *sandbox,
                         const char         *key,
                         const char         *input,
                         const char * const *args);

#define run_cli(run, sandbox, ...) \
  run_cli_full (run, sandbox, NULL, NULL, (const char * const[]) { __VA_ARGS__, NULL })

/* Exit 0, or fail showing what the command said. */
void      assert_ok     (const CliRun       *run);
JsonNode *parse_json    (const char         *text);
/* A file path in the test's own (isolated) cache folder. */
char     *scratch_path  (const char         *name);
char     *first_line    (const char         *text);
/* A port that was just free and now has no listener. */
guint16   closed_port   (void);

G_END_DECLS
