/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "mml-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MmlApplication) app = NULL;
  const char *localedir;

  /* MML_LOCALEDIR lets the tests (and an uninstalled build) use the
   * translations compiled into the build tree. */
  localedir = g_getenv ("MML_LOCALEDIR");
  if (localedir == NULL || *localedir == '\0')
    localedir = LOCALEDIR;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("My Media Library"));

  app = mml_application_new (APP_ID, G_APPLICATION_DEFAULT_FLAGS);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
