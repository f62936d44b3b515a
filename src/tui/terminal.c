/* The terminal: checked before curses starts, set up, and restored on every
 * way out. */
#include "terminal.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "app.h"

#include <term.h> /* after the others: it defines macros such as `lines` */

static bool curses_active;

/* Safety net for exit paths that skip the normal restore. */
void terminal_restore(void)
{
    if (curses_active) {
        endwin();
        curses_active = false;
    }
}

/* A pty whose other end closed (tmux killed, ssh dropped) makes every read
 * fail at once; without this check the loop would spin at full CPU forever
 * when no SIGHUP reaches us. */
bool terminal_gone(void)
{
    struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};
    return poll(&p, 1, 0) < 0 || (p.revents & (POLLHUP | POLLERR | POLLNVAL));
}

/* newterm rather than initscr: it returns NULL on a bad TERM instead of
 * exiting. The frame benchmark and the screen dumps draw to /dev/null (size
 * from LINES and COLUMNS): the one times rnnstep, not the terminal, the other
 * does not depend on the terminal it runs in. */
/* Looks TERM up before curses starts: newterm leaks its set-up when the type
 * is unknown, and a terminal without cursor addressing (TERM=dumb) would get
 * every frame appended as lines of text. */
static bool terminal_usable(char *err, size_t cap)
{
    const char *term = getenv("TERM");
    int status;
    if (!term || !*term) {
        snprintf(err, cap, "TERM is not set: the visualiser needs the terminal type (or --batch)");
        return false;
    }
    if (setupterm(term, STDOUT_FILENO, &status) != OK) {
        snprintf(err, cap, "TERM=%s: unknown terminal type (try TERM=xterm, or --batch)", term);
        return false;
    }
    const char *cup = tigetstr("cup");
    bool ok = cup && cup != (const char *)-1;
    del_curterm(cur_term);
    if (!ok)
        snprintf(err, cap, "TERM=%s cannot move the cursor as the visualiser needs (or --batch)",
                 term);
    return ok;
}

bool terminal_start(struct tui *t, bool headless, char *err, size_t cap)
{
    if (!terminal_usable(err, cap))
        return false;
    FILE *out = headless ? fopen("/dev/null", "w") : stdout;
    if (!out || !newterm(NULL, out, stdin))
        return false; /* out of memory: err says so */
    curses_active = true;
    cbreak();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    curs_set(0);
    set_escdelay(25);
    theme_init_colours(&t->th, t->o->theme);
    theme_paint(&t->th, stdscr); /* "terminal too small" */
    return true;
}
