/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "troupe-renderer-choice.h"

/* Without a GPU render node, GTK's GL renderer runs on Mesa's software
 * rasteriser (llvmpipe): it costs about 200 ms of start-up on a 2-core
 * machine and draws no faster than Cairo for a UI like ours. VMs, remote X
 * servers and Xvfb are such machines. GDK on X11 still opens GL to choose
 * its visual, loading Mesa and LLVM for nothing (about 60 ms here), so GL
 * is switched off as well; Troupe draws no GL content of its own. */
void
troupe_renderer_choose_for_machine (void)
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
