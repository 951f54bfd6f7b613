/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "troupe-application.h"

/* Without a GPU render node, GTK's GL renderer runs on Mesa's software
 * rasteriser (llvmpipe): it costs about 200 ms of start-up on a 2-core
 * machine and draws no faster than Cairo for a UI like ours. VMs, remote X
 * servers and Xvfb are such machines. GDK on X11 still opens GL to choose
 * its visual, loading Mesa and LLVM for nothing (about 60 ms here), so GL
 * is switched off as well; Troupe draws no GL content of its own. A user's
 * own GSK_RENDERER or GDK_DEBUG wins. */
static void
prefer_cairo_without_gpu (void)
{
  g_autoptr(GDir) dri = NULL;
  const char *name;

  if (g_getenv ("GSK_RENDERER") != NULL)
    return;
  dri = g_dir_open ("/dev/dri", 0, NULL);
  while (dri != NULL && (name = g_dir_read_name (dri)) != NULL)
    {
      if (g_str_has_prefix (name, "renderD"))
        return;
    }
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GDK_DEBUG", "gl-disable", FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TroupeApplication) app = NULL;

  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  prefer_cairo_without_gpu ();
  app = troupe_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
