#!/usr/bin/env python3
"""Turn a terminal capture with SGR colours (tmux capture-pane -e -p)
into an SVG: monospace text, foreground and background colours, bold,
one <text> a line and one <tspan> a run of equal style.

Usage: ansi2svg.py [--cols N] [--rows N] < capture > picture.svg

Standard library only, so that the screenshot can be made anywhere.
"""

import argparse
import re
import sys
from xml.sax.saxutils import escape

CELL_W = 8.4        # pixels a column
CELL_H = 17         # pixels a row
FONT_SIZE = 14
PAD = 8
DEFAULT_FG = "#d0d0d0"
DEFAULT_BG = "#1c1c1c"

# The xterm defaults of the first 16 colours.
BASE16 = [
    "#000000", "#cd0000", "#00cd00", "#cdcd00", "#0000ee", "#cd00cd",
    "#00cdcd", "#e5e5e5", "#7f7f7f", "#ff0000", "#00ff00", "#ffff00",
    "#5c5cff", "#ff00ff", "#00ffff", "#ffffff",
]

SGR = re.compile(r"\x1b\[([0-9;]*)m")
OTHER_ESC = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def palette(i):
    """The colour of entry i of the 256-colour palette."""
    if i < 16:
        return BASE16[i]
    if i < 232:
        levels = [0, 95, 135, 175, 215, 255]
        i -= 16
        r, g, b = levels[i // 36], levels[i // 6 % 6], levels[i % 6]
        return "#%02x%02x%02x" % (r, g, b)
    v = 8 + 10 * (i - 232)
    return "#%02x%02x%02x" % (v, v, v)


class Style:
    """The SGR state: colours as strings (None: default), attributes."""

    def __init__(self):
        self.reset()

    def reset(self):
        self.fg = None
        self.bg = None
        self.bold = False
        self.dim = False
        self.underline = False
        self.reverse = False

    def key(self):
        return (self.fg, self.bg, self.bold, self.dim, self.underline,
                self.reverse)

    def extended(self, codes, i):
        """38/48 ;5;N or ;2;R;G;B: the colour and the codes used."""
        if i + 1 < len(codes) and codes[i + 1] == 5 and i + 2 < len(codes):
            return palette(codes[i + 2] & 255), 3
        if i + 1 < len(codes) and codes[i + 1] == 2 and i + 4 < len(codes):
            r, g, b = (c & 255 for c in codes[i + 2:i + 5])
            return "#%02x%02x%02x" % (r, g, b), 5
        return None, len(codes)

    def apply(self, params):
        codes = [int(c) if c else 0 for c in params.split(";")] \
            if params else [0]
        i = 0
        while i < len(codes):
            c = codes[i]
            used = 1
            if c == 0:
                self.reset()
            elif c == 1:
                self.bold = True
            elif c == 2:
                self.dim = True
            elif c == 4:
                self.underline = True
            elif c == 7:
                self.reverse = True
            elif c == 22:
                self.bold = self.dim = False
            elif c == 24:
                self.underline = False
            elif c == 27:
                self.reverse = False
            elif 30 <= c <= 37:
                self.fg = palette(c - 30)
            elif 90 <= c <= 97:
                self.fg = palette(c - 90 + 8)
            elif 40 <= c <= 47:
                self.bg = palette(c - 40)
            elif 100 <= c <= 107:
                self.bg = palette(c - 100 + 8)
            elif c == 39:
                self.fg = None
            elif c == 49:
                self.bg = None
            elif c in (38, 48):
                colour, used = self.extended(codes, i)
                if c == 38:
                    self.fg = colour
                else:
                    self.bg = colour
            i += used


def runs(line, style):
    """Split one line into (column, text, style key) runs."""
    out = []
    col = 0
    pos = 0
    line = OTHER_ESC.sub(
        lambda m: m.group(0) if m.group(0).endswith("m") else "", line)
    for m in list(SGR.finditer(line)) + [None]:
        chunk = line[pos:m.start() if m else len(line)]
        if chunk:
            key = style.key()
            if out and out[-1][2] == key:
                out[-1] = (out[-1][0], out[-1][1] + chunk, key)
            else:
                out.append((col, chunk, key))
            col += len(chunk)
        if m:
            style.apply(m.group(1))
            pos = m.end()
    return out


def colours(key):
    """Foreground and background of a run, reverse applied."""
    fg, bg, bold, dim, underline, reverse = key
    fg = fg or DEFAULT_FG
    bg_shown = bg
    if reverse:
        fg, bg_shown = (bg or DEFAULT_BG), fg
    return fg, bg_shown


def render(lines, cols, rows):
    """The SVG document for the captured lines."""
    width = PAD * 2 + cols * CELL_W
    height = PAD * 2 + rows * CELL_H
    out = [
        '<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
        'viewBox="0 0 %d %d">' % (width, height, width, height),
        '<rect width="100%%" height="100%%" fill="%s"/>' % DEFAULT_BG,
        '<g font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" '
        'font-size="%d" xml:space="preserve">' % FONT_SIZE,
    ]
    style = Style()
    texts = []
    for row, line in enumerate(lines[:rows]):
        y = PAD + row * CELL_H
        spans = []
        for col, text, key in runs(line, style):
            fg, bg = colours(key)
            if bg is not None:
                out.append('<rect x="%.1f" y="%d" width="%.1f" height="%d" '
                           'fill="%s"/>' % (PAD + col * CELL_W, y,
                                            len(text) * CELL_W, CELL_H, bg))
            if not text.strip():
                continue
            attrs = 'x="%.1f" fill="%s"' % (PAD + col * CELL_W, fg)
            if key[2]:
                attrs += ' font-weight="bold"'
            if key[3]:
                attrs += ' fill-opacity="0.6"'
            if key[4]:
                attrs += ' text-decoration="underline"'
            spans.append('<tspan %s>%s</tspan>' % (attrs, escape(text)))
        if spans:
            texts.append('<text y="%d">%s</text>' % (y + CELL_H - 4,
                                                      "".join(spans)))
    out.extend(texts)
    out.append("</g>")
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cols", type=int, default=0)
    parser.add_argument("--rows", type=int, default=0)
    args = parser.parse_args()
    data = sys.stdin.buffer.read().decode("utf-8", "replace")
    lines = data.rstrip("\n").split("\n")
    plain = [SGR.sub("", line) for line in lines]
    cols = args.cols or max((len(p) for p in plain), default=80)
    rows = args.rows or len(lines)
    sys.stdout.write(render(lines, cols, rows))


if __name__ == "__main__":
    main()
