/* The mouse, where the terminal reports it: click to focus and select. */
#include "config.h"

#include "theme.h"
#include "ui.h"

/* Presses rather than clicks, so a click needs no release to count. */
void
mouse_enable(void)
{
	mmask_t want = BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED;

#ifdef BUTTON5_PRESSED
	want |= BUTTON5_PRESSED;
#endif
	if (mousemask(want, NULL) != 0)
		mouseinterval(0);
}

/* The pane drawn at (y, x), or -1 for the header, status line or none. */
static int
mouse_pane_at(const struct ui *ui, int y, int x)
{
	size_t i, n = ui_npanes < UI_PANES_MAX ? ui_npanes : UI_PANES_MAX;
	const struct pane_area *a;

	for (i = 0; i < n; i++) {
		a = &ui->areas[i];
		if (a->h > 0 && y >= a->y && y < a->y + a->h && x >= a->x &&
		    x < a->x + a->w)
			return (int)i;
	}
	return -1;
}

/* The wheel scrolls the pane under it as Up and Down would. */
static enum ui_action
mouse_wheel(struct ui *ui, int key)
{
	const struct key_binding *b = ui_panes[ui->focus].keys;
	size_t i;

	for (; b != NULL && b->fn != NULL; b++)
		for (i = 0; i < sizeof b->codes / sizeof b->codes[0] &&
		    b->codes[i] != 0; i++)
			if (b->codes[i] == key)
				return b->fn(ui);
	return UI_REDRAW;
}

/* Focus the pane under the pointer and let it select the row there. */
enum ui_action
mouse_event(struct ui *ui)
{
	MEVENT ev;
	int pane;

	if (getmouse(&ev) != OK || ui->view != UI_VIEW_MAIN)
		return UI_NONE;
	if ((pane = mouse_pane_at(ui, ev.y, ev.x)) == -1)
		return UI_NONE;
	ui->focus = (size_t)pane;
	if (ev.bstate & BUTTON4_PRESSED)
		return mouse_wheel(ui, KEY_UP);
#ifdef BUTTON5_PRESSED
	if (ev.bstate & BUTTON5_PRESSED)
		return mouse_wheel(ui, KEY_DOWN);
#endif
	if ((ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)) != 0 &&
	    ui_panes[pane].click != NULL)
		return ui_panes[pane].click(ui, &ui->areas[pane], ev.y);
	return UI_REDRAW;
}
