package dev.cnnlab.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cnnlab.evaluation.EvaluationReport.ClassMetrics;
import dev.cnnlab.training.MetricsHistory.EpochMetrics;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The HTML of a run report: one self-contained page (pictures embedded as data URIs, styles inline) that
 * opens from a mail attachment or an archive as well as from the run directory.
 */
final class ReportPage {
    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;color:#222;margin:24px auto;max-width:1680px;padding:0 16px}
            h1{font-size:1.6em;margin-bottom:4px} h2{margin-top:36px;border-bottom:1px solid #ddd;padding-bottom:4px}
            .sub{color:#666;margin-top:0} .note{color:#666;font-size:.92em;max-width:900px}
            .cards{display:flex;gap:16px;flex-wrap:wrap;margin:16px 0}
            .card{border:1px solid #ddd;border-radius:6px;padding:10px 16px;min-width:150px}
            .card b{display:block;font-size:1.5em;color:#ff7f0e} .card span{color:#666;font-size:.9em}
            .figs{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}
            figure{margin:0;border:1px solid #eee;padding:6px} figure img{max-width:100%;height:auto;display:block}
            figcaption{color:#888;font-size:.85em;margin-top:4px}
            table{border-collapse:collapse;margin:8px 0;font-size:.92em} td,th{border:1px solid #ddd;padding:4px 10px;text-align:right}
            th{background:#f6f6f6} td:first-child,th:first-child{text-align:left}
            pre{background:#f6f6f6;padding:8px;overflow:auto;max-height:480px;font-size:.85em}
            .train{color:#1f77b4} .eval{color:#ff7f0e}
            """;

    private final RunFiles run;
    private final Map<String, byte[]> pictures;
    private final List<String> notes;
    private final StringBuilder html = new StringBuilder();

    /**
     * @param run      the run's files
     * @param pictures PNG bytes by file name
     * @param notes    parts left out and why
     */
    ReportPage(RunFiles run, Map<String, byte[]> pictures, List<String> notes) {
        this.run = run;
        this.pictures = pictures;
        this.notes = notes;
    }

    /** @return the whole page */
    String html() {
        JsonNode c = run.config();
        JsonNode e = run.evaluation();
        String name = run.dir().toAbsolutePath().normalize().getFileName().toString();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>cnnlab run ").append(esc(name)).append("</title><style>").append(CSS)
                .append("</style></head><body>\n");
        html.append("<h1>cnnlab run: ").append(esc(name)).append("</h1>\n<p class=\"sub\">")
                .append(esc(c.path("model").asText("?"))).append(" on ").append(esc(c.path("dataset").asText("?")))
                .append(", ").append(c.path("epochs").asInt()).append(" epoch(s), ")
                .append(String.format(Locale.ROOT, "%,d", c.path("train_images").asInt())).append(" training images, ")
                .append(String.format(Locale.ROOT, "%,d", c.path("parameters").asLong())).append(" parameters")
                .append(" &middot; report written ")
                .append(ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z")))
                .append("</p>\n");

        html.append("<div class=\"cards\">");
        card(pct(e.path("accuracy").asDouble(Double.NaN)), "test accuracy");
        if (e.has("top3_accuracy")) {
            card(pct(e.path("top3_accuracy").asDouble()), "top-3 accuracy");
        }
        card(String.format(Locale.ROOT, "%.4f", e.path("loss").asDouble(Double.NaN)), "test loss (cross-entropy)");
        card(String.format(Locale.ROOT, "%,d", e.path("images").asInt()), "test images");
        html.append("</div>\n");

        html.append("<h2>Learning</h2>\n<p class=\"note\">Colours: <span class=\"train\">training is blue</span>, "
                + "<span class=\"eval\">evaluation (").append(esc(evalSet())).append(" set) is orange</span>. "
                + "Training accuracy is measured after each epoch on a fixed sample of up to 1,000 training images, "
                + "with dropout off.</p>\n<div class=\"figs\">");
        figure("loss-iterations.png", "Training loss per iteration, raw and smoothed");
        figure("loss-epochs.png", "Loss per epoch, training and evaluation");
        figure("accuracy.png", "Accuracy per epoch");
        html.append("</div>\n");
        epochTable();

        html.append("<h2>Test results</h2>\n<div class=\"figs\">");
        figure("confusion.png", "Confusion matrix");
        figure("recall.png", "Recall per class");
        html.append("</div>\n");
        classTable();

        html.append("<h2>Predictions</h2>\n<div class=\"figs\">");
        figure("predictions.png", "Test images with true and predicted classes");
        figure("mistakes.png", "The surest mistakes");
        html.append("</div>\n");

        html.append("<h2>What the first layer learned</h2>\n<div class=\"figs\">");
        figure("filters.png", "First-layer convolution filters");
        html.append("</div>\n");

        configTable();
        if (!notes.isEmpty()) {
            html.append("<h2>Left out</h2>\n<ul>");
            notes.forEach(n -> html.append("<li>").append(esc(n)).append("</li>"));
            html.append("</ul>\n");
        }
        html.append("</body></html>\n");
        return html.toString();
    }

    private String evalSet() {
        return LossChart.evalSet(run.epochs());
    }

    private void card(String value, String label) {
        html.append("<div class=\"card\"><b>").append(esc(value)).append("</b><span>").append(esc(label))
                .append("</span></div>");
    }

    private void figure(String file, String alt) {
        byte[] png = pictures.get(file);
        if (png == null) {
            return;
        }
        html.append("<figure><img alt=\"").append(esc(alt)).append("\" src=\"").append(Pictures.dataUri(png))
                .append("\"><figcaption>").append(esc(file)).append("</figcaption></figure>");
    }

    private void epochTable() {
        html.append("<h3>Metrics per epoch</h3>\n<table><tr><th>epoch</th><th>training loss</th>"
                + "<th>training accuracy (sample)</th><th>")
                .append(esc(evalSet())).append(" loss</th><th>").append(esc(evalSet()))
                .append(" accuracy</th><th>training time (s)</th><th>images/s</th></tr>\n");
        for (EpochMetrics m : run.epochs()) {
            html.append(String.format(Locale.ROOT,
                    "<tr><td>%d</td><td>%.4f</td><td>%.2f%%</td><td>%.4f</td><td>%.2f%%</td><td>%.1f</td><td>%,.0f</td></tr>%n",
                    m.epoch(), m.trainLoss(), 100 * m.trainAccuracy(), m.evalLoss(), 100 * m.evalAccuracy(), m.seconds(), m.imagesPerSecond()));
        }
        html.append("</table>\n");
    }

    private void classTable() {
        html.append("<h3>Per class</h3>\n<table><tr><th>class</th><th>precision</th><th>recall</th><th>F1</th>"
                + "<th>images</th></tr>\n");
        for (ClassMetrics m : run.perClass()) {
            html.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%.4f</td><td>%.4f</td><td>%.4f</td><td>%d</td></tr>%n",
                    esc(m.name()), m.precision(), m.recall(), m.f1(), m.support()));
        }
        html.append("</table>\n");
    }

    private void configTable() {
        html.append("<h2>Configuration</h2>\n<table><tr><th>setting</th><th>value</th></tr>\n");
        Iterator<Map.Entry<String, JsonNode>> fields = run.config().fields();
        JsonNode network = null;
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (f.getKey().equals("network")) {
                network = f.getValue();
                continue;
            }
            String value = f.getValue().isValueNode() ? f.getValue().asText() : f.getValue().toString();
            html.append("<tr><td>").append(esc(f.getKey())).append("</td><td>").append(esc(value))
                    .append("</td></tr>\n");
        }
        html.append("</table>\n");
        if (network != null) {
            html.append("<details><summary>The network's DL4J configuration (JSON)</summary><pre>")
                    .append(esc(pretty(network))).append("</pre></details>\n");
        }
    }

    private static String pretty(JsonNode node) {
        try {
            return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            return node.toString();
        }
    }

    private static String pct(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f%%", 100 * v) : "n/a";
    }

    /** Escapes text for HTML: class names and paths are user data. */
    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(ch);
            }
        }
        return sb.toString();
    }
}
