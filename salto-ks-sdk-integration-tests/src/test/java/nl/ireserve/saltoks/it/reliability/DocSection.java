package nl.ireserve.saltoks.it.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A generated section of {@code docs/reliability.md}, between {@code <!-- NAME:begin -->} and
 * {@code <!-- NAME:end -->}. Tests write what they measured under {@code target/reliability/} and
 * compare it with the committed document; {@code -Dsaltoks.updateDocs=true} rewrites the document.
 */
public final class DocSection {
  static final Path DOC = Path.of("..", "docs", "reliability.md");

  private DocSection() {}

  /** Writes the generated text and returns the committed one (or null when the section is missing). */
  public static String sync(String name, String generated) throws IOException {
    Path out = Path.of("target", "reliability", name + ".md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, generated, StandardCharsets.UTF_8);
    String begin = "<!-- " + name + ":begin -->\n";
    String end = "<!-- " + name + ":end -->";
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    int b = doc.indexOf(begin);
    int e = doc.indexOf(end);
    if (b < 0 || e < b) {
      return null;
    }
    String committed = doc.substring(b + begin.length(), e);
    if (Boolean.getBoolean("saltoks.updateDocs") && !committed.equals(generated)) {
      Files.writeString(DOC, doc.substring(0, b + begin.length()) + generated + doc.substring(e),
          StandardCharsets.UTF_8);
      return generated;
    }
    return committed;
  }
}
