/* bench-probe.c — how long a running My Media Library keeps its main loop
 * busy, measured from outside over D-Bus.
 *
 *   bench-probe APP_ID [INTERVAL_MS]
 *
 * Every INTERVAL_MS (default 20) it calls org.gtk.Actions.List on the
 * application's exported action group. GApplication answers those calls on
 * its main context, so a call's round trip is the time the UI thread took to
 * get to it: a long round trip is a frozen window. One call is in flight at a
 * time; while the UI is stuck, the pending call's round trip grows with it.
 *
 * Commands on stdin, one per line:
 *   phase NAME   start a new phase (figures are reported per phase)
 *   view NAME    activate the window's "view" action (dashboard, series, …)
 *   quit         (or end of input) print the figures and exit
 * Output, on stdout, one line per phase:
 *   {"phase": NAME, "calls": N, "median_ms": …, "p95_ms": …, "p99_ms": …,
 *    "max_ms": …, "over_100ms": N, "over_250ms": N}
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gio/gio.h>
#include <glib-unix.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct
{
  char   *name;
  GArray *rtts;   /* of double, ms */
} Phase;

typedef struct
{
  GDBusConnection *bus;
  char            *name;       /* the application's bus name */
  char            *path;       /* its object path */
  GMainLoop       *loop;
  GPtrArray       *phases;     /* of Phase */
  gint64           sent_at;    /* 0: no call in flight */
  GString         *input;
} Probe;

static void
phase_free (gpointer data)
{
  Phase *phase = data;

  g_free (phase->name);
  g_array_unref (phase->rtts);
  g_free (phase);
}

static void
phase_start (Probe      *probe,
             const char *name)
{
  Phase *phase = g_new0 (Phase, 1);

  phase->name = g_strdup (name);
  phase->rtts = g_array_new (FALSE, FALSE, sizeof (double));
  g_ptr_array_add (probe->phases, phase);
}

static int
cmp_double (gconstpointer a,
            gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
percentile (GArray *sorted,
            double  p)
{
  guint i;

  if (sorted->len == 0)
    return 0;
  i = (guint) (p * (sorted->len - 1) + 0.5);
  return g_array_index (sorted, double, MIN (i, sorted->len - 1));
}

static void
report (Probe *probe)
{
  for (guint i = 0; i < probe->phases->len; i++)
    {
      Phase *phase = g_ptr_array_index (probe->phases, i);
      guint over_100 = 0, over_250 = 0;

      g_array_sort (phase->rtts, cmp_double);
      for (guint k = 0; k < phase->rtts->len; k++)
        {
          double v = g_array_index (phase->rtts, double, k);

          over_100 += v > 100;
          over_250 += v > 250;
        }
      printf ("{\"phase\": \"%s\", \"calls\": %u, \"median_ms\": %.2f, \"p95_ms\": %.2f, "
              "\"p99_ms\": %.2f, \"max_ms\": %.2f, \"over_100ms\": %u, \"over_250ms\": %u}\n",
              phase->name, phase->rtts->len, percentile (phase->rtts, 0.5),
              percentile (phase->rtts, 0.95), percentile (phase->rtts, 0.99),
              phase->rtts->len ? g_array_index (phase->rtts, double, phase->rtts->len - 1) : 0.0,
              over_100, over_250);
    }
  fflush (stdout);
}

static void
list_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Probe *probe = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  double ms = (g_get_monotonic_time () - probe->sent_at) / 1000.0;

  probe->sent_at = 0;
  if ((reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error)) == NULL)
    return;   /* not up yet, or gone: not a measurement */
  if (probe->phases->len > 0)
    {
      Phase *phase = g_ptr_array_index (probe->phases, probe->phases->len - 1);

      g_array_append_val (phase->rtts, ms);
    }
}

static gboolean
tick_cb (gpointer user_data)
{
  Probe *probe = user_data;

  if (probe->sent_at != 0)
    return G_SOURCE_CONTINUE;
  probe->sent_at = g_get_monotonic_time ();
  g_dbus_connection_call (probe->bus, probe->name, probe->path, "org.gtk.Actions", "List",
                          NULL, G_VARIANT_TYPE ("(as)"), G_DBUS_CALL_FLAGS_NO_AUTO_START,
                          60000, NULL, list_done_cb, probe);
  return G_SOURCE_CONTINUE;
}

static void
activate_view (Probe      *probe,
               const char *view)
{
  g_autofree char *window = g_strconcat (probe->path, "/window/1", NULL);
  GVariantBuilder params;

  g_variant_builder_init (&params, G_VARIANT_TYPE ("av"));
  g_variant_builder_add (&params, "v", g_variant_new_string (view));
  g_dbus_connection_call (probe->bus, probe->name, window, "org.gtk.Actions", "Activate",
                          g_variant_new ("(sava{sv})", "view", &params, NULL),
                          NULL, G_DBUS_CALL_FLAGS_NO_AUTO_START, 60000, NULL, NULL, NULL);
}

static void
handle_line (Probe      *probe,
             const char *line)
{
  if (g_str_has_prefix (line, "phase "))
    phase_start (probe, line + 6);
  else if (g_str_has_prefix (line, "view "))
    activate_view (probe, line + 5);
  else if (g_str_equal (line, "quit"))
    g_main_loop_quit (probe->loop);
  else if (line[0] != '\0')
    g_printerr ("bench-probe: unknown command “%s”\n", line);
}

static gboolean
stdin_cb (int          fd,
          GIOCondition condition,
          gpointer     user_data)
{
  Probe *probe = user_data;
  char buf[512];
  gssize n = read (fd, buf, sizeof buf);
  char *nl;

  if (n <= 0)
    {
      g_main_loop_quit (probe->loop);
      return G_SOURCE_REMOVE;
    }
  g_string_append_len (probe->input, buf, n);
  while ((nl = strchr (probe->input->str, '\n')) != NULL)
    {
      g_autofree char *line = g_strndup (probe->input->str, nl - probe->input->str);

      g_string_erase (probe->input, 0, nl - probe->input->str + 1);
      handle_line (probe, g_strstrip (line));
    }
  return G_SOURCE_CONTINUE;
}

int
main (int    argc,
      char **argv)
{
  Probe probe = { 0 };
  g_autoptr(GError) error = NULL;
  guint interval = argc > 2 ? (guint) atoi (argv[2]) : 20;

  if (argc < 2 || interval == 0)
    {
      g_printerr ("usage: bench-probe APP_ID [INTERVAL_MS]\n");
      return 2;
    }
  if ((probe.bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error)) == NULL)
    {
      g_printerr ("bench-probe: no session bus: %s\n", error->message);
      return 1;
    }
  probe.name = g_strdup (argv[1]);
  probe.path = g_strconcat ("/", argv[1], NULL);
  g_strdelimit (probe.path, ".", '/');
  g_strdelimit (probe.path, "-", '_');
  probe.loop = g_main_loop_new (NULL, FALSE);
  probe.phases = g_ptr_array_new_with_free_func (phase_free);
  probe.input = g_string_new (NULL);
  phase_start (&probe, "start");

  g_timeout_add (interval, tick_cb, &probe);
  g_unix_fd_add (0, G_IO_IN | G_IO_HUP | G_IO_ERR, stdin_cb, &probe);
  g_main_loop_run (probe.loop);
  report (&probe);

  g_ptr_array_unref (probe.phases);
  g_string_free (probe.input, TRUE);
  g_main_loop_unref (probe.loop);
  g_free (probe.path);
  g_free (probe.name);
  g_object_unref (probe.bus);
  return 0;
}
