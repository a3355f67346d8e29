package org.condense.report;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import org.condense.UserException;
import org.condense.io.AtomicFiles;

/**
 * Writes a report folder: {@code report.md} with its PNGs in {@code img/}, and
 * {@code report.html}, self-contained (images embedded as data URIs) so it can be mailed or
 * attached as one file. Each file is written atomically.
 */
public final class ReportWriter {
    private static final MustacheFactory TEMPLATES = new DefaultMustacheFactory("org/condense/report");

    private ReportWriter() {}

    public static ReportViews.Report write(ReportBuilder.Inputs inputs, Path outDir) {
        ReportViews.Report report = new ReportBuilder(outDir.resolve("img")).build(inputs);
        try {
            AtomicFiles.writeString(outDir.resolve("report.md"), render("report.md.mustache", report));
            AtomicFiles.writeString(outDir.resolve("report.html"), render("report.html.mustache", report));
        } catch (IOException e) {
            throw new UserException("cannot write the report into " + outDir + ": " + e.getMessage());
        }
        return report;
    }

    static String render(String template, ReportViews.Report report) {
        Mustache m = TEMPLATES.compile(template);
        StringWriter out = new StringWriter();
        m.execute(out, report);
        return out.toString().replaceAll("\n{3,}", "\n\n");
    }
}
