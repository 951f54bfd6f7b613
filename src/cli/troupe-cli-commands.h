/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "troupe-cli-command.h"

G_BEGIN_DECLS

/* The entry point of each top-level command, one file each. */
void troupe_cli_characters_run (TroupeCli *cli, char **argv);
void troupe_cli_voices_run     (TroupeCli *cli, char **argv);
void troupe_cli_languages_run  (TroupeCli *cli, char **argv);
void troupe_cli_kb_run         (TroupeCli *cli, char **argv);
void troupe_cli_history_run    (TroupeCli *cli, char **argv);
void troupe_cli_chat_run       (TroupeCli *cli, char **argv);
void troupe_cli_starters_run   (TroupeCli *cli, char **argv);
void troupe_cli_backstory_run  (TroupeCli *cli, char **argv);
void troupe_cli_usage_run      (TroupeCli *cli, char **argv);

/* Parses argv, runs the command on a main loop, and gives the exit code. */
int  troupe_cli_main           (int        argc,
                                char     **argv);

G_END_DECLS
