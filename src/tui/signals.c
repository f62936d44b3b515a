/* The visualiser's terminating signals: the handler only records the signal;
 * long runs stop early and the main loop restores the terminal. */
#include "signals.h"

#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "rnnstep/atomic_file.h"

static volatile sig_atomic_t pending_signal;
static struct termios saved_termios; /* before curses changed it */
static bool termios_saved;

static void on_signal(int sig)
{
    pending_signal = sig;
}

/* The signals of a faulting instruction: returning from a handler would
 * run it again. */
static bool is_fault(int sig)
{
    return sig == SIGILL || sig == SIGTRAP || sig == SIGABRT || sig == SIGBUS || sig == SIGFPE ||
           sig == SIGSEGV || sig == SIGSYS;
}

/* A fault (or kill -SEGV) ends the process at once, so only what is safe in
 * a handler is done: the terminal modes of the start back (the screen may
 * keep the last frame), the unfinished files removed, then the default
 * death. */
static void on_fault(int sig)
{
    if (termios_saved)
        tcsetattr(STDIN_FILENO, TCSANOW, &saved_termios);
    rnn_atomic_remove_unfinished();
    raise(sig); /* SA_RESETHAND restored the default action */
}

static void install_fault_handler(void)
{
    termios_saved = tcgetattr(STDIN_FILENO, &saved_termios) == 0;
    struct sigaction sa = {.sa_handler = on_fault, .sa_flags = SA_RESETHAND};
    rnn_signals_terminating(&sa.sa_mask);
    for (int s = 1; s <= SIGRTMAX; s++)
        if (is_fault(s) && rnn_signal_at_default(s))
            sigaction(s, &sa, NULL);
}

void signals_install(void)
{
    install_fault_handler();
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; /* no SA_RESTART: a blocked getch returns at once */
    /* Ctrl-\ (SIGQUIT) is one slip away from Ctrl-Z; its default core dump,
     * like the default end of every other terminating signal (a kill -PIPE,
     * a real-time signal), would leave the terminal raw. XFSZ stays ignored
     * (main.c: a write past a size limit fails instead). A fault cannot be
     * resumed: it goes to on_fault. A signal the caller ignores (nohup's
     * HUP, a script's trap '' INT) stays ignored, as the shell's own
     * children keep it. */
    sigset_t ending;
    rnn_signals_terminating(&ending);
    for (int s = 1; s <= SIGRTMAX; s++)
        if (sigismember(&ending, s) == 1 && s != SIGXFSZ && !is_fault(s) &&
            rnn_signal_at_default(s))
            sigaction(s, &sa, NULL);
}

int signals_pending(void)
{
    return pending_signal;
}

void signals_raise(int sig)
{
    pending_signal = sig;
}

bool tui_interrupted(void)
{
    return pending_signal != 0;
}
