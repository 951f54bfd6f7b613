/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "troupe-cli-commands.h"

int
main (int    argc,
      char **argv)
{
  return troupe_cli_main (argc, argv);
}
