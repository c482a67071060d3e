/* mml-util.c — small helpers shared by every layer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mml-util"

#include "config.h"

#include "mml-util.h"

/**
 * mml_default_db_path:
 *
 * Returns: (transfer full): `$MML_DB` when set, else
 *   `$XDG_DATA_HOME/my-media-library/library.db`.
 */
char *
mml_default_db_path (void)
{
  const char *env = g_getenv ("MML_DB");

  if (env != NULL && *env != '\0')
    return g_strdup (env);

  return g_build_filename (g_get_user_data_dir (), "my-media-library", "library.db", NULL);
}

/**
 * mml_json_append_string:
 * @out: the string to append to
 * @str: (nullable): bytes, not necessarily UTF-8
 * @len: length of @str or -1 when NUL-terminated
 *
 * Appends @str as a quoted JSON string; `null` when @str is %NULL.
 * Bytes that are not valid UTF-8 become U+FFFD so the output is always
 * valid JSON, whatever a file name holds.
 */
void
mml_json_append_string (GString    *out,
                        const char *str,
                        gssize      len)
{
  const char *p, *end;

  if (str == NULL)
    {
      g_string_append (out, "null");
      return;
    }

  if (len < 0)
    len = strlen (str);

  p = str;
  end = str + len;
  g_string_append_c (out, '"');

  while (p < end)
    {
      guchar c = (guchar) *p;

      if (c < 0x80)
        {
          switch (c)
            {
            case '"':  g_string_append (out, "\\\""); break;
            case '\\': g_string_append (out, "\\\\"); break;
            case '\n': g_string_append (out, "\\n"); break;
            case '\r': g_string_append (out, "\\r"); break;
            case '\t': g_string_append (out, "\\t"); break;
            default:
              if (c < 0x20 || c == 0x7f)
                g_string_append_printf (out, "\\u%04x", c);
              else
                g_string_append_c (out, (char) c);
            }
          p++;
        }
      else
        {
          gunichar ch = g_utf8_get_char_validated (p, end - p);

          if (ch != (gunichar) -1 && ch != (gunichar) -2)
            {
              const char *next = g_utf8_next_char (p);

              g_string_append_len (out, p, next - p);
              p = next;
              continue;
            }

          g_string_append (out, "\xef\xbf\xbd");   /* U+FFFD */
          p++;
        }
    }

  g_string_append_c (out, '"');
}

struct _MmlSyncWait
{
  GMainContext *context;
  GAsyncResult *result;
  gboolean      pushed;     /* a private context of ours */
  gboolean      acquired;   /* the caller's pushed context, reused */
};

/* A context the caller pushed (the CLI pushes one for the whole command)
 * is reused, so that objects created under it — an HTTP session's timers,
 * a signal handler — keep running while we wait. Otherwise (a worker
 * thread, a test) the wait gets a private context of its own and never
 * runs anybody else's sources. */
MmlSyncWait *
mml_sync_wait_new (void)
{
  MmlSyncWait *wait = g_new0 (MmlSyncWait, 1);
  GMainContext *current = g_main_context_get_thread_default ();

  if (current != NULL && g_main_context_acquire (current))
    {
      wait->context = g_main_context_ref (current);
      wait->acquired = TRUE;
      return wait;
    }

  wait->context = g_main_context_new ();
  g_main_context_push_thread_default (wait->context);
  wait->pushed = TRUE;

  return wait;
}

void
mml_sync_wait_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  MmlSyncWait *wait = user_data;

  g_assert (wait->result == NULL);
  wait->result = g_object_ref (result);
}

/**
 * mml_sync_wait_run:
 *
 * Iterates the private context until the call completes.
 *
 * Returns: (transfer none): the result, owned by @wait
 */
GAsyncResult *
mml_sync_wait_run (MmlSyncWait *wait)
{
  while (wait->result == NULL)
    g_main_context_iteration (wait->context, TRUE);

  return wait->result;
}

void
mml_sync_wait_free (MmlSyncWait *wait)
{
  if (wait == NULL)
    return;

  if (wait->pushed)
    g_main_context_pop_thread_default (wait->context);
  if (wait->acquired)
    g_main_context_release (wait->context);
  g_clear_object (&wait->result);
  g_main_context_unref (wait->context);
  g_free (wait);
}

void
mml_context_post (GMainContext   *context,
                  int             priority,
                  GSourceFunc     func,
                  gpointer        data,
                  GDestroyNotify  destroy)
{
  GSource *source = g_idle_source_new ();

  g_source_set_priority (source, priority);
  g_source_set_callback (source, func, data, destroy);
  g_source_set_static_name (source, "[mml] posted");
  g_source_attach (source, context);
  g_source_unref (source);
}
