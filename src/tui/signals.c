/* The visualiser's terminating signals: the handler only records the signal;
 * long runs stop early and the main loop restores the terminal. */
#include "signals.h"

#include <signal.h>
#include <string.h>

static volatile sig_atomic_t pending_signal;

static void on_signal(int sig)
{
    pending_signal = sig;
}

void signals_install(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; /* no SA_RESTART: a blocked getch returns at once */
    /* Ctrl-\ (SIGQUIT) is one slip away from Ctrl-Z; its default core dump,
     * like the default end of the others, would leave the terminal raw. */
    static const int ending[] = {SIGINT,  SIGTERM, SIGHUP,    SIGQUIT, SIGUSR1,
                                 SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU};
    for (size_t i = 0; i < sizeof ending / sizeof ending[0]; i++)
        sigaction(ending[i], &sa, NULL);
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
