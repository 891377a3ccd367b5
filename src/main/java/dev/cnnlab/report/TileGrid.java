package dev.cnnlab.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Lays out equal-sized image tiles in rows under a title, each with a frame and up to two caption lines:
 * the common shape of the prediction grid, the filter tiles and the feature maps.
 *
 * @param title       the picture's title
 * @param subtitle    one line under the title saying how to read the tiles (may be empty)
 * @param tiles       the tiles, left to right, top to bottom
 * @param tileSize    side of a tile's image in pixels (images are scaled to it)
 * @param columns     tiles per row
 * @param captionLines caption lines under each tile (0, 1 or 2)
 */
public record TileGrid(String title, String subtitle, List<Tile> tiles, int tileSize, int columns,
                       int captionLines) {
    private static final int MARGIN = 16;
    private static final int GAP = 10;
    private static final int FRAME = 3;
    private static final int LINE = 14;
    private static final int HEADER = 52;

    /**
     * One tile.
     *
     * @param image    the picture, scaled to the tile size with nearest-neighbour sampling
     * @param captions caption lines (fewer than the grid's caption lines leaves the rest blank)
     * @param accent   frame and caption colour, or null for a thin grey frame and dark text
     */
    public record Tile(BufferedImage image, List<String> captions, Color accent) {
    }

    /** Checks the layout. */
    public TileGrid {
        tiles = List.copyOf(tiles);
        if (tileSize < 1 || columns < 1 || captionLines < 0 || captionLines > 2) {
            throw new IllegalArgumentException("bad tile layout: size " + tileSize + ", " + columns + " columns, "
                    + captionLines + " caption lines");
        }
    }

    /**
     * Picks a column count that keeps a grid of {@code n} tiles about twice as wide as tall, the shape that
     * fits a report page, without wasting more than one partly filled row.
     *
     * @param n   number of tiles
     * @param max most columns wanted
     * @return columns, from 1 to {@code max}
     */
    public static int columnsFor(int n, int max) {
        if (n <= 0) {
            return 1;
        }
        int cols = (int) Math.ceil(Math.sqrt(2.0 * n));
        return Math.max(1, Math.min(Math.min(cols, max), n));
    }

    /** @return rows of tiles */
    public int rows() {
        return Math.max(1, (tiles.size() + columns - 1) / columns);
    }

    /** @return width of a cell: the tile with its frame */
    private int cell() {
        return tileSize + 2 * FRAME;
    }

    /** @return the picture's width in pixels: the tiles', or the title's if that is wider */
    public int width() {
        int text = Math.max(Pictures.textWidth(Pictures.TITLE, title), Pictures.textWidth(Pictures.LABEL, subtitle));
        return 2 * MARGIN + Math.max(text, columns * cell() + (columns - 1) * GAP);
    }

    /** @return the picture's height in pixels */
    public int height() {
        return HEADER + rows() * (cell() + captionLines * LINE) + (rows() - 1) * GAP + MARGIN;
    }

    /**
     * @param index a tile's index
     * @return the x pixel of the tile image's left edge (inside its frame)
     */
    public int tileX(int index) {
        return MARGIN + (index % columns) * (cell() + GAP) + FRAME;
    }

    /**
     * @param index a tile's index
     * @return the y pixel of the tile image's top edge (inside its frame)
     */
    public int tileY(int index) {
        return HEADER + (index / columns) * (cell() + captionLines * LINE + GAP) + FRAME;
    }

    /** @return the picture */
    public BufferedImage render() {
        BufferedImage out = Pictures.canvas(width(), height());
        Graphics2D g = Pictures.graphics(out);
        g.setColor(Palette.INK);
        g.setFont(Pictures.TITLE);
        g.drawString(title, MARGIN, 24);
        g.setFont(Pictures.LABEL);
        g.setColor(Palette.MUTED);
        g.drawString(subtitle, MARGIN, 42);
        g.setFont(Pictures.SMALL);
        FontMetrics fm = g.getFontMetrics();
        for (int i = 0; i < tiles.size(); i++) {
            Tile t = tiles.get(i);
            int x = tileX(i);
            int y = tileY(i);
            g.drawImage(Pictures.scaleNearest(t.image(), tileSize, tileSize), x, y, null);
            if (t.accent() != null) {
                g.setColor(t.accent());
                g.setStroke(new BasicStroke(FRAME));
                g.drawRect(x - FRAME + 1, y - FRAME + 1, tileSize + FRAME, tileSize + FRAME);
            } else {
                g.setColor(Palette.MUTED);
                g.setStroke(new BasicStroke(1));
                g.drawRect(x - 1, y - 1, tileSize + 1, tileSize + 1);
            }
            g.setColor(t.accent() != null ? t.accent() : Palette.INK);
            for (int line = 0; line < Math.min(captionLines, t.captions().size()); line++) {
                String text = fit(t.captions().get(line), fm, cell());
                int tx = x - FRAME + (cell() - fm.stringWidth(text)) / 2;
                g.drawString(text, tx, y + tileSize + FRAME + (line + 1) * LINE - 2);
            }
        }
        g.dispose();
        return out;
    }

    /** Cuts a caption to the cell's width with an ellipsis, so long class names never overlap a neighbour. */
    private static String fit(String text, FontMetrics fm, int width) {
        if (fm.stringWidth(text) <= width) {
            return text;
        }
        String s = text;
        while (!s.isEmpty() && fm.stringWidth(s + "…") > width) {
            s = s.substring(0, s.length() - 1);
        }
        return s + "…";
    }
}
