/* rnnstep: parses the options, builds the session and hands it to the
 * visualiser or to batch mode. */
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "batch/batch.h"
#include "config.h"
#include "lesson.h"
#include "options.h"
#include "outputs.h"
#include "report.h"
#include "rnnstep/commit.h"
#include "rnnstep/version.h"
#include "session.h"
#include "tui/tui.h"
#include "worksheet.h"

/* The version, and the commit when built from a git checkout (so a bug report
 * names the exact source; a tarball build has no commit to name). */
static void print_version(void)
{
    if (*RNNSTEP_COMMIT)
        printf("rnnstep %s (commit %s)\n", RNNSTEP_VERSION, RNNSTEP_COMMIT);
    else
        printf("rnnstep %s\n", RNNSTEP_VERSION);
}

/* A lesson's settings made the session: its error names the lesson file and
 * the line of the setting. */
static void report_session_error(const struct lesson *l, const char *path, const char *err)
{
    int line = l ? lesson_setting_line(l, err) : 0;
    if (line)
        report_error("%s: line %d: %s", path, line, err);
    else if (l)
        report_error("%s: %s", path, err);
    else
        report_error("%s", err);
}

int main(int argc, char **argv)
{
    /* Past a file size limit, write() then fails with EFBIG and the output
     * file is reported and removed, instead of the process dying mid-write. */
    signal(SIGXFSZ, SIG_IGN);
    struct options o;
    char err[512];
    if (options_parse(argc, argv, &o, err, sizeof err) != 0) {
        report_error("%s (try 'rnnstep --help')", err);
        return 2;
    }
    if (o.help) {
        options_print_help();
        return 0;
    }
    if (o.version) {
        print_version();
        return 0;
    }
    struct lesson lesson = {0};
    if (o.lesson && lesson_load(o.lesson, &lesson, &o, err, sizeof err) != 0) {
        report_error("%s", err);
        return 2;
    }
    if (outputs_check(&o, o.save, err, sizeof err) != 0) {
        lesson_free(&lesson);
        report_error("%s", err);
        return 2;
    }
    bool tui = !o.batch && !o.gradcheck && !o.worksheet;
    struct config_choice theme; /* only the visualiser has a theme */
    if (tui && config_theme(o.theme, &theme, err, sizeof err) != 0) {
        fprintf(stderr, "rnnstep: %s\n", err);
        return 2;
    }
    o.theme = tui ? theme.value : NULL;
    if (tui && (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))) {
        lesson_free(&lesson);
        report_error("the visualiser needs a terminal on standard input and "
                     "output; use --batch for text output");
        return 2;
    }
    struct session s;
    if (session_open(&s, &o, err, sizeof err) != 0) {
        report_session_error(o.lesson ? &lesson : NULL, o.lesson, err);
        lesson_free(&lesson);
        return 2;
    }
    int rc = o.gradcheck   ? batch_gradcheck(&s)
             : o.worksheet ? worksheet_write(&s, &o)
             : o.batch     ? batch_run(&s, &o)
                           : tui_run(&s, &o, o.lesson ? &lesson : NULL);
    session_close(&s);
    lesson_free(&lesson);
    return rc;
}
