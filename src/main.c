/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "troupe-application.h"
#include "troupe-paint-memory.h"
#include "troupe-renderer-choice.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TroupeApplication) app = NULL;

  troupe_paint_memory_prefer_huge_pages (argv);
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  troupe_renderer_choose_for_machine ();
  app = troupe_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
