package dev.cnnlab.docs;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The relative links of a Markdown file and whether they resolve: the file exists and, for {@code #anchor}
 * links into Markdown, a heading with that anchor (GitHub's rule) exists in it.
 */
final class MarkdownLinks {
    private static final Pattern INLINE = Pattern.compile("!?\\[[^\\]]*\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern REFERENCE = Pattern.compile("(?m)^\\s{0,3}\\[[^\\]]+\\]:\\s*<?(\\S+?)>?(?:\\s.*)?$");
    private static final Pattern HTML = Pattern.compile("(?:src|href)=\"([^\"]+)\"");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern HTML_ANCHOR = Pattern.compile("<a\\s+(?:id|name)=\"([^\"]+)\"");

    private MarkdownLinks() {
    }

    /**
     * @param file a Markdown file
     * @return one line per link that does not resolve, naming the file, the line and the link
     * @throws IOException when a file cannot be read
     */
    static List<String> brokenLinks(Path file) throws IOException {
        List<String> broken = new ArrayList<>();
        List<String> lines = proseLines(Files.readAllLines(file));
        for (int i = 0; i < lines.size(); i++) {
            for (String target : targets(lines.get(i))) {
                String problem = problem(file, target);
                if (problem != null) {
                    broken.add(shown(file) + ":" + (i + 1) + ": " + target + ": " + problem);
                }
            }
        }
        return broken;
    }

    /** The file as the checkout names it (README.md or docs/README.md), or its absolute path outside it. */
    static String shown(Path file) {
        Path checkout = Path.of("").toAbsolutePath();
        Path absolute = file.toAbsolutePath().normalize();
        return absolute.startsWith(checkout) ? checkout.relativize(absolute).toString() : absolute.toString();
    }

    private static List<String> targets(String line) {
        List<String> targets = new ArrayList<>();
        for (Pattern p : List.of(INLINE, REFERENCE, HTML)) {
            Matcher m = p.matcher(line);
            while (m.find()) {
                targets.add(m.group(1));
            }
        }
        return targets;
    }

    private static String problem(Path from, String target) throws IOException {
        if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
            return null; // https:, mailto: and the like: not checked offline
        }
        int hash = target.indexOf('#');
        String pathPart = URLDecoder.decode(hash >= 0 ? target.substring(0, hash) : target, StandardCharsets.UTF_8);
        String anchor = hash >= 0 ? target.substring(hash + 1) : null;
        Path resolved = pathPart.isEmpty() ? from : from.getParent().resolve(pathPart).normalize();
        if (!Files.exists(resolved)) {
            return "no such file";
        }
        if (anchor != null && !anchor.isEmpty() && resolved.toString().endsWith(".md")
                && !anchors(resolved).contains(anchor)) {
            return "no heading with this anchor in " + resolved.getFileName();
        }
        return null;
    }

    /**
     * @param file a Markdown file
     * @return the anchors GitHub gives its headings (with -1, -2 for repeats), and explicit HTML anchors
     * @throws IOException when the file cannot be read
     */
    static Set<String> anchors(Path file) throws IOException {
        Set<String> anchors = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        List<String> raw = Files.readAllLines(file);
        for (String line : raw) {
            Matcher a = HTML_ANCHOR.matcher(line);
            while (a.find()) {
                anchors.add(a.group(1));
            }
        }
        boolean[] code = inCodeBlocks(raw);
        for (int i = 0; i < raw.size(); i++) {
            // A heading keeps its code spans: GitHub's anchor for "### `catsdogs` (improved)" includes "catsdogs".
            Matcher m = HEADING.matcher(code[i] ? "" : raw.get(i));
            if (!m.matches()) {
                continue;
            }
            String slug = slug(m.group(1));
            int n = seen.merge(slug, 1, Integer::sum) - 1;
            anchors.add(n == 0 ? slug : slug + "-" + n);
        }
        return anchors;
    }

    /** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
    static String slug(String heading) {
        String text = heading.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1").replace("`", "");
        return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }

    /** The file's lines with fenced code blocks blanked and inline code spans removed (links there are text). */
    private static List<String> proseLines(List<String> lines) {
        boolean[] code = inCodeBlocks(lines);
        List<String> prose = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            prose.add(code[i] ? "" : lines.get(i).replaceAll("`[^`]*`", ""));
        }
        return prose;
    }

    /**
     * @param lines a Markdown file's lines
     * @return for each line, whether it is inside a fenced code block or is one of its fences
     */
    static boolean[] inCodeBlocks(List<String> lines) {
        boolean[] code = new boolean[lines.size()];
        boolean inFence = false;
        for (int i = 0; i < lines.size(); i++) {
            boolean fence = lines.get(i).stripLeading().startsWith("```");
            code[i] = inFence || fence;
            if (fence) {
                inFence = !inFence;
            }
        }
        return code;
    }
}
