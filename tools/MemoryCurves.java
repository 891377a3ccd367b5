import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws the per-epoch peak resident memory that tools/memory-per-epoch.sh writes, one curve per CSV file, into a PNG.
 *
 * <pre>
 *   java -cp target/cnnlab.jar tools/MemoryCurves.java OUT.png NAME=FILE.csv [NAME=FILE.csv ...]
 * </pre>
 */
public final class MemoryCurves {
    private MemoryCurves() {
    }

    /**
     * @param args the PNG to write, then one {@code NAME=FILE.csv} per curve
     * @throws Exception when a file cannot be read or written
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: java -cp target/cnnlab.jar tools/MemoryCurves.java OUT.png NAME=FILE.csv ...");
            System.exit(2);
        }
        XYChart chart = new XYChartBuilder().width(800).height(450).title("Peak resident memory per epoch")
                .xAxisTitle("epoch").yAxisTitle("MB").build();
        chart.getStyler().setYAxisMin(0.0);
        for (int i = 1; i < args.length; i++) {
            String[] nameFile = args[i].split("=", 2);
            if (nameFile.length != 2) {
                System.err.println("MemoryCurves: expected NAME=FILE.csv, got '" + args[i] + "'");
                System.exit(2);
            }
            List<Double> epochs = new ArrayList<>();
            List<Double> peaks = new ArrayList<>();
            for (String line : Files.readAllLines(Path.of(nameFile[1]))) {
                String[] cells = line.split(",");
                if (cells.length >= 2 && cells[0].matches("\\d+")) {
                    epochs.add(Double.parseDouble(cells[0]));
                    peaks.add(Double.parseDouble(cells[1]));
                }
            }
            chart.addSeries(nameFile[0], epochs, peaks).setMarker(SeriesMarkers.CIRCLE);
        }
        BitmapEncoder.saveBitmap(chart, args[0], BitmapEncoder.BitmapFormat.PNG);
        System.out.println("chart: " + args[0]);
    }
}
