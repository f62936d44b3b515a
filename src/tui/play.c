/* Autoplay: on and off, its speeds, and one tick of it. */
#include "app.h"

struct speed {
    int delay_ms;
    int epochs; /* 0: one micro-step per tick */
    const char *label;
};

static const struct speed speeds[] = {
    {1000, 0, "1 step/s"},    {500, 0, "2 steps/s"},      {250, 0, "4 steps/s"},
    {100, 0, "10 steps/s"},   {40, 0, "25 steps/s"},      {40, 1, "25 epochs/s"},
    {40, 10, "250 epochs/s"}, {40, 100, "2500 epochs/s"},
};
#define SPEED_COUNT ((int)(sizeof speeds / sizeof speeds[0]))

unsigned cmd_autoplay(struct tui *t, uint64_t n)
{
    (void)n;
    t->play.on = !t->play.on;
    return REACT_REFRESH;
}

static unsigned change_speed(struct tui *t, int delta)
{
    int s = t->play.speed + delta;
    t->play.speed = s < 0 ? 0 : s >= SPEED_COUNT ? SPEED_COUNT - 1 : s;
    /* Paused, the speed is for the next autoplay: say so, not "playing at". */
    tui_say(t, false, "autoplay speed: %s%s", speeds[t->play.speed].label,
            t->play.on ? "" : " when playing (paused: space plays)");
    return REACT_REFRESH;
}

unsigned cmd_faster(struct tui *t, uint64_t n)
{
    return change_speed(t, n > SPEED_COUNT ? SPEED_COUNT : (int)n);
}

unsigned cmd_slower(struct tui *t, uint64_t n)
{
    return change_speed(t, -(n > SPEED_COUNT ? SPEED_COUNT : (int)n));
}

unsigned tui_autoplay_tick(struct tui *t)
{
    const struct speed *s = &speeds[t->play.speed];
    if (s->epochs == 0)
        return cmd_step(t, 1);
    unsigned ev = 0;
    run_sliced(t, (uint64_t)s->epochs, run_stop_events(t), &ev);
    run_report_events(t, ev);
    return REACT_RECALC;
}

int tui_autoplay_delay(const struct tui *t)
{
    return speeds[t->play.speed].delay_ms;
}

const char *tui_autoplay_label(const struct tui *t)
{
    return speeds[t->play.speed].label;
}
